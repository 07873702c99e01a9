/**
 * Every write of the contract changes the registry and writes its audit entry in one transaction:
 * with the audit insert made to fail (a trigger that RAISEs on audit_log), each write method,
 * called with valid input, must be refused and leave every table exactly as it was; without the
 * trigger the same call succeeds and adds its audit entry. A method that committed its change
 * before (or without) its audit entry would leave the change behind and fail here.
 *
 * The list of cases is checked against the contract: a new write method fails the test until it
 * has a case here (or a reason in NOT_HERE).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ApiInput, type ApiMethod, type ApiOutput } from '../../src/shared/api';
import type { JobView } from '../../src/shared/domain/job.types';
import type { Result } from '../../src/shared/result';
import { createLedger, dispatchAsync, type Ledger } from '../../src/main/core';
import { checkpointAndClose, copyOf } from '../support/crash-harness';
import { idFor } from '../support/temp-ledger';

const TODAY = '2025-06-15';
const fixedNow = () => new Date(`${TODAY}T12:00:00+08:00`);
const MONTH = '2025-05';

/** Written by the data-quality run only: derived from the registry, recomputed by every run, logged in quality_runs itself. */
const DERIVED = new Set(['quality_runs', 'quality_findings']);

/** Write methods not covered here, and why. */
const NOT_HERE: Partial<Record<ApiMethod, string>> = {
  'backup:create': 'writes a copy of the registry beside it or on a USB stick, no rows (tested with the backups)',
  'backup:restore': 'replaces the whole file, then records its audit entry on the restored registry (tested with the backups)',
};

interface Base {
  villageId: number;
  groupId: number;
  /** Households made by the form, with a head and two more members. */
  households: number[];
  cadreId: number;
  criterionId: number;
  criterionKey: string;
}

type Call = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;
type Must = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;

interface Case {
  /** Sets up what the write needs (without the trigger) and returns its input. */
  input: (ctx: { must: Must; base: Base; ledger: Ledger }) => Promise<unknown> | unknown;
}

let n = 0;
function family(villageId: number, groupId: number | null): ApiInput<'household:save'> {
  n++;
  return {
    villageId, groupId, status: 'LIFTED_HOUSEHOLD', attribute: 'GENERAL', mainCause: '01', statusSince: '2024-01', phone: '13912345678',
    identifiedYear: 2015, liftedYear: 2019,
    members: [
      { name: `张${n}强`, idNumber: idFor('110101', '19700101', n * 6 + 1), relationship: '01' },
      { name: `李${n}英`, idNumber: idFor('110101', '19720202', n * 6 + 2), relationship: '02' },
      { name: `张${n}明`, idNumber: idFor('110101', '20000303', n * 6 + 3), relationship: '03' },
    ],
  } as ApiInput<'household:save'>;
}

