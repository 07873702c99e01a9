/**
 * Backups and restore on real SQLite files: copies that are checked, pruned by the keep rules,
 * taken before a month close and once a day at start-up; restoring a copy (from the list or any
 * file) after checking it, with the registry as it was kept aside; bad candidates refused in
 * Chinese with nothing changed.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../src/main/core';
import { assertIntact, backupCopy, migrate } from '../../src/main/core/db/connection';
import { migrations } from '../../src/main/core/db/migrations';
import type { BackupInfo, RestoreResult } from '../../src/shared/domain/backup.types';
import type { Result } from '../../src/shared/result';
import { idFor, sampleHousehold, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
let clock = new Date('2026-11-20T02:00:00Z');
afterEach(() => t?.cleanup());

function setUp() {
  clock = new Date('2026-11-20T02:00:00Z');
  t = tempLedger({ now: () => clock });
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  return t.must('village:save', { name: '石桥村' }).id;
}
async function call<T>(method: 'backup:create' | 'backup:restore', input: object): Promise<Result<T>> {
  return (await dispatchAsync(t.ledger, method, input as never)) as Result<T>;
}
async function must<T>(method: 'backup:create' | 'backup:restore', input: object): Promise<T> {
  const r = await call<T>(method, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}
const households = () => t.ledger.db.prepare('SELECT count(*) FROM households WHERE deleted_at IS NULL').pluck().get() as number;
const integrity = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
};
let n = 0;
const household = (villageId: number) => {
  n++;
  return t.must('household:save', sampleHousehold(villageId, {
    members: [{ name: `户主${n}`, idNumber: idFor('110101', '19700101', n * 2 - 1), relationship: '01' }],
  }));
};

describe('the check of a written copy', () => {
  it('reads the copy through the connection that wrote it: a sound copy passes and is detached, a damaged one is deleted with a Chinese refusal', () => {
    t = tempLedger();
    const copy = backupCopy(t.ledger.db, t.dbPath, '手动', new Date());
    expect(existsSync(copy)).toBe(true);
    expect((t.ledger.db.pragma('database_list') as { name: string }[]).map((d) => d.name)).toEqual(['main']);

    const junk = join(t.dir, 'damaged.sqlite');
    writeFileSync(junk, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 7)]));
    expect(() => assertIntact(t.ledger.db, junk, 'damaged.sqlite')).toThrow(/^备份“damaged\.sqlite”写入后校验未通过（.+），已删除；台账未作改动，请检查磁盘空间后重试$/);
    expect(existsSync(junk)).toBe(false);
    expect((t.ledger.db.pragma('database_list') as { name: string }[]).map((d) => d.name)).toEqual(['main']);
  });
});

describe('backups', () => {
  it('makes a checked copy in the backups folder, or in a chosen folder or file, and lists them newest first', async () => {
    const villageId = setUp();
    household(villageId);
    const first = await must<BackupInfo>('backup:create', {});
    expect(first).toMatchObject({ reason: '手动', takenAt: clock.toISOString() });
    expect(first.path).toBe(join(t.dir, 'backups', first.fileName));
    expect(integrity(first.path)).toBe('ok');

    clock = new Date('2026-11-20T03:00:00Z');
    const usb = join(t.dir, 'U盘');
    mkdirSync(usb);
    const there = await must<BackupInfo>('backup:create', { to: usb });
    expect(there.path.startsWith(usb)).toBe(true);
    const named = await must<BackupInfo>('backup:create', { to: join(usb, '台账备份.sqlite') });
    expect(named.fileName).toBe('台账备份.sqlite');
    const again = await call<BackupInfo>('backup:create', { to: join(usb, '台账备份.sqlite') });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('已存在');

    // Copies elsewhere are not in the folder's list; the folder's are, newest first.
    clock = new Date('2026-11-20T04:00:00Z');
    const second = await must<BackupInfo>('backup:create', {});
    expect(t.must('backup:list', {}).map((b) => b.fileName)).toEqual([second.fileName, first.fileName]);
    const copy = new Database(second.path, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM households').pluck().get()).toBe(1);
    copy.close();
  });

  it('keeps every copy of the last days and the newest of each recent month; leaves other files alone', async () => {
    setUp();
    t.must('backupSettings:update', { keepDays: 2, keepMonths: 3 });
    expect(t.must('backupSettings:get', {})).toEqual({ keepDays: 2, keepMonths: 3 });
    mkdirSync(join(t.dir, 'backups'), { recursive: true });
    writeFileSync(join(t.dir, 'backups', '别人的文件.txt'), '不是备份');
    const days = ['2026-07-10', '2026-08-05', '2026-08-20', '2026-09-01', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-20'];
    for (const [i, day] of days.entries()) {
      clock = new Date(`${day}T12:0${i}:00Z`); // midday: the same date in any time zone
      await must<BackupInfo>('backup:create', {});
    }
    const left = t.must('backup:list', {}).map((b) => b.takenAt.slice(0, 10));
    expect(basename(t.dbPath)).toBe('ledger.sqlite');
    // 11-20 (two) and 11-19: the last two days; then the newest of November, September and August (08-20).
    expect(left).toEqual(['2026-11-20', '2026-11-20', '2026-11-19', '2026-09-01', '2026-08-20']);
    expect(readdirSync(join(t.dir, 'backups'))).toContain('别人的文件.txt');

    // A copy cut short (killed while writing) keeps its working name: never listed, cleared once stale.
    const cut = join(t.dir, 'backups', 'ledger-结账前-20261120T120000000.sqlite.partial');
    writeFileSync(cut, Buffer.alloc(4096));
    expect(t.must('backup:list', {}).map((b) => b.fileName).some((f) => f.endsWith('.partial'))).toBe(false);
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(cut, hoursAgo, hoursAgo);
    await must<BackupInfo>('backup:create', {});
    expect(existsSync(cut)).toBe(false);
    const bad = t.call('backupSettings:update', { keepDays: 0, keepMonths: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('至少保留最近 1 天的备份');
  });

  it('takes one copy a day at start-up, and one before a month close', async () => {
    const villageId = setUp();
    household(villageId);
    const daily = await t.ledger.startupBackup();
    expect(daily?.reason).toBe('每日');
    expect(await t.ledger.startupBackup()).toBeNull();
    clock = new Date('2026-11-21T02:00:00Z');
    expect((await t.ledger.startupBackup())?.reason).toBe('每日');

    t.ledger.db.prepare("UPDATE members SET labour = '01', resident_medical_insurance = 1, serious_illness_insurance = 1").run();
    t.must('month:close', { month: '2026-10', confirm: true });
    expect(t.must('backup:list', {}).map((b) => b.reason)).toContain('结账前');
  });
});

describe('restore', () => {
  it('restores a copy from the list: the registry is as it was, the one replaced is kept, the app goes on', async () => {
    const villageId = setUp();
    household(villageId);
    const kept = await must<BackupInfo>('backup:create', {});
    clock = new Date('2026-11-20T05:00:00Z');
    household(villageId);
    household(villageId);
    expect(households()).toBe(3);

    const r = await must<RestoreResult>('backup:restore', { fileName: kept.fileName });
    expect(r).toMatchObject({ restoredFrom: kept.path, households: 1, fromSchemaVersion: migrations.at(-1)!.version });
    expect(households()).toBe(1);
    expect(t.ledger.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const aside = new Database(r.safetyBackup.path, { readonly: true });
    expect(aside.prepare('SELECT count(*) FROM households').pluck().get()).toBe(3);
    aside.close();
    expect(r.safetyBackup.reason).toBe('恢复前');
    // The same connection reads and writes on.
    expect(t.must('household:list', {}).total).toBe(1);
    household(villageId);
    expect(households()).toBe(2);
    expect(t.must('audit:list', {}).rows.map((a) => a.summary).join('\n')).toContain(`从备份“${kept.fileName}”恢复台账`);
  });

  it('brings an older registry up to this version', async () => {
    setUp();
    const old = join(t.dir, '旧版台账.sqlite');
    const db = new Database(old);
    migrate(db, old, () => clock, migrations.slice(0, 6));
    db.prepare("INSERT INTO settings (key, value) VALUES ('township', '{}')").run();
    db.close();
    const r = await must<RestoreResult>('backup:restore', { path: old });
    expect(r.fromSchemaVersion).toBe(6);
    expect(t.ledger.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(t.must('quality:summary', {}).run).toBeNull();
  });

  it('refuses a bad candidate in Chinese and changes nothing', async () => {
    const villageId = setUp();
    household(villageId);
    const before = { households: households(), backups: t.must('backup:list', {}).length };
    const dir = join(t.dir, 'candidates');
    mkdirSync(dir);

    const junk = join(dir, '乱码.sqlite');
    writeFileSync(junk, Buffer.from('这不是数据库'.repeat(200)));
    const newer = join(dir, '新版.sqlite');
    const nd = new Database(newer);
    nd.exec('CREATE TABLE settings (key TEXT); CREATE TABLE villages (id INTEGER); CREATE TABLE households (id INTEGER, deleted_at TEXT); CREATE TABLE members (id INTEGER); CREATE TABLE audit_log (id INTEGER);');
    nd.pragma('user_version = 99');
    nd.close();
    const foreign = join(dir, '别的程序.sqlite');
    const fd = new Database(foreign);
    fd.exec('CREATE TABLE notes (text TEXT)');
    fd.pragma('user_version = 3');
    fd.close();

    const cases: [object, string, string][] = [
      [{ path: junk }, 'VALIDATION', '不是有效的数据库文件'],
      [{ path: newer }, 'CONFLICT', '由更新版本的帮扶台账写入'],
      [{ path: foreign }, 'VALIDATION', '不是帮扶台账的备份'],
      [{ path: join(dir, '没有这个文件.sqlite') }, 'NOT_FOUND', '找不到备份文件'],
      [{ fileName: '随便.sqlite' }, 'NOT_FOUND', '备份列表中没有'],
      [{ path: t.dbPath }, 'VALIDATION', '不能用正在使用的台账恢复它自己'],
    ];
    for (const [input, code, message] of cases) {
      const r = await call<RestoreResult>('backup:restore', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toContain(message);
      }
    }
    const neither = t.call('backup:restore', {} as never);
    expect(neither.ok).toBe(false);
    if (!neither.ok) expect(neither.error.message).toContain('二选一');
    expect({ households: households(), backups: t.must('backup:list', {}).length }).toEqual(before);
    expect(existsSync(junk)).toBe(true);
  });
});

describe('the CLI', () => {
  it('backs up, lists and restores', async () => {
    const villageId = setUp();
    household(villageId);
    t.ledger.close();
    const { runCli } = await import('../../src/main/doors/cli');
    const said: string[] = [];
    const io = { out: (s: string) => said.push(s), err: (s: string) => said.push(s) };
    expect(await runCli(['--db', t.dbPath, 'backup'], io)).toBe(0);
    expect(said.at(-1)).toMatch(/^已备份到：.*-手动-\d{8}T\d{9}\.sqlite（[\d.]+ MB，已校验）$/);
    const path = said.at(-1)!.replace(/^已备份到：/, '').replace(/（.*$/, '');
    expect(await runCli(['--db', t.dbPath, 'backups'], io)).toBe(0);
    expect(said.at(-1)).toContain('手动');
    expect(await runCli(['--db', t.dbPath, 'restore', path], io)).toBe(0);
    expect(said.at(-1)).toMatch(/^已从“.*”恢复台账（1 户）。恢复前的台账已备份为：/);
    expect(await runCli(['--db', t.dbPath, 'restore', join(t.dir, '没有.sqlite')], io)).toBe(1);
    expect(said.at(-1)).toContain('找不到备份文件');
  });
});
