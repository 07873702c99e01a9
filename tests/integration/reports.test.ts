import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../src/shared/api';
import type { MonthlyReport, ReportTable } from '../../src/shared/domain/report.types';
import { idFor, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

/** Noon in Beijing on a fixed day: the seed and the months never drift. */
const TODAY = '2025-06-15';
const fixedNow = () => new Date(`${TODAY}T12:00:00+08:00`);
const MONTH = '2025-06';
const PREVIOUS = '2025-05';

function seeded(households = 400) {
  t = tempLedger({ now: fixedNow });
  t.ledger.seed({ households, seed: 11 });
  return t;
}

const column = (table: ReportTable, key: string) => {
  const k = table.columns.findIndex((c) => c.key === key);
  if (k < 0) throw new Error(`no column ${key} in ${table.id}`);
  return k;
};
const table = (r: MonthlyReport, id: string) => r.tables.find((x) => x.id === id)!;
/** A column's value per village id, and the township total. */
function byVillage(r: MonthlyReport, id: string, key: string): { villages: Map<number, number>; total: number } {
  const tb = table(r, id);
  const k = column(tb, key);
  return { villages: new Map(tb.rows.map((row) => [row.villageId!, row.values[k]!])), total: tb.total.values[k]! };
}

/** Independent counts, straight from the tables (not the report's code). */
function sqlByVillage(sql: string, params: Record<string, unknown> = {}): Map<number, number> {
  const rows = t.ledger.db.prepare(sql).all(params) as { village_id: number; n: number }[];
  return new Map(rows.map((r) => [r.village_id, r.n]));
}
const IN_FORCE = (alias: string, month: number) =>
  `${alias}.revoked_at IS NULL AND ${alias}.month <= ${month} AND (${alias}.until_month IS NULL OR ${alias}.until_month > ${month})`;

function expectVillages(actual: Map<number, number>, expected: Map<number, number>): void {
  for (const [village, n] of actual) expect([village, n]).toEqual([village, expected.get(village) ?? 0]);
  for (const [village, n] of expected) expect([village, actual.get(village)]).toEqual([village, n]);
}

describe('the monthly report', () => {
  it('counts households, people and statuses per village as an independent count does, and the total is the sum of the villages', () => {
    seeded();
    const r = t.must('report:monthly', { month: MONTH });
    expect(r).toMatchObject({ month: MONTH, source: 'live', townshipName: expect.any(String) });
    const villages = t.must('village:list', {});
    expect(table(r, 'status').rows.map((row) => row.label)).toEqual(villages.map((v) => v.name));

    const live = sqlByVillage(
      `SELECT h.village_id, count(*) AS n FROM status_events e JOIN households h ON h.id = e.household_id
       WHERE ${IN_FORCE('e', 202506)} AND h.deleted_at IS NULL GROUP BY h.village_id`,
    );
    expectVillages(byVillage(r, 'status', 'households').villages, live);
    const people = sqlByVillage(
      `SELECT h.village_id, count(*) AS n FROM members m JOIN households h ON h.id = m.household_id
       WHERE m.deleted_at IS NULL AND h.deleted_at IS NULL AND (m.joined_on IS NULL OR m.joined_on <= '2025-06-30') AND (m.left_on IS NULL OR m.left_on > '2025-06-30')
         AND h.id IN (SELECT household_id FROM status_events e WHERE ${IN_FORCE('e', 202506)})
       GROUP BY h.village_id`,
    );
    expectVillages(byVillage(r, 'status', 'people').villages, people);
    for (const status of ['LIFTED_HOUSEHOLD', 'ORDINARY', 'LIFTED_HOUSEHOLD_NO_POLICY']) {
      const expected = sqlByVillage(
        `SELECT h.village_id, count(*) AS n FROM status_events e JOIN households h ON h.id = e.household_id
         WHERE ${IN_FORCE('e', 202506)} AND h.deleted_at IS NULL AND e.status = @status GROUP BY h.village_id`,
        { status },
      );
      expectVillages(byVillage(r, 'status', `status.${status}.households`).villages, expected);
    }

    // Every column of every table: the township row is the sum of the village rows.
    for (const tb of r.tables) {
      tb.columns.forEach((c, k) => expect([tb.id, c.key, tb.total.values[k]]).toEqual([tb.id, c.key, tb.rows.reduce((s, row) => s + row.values[k]!, 0)]));
    }
    expect(byVillage(r, 'status', 'households').total).toBeGreaterThan(300);
  });

  it('counts monitoring objects, causes, attributes, measures, subsidies and visits as independent counts do', () => {
    seeded();
    const r = t.must('report:monthly', { month: MONTH });
    const monitored = sqlByVillage(
      `SELECT h.village_id, count(*) AS n FROM status_events e JOIN households h ON h.id = e.household_id
       WHERE ${IN_FORCE('e', 202506)} AND h.deleted_at IS NULL AND e.monitoring_category = 'UNSTABLE' GROUP BY h.village_id`,
    );
    expectVillages(byVillage(r, 'monitoring', 'category.UNSTABLE.households').villages, monitored);
    const active = sqlByVillage(
      `SELECT h.village_id, count(*) AS n FROM status_events e JOIN households h ON h.id = e.household_id
       WHERE ${IN_FORCE('e', 202506)} AND h.deleted_at IS NULL AND e.monitoring_category IS NOT NULL AND e.risk_state = 'ACTIVE' GROUP BY h.village_id`,
    );
    expectVillages(byVillage(r, 'monitoring', 'risk.ACTIVE').villages, active);
    const live = `h.deleted_at IS NULL AND h.id IN (SELECT household_id FROM status_events e WHERE ${IN_FORCE('e', 202506)})`;
    for (const cause of ['01', '02', '08']) {
      expectVillages(
        byVillage(r, 'causes', `cause.${cause}`).villages,
        sqlByVillage(`SELECT village_id, count(*) AS n FROM households h WHERE ${live} AND main_cause = @cause GROUP BY village_id`, { cause }),
      );
    }
    expectVillages(
      byVillage(r, 'causes', 'attribute.DIBAO').villages,
      sqlByVillage(`SELECT village_id, count(*) AS n FROM households h WHERE ${live} AND attribute = 'DIBAO' GROUP BY village_id`),
    );
    expectVillages(
      byVillage(r, 'assistance', 'measures.month').villages,
      sqlByVillage(`SELECT h.village_id, count(*) AS n FROM measures m JOIN households h ON h.id = m.household_id
        WHERE ${live} AND m.revoked_at IS NULL AND m.measure_date BETWEEN '2025-06-01' AND '2025-06-30' GROUP BY h.village_id`),
    );
    expectVillages(
      byVillage(r, 'assistance', 'measures.yearFen').villages,
      sqlByVillage(`SELECT h.village_id, sum(coalesce(m.amount_fen, 0)) AS n FROM measures m JOIN households h ON h.id = m.household_id
        WHERE ${live} AND m.revoked_at IS NULL AND m.measure_date BETWEEN '2025-01-01' AND '2025-06-30' GROUP BY h.village_id`),
    );
    expectVillages(
      byVillage(r, 'assistance', 'subsidies.yearFen').villages,
      sqlByVillage(`SELECT h.village_id, sum(s.amount_fen) AS n FROM subsidies s JOIN households h ON h.id = s.household_id
        WHERE ${live} AND s.revoked_at IS NULL AND s.paid_date BETWEEN '2025-01-01' AND '2025-06-30' GROUP BY h.village_id`),
    );
    expectVillages(
      byVillage(r, 'assistance', 'visits.month').villages,
      sqlByVillage(`SELECT h.village_id, count(*) AS n FROM visits v JOIN households h ON h.id = v.household_id
        WHERE ${live} AND v.visit_date BETWEEN '2025-06-01' AND '2025-06-15' GROUP BY h.village_id`),
    );
    // Overdue: the visits-due view of the same day is another code path over the same rule.
    expect(byVillage(r, 'assistance', 'visits.overdue').total).toBe(t.must('visit:due', { asOf: TODAY, pageSize: 1 }).total);
    // No list entries or points in the seed: the incentive columns count nothing yet.
    expect(['incentives.red', 'incentives.black', 'incentives.issued', 'incentives.redeemed'].map((k) => byVillage(r, 'assistance', k).total)).toEqual([0, 0, 0, 0]);
  });

  it('counts open guarantee problems and income bands as the household pages judge each household', () => {
    seeded(150);
    const r = t.must('report:monthly', { month: MONTH });
    const ids = t.ledger.db.prepare(`SELECT h.id FROM households h WHERE h.deleted_at IS NULL AND h.id IN (SELECT household_id FROM status_events e WHERE ${IN_FORCE('e', 202506)})`).pluck().all() as number[];
    const problems = { foodClothing: 0, education: 0, medical: 0, housing: 0, water: 0 };
    const checks = { foodClothing: 0, education: 0, medical: 0, housing: 0, water: 0 };
    let below = 0;
    let none = 0;
    for (const id of ids) {
      for (const i of t.must('guarantee:get', { householdId: id, asOf: '2025-06-30' }).indicators) {
        if (i.light === 'problem') problems[i.key]++;
        if (i.light === 'check') checks[i.key]++;
      }
      const income = t.must('income:list', { householdId: id }).find((y) => y.year <= 2025);
      if (!income || income.perCapitaFen === null || !income.line) none++;
      else if (income.perCapitaFen < income.line.amountFen) below++;
    }
    for (const [key, n] of Object.entries(problems)) expect([key, byVillage(r, 'income', `problem.${key}`).total]).toEqual([key, n]);
    for (const [key, n] of Object.entries(checks)) expect([key, byVillage(r, 'income', `check.${key}`).total]).toEqual([key, n]);
    expect(Object.values(problems).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(byVillage(r, 'income', 'income.below').total).toBe(below);
    expect(byVillage(r, 'income', 'income.none').total).toBe(none);
    const bands = table(r, 'income').columns.filter((c) => c.key.startsWith('income.')).map((c) => byVillage(r, 'income', c.key).total);
    expect(bands.reduce((a, b) => a + b, 0)).toBe(ids.length);
  });

  it('counts this month’s flows: new monitoring objects, risk eliminated by how, lifted, returned, people joining and leaving', () => {
    t = tempLedger({ now: fixedNow });
    t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
    const v = t.must('village:save', { name: '石桥村' });
    let n = 0;
    const make = (status: string, extra: Record<string, unknown> = {}) => {
      n++;
      return t.must('household:save', {
        villageId: v.id, status, attribute: 'GENERAL', mainCause: '01', statusSince: '2024-01',
        members: [
          { name: `户主${n}`, idNumber: idFor('110101', '19700101', n * 4 + 1), relationship: '01' },
          { name: `配偶${n}`, idNumber: idFor('110101', '19720101', n * 4 + 2), relationship: '02' },
        ],
        ...extra,
      } as ApiInput<'household:save'>);
    };
    const a = make('LIFTED_HOUSEHOLD');
    const b = make('ORDINARY', { attribute: null, mainCause: null });
    const c = make('LIFTED_HOUSEHOLD');
    t.must('status:change', { householdId: a.id, kind: 'START_MONITORING', month: MONTH, monitoringCategory: 'UNSTABLE' });
    t.must('status:change', { householdId: b.id, kind: 'START_MONITORING', month: '2025-03', monitoringCategory: 'MARGINAL' });
    t.must('status:change', { householdId: b.id, kind: 'ELIMINATE_RISK', month: MONTH, eliminationMethod: 'ASSISTED' });
    t.must('status:change', { householdId: c.id, kind: 'START_MONITORING', month: '2025-02', monitoringCategory: 'SUDDEN_HARDSHIP' });
    t.must('status:change', { householdId: c.id, kind: 'ELIMINATE_RISK', month: PREVIOUS, eliminationMethod: 'NATURAL' });
    const spouse = t.must('household:get', { id: a.id }).members.find((m) => m.relationship === '02')!;
    t.must('member:leave', { householdId: a.id, memberId: spouse.id, kind: '01', date: '2025-06-03' } as ApiInput<'member:leave'>);

    const r = t.must('report:monthly', { month: MONTH });
    const total = (key: string) => byVillage(r, 'monitoring', key).total;
    expect(total('new.households')).toBe(1);
    expect(total('new.people')).toBe(1); // a's spouse left this month: one person at the month's end
    expect(total('eliminated.assisted')).toBe(1);
    expect(total('eliminated.natural')).toBe(0); // c's risk was eliminated last month
    expect(total('monitored.households')).toBe(3);
    expect(total('risk.ACTIVE')).toBe(1);
    expect(byVillage(r, 'status', 'left').total).toBe(1);
    expect(byVillage(r, 'status', 'people').total).toBe(5);
    const may = t.must('report:monthly', { month: PREVIOUS });
    expect(byVillage(may, 'monitoring', 'eliminated.natural').total).toBe(1);
    expect(byVillage(may, 'monitoring', 'new.households').total).toBe(0);
    expect(byVillage(may, 'status', 'people').total).toBe(6);
  });

  it('refuses a month not yet come, and a township without its name, in Chinese', () => {
    t = tempLedger({ now: fixedNow });
    expect(t.call('report:monthly', { month: '2025-06' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('请先在“设置”中填写乡（镇）名称') } });
    t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
    expect(t.call('report:monthly', { month: '2025-07' })).toMatchObject({ ok: false, error: { message: '2025年7月还没有到，不能出月报或结账' } });
    expect(t.call('report:monthly', { month: '2025-13' })).toMatchObject({ ok: false, error: { message: '月份应为“年-月”格式，如 2026-03' } });
  });
});

describe('month-end close', () => {
  it('freezes a month: its report is unchanged after the live data changes, until it is reopened with a reason', () => {
    seeded(120);
    const before = t.must('report:monthly', { month: MONTH });
    const close = t.must('month:close', { month: MONTH });
    expect(close).toMatchObject({ month: MONTH, closedBy: expect.any(String), households: byVillage(before, 'status', 'households').total, reopenedAt: null });

    // The live data moves on: a new household, a monitoring object, a measure this month.
    const village = t.must('village:list', {})[0]!;
    const h = t.must('household:save', {
      villageId: village.id, status: 'LIFTED_HOUSEHOLD', attribute: 'GENERAL', mainCause: '01', statusSince: '2024-01',
      members: [{ name: '新户主', idNumber: idFor('110101', '19650505', 991), relationship: '01' }],
    } as ApiInput<'household:save'>);
    t.must('status:change', { householdId: h.id, kind: 'START_MONITORING', month: MONTH, monitoringCategory: 'UNSTABLE' });
    t.must('measure:save', { householdId: h.id, category: 'M_INDUSTRY', item: '茶苗', date: '2025-06-10', amountFen: 50000 });

    const frozen = t.must('report:monthly', { month: MONTH });
    expect(frozen.source).toBe('snapshot');
    expect(frozen.closedAt).toBe(close.closedAt);
    expect(frozen.tables).toEqual(before.tables);
    expect(t.call('month:close', { month: MONTH })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已于 2025-06-15') } });

    expect(t.call('month:reopen', { month: MONTH, reason: ' ' })).toMatchObject({ ok: false, error: { message: '请填写重新打开的原因' } });
    const reopened = t.must('month:reopen', { month: MONTH, reason: '补录 6 月新增监测户' });
    expect(reopened).toMatchObject({ id: close.id, reopenReason: '补录 6 月新增监测户', reopenedBy: expect.any(String) });
    const liveAgain = t.must('report:monthly', { month: MONTH });
    expect(liveAgain.source).toBe('live');
    expect(byVillage(liveAgain, 'status', 'households').total).toBe(byVillage(before, 'status', 'households').total + 1);
    expect(byVillage(liveAgain, 'monitoring', 'new.households').total).toBe(byVillage(before, 'monitoring', 'new.households').total + 1);

    // The household added by hand lacks its labour and exit year: closing again over those errors is confirmed.
    expect(t.call('month:close', { month: MONTH })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { qualityErrors: expect.any(Number) } } });
    const again = t.must('month:close', { month: MONTH, confirm: true });
    expect(again.confirmedNote).toMatch(/^确认结账：尚有 \d+ 条错误疑点未处理$/);
    expect(again.id).not.toBe(close.id);
    expect(t.must('month:list', {}).map((c) => [c.id, c.reopenReason])).toEqual([[again.id, null], [close.id, '补录 6 月新增监测户']]);
    const audit = t.must('audit:list', { entity: 'month_close' }).rows.map((e) => e.summary);
    expect(audit).toContain('重新打开2025年6月（原于 2025-06-15 由 李文书 结账）：补录 6 月新增监测户'.replace('李文书', close.closedBy));
  });

  it('refuses to reopen an open month, and to close a month not yet come', () => {
    seeded(20);
    expect(t.call('month:reopen', { month: MONTH, reason: '测试' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '2025年6月尚未结账，不需要重新打开' } });
    expect(t.call('month:close', { month: '2025-08' })).toMatchObject({ ok: false, error: { message: '2025年8月还没有到，不能出月报或结账' } });
  });
});

describe('the dashboard', () => {
  it('counts this month as the report does, with twelve months of monitoring objects', () => {
    seeded(200);
    const d = t.must('dashboard:get', {});
    const r = t.must('report:monthly', { month: MONTH });
    expect(d.month).toBe(MONTH);
    expect(d.counters.households).toBe(byVillage(r, 'status', 'households').total);
    expect(d.counters.people).toBe(byVillage(r, 'status', 'people').total);
    expect(d.counters.monitoredActive).toBe(byVillage(r, 'monitoring', 'risk.ACTIVE').total);
    expect(d.counters.visitsOverdue).toBe(byVillage(r, 'assistance', 'visits.overdue').total);
    expect(d.monitoringTrend.map((m) => m.month)).toEqual(['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(d.monitoringTrend.at(-1)!.active).toBe(d.counters.monitoredActive);
    const statusTotal = d.statusByVillage.reduce((s, v) => s + Object.values(v.counts).reduce((a, b) => a + b, 0), 0);
    expect(statusTotal).toBe(d.counters.households);
    expect(d.causes.reduce((s, c) => s + c.households, 0)).toBeLessThanOrEqual(d.counters.households);
  });
});

describe('CLI', () => {
  it('report --month sums the villages up; close-month and reopen-month keep the history', async () => {
    const { runCli } = await import('../../src/main/doors/cli');
    seeded(60);
    const said: string[] = [];
    const io = { out: (s: string) => said.push(s), err: (s: string) => said.push(s) };
    expect(await runCli(['--db', t.dbPath, 'report', '--month', '2025-05'], io)).toBe(0);
    expect(said.join('\n')).toMatch(/2025年5月巩固脱贫成果月报表（当前数据，未结账）[\s\S]*合计：\d+ 户 \d+ 人/);
    expect(await runCli(['--db', t.dbPath, 'close-month', '2025-05'], io)).toBe(0);
    expect(said.join('\n')).toContain('2025年5月已结账');
    expect(await runCli(['--db', t.dbPath, 'reopen-month', '2025-05'], io)).toBe(1);
    expect(said.join('\n')).toContain('请填写重新打开的原因');
    expect(await runCli(['--db', t.dbPath, 'reopen-month', '2025-05', '--reason', '补录'], io)).toBe(0);
    expect(t.must('month:list', {})[0]).toMatchObject({ month: '2025-05', reopenReason: '补录' });
  });
});

describe('report files through the contract', () => {
  it('writes the closed month’s Excel and PDF from its snapshot, named after the report', async () => {
    const { dispatchAsync } = await import('../../src/main/core');
    const ExcelJS = (await import('exceljs')).default;
    const { readPdf } = await import('../support/pdf-text');
    seeded(80);
    t.must('month:close', { month: PREVIOUS });
    const r = t.must('report:monthly', { month: PREVIOUS });
    const xlsx = (await dispatchAsync(t.ledger, 'report:xlsx', { month: PREVIOUS })) as { ok: true; data: { fileName: string; contentBase64: string } };
    expect(xlsx.data.fileName).toBe(`${r.townshipName}2025年5月巩固脱贫成果月报表.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(r.tables.length);
    const sheet = book.worksheets[0]!;
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('2025年5月巩固脱贫成果月报表');
    expect(text).toContain('结账数据');
    const pdf = (await dispatchAsync(t.ledger, 'report:pdf', { month: PREVIOUS })) as { ok: true; data: { fileName: string; contentBase64: string } };
    expect(pdf.data.fileName).toBe(`${r.townshipName}2025年5月巩固脱贫成果月报表.pdf`);
    const read = await readPdf(Buffer.from(pdf.data.contentBase64, 'base64'));
    expect(read.pages.length).toBeGreaterThanOrEqual(r.tables.length);
    for (const v of table(r, 'status').rows) expect(read.text).toContain(v.label);
    expect(read.text).toContain('填报人');
    const open = (await dispatchAsync(t.ledger, 'report:xlsx', { month: MONTH })) as { ok: true; data: { fileName: string } };
    expect(open.data.fileName).toBe(`${r.townshipName}2025年6月巩固脱贫成果月报表（未结账）.xlsx`);
  });
});
