import { z } from './zod';

const pathText = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().min(1, { error: `请填写${label}` }).max(1000, { error: `${label}太长` });

export const backupCreateInput = z.object({
  /** A folder or a file (e.g. on a USB stick); the backups folder when absent. */
  to: pathText('备份保存位置').optional(),
});

export const backupRestoreInput = z
  .object({
    /** A backup in the list, by file name. */
    fileName: z.string().trim().min(1).max(300).optional(),
    /** Or any file, e.g. copied back from a USB stick. */
    path: pathText('要恢复的备份文件').optional(),
  })
  .refine((v) => (v.fileName === undefined) !== (v.path === undefined), { error: '请选择一个备份，或指定一个备份文件（二选一）' });

export const backupSettingsInput = z.object({
  keepDays: z.number({ error: '保留天数应为整数' }).int({ error: '保留天数应为整数' }).min(1, { error: '至少保留最近 1 天的备份' }).max(365, { error: '最多保留最近 365 天的备份' }),
  keepMonths: z.number({ error: '保留月数应为整数' }).int({ error: '保留月数应为整数' }).min(0, { error: '保留月数不能小于 0' }).max(120, { error: '最多保留最近 120 个月的备份' }),
});