const CASES: Partial<Record<ApiMethod, Case>> = {
  'settings:update': { input: () => ({ townshipName: '青山镇', operatorName: '王会计' }) },
  'village:save': { input: () => ({ name: '新建村' }) },
  'village:delete': { input: async ({ must }) => ({ id: (await must('village:save', { name: '待删村' })).id }) },
  'group:save': { input: ({ base }) => ({ villageId: base.villageId, name: '十一组' }) },
  'group:delete': { input: async ({ must, base }) => ({ id: (await must('group:save', { villageId: base.villageId, name: '待删组' })).id }) },
  'household:save': { input: ({ base }) => family(base.villageId, base.groupId) },
  'household:delete': { input: ({ base }) => ({ id: base.households[0] }) },
  'household:restore': {
    input: async ({ must, base }) => {
      await must('household:delete', { id: base.households[0]! });
      return { id: base.households[0] };
    },
  },
  'status:change': { input: ({ base }) => ({ householdId: base.households[0], kind: 'START_MONITORING', month: MONTH, monitoringCategory: 'UNSTABLE' }) },
  'status:revoke': {
    input: async ({ must, base }) => {
      await must('status:change', { householdId: base.households[0]!, kind: 'START_MONITORING', month: MONTH, monitoringCategory: 'UNSTABLE' });
      return { householdId: base.households[0], reason: '录入有误' };
    },
  },
  'member:leave': {
    input: async ({ must, base }) => {
      const h = await must('household:get', { id: base.households[0]! });
      return { householdId: h.id, memberId: h.members[2]!.id, kind: '02', date: '2025-06-01' };
    },
  },
  'member:join': {
    input: ({ base }) => ({
      householdId: base.households[0], kind: '06', date: '2025-06-01',
      member: { name: '张小宝', idNumber: idFor('110101', '20250501', 901), relationship: '03' },
    }),
  },
  'income:save': { input: ({ base }) => ({ householdId: base.households[0], year: 2024, wageFen: 2_400_000, operatingFen: 300_000 }) },
  'povertyLine:save': { input: () => ({ year: 2026, level: 'PROVINCE', kind: 'MONITORING_RANGE', amountFen: 780_000, region: '示范省' }) },
  'povertyLine:delete': {
    input: async ({ must }) => ({ id: (await must('povertyLine:save', { year: 2027, level: 'CITY', kind: 'MONITORING_RANGE', amountFen: 800_000, region: '示范市' })).id }),
  },
  'guarantee:save': { input: ({ base }) => ({ householdId: base.households[0], recordedOn: '2025-06-01', houseGrade: '01', waterSafe: true, waterHard: false }) },
  'import:commit': { input: () => rosterFile() },
  'import:start': { input: () => ({ ...rosterFile(), commit: true }) },
  'export:roster': { input: ({ base }) => ({ layout: 'template', householdIds: [base.households[0]] }) },
  'cadre:save': { input: () => ({ name: '赵建华', sex: '1', unit: '县农业农村局', affiliation: '04' }) },
  'cadre:delete': { input: async ({ must }) => ({ id: (await must('cadre:save', { name: '钱待删', sex: '2', unit: '县教育局', affiliation: '04' })).id }) },
  'pairing:assign': { input: ({ base }) => ({ cadreId: base.cadreId, householdIds: [base.households[1]], startDate: '2025-06-01' }) },
  'pairing:end': {
    input: async ({ must, base }) => {
      const pairings = await must('pairing:history', { householdId: base.households[0]! });
      return { id: pairings[0]!.id, endDate: '2025-06-10', reason: 'CADRE_LEFT' };
    },
  },
  'measure:save': { input: ({ base }) => ({ householdId: base.households[0], category: 'M_INDUSTRY', item: '发放鸡苗 50 只', date: '2025-06-01' }) },
  'measure:revoke': {
    input: async ({ must, base }) => ({ id: (await must('measure:save', { householdId: base.households[0]!, category: 'M_INDUSTRY', item: '发放鸡苗', date: '2025-06-01' })).id, reason: '录入有误' }),
  },
  'subsidy:save': { input: ({ base }) => ({ householdId: base.households[0], category: 'ECOLOGICAL', amountFen: 120_000, date: '2025-06-01', source: 'FISCAL' }) },
  'subsidy:revoke': {
    input: async ({ must, base }) => ({
      id: (await must('subsidy:save', { householdId: base.households[0]!, category: 'ECOLOGICAL', amountFen: 120_000, date: '2025-06-01', source: 'FISCAL' })).id,
      reason: '重复登记',
    }),
  },
  // With the household's rating taken at the visit: the visit, the rating and both audit entries are one transaction.
  'visit:save': { input: ({ base }) => ({ householdId: base.households[0], cadreId: base.cadreId, date: '2025-06-10', type: 'HOME', purposes: ['POLICY'], rating: { overall: '1' } }) },
  'rating:record': { input: ({ base }) => ({ householdId: base.households[0], cadreId: base.cadreId, ratedOn: '2025-06-10', overall: '2', method: 'PHONE', recordedBy: '李文书' }) },
  'attendance:save': {
    input: async ({ must, base }) => ({
      cadreId: (await must('cadre:save', { name: '孙书记', sex: '1', unit: '示范市财政局', affiliation: '03', role: 'FIRST_SECRETARY', villageId: base.villageId, postingStart: '2025-01-01' })).id,
      month: MONTH,
      days: 22,
    }),
  },
  'cadreAssessment:update': {
    input: () => ({ redMinVisitRate: 95, redMinSatisfaction: 90, blackBelowSatisfaction: 60, blackOverdueCadences: 2, ratingWindowMonths: 3, requiredAttendanceDays: 20, blackBelowAttendanceDays: 10 }),
  },
  'cadreList:draft': { input: () => ({ month: MONTH }) },
  'cadreList:adjust': {
    input: async ({ must, base }) => {
      await must('cadreList:draft', { month: MONTH });
      return { month: MONTH, cadreId: base.cadreId, list: 'RED', reason: '群众来信表扬', approver: '镇长', consequence: 'COMMEND' };
    },
  },
  'cadreList:advance': {
    input: async ({ must }) => {
      await must('cadreList:draft', { month: MONTH });
      return { month: MONTH, to: 'reviewed', meetingDate: '2025-06-01' };
    },
  },
  'cadreList:objection': {
    input: async ({ must, base }) => {
      await cadreListPublicised(must);
      return { month: MONTH, cadreId: base.cadreId, text: '走访记录不实', raisedOn: TODAY };
    },
  },
  'cadreList:resolveObjection': {
    input: async ({ must }) => {
      await cadreListPublicised(must);
      const r = await must('cadreList:objection', { month: MONTH, text: '走访记录不实', raisedOn: TODAY });
      return { objectionId: r.objections[0]!.id, resolution: '经核实属实，维持原结果' };
    },
  },
  'visitCadence:update': { input: () => ({ monitoredMonths: 2, otherMonths: 4 }) },
  'cardSettings:update': { input: () => ({ title: '精准帮扶联系卡（测试）', householdPhone: 'hidden' }) },
  'month:close': { input: () => ({ month: MONTH, confirm: true }) },
  'month:reopen': {
    input: async ({ must }) => {
      await must('month:close', { month: MONTH, confirm: true });
      return { month: MONTH, reason: '补录五月走访' };
    },
  },
  'criteria:save': { input: () => ({ dimension: '乡风文明', item: '参加义务植树', points: 2 }) },
  'criteria:retire': { input: ({ base }) => ({ ruleKey: base.criterionKey }) },
  'round:saveEntries': { input: ({ base }) => ({ month: MONTH, villageId: base.villageId, entries: [{ householdId: base.households[0], criterionId: base.criterionId, times: 1 }] }) },
  'round:advance': {
    input: async ({ must, base }) => {
      await must('round:saveEntries', { month: MONTH, villageId: base.villageId, entries: [{ householdId: base.households[0]!, criterionId: base.criterionId, times: 1 }] });
      return { month: MONTH, villageId: base.villageId, to: 'reviewed', meetingDate: '2025-06-01' };
    },
  },
  'round:objection': {
    input: async ({ must, base }) => {
      await publicised(must, base);
      return { month: MONTH, villageId: base.villageId, householdId: base.households[0], text: '漏记一次义务劳动', raisedOn: TODAY };
    },
  },
  'round:resolveObjection': {
    input: async ({ must, base }) => {
      await publicised(must, base);
      const r = await must('round:objection', { month: MONTH, villageId: base.villageId, householdId: base.households[0]!, text: '漏记一次义务劳动', raisedOn: TODAY });
      return { objectionId: r.objections[0]!.id, resolution: '经核实已按实际次数记分' };
    },
  },
  'points:adjust': { input: ({ base }) => ({ householdId: base.households[0], kind: 'GIFTED', points: 5, date: '2025-06-01', reason: '慰问折算积分' }) },
  'shop:saveItem': { input: () => ({ name: '洗衣粉', unit: '袋', pointsPrice: 3 }) },
  'shop:stockIn': { input: async ({ must }) => ({ itemId: (await must('shop:saveItem', { name: '食用油', unit: '桶', pointsPrice: 8 })).id, qty: 5, source: '县供销社捐赠', date: '2025-06-01' }) },
  'shop:redeem': {
    input: async ({ must, base }) => {
      await must('points:adjust', { householdId: base.households[0]!, kind: 'GIFTED', points: 10, date: '2025-06-01', reason: '慰问折算积分' });
      const item = await must('shop:saveItem', { name: '洗衣粉', unit: '袋', pointsPrice: 3 });
      await must('shop:stockIn', { itemId: item.id, qty: 2, source: '县供销社捐赠', date: '2025-06-01' });
      const head = (await must('household:get', { id: base.households[0]! })).members[0]!.idNumber;
      return { householdId: base.households[0], headId: head, date: TODAY, lines: [{ itemId: item.id, qty: 1 }] };
    },
  },
  'redblack:save': { input: ({ base }) => redBlack(base) },
  'redblack:delist': {
    input: async ({ must, base }) => ({ id: (await must('redblack:save', redBlack(base) as ApiInput<'redblack:save'>)).id, date: TODAY, reason: '已改正' }),
  },
  'backupSettings:update': { input: () => ({ keepDays: 7, keepMonths: 6 }) },
  'quality:run': { input: () => ({ trigger: 'manual' }) },
  'quality:acknowledge': { input: async ({ must }) => ({ findingId: await someFinding(must), note: '已入户核实，情况属实' }) },
  'quality:unacknowledge': {
    input: async ({ must }) => {
      const findingId = await someFinding(must);
      const f = await must('quality:acknowledge', { findingId, note: '已入户核实' });
      return { acknowledgementId: f.acknowledgement!.id };
    },
  },
};

