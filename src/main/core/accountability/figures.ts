/**
 * One month of a cadre's work, counted the same way for the cadre page, the township ranking
 * and the red/black list's proposal. Everything is counted as of the month's last day, or today
 * in the current month (the "day of the figures"):
 *
 * - 结对户数: live households paired with the cadre on that day.
 * - 应走访: of those, the ones whose cadence asked for a visit by that day, going by their last
 *   visit before the month (by anyone) — never visited counts as due; 已走访: the ones of them
 *   visited in the month (by anyone: the household got its visit). 本人走访: visits the cadre
 *   made in the month, to any household.
 * - 逾期: paired households whose last visit up to the day is older than their cadence, with the
 *   whole cadences missed (from the pairing's start when never visited).
 * - 帮扶措施: measures (not revoked) dated in the month at households paired with the cadre that day.
 * - 满意度: each household's latest counting rating of the cadre in the window (this month and the
 *   months before it, as set), 满意 and 基本满意 counting as satisfied.
 * - 在村天数: for a first secretary or work-team member posted during the month.
 *
 * A household's cadence follows its monitoring state now, not as it was in a past month.
 */
import { POSTED_ROLES } from '../../../shared/domain/assistance.codes';
import type { CadreAssessmentSettings, CadreMonthFigures, CadreProposal, OverdueHousehold } from '../../../shared/domain/cadre-assessment.types';
import { monthLabel } from '../../../shared/reports/monthly-report';
import type { VisitCadence } from '../../../shared/schemas/assistance.schema';
import { LedgerError } from '../../../shared/result';
import type { Db } from '../db/connection';
import { addMonths, localDateText } from '../assistance/dates';
import { MONITORED_SQL } from '../assistance/pairings.repo';
import { monthBounds, monthInt } from '../reports/report-source';

interface CadreRow { id: number; name: string; role: string; unit: string; village_id: number | null; village_name: string | null; posting_start: string | null; posting_end: string | null }
interface PairedRow {
  cadre_id: number; household_id: number; start_date: string; household_no: string; head_name: string; village_id: number; village_name: string;
  monitored: number; last_before: string | null; last_up_to: string | null;
}

export const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** How many whole cadences lie between `since` and `asOf` (at most 24). */
export function cadencesSince(since: string, asOf: string, cadenceMonths: number): number {
  let n = 0;
  while (n < 24 && since < addMonths(asOf, -(n + 1) * cadenceMonths)) n++;
  return n;
}

export interface FigureSettings {
  cadence: VisitCadence;
  assessment: CadreAssessmentSettings;
}

