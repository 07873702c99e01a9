/**
 * 备份与恢复. Copies live in `backups/` beside the registry and are named for why they were taken
 * (`ledger-每日-20261122T080000000.sqlite`). Every copy is checked (PRAGMA integrity_check) once
 * written; a copy that fails is deleted and the failure said. Old copies are pruned: every copy
 * of the most recent `keepDays` days with copies, plus the newest of each of the most recent
 * `keepMonths` months. Files in the folder that are not ours are never touched.
 *
 * Two ways of copying: the online backup API (page by page, the core stays responsive) for the
 * daily and the hand-made copies; VACUUM INTO (one statement, synchronous) right before a write
 * that must not start until its copy exists (migration, import, month close, restore).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo, BackupSettings, RestoreResult } from '../../../shared/domain/backup.types';
import { LedgerError } from '../../../shared/result';
import type { AuditRepo } from '../audit/audit.repo';
import { localDateText } from '../assistance/dates';
import { assertIntact, backupCopy, backupsDir, backupTarget, migrate, type Db } from '../db/connection';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { createSettingsRows } from '../settings-rows';

const DEFAULTS: BackupSettings = { keepDays: 14, keepMonths: 12 };
/** Tables every registry of ours has from its first version. */
const OUR_TABLES = ['settings', 'villages', 'households', 'members', 'audit_log'];

export interface BackupDeps {
  db: Db;
  dbPath: string;
  audit: AuditRepo;
  now: () => Date;
  nativeBinding?: string;
}

function isoOfStamp(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})$/.exec(stamp)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

