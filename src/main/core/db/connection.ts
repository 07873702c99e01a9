import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/result';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  dbPath: string;
  /** Path to a better_sqlite3.node built for the running runtime (Electron needs its own ABI). */
  nativeBinding?: string;
  now?: () => Date;
}

/**
 * Opens (creating if needed) and migrates the registry. A database written by a newer version
 * is refused before anything touches it: even switching to WAL would rewrite its header.
 */
export function openDatabase({ dbPath, nativeBinding, now = () => new Date() }: OpenOptions): Db {
  const driverOptions = nativeBinding ? { nativeBinding } : {};
  const exists = existsSync(dbPath) && statSync(dbPath).size > 0;
  if (exists) refuseFutureDatabase(dbPath, driverOptions);
  else mkdirSync(dirname(dbPath), { recursive: true });

  const db = new Database(dbPath, driverOptions);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: every committed transaction survives a power cut, the thing a township PC lacks
    // protection against; the cost is one fsync per transaction, and bulk work is one transaction.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // After a big import the WAL is checkpointed but keeps its size while the app runs; cap what stays on disk.
    db.pragma('journal_size_limit = 67108864');
    // macOS's plain fsync leaves the drive's cache unflushed; FULL durability needs F_FULLFSYNC there.
    if (process.platform === 'darwin') {
      db.pragma('fullfsync = ON');
      db.pragma('checkpoint_fullfsync = ON');
    }
    migrate(db, dbPath, now);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function refuseFutureDatabase(dbPath: string, driverOptions: { nativeBinding?: string }): void {
  let version: number;
  try {
    const probe = new Database(dbPath, { ...driverOptions, readonly: true, fileMustExist: true });
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  } catch (e) {
    throw new LedgerError('IO', `无法打开数据库文件“${dbPath}”：它可能不是帮扶台账的数据库，或已损坏（${(e as Error).message}）`);
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new LedgerError(
      'CONFLICT',
      `数据库“${basename(dbPath)}”由更新版本的帮扶台账写入（数据版本 ${version}），当前程序只支持到版本 ${LATEST_SCHEMA_VERSION}。请升级程序后再打开；数据库未作任何改动。`,
      { dbVersion: version, appVersion: LATEST_SCHEMA_VERSION },
    );
  }
}

/** All pending steps in one transaction, after a backup of an existing registry. Returns the backup's path. */
export function migrate(db: Db, dbPath: string, now: () => Date, steps: readonly Migration[] = migrations): string | undefined {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = steps.filter((m) => m.version > current);
  if (pending.length === 0) return undefined;
  const backup = current > 0 ? backupBeforeMigration(db, dbPath, current, now()) : undefined;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return backup;
}

export function backupsDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

function backupBeforeMigration(db: Db, dbPath: string, fromVersion: number, at: Date): string {
  return backupCopy(db, dbPath, `升级前-v${fromVersion}`, at);
}

/**
 * A free name for a copy in `folder`: `ledger-导入前-20261122T080000000.sqlite`, `-2`, `-3` …
 * when one was taken in the same millisecond. The folder is made if missing.
 */
export function backupTarget(folder: string, dbPath: string, reason: string, at: Date): string {
  mkdirSync(folder, { recursive: true });
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '').replace('Z', '');
  let target = join(folder, `${basename(dbPath).replace(/\.[^.]+$/, '')}-${reason}-${stamp}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = target.replace(/(-\d+)?\.sqlite$/, `-${n}.sqlite`);
  return target;
}

/**
 * Reads a copy back with PRAGMA integrity_check; deletes it and throws when it is not intact.
 * The copy is attached to the connection that wrote it, so it is read by the same SQLite build
 * (the desktop app loads its own, through `nativeBinding`). Not inside a transaction.
 */
export function assertIntact(db: Db, path: string, label: string): void {
  let check: unknown;
  let attached = false;
  try {
    db.prepare('ATTACH DATABASE ? AS written_copy').run(path);
    attached = true;
    check = db.pragma('written_copy.integrity_check', { simple: true });
  } catch (e) {
    check = (e as Error).message;
  } finally {
    if (attached) db.exec('DETACH DATABASE written_copy');
  }
  if (check !== 'ok') {
    rmSync(path, { force: true });
    throw new LedgerError('IO', `备份“${label}”写入后校验未通过（${String(check)}），已删除；台账未作改动，请检查磁盘空间后重试`);
  }
}

/**
 * A consistent copy of the registry in the backups folder, named for why it was taken
 * (升级前, 导入前). VACUUM INTO writes it synchronously, WAL contents included; it cannot run
 * inside a transaction, so callers take it before they open theirs.
 */
export function backupCopy(db: Db, dbPath: string, reason: string, at: Date): string {
  const target = backupTarget(backupsDir(dbPath), dbPath, reason, at);
  // Written under a name no list reads, and given its real name only once it reads back intact:
  // a copy cut short by a power cut or a killed process is never taken for a backup.
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new LedgerError('IO', `备份没有写成（${(e as Error).message}），台账未作改动；请检查磁盘空间后重试`);
  }
  assertIntact(db, partial, basename(target));
  renameSync(partial, target);
  return target;
}
