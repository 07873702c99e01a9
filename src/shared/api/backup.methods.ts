/** 备份与恢复: the list and settings answer at once; making a copy and restoring one are written files. */
export const BACKUP_METHODS = ['backup:list', 'backupSettings:get', 'backupSettings:update'] as const;
export const BACKUP_FILE_METHODS = ['backup:create', 'backup:restore'] as const;

export type BackupMethod = (typeof BACKUP_METHODS)[number] | (typeof BACKUP_FILE_METHODS)[number];