export function createFigures(db: Db, now: () => Date) {
  /** The statements for every cadre, or (`one`) for the cadre named @cadreId. */
  function prepareAll(one: boolean) {
    const ofCadre = (column: string) => (one ? `AND ${column} = @cadreId` : '');
    return {
      cadres: db.prepare(
        `SELECT c.id, c.name, c.role, c.unit, c.village_id, v.name AS village_name, c.posting_start, c.posting_end
         FROM cadres c LEFT JOIN villages v ON v.id = c.village_id
         WHERE ${one ? 'c.id = @cadreId' : 'c.deleted_at IS NULL'} ORDER BY c.name, c.id`,
      ),
      paired: db.prepare(
        `SELECT p.cadre_id, p.household_id, p.start_date, h.household_no, h.head_name, h.village_id, v.name AS village_name, ${MONITORED_SQL} AS monitored,
           (SELECT max(vi.visit_date) FROM visits vi WHERE vi.household_id = h.id AND vi.visit_date < @start) AS last_before,
           (SELECT max(vi.visit_date) FROM visits vi WHERE vi.household_id = h.id AND vi.visit_date <= @asOf) AS last_up_to
         FROM pairings p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
         WHERE p.start_date <= @asOf AND (p.end_date IS NULL OR p.end_date > @asOf) AND h.deleted_at IS NULL ${ofCadre('p.cadre_id')}
         ORDER BY h.household_no`,
      ),
      ownVisits: db.prepare(`SELECT cadre_id, count(*) AS n FROM visits WHERE visit_date BETWEEN @start AND @asOf ${ofCadre('cadre_id')} GROUP BY cadre_id`),
      measures: db.prepare(
        `SELECT p.cadre_id, count(*) AS n FROM measures m
         JOIN pairings p ON p.household_id = m.household_id AND p.start_date <= m.measure_date AND (p.end_date IS NULL OR p.end_date > m.measure_date)
         JOIN households h ON h.id = m.household_id AND h.deleted_at IS NULL
         WHERE m.revoked_at IS NULL AND m.measure_date BETWEEN @start AND @asOf ${ofCadre('p.cadre_id')} GROUP BY p.cadre_id`,
      ),
      ratings: db.prepare(
        `SELECT r.cadre_id, r.household_id, r.overall FROM cadre_ratings r
         WHERE r.rated_on BETWEEN @from AND @asOf ${ofCadre('r.cadre_id')}
           AND NOT EXISTS (SELECT 1 FROM cadre_ratings s WHERE s.supersedes_id = r.id)
         ORDER BY r.rated_on, r.id`,
      ),
      attendance: db.prepare(`SELECT cadre_id, days, note FROM cadre_attendance WHERE month = @month ${ofCadre('cadre_id')}`),
    };
  }
  const prepared = { one: prepareAll(true), all: prepareAll(false) };

  /** The day a month's figures are counted to; a month still to come has none. */
  function asOfOf(month: string): { start: string; end: string; asOf: string } {
    const today = localDateText(now());
    const { start, end } = monthBounds(month);
    if (start > today) throw new LedgerError('VALIDATION', `${monthLabel(month)}还没有到，没有考核数据`);
    return { start, end, asOf: end < today ? end : today };
  }

  /**
   * Figures of one cadre, or of every live cadre who had households or a posting that month
   * (those posted to a village or helping a household in it, when a village is given).
   */
  function compute(month: string, settings: FigureSettings, cadreId?: number, villageId?: number): CadreMonthFigures[] {
    const { start, asOf } = asOfOf(month);
    const s = cadreId === undefined ? prepared.all : prepared.one;
    const params = { start, asOf, ...(cadreId === undefined ? {} : { cadreId }) };
    const cadres = s.cadres.all(cadreId === undefined ? {} : { cadreId }) as CadreRow[];
    if (cadreId !== undefined && cadres.length === 0) throw new LedgerError('NOT_FOUND', `没有编号为 ${cadreId} 的帮扶责任人`);

    const paired = groupBy(s.paired.all(params) as PairedRow[], (r) => r.cadre_id);
    const counts = (rows: unknown[]) => new Map((rows as { cadre_id: number; n: number }[]).map((r) => [r.cadre_id, r.n]));
    const ownVisits = counts(s.ownVisits.all(params));
    const measures = counts(s.measures.all(params));
    const windowFrom = addMonths(start, -(settings.assessment.ratingWindowMonths - 1));
    // Later rows overwrite earlier ones: each household's latest counting rating.
    const latest = new Map<number, Map<number, string>>();
    for (const r of s.ratings.all({ ...params, from: windowFrom }) as { cadre_id: number; household_id: number; overall: string }[]) {
      let m = latest.get(r.cadre_id);
      if (!m) latest.set(r.cadre_id, (m = new Map()));
      m.set(r.household_id, r.overall);
    }
    const attendance = new Map(
      (s.attendance.all({ month: monthInt(month), ...(cadreId === undefined ? {} : { cadreId }) }) as { cadre_id: number; days: number; note: string | null }[]).map((r) => [r.cadre_id, r]),
    );

    const figures: CadreMonthFigures[] = [];
    for (const c of cadres) {
      const posted = POSTED_ROLES.includes(c.role) && c.posting_start !== null && c.posting_start <= asOf && (c.posting_end === null || c.posting_end >= start);
      const households = paired.get(c.id) ?? [];
      if (cadreId === undefined && households.length === 0 && !posted) continue;
      if (villageId !== undefined && !(posted && c.village_id === villageId) && !households.some((h) => h.village_id === villageId)) continue;

      let due = 0;
      let done = 0;
      const overdue: OverdueHousehold[] = [];
      for (const h of households) {
        const cadenceMonths = h.monitored ? settings.cadence.monitoredMonths : settings.cadence.otherMonths;
        const cutoff = addMonths(asOf, -cadenceMonths);
        if (h.last_before === null || h.last_before < cutoff) {
          due++;
          if (h.last_up_to !== null && h.last_up_to >= start) done++;
        }
        if (h.last_up_to === null || h.last_up_to < cutoff) {
          const missed = cadencesSince(h.last_up_to ?? h.start_date, asOf, cadenceMonths);
          overdue.push({
            householdId: h.household_id, householdNo: h.household_no, headName: h.head_name, villageName: h.village_name,
            lastVisitDate: h.last_up_to, cadenceMonths, cadencesMissed: Math.max(1, missed),
          });
        }
      }
      overdue.sort((a, b) => b.cadencesMissed - a.cadencesMissed || (a.lastVisitDate ?? '').localeCompare(b.lastVisitDate ?? '') || a.householdNo.localeCompare(b.householdNo));

      const verdicts = [...(latest.get(c.id)?.values() ?? [])];
      const ratings = {
        satisfied: verdicts.filter((v) => v === '1').length,
        basic: verdicts.filter((v) => v === '2').length,
        unsatisfied: verdicts.filter((v) => v === '3').length,
        rated: verdicts.length,
      };
      const att = attendance.get(c.id);
      figures.push({
        cadreId: c.id, cadreName: c.name, role: c.role, unit: c.unit, villageName: c.village_name, month, asOf,
        householdsPaired: households.length,
        visitsDue: due, visitsDone: done, visitRate: percentOf(done, due), ownVisits: ownVisits.get(c.id) ?? 0,
        measures: measures.get(c.id) ?? 0,
        ratings, satisfaction: percentOf(ratings.satisfied + ratings.basic, ratings.rated),
        attendance: posted ? { requiredDays: settings.assessment.requiredAttendanceDays, days: att?.days ?? null, note: att?.note ?? null } : null,
        overdue,
      });
    }
    return figures;
  }

  return { compute, asOfOf };
}