/** Methods that write no audit entry by design: with the trigger they still succeed, and must change only these tables. */
const UNAUDITED: Partial<Record<ApiMethod, string>> = {
  'quality:run': 'recomputes the findings (derived data); each run is logged in quality_runs with operator, time and trigger',
};

function rosterFile(): { fileName: string; contentBase64: string } {
  const rows = [
    ['户编号', '姓名', '证件号码', '与户主关系', '行政村', '户类型', '致贫原因1'],
    ['', '王大山', idFor('110101', '19650505', 801), '户主', '石桥村', '脱贫户', '因病'],
    ['', '刘春兰', idFor('110101', '19680606', 802), '配偶', '石桥村', '', ''],
  ];
  return { fileName: '花名册.csv', contentBase64: Buffer.from(rows.map((r) => r.join(',')).join('\r\n'), 'utf8').toString('base64') };
}

function redBlack(base: Base) {
  return {
    month: MONTH, villageId: base.villageId, householdId: base.households[0], list: 'RED', reasonCategory: '孝老爱亲',
    description: '照顾瘫痪老人十年', approver: '村支书', approvedOn: '2025-06-01',
  };
}

async function publicised(must: Must, base: Base): Promise<void> {
  await must('round:saveEntries', { month: MONTH, villageId: base.villageId, entries: [{ householdId: base.households[0]!, criterionId: base.criterionId, times: 1 }] });
  await must('round:advance', { month: MONTH, villageId: base.villageId, to: 'reviewed', meetingDate: '2025-06-01' });
  await must('round:advance', { month: MONTH, villageId: base.villageId, to: 'publicised', publicityStart: '2025-06-14' });
}