export function createBackups({ db, dbPath, audit, now, nativeBinding }: BackupDeps) {
  const dir = backupsDir(dbPath);
  const base = basename(dbPath).replace(/\.[^.]+$/, '');
  const ours = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(.+)-(\\d{8}T\\d{9})(?:-\\d+)?\\.sqlite$`);
  const driver = nativeBinding ? { nativeBinding } : {};
  const settingsRows = createSettingsRows(db);

  function settings(): BackupSettings {
    const stored = (key: string) => {
      const v = settingsRows.get(key);
      return v === undefined ? null : Number(v);
    };
    return { keepDays: stored('backup.keepDays') ?? DEFAULTS.keepDays, keepMonths: stored('backup.keepMonths') ?? DEFAULTS.keepMonths };
  }

  function list(): BackupInfo[] {
    if (!existsSync(dir)) return [];
    const out: BackupInfo[] = [];
    for (const fileName of readdirSync(dir)) {
      const m = ours.exec(fileName);
      if (!m) continue;
      const path = join(dir, fileName);
      out.push({ fileName, path, reason: m[1]!, takenAt: isoOfStamp(m[2]!), sizeBytes: statSync(path).size });
    }
    return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.fileName < b.fileName ? 1 : -1));
  }

  function info(path: string, reason: string): BackupInfo {
    return { fileName: basename(path), path, reason, takenAt: now().toISOString(), sizeBytes: statSync(path).size };
  }

  /**
   * What a candidate file is: refused in Chinese when it is not a SQLite file, is damaged, was
   * written by a newer program, or is not a registry of ours. Opened read-only: nothing changes.
   */
  function inspect(path: string): { version: number; households: number } {
    if (!existsSync(path)) throw new LedgerError('NOT_FOUND', `找不到备份文件“${path}”`);
    let probe: Database.Database;
    try {
      probe = new Database(path, { ...driver, readonly: true, fileMustExist: true });
    } catch (e) {
      throw new LedgerError('VALIDATION', `“${basename(path)}”打不开，不是帮扶台账的备份（${(e as Error).message}）`);
    }
    try {
      let check: string;
      try {
        check = probe.pragma('integrity_check', { simple: true }) as string;
      } catch (e) {
        throw new LedgerError('VALIDATION', `“${basename(path)}”不是有效的数据库文件，或已损坏（${(e as Error).message}）`);
      }
      if (check !== 'ok') throw new LedgerError('VALIDATION', `“${basename(path)}”已损坏，完整性检查未通过：${check}`);
      const version = probe.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_SCHEMA_VERSION) {
        throw new LedgerError('CONFLICT', `“${basename(path)}”由更新版本的帮扶台账写入（数据版本 ${version}），当前程序只支持到版本 ${LATEST_SCHEMA_VERSION}，请先升级程序`);
      }
      const tables = new Set(probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
      const missing = OUR_TABLES.filter((t) => !tables.has(t));
      if (version < 1 || missing.length > 0) throw new LedgerError('VALIDATION', `“${basename(path)}”不是帮扶台账的备份（缺少${missing.length ? `表 ${missing.join('、')}` : '数据版本'}）`);
      const households = probe.prepare('SELECT count(*) FROM households WHERE deleted_at IS NULL').pluck().get() as number;
      return { version, households };
    } finally {
      probe.close();
    }
  }

  /** Deletes our copies that fall outside both keep rules. */
  function prune(): void {
    const { keepDays, keepMonths } = settings();
    const all = list();
    const days = [...new Set(all.map((b) => localDateText(new Date(b.takenAt))))].slice(0, keepDays);
    const keep = new Set(all.filter((b) => days.includes(localDateText(new Date(b.takenAt)))).map((b) => b.fileName));
    const months = new Map<string, BackupInfo>();
    for (const b of all) {
      const month = localDateText(new Date(b.takenAt)).slice(0, 7);
      if (!months.has(month)) months.set(month, b); // newest first
    }
    for (const b of [...months.values()].slice(0, keepMonths)) keep.add(b.fileName);
    for (const b of all) if (!keep.has(b.fileName)) rmSync(b.path, { force: true });
    // Copies cut short (a killed process, a power cut) left under their working name; an hour old is surely not in progress.
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const path = join(dir, name);
      if (name.endsWith('.sqlite.partial') && ours.test(name.replace(/\.partial$/, '')) && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
    }
  }

  /** A copy before a write, synchronously (the write waits for it), checked, then the folder pruned. */
  function before(reason: string): BackupInfo {
    const path = backupCopy(db, dbPath, reason, now()); // checked as it is written
    prune();
    return info(path, reason);
  }

  /** A copy by the online backup API into the backups folder or `to` (a folder, or a file name). */
  async function online(reason: string, to?: string): Promise<BackupInfo> {
    let target: string;
    if (to === undefined) target = backupTarget(dir, dbPath, reason, now());
    else {
      const chosen = isAbsolute(to) ? to : resolve(to);
      const isFolder = existsSync(chosen) ? statSync(chosen).isDirectory() : !/\.(sqlite|db|bak)$/i.test(chosen);
      target = isFolder ? backupTarget(chosen, dbPath, reason, now()) : chosen;
      if (!isFolder) {
        if (existsSync(target)) throw new LedgerError('CONFLICT', `“${target}”已存在，请换一个文件名，以免覆盖`);
        try {
          mkdirSync(dirname(target), { recursive: true });
        } catch (e) {
          throw new LedgerError('IO', `无法在“${dirname(target)}”写入备份：${(e as Error).message}`);
        }
      }
    }
    // Under a name no list reads until it reads back intact (see backupCopy).
    const partial = `${target}.partial`;
    try {
      await db.backup(partial);
    } catch (e) {
      rmSync(partial, { force: true });
      throw new LedgerError('IO', `备份没有写成（${(e as Error).message}），请检查保存位置是否可写、空间是否足够`);
    }
    assertIntact(db, partial, basename(target));
    renameSync(partial, target);
    if (to === undefined) prune();
    return info(target, reason);
  }

  return {
    list,
    settings,
    updateSettings(input: BackupSettings): BackupSettings {
      const previous = settings();
      db.transaction(() => {
        settingsRows.put('backup.keepDays', String(input.keepDays));
        settingsRows.put('backup.keepMonths', String(input.keepMonths));
        audit.record({ action: 'update', entity: 'settings', entityId: null, summary: `备份保留规则：最近 ${input.keepDays} 天的全部备份，及最近 ${input.keepMonths} 个月每月最新的一份`, before: previous, after: input });
      })();
      prune();
      return settings();
    },

    before,

    /** By hand, into the backups folder or a chosen place (a USB stick). */
    create: (to?: string) => online('手动', to),

    /** At start-up: one copy a day is enough. Returns null when today's exists. */
    async daily(): Promise<BackupInfo | null> {
      const today = localDateText(now());
      if (list().some((b) => b.reason === '每日' && localDateText(new Date(b.takenAt)) === today)) return null;
      return online('每日');
    },

    /**
     * Checks the candidate, copies the registry as it is now, then copies the candidate over it
     * through the online backup API (the open connection sees the new content at its next
     * statement), and brings it up to this program's data version.
     */
    async restore(input: { fileName?: string; path?: string }): Promise<RestoreResult> {
      const file = input.fileName !== undefined ? join(dir, basename(input.fileName)) : resolve(input.path!);
      if (input.fileName !== undefined && !ours.test(basename(input.fileName))) throw new LedgerError('NOT_FOUND', `备份列表中没有“${input.fileName}”`);
      if (resolve(file) === resolve(dbPath)) throw new LedgerError('VALIDATION', '不能用正在使用的台账恢复它自己');
      const candidate = inspect(file);
      const safetyBackup = before('恢复前');
      const source = new Database(file, { ...driver, readonly: true, fileMustExist: true });
      try {
        await source.backup(dbPath);
      } finally {
        source.close();
      }
      migrate(db, dbPath, now);
      const check = db.pragma('integrity_check', { simple: true }) as string;
      if (check !== 'ok') throw new LedgerError('IO', `恢复后的台账完整性检查未通过（${check}），请用“${safetyBackup.fileName}”恢复到恢复前的状态`);
      db.transaction(() =>
        audit.record({
          action: 'update', entity: 'backup', entityId: null,
          summary: `从备份“${basename(file)}”恢复台账（${candidate.households} 户，数据版本 ${candidate.version}）；恢复前的台账已备份为“${safetyBackup.fileName}”`,
        }),
      )();
      return { restoredFrom: file, safetyBackup, fromSchemaVersion: candidate.version, households: candidate.households };
    },
  };
}

export type Backups = ReturnType<typeof createBackups>;
