import { requiredText, z } from './zod';

/** Rosters of a whole township stay well under this; a bigger file is refused before it is read. */
export const MAX_IMPORT_FILE_BYTES = 30 * 1024 * 1024;
/** base64 grows a file by a third; the JSON around it is small. */
export const MAX_IMPORT_PAYLOAD_BYTES = Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 64 * 1024;

export const importFileInput = z.object({
  fileName: requiredText(200, '文件名'),
  /** The file's bytes, base64: "bytes in", so Electron and a browser send files the same way. */
  contentBase64: z
    .string({ error: '缺少文件内容' })
    .min(1, { error: '文件是空的' })
    .max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3), { error: '文件超过 30 MB，请分成几个文件导入' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不是有效的 base64 编码' }),
});
export type ImportFileInput = z.input<typeof importFileInput>;