async function cadreListPublicised(must: Must): Promise<void> {
  await must('cadreList:draft', { month: MONTH });
  await must('cadreList:advance', { month: MONTH, to: 'reviewed', meetingDate: '2025-06-01' });
  await must('cadreList:advance', { month: MONTH, to: 'publicised', publicityStart: '2025-06-14' });
}

async function someFinding(must: Must): Promise<number> {
  await must('quality:run', { trigger: 'manual' });
  const page = await must('quality:findings', { pageSize: 1 });
  if (!page.rows[0]) throw new Error('the base registry should give at least one data-quality finding');
  return page.rows[0].id;
}

/** A hash of each table's rows. */
function fingerprint(ledger: Ledger): Map<string, string> {
  const db = ledger.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return new Map(
    tables.map((t) => {
      const hash = createHash('sha1');
      for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().iterate() as IterableIterator<unknown[]>) {
        hash.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v))));
        hash.update('\n');
      }
      return [t, hash.digest('hex')];
    }),
  );
}

function changed(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((t) => a.get(t) !== b.get(t));
}

const REFUSE_AUDIT = `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit entry refused by the test'); END`;

/** Calls a method as a door would; a job (import:start) is waited for, its failure is the call's. */
async function callThrough(ledger: Ledger, method: ApiMethod, input: unknown): Promise<Result<unknown>> {
  const r = await dispatchAsync(ledger, method, input);
  if (!r.ok || method !== 'import:start') return r;
  const { jobId } = r.data as { jobId: string };
  for (;;) {
    const job = (await dispatchAsync(ledger, 'job:get', { jobId })) as Result<JobView>;
    if (!job.ok) return job;
    if (job.data.state === 'done') return { ok: true, data: job.data.result };
    if (job.data.state !== 'running') return { ok: false, error: { code: job.data.error?.code ?? 'INTERNAL', message: job.data.error?.message ?? job.data.state } } as Result<unknown>;
    await new Promise((r2) => setTimeout(r2, 10));
  }
}

