import { householdStatus } from '../domain';
import { codeOf, requiredText, z } from './zod';

/** Rosters of a whole township stay well under this; a bigger file is refused before it is read. */
export const MAX_IMPORT_FILE_BYTES = 40 * 1024 * 1024;
/** base64 grows a file by a third; the JSON around it is small. */
export const MAX_IMPORT_PAYLOAD_BYTES = Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 64 * 1024;

export const importFileInput = z.object({
  fileName: requiredText(200, '文件名'),
  /** The file's bytes, base64: "bytes in", so Electron and a browser send files the same way. */
  contentBase64: z
    .string({ error: '缺少文件内容' })
    .min(1, { error: '文件是空的' })
    .max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3), { error: '文件超过 40 MB，请分成几个文件导入' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不是有效的 base64 编码' }),
  /**
   * The status new households get when the file has no 户类型 column (the national exports have
   * none): the clerk says what the list is, e.g. 脱贫户.
   */
  defaultStatus: codeOf(householdStatus, '户类型').optional(),
});
export type ImportFileInput = z.input<typeof importFileInput>;

export const importStartInput = importFileInput.extend({
  /** false: a dry run that writes nothing; true: the real import. */
  commit: z.boolean({ error: '请说明是预检还是正式导入' }).default(false),
});

export const jobRef = z.object({ jobId: z.string({ error: '缺少任务编号' }).regex(/^[a-z0-9-]{1,40}$/, { error: '任务编号无效' }) });
