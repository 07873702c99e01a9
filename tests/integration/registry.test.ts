import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/main/core';
import { migrate } from '../../src/main/core/db/connection';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src/main/core/db/migrations';
import { idFor, sampleHousehold, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

function setUp() {
  t = tempLedger();
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  const group = t.must('group:save', { villageId: village.id, name: '一组' });
  return { village, group };
}

describe('database', () => {
  it('migrates an empty file to the latest version with WAL, foreign keys and STRICT tables', () => {
    t = tempLedger();
    const db = t.ledger.db;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['audit_log', 'household_search', 'households', 'members', 'settings', 'village_groups', 'villages', 'status_events', 'income_records']));
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT$/);
    expect(() => db.prepare("INSERT INTO villages (name, sort, created_at, updated_at) VALUES ('x', 'not a number', '', '')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('refuses a database from a newer version with a Chinese message and leaves the file untouched', () => {
    t = tempLedger();
    const path = t.dbPath;
    t.ledger.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = readFileSync(path);
    expect(() => createLedger({ dbPath: path })).toThrow(/由更新版本的帮扶台账写入.*请升级程序后再打开；数据库未作任何改动/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('backs an existing registry up before migrating, and applies all pending steps in one transaction', () => {
    t = tempLedger();
    t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
    t.must('village:save', { name: '石桥村' });
    const db = t.ledger.db;
    const step2 = { version: LATEST_SCHEMA_VERSION + 1, name: 'test', sql: 'CREATE TABLE step_two (x INTEGER) STRICT;' };
    const broken3 = { version: LATEST_SCHEMA_VERSION + 2, name: 'broken', sql: 'CREATE TABLE step_three (x INTEGER) STRICT; THIS IS NOT SQL;' };

    expect(() => migrate(db, t.dbPath, () => new Date('2026-11-22T08:00:00Z'), [...migrations, step2, broken3])).toThrow();
    // Nothing half-applied: step 2 rolled back with step 3.
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('step_two', 'step_three')").get()).toEqual({ n: 0 });

    const backup = migrate(db, t.dbPath, () => new Date('2026-11-22T09:00:00Z'), [...migrations, step2]);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(backup).toBeDefined();
    expect(backup!.startsWith(join(t.dir, 'backups'))).toBe(true);
    expect(readdirSync(join(t.dir, 'backups')).length).toBe(2);
    const copy = new Database(backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(copy.prepare('SELECT name FROM villages').all()).toEqual([{ name: '石桥村' }]);
    copy.close();
  });

  it('rejects a file that is not a database with an IO error in Chinese', async () => {
    t = tempLedger();
    const { writeFileSync } = await import('node:fs');
    const bogus = join(t.dir, 'bogus.sqlite');
    writeFileSync(bogus, 'this is not sqlite at all, just text '.repeat(40));
    expect(() => createLedger({ dbPath: bogus })).toThrow(/无法打开数据库文件/);
  });
});

describe('household registry', () => {
  it('creates a household with members, derives the list columns and writes an audit entry in the same transaction', () => {
    const { village, group } = setUp();
    const saved = t.must('household:save', sampleHousehold(village.id, { groupId: group.id, householdNo: '522799001000001', phone: '13812348000' }));
    expect(saved).toMatchObject({ householdNo: '522799001000001', villageName: '石桥村', groupName: '一组' });
    expect(saved.members.map((m) => [m.name, m.sex, m.birthDate])).toEqual([
      ['张三', '1', '1980-01-01'],
      ['李秀英', '2', '1982-03-15'],
      ['张小明', '1', '2008-06-11'],
    ]);
    const list = t.must('household:list', {});
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ headName: '张三', headIdNumber: '110101198001019998', memberCount: 3, status: 'LIFTED_HOUSEHOLD' });

    const audit = t.must('audit:list', { entity: 'household' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ action: 'create', operator: '李文书', entityId: saved.id, before: null });
    expect(audit.rows[0]!.summary).toContain('户主 张三，3 人');
    expect((audit.rows[0]!.after as { members: unknown[] }).members).toHaveLength(3);
  });

  it('gives a temporary household number when none is known yet', () => {
    const { village } = setUp();
    const saved = t.must('household:save', sampleHousehold(village.id));
    expect(saved.householdNo).toBe(`LS${String(saved.id).padStart(9, '0')}`);
  });

  it('updates a member, records before and after, and keeps the person’s row', () => {
    const { village } = setUp();
    const saved = t.must('household:save', sampleHousehold(village.id));
    const edited = structuredClone(saved) as unknown as Record<string, unknown> & { members: Record<string, unknown>[] };
    edited.members[2]!.name = '张晓明';
    edited.members[2]!.phone = '13900001111';
    const after = t.must('household:save', edited as never);
    expect(after.members[2]).toMatchObject({ id: saved.members[2]!.id, name: '张晓明', phone: '13900001111' });
    const [entry] = t.must('audit:list', { entity: 'household', entityId: saved.id }).rows;
    expect(entry).toMatchObject({ action: 'update' });
    expect(entry!.summary).toBe(`修改农户档案：户编号 ${saved.householdNo}，户主 张三（成员 张晓明：姓名、成员联系电话）`);
    expect(JSON.stringify(entry!.before)).toContain('张小明');
    expect(JSON.stringify(entry!.after)).toContain('张晓明');
    expect(t.must('household:list', { q: 'zxm' }).total).toBe(1);
  });

  it('refuses an ID already registered in another household, naming where', () => {
    const { village } = setUp();
    const first = t.must('household:save', sampleHousehold(village.id, { householdNo: '1001' }));
    const r = t.call('household:save', {
      villageId: village.id,
      status: 'LIFTED_HOUSEHOLD',
      mainCause: '02',
      members: [{ name: '王五', idNumber: first.members[1]!.idNumber, relationship: '01' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toBe('第 1 名成员（王五）的证件号码已登记在户编号 1001（户主 张三）');
      expect(r.error.details?.issues?.[0]?.path).toBe('members.0.idNumber');
    }
    // A 15-digit form of the same person is the same person.
    const old15 = '110101800101999';
    const r15 = t.call('household:save', { villageId: village.id, status: 'ORDINARY', members: [{ name: '张三', idNumber: old15, relationship: '01' }] });
    expect(r15.ok).toBe(false);
    expect(t.must('household:list', {}).total).toBe(1);
  });

  it('refuses a duplicate household number and an unknown village', () => {
    const { village } = setUp();
    t.must('household:save', sampleHousehold(village.id, { householdNo: '1001' }));
    const other = sampleHousehold(village.id, { householdNo: '1001' });
    other.members = [{ name: '赵六', idNumber: idFor('110101', '19700101', 11), relationship: '01' }];
    const r = t.call('household:save', other);
    expect(!r.ok && r.error).toMatchObject({ code: 'CONFLICT', message: '户编号 1001 已被其他农户使用' });
    const r2 = t.call('household:save', { ...other, householdNo: '1002', villageId: 999 });
    expect(!r2.ok && r2.error).toMatchObject({ code: 'NOT_FOUND', message: '所选行政村不存在或已删除' });
  });

  it('enforces one head at the door, whichever door', () => {
    const { village } = setUp();
    const h = sampleHousehold(village.id);
    h.members[1]!.relationship = '01';
    const r = t.call('household:save', h);
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && r.error.message).toContain('一户只能有一名户主');
    expect(t.must('household:list', {}).total).toBe(0);
    expect(t.must('audit:list', { entity: 'household' }).total).toBe(0);
  });

  it('soft-deletes and restores, with audit entries, and keeps the IDs reserved meanwhile', () => {
    const { village } = setUp();
    const saved = t.must('household:save', sampleHousehold(village.id, { householdNo: '1001' }));
    t.must('household:delete', { id: saved.id });
    expect(t.must('household:list', {}).total).toBe(0);
    expect(t.must('household:list', { deleted: true }).rows.map((r) => r.id)).toEqual([saved.id]);

    const clash = t.call('household:save', { villageId: village.id, status: 'ORDINARY', members: [{ name: '张三', idNumber: saved.members[0]!.idNumber, relationship: '01' }] });
    expect(!clash.ok && clash.error.message).toContain('该户在回收站中，可恢复后修改');

    const edit = t.call('household:save', { ...(saved as never as Record<string, unknown>), members: saved.members } as never);
    expect(!edit.ok && edit.error.message).toBe('该档案已删除，请先在回收站中恢复再修改');

    const restored = t.must('household:restore', { id: saved.id });
    expect(restored.deletedAt).toBeNull();
    expect(t.must('household:list', {}).total).toBe(1);
    const actions = t.must('audit:list', { entity: 'household', entityId: saved.id }).rows.map((r) => r.action);
    expect(actions).toEqual(['restore', 'delete', 'create']);
    const again = t.call('household:restore', { id: saved.id });
    expect(!again.ok && again.error).toMatchObject({ code: 'CONFLICT', message: '该档案没有被删除，无需恢复' });
  });

  it('removing a member from the form soft-deletes the row and frees the ID', () => {
    const { village } = setUp();
    const saved = t.must('household:save', sampleHousehold(village.id));
    const removed = saved.members[2]!;
    const after = t.must('household:save', { ...(saved as never as Record<string, unknown>), note: '张小明户口迁出后录错，已更正', members: saved.members.slice(0, 2) } as never);
    expect(after.members).toHaveLength(2);
    expect(t.must('audit:list', { entity: 'household' }).rows[0]!.summary).toContain('（备注；移除成员 张小明）');
    const row = t.ledger.db.prepare('SELECT deleted_at FROM members WHERE id = ?').get(removed.id) as { deleted_at: string | null };
    expect(row.deleted_at).not.toBeNull();
    const elsewhere = t.must('household:save', { villageId: village.id, status: 'ORDINARY', members: [{ name: removed.name, idNumber: removed.idNumber, relationship: '01' }] });
    expect(elsewhere.members[0]!.idNumber).toBe(removed.idNumber);
  });

  it('searches by pinyin initials, full pinyin, name, ID, phone and household number; filters and pages', () => {
    const { village } = setUp();
    const other = t.must('village:save', { name: '柳溪村' });
    t.must('household:save', sampleHousehold(village.id, { householdNo: '5227990010001' }));
    t.must('household:save', {
      villageId: other.id,
      householdNo: '5227990020001',
      status: 'NOT_LIFTED',
      statusSince: '2016-03',
      mainCause: '03',
      phone: '13700001234',
      members: [{ name: '曾小贤', idNumber: idFor('520101', '19750505', 21), relationship: '01' }],
    });
    const heads = (q: Record<string, unknown>) => t.must('household:list', q).rows.map((r) => r.headName);
    expect(heads({ q: 'zs' })).toEqual(['张三']);
    expect(heads({ q: 'ZS' })).toEqual(['张三']);
    expect(heads({ q: 'zxx' })).toEqual(['曾小贤']);
    expect(heads({ q: 'zengxiaoxian' })).toEqual(['曾小贤']);
    expect(heads({ q: '小贤' })).toEqual(['曾小贤']);
    expect(heads({ q: '19750505' })).toEqual(['曾小贤']);
    expect(heads({ q: '13700001234' })).toEqual(['曾小贤']);
    expect(heads({ q: '0010001' })).toEqual(['张三']);
    expect(heads({ q: '%' })).toEqual([]);
    expect(heads({ villageId: other.id })).toEqual(['曾小贤']);
    expect(heads({ status: 'NOT_LIFTED' })).toEqual(['曾小贤']);
    expect(heads({ mainCause: '01' })).toEqual(['张三']);
    expect(heads({ sort: 'householdNo', order: 'desc' })).toEqual(['曾小贤', '张三']);
    const page2 = t.must('household:list', { pageSize: 1, page: 2, sort: 'householdNo' });
    expect(page2).toMatchObject({ total: 2, rows: [{ headName: '曾小贤' }] });
    expect(t.must('household:list', { page: 9 })).toMatchObject({ total: 2, rows: [] });
  });
});

describe('villages and groups', () => {
  it('refuses deleting a village that still has households, and duplicate names', () => {
    const { village, group } = setUp();
    t.must('household:save', sampleHousehold(village.id, { groupId: group.id }));
    const r = t.call('village:delete', { id: village.id });
    expect(!r.ok && r.error).toMatchObject({ code: 'CONFLICT', message: '行政村“石桥村”下还有 1 户档案，不能删除；请先把这些农户移到其他村或删除' });
    const dup = t.call('village:save', { name: '石桥村' });
    expect(!dup.ok && dup.error.message).toBe('行政村“石桥村”已存在');
    const g = t.call('group:delete', { id: group.id });
    expect(!g.ok && g.error.code).toBe('CONFLICT');
    const list = t.must('village:list', {});
    expect(list[0]).toMatchObject({ name: '石桥村', householdCount: 1, groups: [{ name: '一组', householdCount: 1 }] });
  });

  it('deletes an empty village with its groups, audited', () => {
    const { village } = setUp();
    t.must('village:delete', { id: village.id });
    expect(t.must('village:list', {})).toEqual([]);
    expect(t.must('audit:list', { entity: 'village' }).rows[0]).toMatchObject({ action: 'delete', summary: '删除行政村：石桥村' });
  });
});

describe('seed', () => {
  it('generates a reproducible township whose every household passes the form’s rules', () => {
    t = tempLedger();
    const report = t.ledger.seed({ households: 120, seed: 42 });
    expect(report.households).toBe(120);
    expect(report.members).toBeGreaterThan(240);
    const ids = t.ledger.db.prepare('SELECT id_number FROM members').all() as { id_number: string }[];
    expect(new Set(ids.map((r) => r.id_number)).size).toBe(ids.length);
    const heads = t.ledger.db.prepare("SELECT household_id, count(*) AS n FROM members WHERE relationship = '01' GROUP BY household_id").all() as { n: number }[];
    expect(heads).toHaveLength(120);
    expect(heads.every((h) => h.n === 1)).toBe(true);
    const first = t.must('household:list', { pageSize: 5, sort: 'householdNo' }).rows.map((r) => r.headName);

    const again = tempLedger();
    again.ledger.seed({ households: 120, seed: 42 });
    expect(again.must('household:list', { pageSize: 5, sort: 'householdNo' }).rows.map((r) => r.headName)).toEqual(first);
    again.cleanup();
  });
});

describe('audit integrity', () => {
  it('never leaves a change without its audit entry', () => {
    const { village } = setUp();
    t.must('household:save', sampleHousehold(village.id));
    const changes = t.ledger.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
    const entries = t.ledger.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'household'").get() as { n: number };
    expect(entries.n).toBe(changes.n);
    expect(readdirSync(t.dir)).toContain('ledger.sqlite');
  });
});