describe('writes and their audit entries are one transaction', () => {
  let dir: string;
  let basePath: string;
  let base: Base;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-atomic-'));
    basePath = join(dir, 'base.sqlite');
    const ledger = createLedger({ dbPath: basePath, now: fixedNow });
    const call: Call = async (m, i) => (await dispatchAsync(ledger, m, i)) as Result<never>;
    const must: Must = async (m, i) => {
      const r = await call(m, i);
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.data;
    };
    await must('settings:update', { townshipName: '青山镇', countyName: '示范县', operatorName: '李文书' });
    const village = await must('village:save', { name: '石桥村' });
    const group = await must('group:save', { villageId: village.id, name: '一组' });
    const households = [];
    for (let i = 0; i < 3; i++) households.push((await must('household:save', family(village.id, group.id))).id);
    const cadre = await must('cadre:save', { name: '孙立新', sex: '1', unit: '县财政局', affiliation: '04' });
    await must('pairing:assign', { cadreId: cadre.id, householdIds: [households[0]!], startDate: '2025-01-02' });
    const criteria = await must('criteria:list', {});
    base = { villageId: village.id, groupId: group.id, households, cadreId: cadre.id, criterionId: criteria[0]!.id, criterionKey: criteria.at(-1)!.ruleKey };
    checkpointAndClose(ledger.db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('covers every write method of the contract', () => {
    const writes = (Object.keys(api) as ApiMethod[]).filter((m) => api[m].writes);
    expect(writes.filter((m) => !CASES[m] && !NOT_HERE[m])).toEqual([]);
  });

  const methods = Object.keys(CASES) as ApiMethod[];
  it.each(methods)('%s: refused whole when its audit entry cannot be written; written whole with it otherwise', async (method) => {
    const copy = copyOf(basePath);
    const ledger = createLedger({ dbPath: copy.dbPath, now: fixedNow });
    try {
      const must: Must = async (m, i) => {
        const r = await callThrough(ledger, m, i);
        if (!r.ok) throw new Error(`setting up ${method}: ${m}: ${r.error.message}`);
        return r.data as never;
      };
      const input = await CASES[method]!.input({ must, base, ledger });
      const before = fingerprint(ledger);
      const auditBefore = ledger.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

      ledger.db.exec(REFUSE_AUDIT);
      const refused = await callThrough(ledger, method, input);
      const afterRefused = fingerprint(ledger);
      ledger.db.exec('DROP TRIGGER test_refuse_audit');
      if (UNAUDITED[method]) {
        expect(refused.ok, `${method} writes no audit entry by design`).toBe(true);
        expect(changed(before, afterRefused).filter((t) => !DERIVED.has(t))).toEqual([]);
        return;
      }
      expect(refused.ok, `${method} succeeded although its audit entry could not be written`).toBe(false);
      // Refused by the trigger, not by anything else about the input.
      if (!refused.ok) expect(refused.error.message).toContain('SQLITE_CONSTRAINT_TRIGGER');
      // The data-quality run before a close is a transaction of its own, with no audit entry.
      expect(changed(before, afterRefused).filter((t) => !(method === 'month:close' && DERIVED.has(t))), `${method} left changes without their audit entry`).toEqual([]);

      const done = await callThrough(ledger, method, input);
      expect(done.ok, done.ok ? '' : `${method} with valid input: ${done.error.message}`).toBe(true);
      expect(ledger.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number, `${method} wrote no audit entry`).toBeGreaterThan(auditBefore);
    } finally {
      ledger.close();
      copy.cleanup();
    }
  });

  it('methods that only read leave every table as it was', async () => {
    const copy = copyOf(basePath);
    const ledger = createLedger({ dbPath: copy.dbPath, now: fixedNow });
    try {
      await callThrough(ledger, 'quality:run', { trigger: 'manual' });
      await callThrough(ledger, 'month:close', { month: '2025-04', confirm: true });
      const exported = (await callThrough(ledger, 'export:roster', { layout: 'template' })).ok;
      expect(exported).toBe(true);
      const h = base.households[0]!;
      // The first input the method accepts is used; every read is tried with each until one passes validation.
      const inputs: unknown[] = [
        {}, { householdId: h }, { id: h }, { month: MONTH }, { month: MONTH, villageId: base.villageId }, { householdId: h, month: MONTH },
        { householdId: h, year: 2024 }, { layout: 'template' }, { cadreId: base.cadreId }, { month: MONTH, villageId: base.villageId, format: 'xlsx' },
        rosterFile(), { exportId: 1 }, { cadreId: base.cadreId, month: MONTH }, { month: MONTH, format: 'xlsx' },
      ];
      const reads = (Object.keys(api) as ApiMethod[]).filter((m) => !api[m].writes && m !== 'job:get' && m !== 'job:cancel');
      const untried: string[] = [];
      for (const method of reads) {
        const before = fingerprint(ledger);
        let tried = false;
        for (const input of inputs) {
          const r = await callThrough(ledger, method, input);
          if (!r.ok && r.error.code === 'VALIDATION') continue;
          tried = true;
          break;
        }
        if (!tried) untried.push(method);
        expect(changed(before, fingerprint(ledger)), `${method} is declared a read but changed the registry`).toEqual([]);
      }
      expect(untried).toEqual([]);
    } finally {
      ledger.close();
      copy.cleanup();
    }
  });

  it('a data-quality run is one transaction too: a finding that cannot be written leaves the previous run in place', async () => {
    const copy = copyOf(basePath);
    const ledger = createLedger({ dbPath: copy.dbPath, now: fixedNow });
    try {
      expect((await dispatchAsync(ledger, 'quality:run', { trigger: 'manual' })).ok).toBe(true);
      const before = fingerprint(ledger);
      ledger.db.exec(`CREATE TRIGGER test_refuse_finding BEFORE INSERT ON quality_findings BEGIN SELECT RAISE(ABORT, 'finding refused by the test'); END`);
      expect((await dispatchAsync(ledger, 'quality:run', { trigger: 'manual' })).ok).toBe(false);
      expect(changed(before, fingerprint(ledger))).toEqual([]);
    } finally {
      ledger.close();
      copy.cleanup();
    }
  });
});
