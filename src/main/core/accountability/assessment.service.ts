/**
 * The cadre's month (cadre page), the township ranking, attendance of posted cadres, and the
 * thresholds the red/black list is proposed by (kept in the settings table, like the cadence).
 */
import type { ApiParsed } from '../../../shared/api';
import type { CadreAssessmentSettings, CadreMonth, CadreRanking } from '../../../shared/domain/cadre-assessment.types';
import type { RoundState } from '../../../shared/domain/incentive.types';
import { POSTED_ROLES } from '../../../shared/domain/assistance.codes';
import { monthLabel } from '../../../shared/reports/monthly-report';
import type { VisitCadence } from '../../../shared/schemas/assistance.schema';
import { cadreAssessmentInput, DEFAULT_CADRE_ASSESSMENT } from '../../../shared/schemas/cadre-assessment.schema';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import { createSettingsRows } from '../settings-rows';
import { addMonths, localDateText } from '../assistance/dates';
import { fieldError } from '../assistance/errors';
import { monthBounds, monthInt, monthOfInt } from '../reports/report-source';
import { createFigures, propose, rank, type FigureSettings } from './figures';
import type { RatingsService } from './ratings.service';

export const CADRE_ASSESSMENT_KEY = 'cadreAssessment';

export function createAssessmentService({ db, audit, places, now }: AreaDeps, cadence: () => VisitCadence, ratings: RatingsService) {
  const figures = createFigures(db, now);
  const stmt = {
    cadre: db.prepare<[number]>('SELECT id, name, role, posting_start, posting_end, deleted_at FROM cadres WHERE id = ?'),
    attendance: db.prepare<[number, number]>('SELECT days, note FROM cadre_attendance WHERE cadre_id = ? AND month = ?'),
    putAttendance: db.prepare(
      `INSERT INTO cadre_attendance (cadre_id, month, days, note, recorded_by, recorded_at) VALUES (@cadreId, @month, @days, @note, @by, @at)
       ON CONFLICT (cadre_id, month) DO UPDATE SET days = excluded.days, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    ),
    listHistory: db.prepare<[number]>(
      `SELECT r.month, e.list, r.state, e.consequence, e.consecutive_black FROM cadre_list_entries e JOIN cadre_list_rounds r ON r.id = e.round_id
       WHERE e.cadre_id = ? AND e.list IS NOT NULL ORDER BY r.month DESC`,
    ),
  };

  const settingsRows = createSettingsRows(db);
  const stored = (): CadreAssessmentSettings | null => settingsRows.parsed(CADRE_ASSESSMENT_KEY, cadreAssessmentInput);
  const settings = (): CadreAssessmentSettings => stored() ?? DEFAULT_CADRE_ASSESSMENT;
  const figureSettings = (): FigureSettings => ({ cadence: cadence(), assessment: settings() });

  function ranking(month: string, villageId?: number): CadreRanking {
    const s = figureSettings();
    const rows = figures.compute(month, s, undefined, villageId).map((f) => ({ ...f, proposal: propose(f, s.assessment) }));
    return { month, asOf: figures.asOfOf(month).asOf, rows: rank(rows) };
  }

  return {
    settings,
    figureSettings,
    figures,
    ranking,

    updateSettings: db.transaction((input: ApiParsed<'cadreAssessment:update'>): CadreAssessmentSettings => {
      const before = stored();
      settingsRows.put(CADRE_ASSESSMENT_KEY, JSON.stringify(input));
      audit.record({
        action: before ? 'update' : 'create', entity: 'settings', entityId: null,
        summary: `帮扶干部考核标准：红榜走访完成率≥${input.redMinVisitRate}%、满意率≥${input.redMinSatisfaction}%；黑榜满意率<${input.blackBelowSatisfaction}%、${input.blackOverdueCadences} 个周期未走访、在村<${input.blackBelowAttendanceDays} 天`,
        before: before ?? DEFAULT_CADRE_ASSESSMENT, after: input,
      });
      return input;
    }),

    saveAttendance: db.transaction((input: ApiParsed<'attendance:save'>) => {
      const c = stmt.cadre.get(input.cadreId) as { id: number; name: string; role: string; posting_start: string | null; posting_end: string | null; deleted_at: string | null } | undefined;
      if (!c) throw fieldError('NOT_FOUND', 'cadreId', `没有编号为 ${input.cadreId} 的帮扶责任人`);
      if (!POSTED_ROLES.includes(c.role)) throw fieldError('VALIDATION', 'cadreId', `${c.name}不是驻村第一书记或驻村工作队员，不登记在村天数`);
      const { start, end } = monthBounds(input.month);
      const today = localDateText(now());
      if (start > today) throw fieldError('VALIDATION', 'month', `${monthLabel(input.month)}还没有到，不能登记在村天数`);
      if (c.posting_start === null || c.posting_start > end || (c.posting_end !== null && c.posting_end < start)) {
        throw fieldError('VALIDATION', 'month', `${c.name}${monthLabel(input.month)}不在驻村期内（驻村 ${c.posting_start ?? '未填'} 至 ${c.posting_end ?? '今'}）`);
      }
      const daysInMonth = Number(end.slice(8));
      if (input.days > daysInMonth) throw fieldError('VALIDATION', 'days', `${monthLabel(input.month)}只有 ${daysInMonth} 天`);
      const before = stmt.attendance.get(c.id, monthInt(input.month)) as { days: number; note: string | null } | undefined;
      stmt.putAttendance.run({ cadreId: c.id, month: monthInt(input.month), days: input.days, note: input.note, by: places.operatorName(), at: now().toISOString() });
      audit.record({
        action: before ? 'update' : 'create', entity: 'cadre_attendance', entityId: c.id,
        summary: `${c.name}${monthLabel(input.month)}在村 ${input.days} 天${before ? `（原 ${before.days} 天）` : ''}`,
        before: before ?? null, after: { days: input.days, note: input.note },
      });
      return { cadreId: c.id, month: input.month, days: input.days };
    }),

    month(cadreId: number, month: string): CadreMonth {
      const s = figureSettings();
      const [f] = figures.compute(month, s, cadreId);
      if (!f) throw new LedgerError('NOT_FOUND', `没有编号为 ${cadreId} 的帮扶责任人`);
      const windowFrom = addMonths(monthBounds(month).start, -(s.assessment.ratingWindowMonths - 1));
      const trend = [];
      for (let i = 11; i >= 0; i--) {
        const m = addMonths(`${month}-01`, -i).slice(0, 7);
        if (m < '2014-01') continue;
        const [g] = i === 0 ? [f] : figures.compute(m, s, cadreId);
        trend.push({ month: m, visitRate: g!.visitRate, satisfaction: g!.satisfaction, overdue: g!.overdue.length });
      }
      return {
        figures: f,
        proposal: propose(f, s.assessment),
        ratings: ratings.ofCadreBetween(cadreId, windowFrom, f.asOf),
        listHistory: (stmt.listHistory.all(cadreId) as { month: number; list: 'RED' | 'BLACK'; state: RoundState; consequence: string | null; consecutive_black: number }[]).map((r) => ({
          month: monthOfInt(r.month), list: r.list, state: r.state, consequence: r.consequence, consecutiveBlack: r.consecutive_black === 1,
        })),
        trend,
      };
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
