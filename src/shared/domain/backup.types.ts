/** 备份与恢复: copies of the registry in the backups folder beside it, and restoring one. */
export interface BackupInfo {
  fileName: string;
  /** Absolute path on this PC. */
  path: string;
  /** Why it was taken: 每日, 手动, 导入前, 结账前, 恢复前, 升级前-v6 … */
  reason: string;
  /** ISO time it was taken (from its name). */
  takenAt: string;
  sizeBytes: number;
}

export interface BackupSettings {
  /** Every backup of the most recent this many days (on which backups were taken) is kept. */
  keepDays: number;
  /** And the newest backup of each of the most recent this many months. */
  keepMonths: number;
}

export interface RestoreResult {
  /** The file the registry was restored from. */
  restoredFrom: string;
  /** The registry as it was just before, in the backups folder. */
  safetyBackup: BackupInfo;
  /** The data version the restored file had (it is brought up to the program's version). */
  fromSchemaVersion: number;
  households: number;
}
