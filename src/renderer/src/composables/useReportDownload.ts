/**
 * The Excel and PDF buttons of a page that saves a generated file (月报, 红黑榜公示表, 干部红黑榜通报):
 * one file at a time, `downloading` says which is on its way, a refusal lands in `fileError`, and
 * the saved file is announced by name.
 */
import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import type { ReportFile } from '../../../shared/domain/report.types';
import type { Result } from '../../../shared/result';
import { downloadBase64 } from '../import-file';

export const REPORT_FILE_KINDS = {
  xlsx: { what: 'Excel', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pdf: { what: 'PDF', type: 'application/pdf' },
} as const;
export type ReportFileKind = keyof typeof REPORT_FILE_KINDS;

/**
 * `what` names the file in a refusal (「没有生成通报 Excel：…」); `request` asks the core for the
 * file, or gives null when there is nothing to ask for yet (no village chosen, the list not
 * publicised), and then nothing happens.
 */
export function useReportDownload(what: string, request: (kind: ReportFileKind) => Promise<Result<ReportFile>> | null) {
  const downloading = ref<ReportFileKind | null>(null);
  const fileError = ref<string | null>(null);

  async function download(kind: ReportFileKind): Promise<void> {
    if (downloading.value) return;
    const answer = request(kind);
    if (!answer) return;
    downloading.value = kind;
    fileError.value = null;
    try {
      const result = await answer;
      if (!result.ok) {
        fileError.value = `没有生成${what} ${REPORT_FILE_KINDS[kind].what}：${result.error.message}`;
        return;
      }
      downloadBase64(result.data.fileName, result.data.contentBase64, REPORT_FILE_KINDS[kind].type);
      ElMessage.success({ message: `“${result.data.fileName}”已开始下载`, duration: 4000 });
    } finally {
      downloading.value = null;
    }
  }

  return { downloading, fileError, download };
}
