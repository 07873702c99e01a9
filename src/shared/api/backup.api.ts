import type { BackupInfo, BackupSettings, RestoreResult } from '../domain/backup.types';
import { backupCreateInput, backupRestoreInput, backupSettingsInput } from '../schemas/backup.schema';
import { z } from '../schemas/zod';
import { read, write } from './method';

export const backupApi = {
  'backup:list': read<BackupInfo[]>()(z.object({}).strict(), '备份文件夹中的备份（新的在前）'),
  'backup:create': write<BackupInfo>()(backupCreateInput, '立即备份台账（可备份到指定位置，如 U 盘），写完后校验'),
  'backup:restore': write<RestoreResult>()(backupRestoreInput, '从备份恢复台账：先校验备份，再备份当前台账，然后替换'),
  'backupSettings:get': read<BackupSettings>()(z.object({}).strict(), '自动备份的保留规则'),
  'backupSettings:update': write<BackupSettings>()(backupSettingsInput, '修改自动备份的保留规则'),
};
