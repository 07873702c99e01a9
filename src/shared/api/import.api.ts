import type { ImportPreview, ImportResult } from '../domain/import.types';
import type { LedgerJob } from '../domain/job.types';
import type { JobView } from '../domain/job.types';
import { importFileInput, importStartInput, jobRef, MAX_IMPORT_PAYLOAD_BYTES } from '../schemas/import.schema';
import { fileMethod, read } from './method';

export const importApi = {
  'import:preview': fileMethod<ImportPreview>(false, MAX_IMPORT_PAYLOAD_BYTES)(importFileInput, '导入预检：识别表头、逐行核对，不写入台账'),
  'import:commit': fileMethod<ImportResult>(true, MAX_IMPORT_PAYLOAD_BYTES)(importFileInput, '正式导入：新户和有变化的户一次写入台账，未导入的行返回错误工作簿'),
  'import:start': fileMethod<{ jobId: string }>(true, MAX_IMPORT_PAYLOAD_BYTES)(importStartInput, '在后台预检或导入一个文件，返回任务编号，用“job:get”看进度'),
  'job:get': read<LedgerJob>()(jobRef, '查看后台任务的进度和结果'),
  // Cancelling changes no record (a cancelled import rolls back), so it passes while an import holds the registry.
  'job:cancel': read<JobView>()(jobRef, '取消后台任务；正在写入的导入会整体撤回'),
};
