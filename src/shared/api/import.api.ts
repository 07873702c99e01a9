import type { ImportPreview, ImportResult } from '../domain/import.types';
import { importFileInput, MAX_IMPORT_PAYLOAD_BYTES } from '../schemas/import.schema';
import { fileMethod } from './method';

export const importApi = {
  'import:preview': fileMethod<ImportPreview>(false, MAX_IMPORT_PAYLOAD_BYTES)(importFileInput, '导入预检：识别表头、逐行核对，不写入台账'),
  'import:commit': fileMethod<ImportResult>(true, MAX_IMPORT_PAYLOAD_BYTES)(importFileInput, '正式导入：合格的新户一次写入台账，未导入的行返回错误工作簿'),
};
