import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../src/shared/api';
import type { CadreMonthFigures } from '../../src/shared/domain/cadre-assessment.types';
import ExcelJS from 'exceljs';
import { dispatchAsync } from '../../src/main/core';
import { runCli } from '../../src/main/doors/cli';
import { monthLabel } from '../../src/shared/reports/monthly-report';
import type { ReportFile } from '../../src/shared/domain/report.types';
import type { Result } from '../../src/shared/result';
import { idFor, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

/** Noon in Beijing, moved by the tests that need the publicity to run out. */
let today = '2025-06-15';
const clock = () => new Date(`${today}T12:00:00+08:00`);

let nextPerson = 1;
function household(villageId: number, extra: Record<string, unknown> = {}) {
  const n = nextPerson++;
  return t.must('household:save', {
    villageId, status: 'LIFTED_HOUSEHOLD', attribute: 'GENERAL', mainCause: '01',
    members: [{ name: `户主${n}`, idNumber: idFor('110101', '19700101', n * 2 + 1), relationship: '01' }],
    ...extra,
  } as ApiInput<'household:save'>);
}
function cadre(name: string, input: Partial<ApiInput<'cadre:save'>> = {}) {
  return t.must('cadre:save', { name, sex: '1', unit: '示范县农业农村局', affiliation: '04', ...input });
}
function setUp() {
  today = '2025-06-15';
  t = tempLedger({ now: clock });
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  return t.must('village:save', { name: '石桥村' });
}
function failure(r: { ok: boolean; error?: { code: string; message: string } }) {
  if (r.ok || !r.error) throw new Error('expected a refusal');
  return r.error;
}
const visit = (householdId: number, cadreId: number, date: string, rating: ApiInput<'visit:save'>['rating'] = null) =>
  t.must('visit:save', { householdId, cadreId, date, type: 'HOME', purposes: ['POLICY'], rating });
const rate = (householdId: number, cadreId: number, ratedOn: string, overall: string, extra: Partial<ApiInput<'rating:record'>> = {}) =>
  t.call('rating:record', { householdId, cadreId, ratedOn, overall, method: 'PHONE', recordedBy: '李文书', ...extra });

/* ---------- an independent count, straight from the tables ---------- */

function shiftMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, days)).padStart(2, '0')}`;
}

interface Raw {
  pairings: { cadre_id: number; household_id: number; start_date: string; end_date: string | null }[];
  households: Map<number, { deleted_at: string | null; monitoring_category: string | null; risk_state: string | null }>;
  visits: { household_id: number; cadre_id: number; visit_date: string }[];
  measures: { household_id: number; measure_date: string; revoked_at: string | null }[];
  ratings: { id: number; household_id: number; cadre_id: number; rated_on: string; overall: string; supersedes_id: number | null }[];
}
function readRaw(): Raw {
  const db = t.ledger.db;
  return {
    pairings: db.prepare('SELECT cadre_id, household_id, start_date, end_date FROM pairings').all() as Raw['pairings'],
    households: new Map((db.prepare('SELECT id, deleted_at, monitoring_category, risk_state FROM households').all() as ({ id: number } & Raw['households'] extends Map<number, infer H> ? H & { id: number } : never)[]).map((h) => [h.id, h])),
    visits: db.prepare('SELECT household_id, cadre_id, visit_date FROM visits').all() as Raw['visits'],
    measures: db.prepare('SELECT household_id, measure_date, revoked_at FROM measures').all() as Raw['measures'],
    ratings: db.prepare('SELECT id, household_id, cadre_id, rated_on, overall, supersedes_id FROM cadre_ratings ORDER BY id').all() as Raw['ratings'],
  };
}

function countByHand(raw: Raw, cadreId: number, month: string, asOf: string, windowMonths = 3) {
  const start = `${month}-01`;
  const pairedOn = (householdId: number, day: string) =>
    raw.pairings.some((p) => p.cadre_id === cadreId && p.household_id === householdId && p.start_date <= day && (p.end_date === null || p.end_date > day));
  const mine = raw.pairings.filter((p) => p.cadre_id === cadreId && p.start_date <= asOf && (p.end_date === null || p.end_date > asOf) && raw.households.get(p.household_id)!.deleted_at === null);
  let due = 0;
  let done = 0;
  let overdue = 0;
  for (const p of mine) {
    const h = raw.households.get(p.household_id)!;
    const months = h.monitoring_category !== null && h.risk_state === 'ACTIVE' ? 1 : 3;
    const dates = raw.visits.filter((v) => v.household_id === p.household_id).map((v) => v.visit_date);
    const before = dates.filter((d) => d < start).sort().at(-1) ?? null;
    const upTo = dates.filter((d) => d <= asOf).sort().at(-1) ?? null;
    const cutoff = shiftMonths(asOf, -months);
    if (before === null || before < cutoff) {
      due++;
      if (dates.some((d) => d >= start && d <= asOf)) done++;
    }
    if (upTo === null || upTo < cutoff) overdue++;
  }
  const superseded = new Set(raw.ratings.map((r) => r.supersedes_id).filter((id) => id !== null));
  const from = shiftMonths(start, -(windowMonths - 1));
  const latest = new Map<number, { day: string; id: number; overall: string }>();
  for (const r of raw.ratings) {
    if (r.cadre_id !== cadreId || superseded.has(r.id) || r.rated_on < from || r.rated_on > asOf) continue;
    const seen = latest.get(r.household_id);
    if (!seen || r.rated_on > seen.day || (r.rated_on === seen.day && r.id > seen.id)) latest.set(r.household_id, { day: r.rated_on, id: r.id, overall: r.overall });
  }
  const verdicts = [...latest.values()].map((v) => v.overall);
  return {
    householdsPaired: mine.length,
    visitsDue: due,
    visitsDone: done,
    ownVisits: raw.visits.filter((v) => v.cadre_id === cadreId && v.visit_date >= start && v.visit_date <= asOf).length,
    measures: raw.measures.filter((m) => m.revoked_at === null && m.measure_date >= start && m.measure_date <= asOf && raw.households.get(m.household_id)!.deleted_at === null && pairedOn(m.household_id, m.measure_date)).length,
    overdue,
    rated: verdicts.length,
    satisfied: verdicts.filter((v) => v !== '3').length,
  };
}

const fromFigures = (f: CadreMonthFigures) => ({
  householdsPaired: f.householdsPaired, visitsDue: f.visitsDue, visitsDone: f.visitsDone, ownVisits: f.ownVisits, measures: f.measures,
  overdue: f.overdue.length, rated: f.ratings.rated, satisfied: f.ratings.satisfied + f.ratings.basic,
});

describe('a cadre month', () => {
  it('equals an independent count over a seeded township, for a closed month and the current one', () => {
    setUp();
    t.ledger.seed({ households: 400, seed: 21 });
    const raw = readRaw();
    expect(raw.ratings.length).toBeGreaterThan(100);
    for (const [month, asOf] of [['2025-05', '2025-05-31'], ['2025-06', '2025-06-15']] as const) {
      const ranking = t.must('cadre:ranking', { month });
      expect(ranking.asOf).toBe(asOf);
      expect(ranking.rows.length).toBeGreaterThan(10);
      let due = 0;
      for (const row of ranking.rows) {
        expect(fromFigures(row), `${row.cadreName} ${month}`).toEqual(countByHand(raw, row.cadreId, month, asOf));
        due += row.visitsDue;
      }
      expect(due).toBeGreaterThan(0);
      // The cadre page counts the same as the ranking.
      const sample = ranking.rows[Math.floor(ranking.rows.length / 2)]!;
      const page = t.must('cadre:month', { cadreId: sample.cadreId, month });
      expect(fromFigures(page.figures)).toEqual(fromFigures(sample));
      expect(page.trend).toHaveLength(12);
      expect(page.trend.at(-1)).toEqual({ month, visitRate: sample.visitRate, satisfaction: sample.satisfaction, overdue: sample.overdue.length });
    }
    // Every cadre with households is in the ranking; nobody without work is.
    const withHouseholds = new Set(raw.pairings.filter((p) => p.end_date === null).map((p) => p.cadre_id));
    const ranked = new Set(t.must('cadre:ranking', { month: '2025-06' }).rows.map((r) => r.cadreId));
    for (const id of withHouseholds) expect(ranked.has(id)).toBe(true);
  });

  it('counts due, done, overdue, measures and ratings for a small hand-made case', () => {
    const village = setUp();
    const zhou = cadre('周建国');
    const [a, b, c] = [household(village.id), household(village.id), household(village.id)];
    t.must('pairing:assign', { cadreId: zhou.id, householdIds: [a.id, b.id, c.id], startDate: '2024-01-01' });
    visit(a.id, zhou.id, '2025-01-10'); // due in May (Jan 10 < Feb 28), visited in May
    visit(a.id, zhou.id, '2025-05-20');
    visit(b.id, zhou.id, '2025-04-01'); // not due in May: visited within three months
    visit(c.id, zhou.id, '2024-12-01'); // due and not visited: overdue
    t.must('measure:save', { householdId: a.id, category: 'M_INDUSTRY', item: '提供茶苗', date: '2025-05-03' });
    t.must('measure:save', { householdId: c.id, category: 'M_INDUSTRY', item: '提供茶苗', date: '2025-04-30' });
    expect(rate(a.id, zhou.id, '2025-05-20', '1').ok).toBe(true);
    expect(rate(b.id, zhou.id, '2025-04-02', '3').ok).toBe(true);

    const { figures, proposal } = t.must('cadre:month', { cadreId: zhou.id, month: '2025-05' });
    expect(figures).toMatchObject({
      asOf: '2025-05-31', householdsPaired: 3, visitsDue: 2, visitsDone: 1, visitRate: 50, ownVisits: 1, measures: 1,
      ratings: { satisfied: 1, basic: 0, unsatisfied: 1, rated: 2 }, satisfaction: 50, attendance: null,
    });
    expect(figures.overdue).toEqual([
      { householdId: c.id, householdNo: c.householdNo, headName: c.members[0]!.name, villageName: '石桥村', lastVisitDate: '2024-12-01', cadenceMonths: 3, cadencesMissed: 1 },
    ]);
    expect(proposal).toEqual({ list: 'BLACK', reasons: ['群众满意率 50%，低于 60%'] });
  });
});

describe('ratings', () => {
  it('come only from a household about its current cadre, and are never edited, only superseded', () => {
    const village = setUp();
    const zhou = cadre('周建国');
    const wu = cadre('吴丽', { sex: '2' });
    const a = household(village.id);
    const alone = household(village.id);
    const pairing = t.must('pairing:assign', { cadreId: zhou.id, householdIds: [a.id], startDate: '2025-01-01' });

    expect(failure(rate(a.id, wu.id, '2025-05-01', '1'))).toMatchObject({ code: 'CONFLICT', message: `户主 ${a.members[0]!.name} 目前的帮扶责任人是周建国，不是吴丽；农户只能评价当前结对的帮扶责任人` });
    expect(failure(rate(alone.id, zhou.id, '2025-05-01', '1')).message).toBe(`户主 ${alone.members[0]!.name} 目前没有结对帮扶责任人，不能登记满意度评价`);
    expect(failure(rate(a.id, zhou.id, '2024-12-31', '1')).message).toBe('评价日期 2024-12-31 早于本次结对开始日期 2025-01-01');
    expect(failure(rate(a.id, zhou.id, '2025-06-16', '1')).message).toBe('评价日期 2025-06-16 晚于今天（2025-06-15）');
    expect(failure(rate(a.id, zhou.id, '2025-05-01', '4')).message).toBe('“4”不是有效的总体满意度代码');

    const first = rate(a.id, zhou.id, '2025-05-01', '3', { comment: '很少来' });
    if (!first.ok) throw new Error(first.error.message);
    expect(failure(rate(a.id, zhou.id, '2025-06-01', '1', { supersedesId: first.data.id })).message).toBe('更正评价时请写明更正原因（原评价保留备查）');
    expect(failure(rate(a.id, zhou.id, '2024-12-20', '1', { supersedesId: first.data.id, correctionReason: '日期录错' })).message).toBe(`评价日期 2024-12-20 不在户主 ${a.members[0]!.name} 与周建国的结对期间内`);
    const fixed = t.must('rating:record', { householdId: a.id, cadreId: zhou.id, ratedOn: '2025-05-02', overall: '1', method: 'PHONE', recordedBy: '李文书', supersedesId: first.data.id, correctionReason: '录入时选错' });
    expect(fixed).toMatchObject({ ratedOn: '2025-05-02', overall: '1', supersedesId: first.data.id, correctionReason: '录入时选错' });
    expect(failure(rate(a.id, zhou.id, '2025-06-01', '2', { supersedesId: first.data.id, correctionReason: '再改' })).message).toBe(`这条评价已被第 ${fixed.id} 号评价更正，请更正最新的一条`);
    expect(t.must('rating:list', { householdId: a.id }).map((r) => r.id)).toEqual([fixed.id]);
    expect(t.must('rating:list', { householdId: a.id, includeSuperseded: true }).map((r) => [r.id, r.supersededById])).toEqual([[fixed.id, null], [first.data.id, fixed.id]]);
    expect(t.must('cadre:month', { cadreId: zhou.id, month: '2025-05' }).figures.ratings).toEqual({ satisfied: 1, basic: 0, unsatisfied: 0, rated: 1 });

    // The table itself refuses edits and deletions, whatever writes to it.
    expect(() => t.ledger.db.prepare("UPDATE cadre_ratings SET overall = '1'").run()).toThrow('满意度评价不能修改，只能登记更正');
    expect(() => t.ledger.db.prepare('DELETE FROM cadre_ratings').run()).toThrow('满意度评价不能删除，只能登记更正');

    // After the pairing ends, the household can no longer rate that cadre.
    t.must('pairing:end', { id: pairing.opened[0]!.id, endDate: '2025-06-01', reason: 'REASSIGNED' });
    expect(failure(rate(a.id, zhou.id, '2025-06-05', '1')).message).toBe(`户主 ${a.members[0]!.name} 目前没有结对帮扶责任人，不能登记满意度评价`);
    expect(t.must('audit:list', { entity: 'cadre_rating' }).rows.map((r) => r.summary)).toContain(`更正第 ${first.data.id} 号满意度评价（录入时选错）：户主 ${a.members[0]!.name}对帮扶责任人周建国“满意”（电话回访，李文书记录）`);
  });

  it('taken at a visit go to the household’s current cadre with the visit, or neither is saved', () => {
    const village = setUp();
    const zhou = cadre('周建国');
    const secretary = cadre('吴书记', { role: 'FIRST_SECRETARY', villageId: village.id, postingStart: '2024-01-01' });
    const a = household(village.id);
    const alone = household(village.id);
    t.must('pairing:assign', { cadreId: zhou.id, householdIds: [a.id], startDate: '2025-01-01' });

    const v = visit(a.id, secretary.id, '2025-06-02', { overall: '2', policy: '1', delivery: '2', frequency: '3', comment: '希望多来' });
    const [r] = t.must('rating:list', { cadreId: zhou.id });
    expect(r).toMatchObject({ householdId: a.id, cadreId: zhou.id, visitId: v.id, ratedOn: '2025-06-02', overall: '2', policy: '1', delivery: '2', frequency: '3', method: 'IN_PERSON', recordedBy: '吴书记', comment: '希望多来' });

    const refused = t.call('visit:save', { householdId: alone.id, cadreId: secretary.id, date: '2025-06-02', type: 'HOME', purposes: ['POLICY'], rating: { overall: '1' } });
    expect(failure(refused).message).toBe(`户主 ${alone.members[0]!.name} 目前没有结对帮扶责任人，不能登记满意度评价；可先只登记走访`);
    expect(t.must('visit:list', { householdId: alone.id }).total).toBe(0);
  });
});

describe('attendance', () => {
  it('is kept for posted cadres only, within their posting, and counts against the required days', () => {
    const village = setUp();
    const secretary = cadre('吴书记', { role: 'FIRST_SECRETARY', villageId: village.id, postingStart: '2025-03-10' });
    const zhou = cadre('周建国');
    expect(failure(t.call('attendance:save', { cadreId: zhou.id, month: '2025-05', days: 20 })).message).toBe('周建国不是驻村第一书记或驻村工作队员，不登记在村天数');
    expect(failure(t.call('attendance:save', { cadreId: secretary.id, month: '2025-02', days: 20 })).message).toBe('吴书记2025年2月不在驻村期内（驻村 2025-03-10 至 今）');
    expect(failure(t.call('attendance:save', { cadreId: secretary.id, month: '2025-04', days: 31 })).message).toBe('2025年4月只有 30 天');
    expect(failure(t.call('attendance:save', { cadreId: secretary.id, month: '2025-07', days: 3 })).message).toBe('2025年7月还没有到，不能登记在村天数');
    t.must('attendance:save', { cadreId: secretary.id, month: '2025-05', days: 8 });
    t.must('attendance:save', { cadreId: secretary.id, month: '2025-05', days: 9, note: '补登' });
    const { figures, proposal } = t.must('cadre:month', { cadreId: secretary.id, month: '2025-05' });
    expect(figures.attendance).toEqual({ requiredDays: 20, days: 9, note: '补登' });
    expect(proposal).toEqual({ list: 'BLACK', reasons: ['在村 9 天，少于 10 天'] });
    expect(t.must('audit:list', { entity: 'cadre_attendance' }).rows[0]!.summary).toBe('吴书记2025年5月在村 9 天（原 8 天）');
  });
});

/** Four cadres whose May 2025 lands each on a known list. */
function fourCadres(villageId: number) {
  const red = cadre('红一');
  const overdue = cadre('黑一');
  const unhappy = cadre('黑二');
  const middle = cadre('中一');
  // Everyone visited in mid-February: not overdue in April, due again in May.
  const pair = (c: { id: number }) => {
    const hs = [household(villageId), household(villageId)];
    t.must('pairing:assign', { cadreId: c.id, householdIds: hs.map((h) => h.id), startDate: '2024-01-01' });
    for (const h of hs) if (c !== overdue || h !== hs[0]) visit(h.id, c.id, '2025-02-15');
    return hs;
  };
  const [r1, r2] = pair(red);
  for (const h of [r1!, r2!]) {
    visit(h.id, red.id, '2025-05-10');
    expect(rate(h.id, red.id, '2025-05-10', '1').ok).toBe(true);
  }
  const [o1, o2] = pair(overdue);
  visit(o1!.id, overdue.id, '2024-10-01'); // more than two quarters before the end of May
  visit(o2!.id, overdue.id, '2025-05-02');
  expect(rate(o2!.id, overdue.id, '2025-05-02', '1').ok).toBe(true);
  const [u1, u2] = pair(unhappy);
  for (const h of [u1!, u2!]) visit(h.id, unhappy.id, '2025-05-12');
  expect(rate(u1!.id, unhappy.id, '2025-05-12', '3').ok).toBe(true);
  expect(rate(u2!.id, unhappy.id, '2025-05-12', '2').ok).toBe(true);
  const [m1, m2] = pair(middle);
  for (const h of [m1!, m2!]) visit(h.id, middle.id, '2025-05-15');
  expect(rate(m1!.id, middle.id, '2025-05-15', '1').ok).toBe(true);
  expect(rate(m2!.id, middle.id, '2025-05-15', '3').ok).toBe(true); // 50%: black by default, spared by the committee below
  return { red, overdue, unhappy, middle };
}

describe('the cadres’ red and black list', () => {
  it('is proposed by the thresholds, and follows them when they change', () => {
    const village = setUp();
    const c = fourCadres(village.id);
    const lists = () => Object.fromEntries(t.must('cadre:ranking', { month: '2025-05' }).rows.map((r) => [r.cadreName, r.proposal.list]));
    expect(lists()).toEqual({ 红一: 'RED', 黑一: 'BLACK', 黑二: 'BLACK', 中一: 'BLACK' });
    const ranking = t.must('cadre:ranking', { month: '2025-05' });
    expect(ranking.rows.find((r) => r.cadreId === c.overdue.id)!.proposal.reasons).toEqual(['1 户已有 2 个以上走访周期未走访']);
    expect(ranking.rows.find((r) => r.cadreId === c.red.id)!.proposal.reasons).toEqual(['走访完成率 100%', '群众满意率 100%（2 户评价）']);
    expect(ranking.rows[0]).toMatchObject({ cadreName: '红一', rank: 1 });

    t.must('cadreAssessment:update', { redMinVisitRate: 100, redMinSatisfaction: 90, blackBelowSatisfaction: 50, blackOverdueCadences: 3, ratingWindowMonths: 3, requiredAttendanceDays: 20, blackBelowAttendanceDays: 10 });
    expect(lists()).toEqual({ 红一: 'RED', 黑一: null, 黑二: null, 中一: null });
    // A posted cadre without households ranks after those with households, by days in the village.
    const secretary = cadre('吴书记', { role: 'FIRST_SECRETARY', villageId: village.id, postingStart: '2025-01-01' });
    t.must('attendance:save', { cadreId: secretary.id, month: '2025-05', days: 22 });
    expect(t.must('cadre:ranking', { month: '2025-05' }).rows.map((r) => [r.cadreName, r.rank])).toEqual([['红一', 1], ['黑二', 2], ['中一', 2], ['黑一', 4], ['吴书记', 5]]);
    expect(failure(t.call('cadreAssessment:update', { redMinVisitRate: 100, redMinSatisfaction: 50, blackBelowSatisfaction: 60, blackOverdueCadences: 2, ratingWindowMonths: 3, requiredAttendanceDays: 20, blackBelowAttendanceDays: 10 })).message).toBe('黑榜的满意率线不能高于红榜的满意率线');
  });

  it('flags a second black month in a row and proposes 诫勉谈话 for it', () => {
    const village = setUp();
    const c = fourCadres(village.id);
    // April: the same cadre already black (its household unvisited since October).
    t.must('cadreList:draft', { month: '2025-04' });
    expect(t.must('cadreList:get', { month: '2025-04' }).entries.find((e) => e.cadreId === c.overdue.id)).toMatchObject({ list: 'BLACK', consecutiveBlack: false, consequence: 'TALK' });
    const may = t.must('cadreList:draft', { month: '2025-05' });
    const overdue = may.entries.find((e) => e.cadreId === c.overdue.id)!;
    expect(overdue).toMatchObject({ list: 'BLACK', consecutiveBlack: true, consequence: 'ADMONISH' });
    const unhappy = may.entries.find((e) => e.cadreId === c.unhappy.id)!;
    expect(unhappy).toMatchObject({ list: 'BLACK', consecutiveBlack: false, consequence: 'TALK' }); // April had no ratings yet
    expect(t.must('cadre:month', { cadreId: c.overdue.id, month: '2025-05' }).listHistory).toEqual([
      { month: '2025-05', list: 'BLACK', state: 'draft', consequence: 'ADMONISH', consecutiveBlack: true },
      { month: '2025-04', list: 'BLACK', state: 'draft', consequence: 'TALK', consecutiveBlack: false },
    ]);
  });

  it('is adjusted with a reason and an approver, then reviewed, publicised and final through the shared workflow', async () => {
    const village = setUp();
    const c = fourCadres(village.id);
    expect(t.must('cadreList:get', { month: '2025-05' })).toMatchObject({ id: null, state: 'draft' });
    expect(failure(t.call('cadreList:adjust', { month: '2025-05', cadreId: c.middle.id, list: null })).message).toBe('2025年5月帮扶干部红黑榜还没有草稿，请先生成草稿');
    t.must('cadreList:draft', { month: '2025-05' });

    expect(failure(t.call('cadreList:adjust', { month: '2025-05', cadreId: c.middle.id, list: null })).message).toBe('结果与建议（黑榜）不同，请写明调整理由和审批人');
    expect(failure(t.call('cadreList:adjust', { month: '2025-05', cadreId: c.red.id, list: 'RED', consequence: 'TALK' })).message).toBe('“约谈”不是红榜的措施');
    t.must('cadreList:adjust', { month: '2025-05', cadreId: c.middle.id, list: null, reason: '不满意户反映的是政策问题，非干部责任', approver: '王镇长' });
    // A refresh keeps the committee's decision.
    const refreshed = t.must('cadreList:draft', { month: '2025-05' });
    expect(refreshed.entries.find((e) => e.cadreId === c.middle.id)).toMatchObject({ proposed: 'BLACK', list: null, adjustReason: '不满意户反映的是政策问题，非干部责任', approver: '王镇长', consequence: null });

    expect(failure(await dispatchAsync(t.ledger, 'cadreList:bulletin', { month: '2025-05', format: 'xlsx' })).message).toBe('2025年5月帮扶干部红黑榜当前为“草稿”，开始公示后才能生成通报');
    expect(failure(t.call('cadreList:advance', { month: '2025-05', to: 'publicised' })).message).toContain('下一步应为“已考核评议”');
    t.must('cadreList:advance', { month: '2025-05', to: 'reviewed', meetingDate: '2025-06-10' });
    expect(failure(t.call('cadreList:adjust', { month: '2025-05', cadreId: c.red.id, list: null, reason: '晚了', approver: '王镇长' })).message).toBe('干部红黑榜当前为“已考核评议”，只有草稿可以修改；定稿前的调整请在草稿阶段进行');
    expect(failure(t.call('cadreList:draft', { month: '2025-05' })).message).toContain('只有草稿可以修改');
    t.must('cadreList:advance', { month: '2025-05', to: 'publicised', publicityStart: '2025-06-11', publicityDays: 5 });

    const published = (await dispatchAsync(t.ledger, 'cadreList:bulletin', { month: '2025-05', format: 'xlsx' })) as Result<ReportFile>;
    if (!published.ok) throw new Error(published.error.message);
    expect(published.data.fileName).toBe('青山镇2025年5月帮扶干部红黑榜通报.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(published.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    const text = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('|');
    for (const name of ['红一', '黑一', '黑二']) expect(text).toContain(name);
    expect(text).not.toContain('中一');
    expect(text).toContain('1 户已有 2 个以上走访周期未走访');

    const round = t.must('cadreList:objection', { month: '2025-05', cadreId: c.overdue.id, text: '该户长期外出务工，无法入户', raisedOn: '2025-06-12' });
    expect(round.objections).toHaveLength(1);
    today = '2025-06-16';
    expect(failure(t.call('cadreList:advance', { month: '2025-05', to: 'final' })).message).toBe('还有 1 条异议未处理，处理后才能定稿');
    t.must('cadreList:resolveObjection', { objectionId: round.objections[0]!.id, resolution: '核实后维持黑榜，已电话回访' });
    const final = t.must('cadreList:advance', { month: '2025-05', to: 'final' });
    expect(final).toMatchObject({ state: 'final', meetingDate: '2025-06-10', publicityStart: '2025-06-11', publicityEnd: '2025-06-15', finalisedBy: '李文书' });
    expect(final.entries.map((e) => [e.cadreName, e.list])).toEqual([['黑二', 'BLACK'], ['黑一', 'BLACK'], ['红一', 'RED'], ['中一', null]]);
    expect(failure(t.call('cadreList:advance', { month: '2025-05', to: 'final' })).message).toContain('干部红黑榜已定稿，流程已结束');

    // The list keeps the figures it was decided on, whatever happens afterwards.
    const forgotten = final.entries.find((e) => e.cadreId === c.overdue.id)!.figures.overdue[0]!.householdId;
    visit(forgotten, c.overdue.id, '2025-05-30');
    const after = t.must('cadreList:get', { month: '2025-05' });
    expect(after.entries.find((e) => e.cadreId === c.overdue.id)!.figures.overdue).toHaveLength(1);
    expect(t.must('cadre:month', { cadreId: c.overdue.id, month: '2025-05' }).figures.overdue).toHaveLength(0);

    const summaries = t.must('audit:list', { entity: 'cadre_list_entry' }).rows.map((r) => r.summary);
    expect(summaries).toContain('2025年5月帮扶干部红黑榜：中一 不上榜（建议黑榜，不满意户反映的是政策问题，非干部责任，审批人 王镇长）');
  });
});

describe('the command line', () => {
  it('lists the month’s ranking, and writes the bulletin only once the list is publicised', async () => {
    // The CLI opens the file with the real clock, so this township is seeded on it too.
    t = tempLedger();
    t.ledger.seed({ households: 120, seed: 3 });
    const now = new Date();
    const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const month = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
    const todayText = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    const file = `${t.dir}/通报.xlsx`;

    expect(await runCli(['--db', t.dbPath, 'cadres', '--month', month, '--xlsx', file], io)).toBe(1);
    expect(out.join('\n')).toContain(`${monthLabel(month)}帮扶干部红黑榜还没有草稿，请先生成草稿`);

    t.must('cadreList:draft', { month });
    t.must('cadreList:advance', { month, to: 'reviewed', meetingDate: todayText });
    t.must('cadreList:advance', { month, to: 'publicised', publicityStart: todayText });
    out.length = 0;
    expect(await runCli(['--db', t.dbPath, 'cadres', '--month', month, '--xlsx', file], io)).toBe(0);
    const ranking = t.must('cadre:ranking', { month });
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toBe(`${monthLabel(month)}帮扶干部排名（截至 ${ranking.asOf}，${ranking.rows.length} 人）`);
    expect(lines[1]).toContain(`1. ${ranking.rows[0]!.cadreName}（${ranking.rows[0]!.unit}），结对 ${ranking.rows[0]!.householdsPaired} 户`);
    expect(lines.at(-1)).toContain('已写入：');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0]!.getCell('A1').text).toBe(`${t.must('settings:get', {})!.townshipName}${monthLabel(month)}帮扶干部红黑榜通报`);
  });
});