export type Figures = ReturnType<typeof createFigures>;

/** The list the thresholds propose for a cadre's month, and why. Black wins over red. */
export function propose(f: CadreMonthFigures, t: CadreAssessmentSettings): CadreProposal {
  const black: string[] = [];
  const longOverdue = f.overdue.filter((o) => o.cadencesMissed >= t.blackOverdueCadences).length;
  if (longOverdue > 0) black.push(`${longOverdue} 户已有 ${t.blackOverdueCadences} 个以上走访周期未走访`);
  if (f.satisfaction !== null && f.satisfaction < t.blackBelowSatisfaction) black.push(`群众满意率 ${f.satisfaction}%，低于 ${t.blackBelowSatisfaction}%`);
  if (f.attendance && f.attendance.days !== null && f.attendance.days < t.blackBelowAttendanceDays) {
    black.push(`在村 ${f.attendance.days} 天，少于 ${t.blackBelowAttendanceDays} 天`);
  }
  if (black.length > 0) return { list: 'BLACK', reasons: black };

  const rate = f.visitRate ?? 100;
  const redMet =
    f.householdsPaired > 0 &&
    rate >= t.redMinVisitRate &&
    f.overdue.length === 0 &&
    f.satisfaction !== null &&
    f.satisfaction >= t.redMinSatisfaction &&
    (f.attendance === null || (f.attendance.days !== null && f.attendance.days >= f.attendance.requiredDays));
  if (!redMet) return { list: null, reasons: [] };
  const reasons = [
    f.visitRate === null ? '本月无应走访农户，无逾期' : `走访完成率 ${f.visitRate}%`,
    `群众满意率 ${f.satisfaction}%（${f.ratings.rated} 户评价）`,
  ];
  if (f.attendance) reasons.push(`在村 ${f.attendance.days} 天`);
  return { list: 'RED', reasons };
}

/**
 * Best first: visits done (nothing due counts as all done, for a cadre with households), then
 * satisfaction, then fewest overdue, then measures, then days in the village; a posted cadre
 * without households ranks by the last alone, after those with households. Equal figures share a rank.
 */
export function rank<T extends CadreMonthFigures>(rows: T[]): (T & { rank: number })[] {
  const key = (f: CadreMonthFigures) => [
    f.householdsPaired > 0 ? (f.visitRate ?? 100) : -1, f.satisfaction ?? -1, -f.overdue.length, f.measures, f.attendance?.days ?? -1,
  ];
  const compare = (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return 0;
  };
  const sorted = [...rows].sort((a, b) => compare(a, b) || a.cadreName.localeCompare(b.cadreName, 'zh-CN') || a.cadreId - b.cadreId);
  let current = 0;
  return sorted.map((r, i) => {
    if (i === 0 || compare(sorted[i - 1]!, r) !== 0) current = i + 1;
    return { ...r, rank: current };
  });
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
