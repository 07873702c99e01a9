/**
 * The township's red/black list of cadres for a month (帮扶干部红黑榜, domain.md §8.1). A draft is
 * made from the month's figures by the thresholds; the committee may decide otherwise for a
 * cadre, with a reason and an approver, and records the consequence. A second black month in a
 * row is flagged (and proposes 诫勉谈话 instead of 约谈). The round then moves through the same
 * workflow as a village's points evaluation (round-workflow.ts): reviewed, publicised, final;
 * after the draft nothing in it changes, and the figures it was decided on are kept with it.
 */
import type { ApiParsed } from '../../../shared/api';
import { cadreRole } from '../../../shared/domain/assistance.codes';
import { BLACK_CONSEQUENCES, cadreConsequence, cadreListLabel, RED_CONSEQUENCES } from '../../../shared/domain/cadre-assessment.codes';
import type {
  CadreBulletinData, CadreBulletinLine, CadreListEntry, CadreListKind, CadreListRound, CadreMonthFigures, CadreObjection,
} from '../../../shared/domain/cadre-assessment.types';
import { labelOf } from '../../../shared/domain/code-table';
import { monthLabel } from '../../../shared/reports/monthly-report';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import { localDateText } from '../assistance/dates';
import { createRoundWorkflow, type WorkflowRow } from '../incentives/round-workflow';
import { monthInt, monthOfInt, previousMonth } from '../reports/report-source';
import type { AssessmentService } from './assessment.service';

interface RoundRow extends WorkflowRow { month: number; as_of: string; thresholds_json: string }
interface EntryRow {
  id: number; cadre_id: number; cadre_name: string; role: string; unit: string; village_name: string | null; proposed: CadreListKind | null;
  proposal_reasons: string; list: CadreListKind | null; adjust_reason: string | null; approver: string | null; consequence: string | null;
  consequence_note: string | null; consecutive_black: number; figures_json: string;
}
interface ObjectionRow { id: number; cadre_id: number | null; text: string; raised_on: string; resolution: string | null; resolved_on: string | null; resolved_by: string | null }

const SELECT_ENTRY = `SELECT e.*, c.name AS cadre_name, c.role, c.unit, v.name AS village_name FROM cadre_list_entries e
  JOIN cadres c ON c.id = e.cadre_id LEFT JOIN villages v ON v.id = c.village_id`;


/** What a listing leads to unless the committee says otherwise. */
export function defaultConsequence(list: CadreListKind | null, consecutiveBlack: boolean): string | null {
  if (list === 'RED') return 'COMMEND';
  if (list === 'BLACK') return consecutiveBlack ? 'ADMONISH' : 'TALK';
  return null;
}

export function createCadreListService({ db, audit, places, now }: AreaDeps, assessment: AssessmentService) {
  const workflow = createRoundWorkflow(db, { rounds: 'cadre_list_rounds', objections: 'cadre_round_objections', meeting: '考核评议', subject: '干部红黑榜' });
  const stmt = {
    round: db.prepare<[number]>('SELECT * FROM cadre_list_rounds WHERE month = ?'),
    insertRound: db.prepare('INSERT INTO cadre_list_rounds (month, as_of, thresholds_json, created_at) VALUES (@month, @asOf, @thresholds, @at)'),
    refreshRound: db.prepare('UPDATE cadre_list_rounds SET as_of = @asOf, thresholds_json = @thresholds WHERE id = @id'),
    entries: db.prepare<[number]>(`${SELECT_ENTRY} WHERE e.round_id = ?`),
    entry: db.prepare<[number, number]>(`${SELECT_ENTRY} WHERE e.round_id = ? AND e.cadre_id = ?`),
    insertEntry: db.prepare(
      `INSERT INTO cadre_list_entries (round_id, cadre_id, proposed, proposal_reasons, list, consequence, consecutive_black, figures_json)
       VALUES (@roundId, @cadreId, @proposed, @reasons, @proposed, @consequence, @consecutive, @figures)`,
    ),
    refreshEntry: db.prepare(
      `UPDATE cadre_list_entries SET proposed = @proposed, proposal_reasons = @reasons, figures_json = @figures, consecutive_black = @consecutive,
         consequence = CASE WHEN adjust_reason IS NULL AND list IS NOT @proposed THEN @consequence ELSE consequence END,
         list = CASE WHEN adjust_reason IS NULL THEN @proposed ELSE list END
       WHERE id = @id`,
    ),
    deleteEntry: db.prepare<[number]>('DELETE FROM cadre_list_entries WHERE id = ?'),
    adjust: db.prepare(
      `UPDATE cadre_list_entries SET list = @list, adjust_reason = @reason, approver = @approver, consequence = @consequence,
         consequence_note = @consequenceNote, consecutive_black = @consecutive WHERE id = @id`,
    ),
    previousBlack: db.prepare<[number, number]>(
      `SELECT 1 FROM cadre_list_entries e JOIN cadre_list_rounds r ON r.id = e.round_id WHERE r.month = ? AND e.cadre_id = ? AND e.list = 'BLACK'`,
    ).pluck(),
    objections: db.prepare<[number]>('SELECT * FROM cadre_round_objections WHERE round_id = ? ORDER BY id'),
    insertObjection: db.prepare(
      'INSERT INTO cadre_round_objections (round_id, cadre_id, text, raised_on, recorded_at) VALUES (@roundId, @cadreId, @text, @raisedOn, @at)',
    ),
    objection: db.prepare<[number]>('SELECT o.*, r.month FROM cadre_round_objections o JOIN cadre_list_rounds r ON r.id = o.round_id WHERE o.id = ?'),
    resolveObjection: db.prepare('UPDATE cadre_round_objections SET resolution = @resolution, resolved_on = @on, resolved_by = @by WHERE id = @id'),
  };

  const today = () => localDateText(now());
  const blackLastMonth = (month: string, cadreId: number) => stmt.previousBlack.get(monthInt(previousMonth(month)), cadreId) !== undefined;

  const toEntry = (e: EntryRow): CadreListEntry => ({
    cadreId: e.cadre_id, cadreName: e.cadre_name, role: e.role, unit: e.unit, villageName: e.village_name, proposed: e.proposed,
    proposalReasons: e.proposal_reasons ? e.proposal_reasons.split('\n') : [], list: e.list, adjustReason: e.adjust_reason, approver: e.approver,
    consequence: e.consequence, consequenceNote: e.consequence_note, consecutiveBlack: e.consecutive_black === 1,
    figures: JSON.parse(e.figures_json) as CadreMonthFigures,
  });

  /** Black first, then red, then the rest; by rank within each. */
  const order = (entries: CadreListEntry[]) => {
    const weight = (l: CadreListKind | null) => (l === 'BLACK' ? 0 : l === 'RED' ? 1 : 2);
    return entries.sort((a, b) => weight(a.list) - weight(b.list) || a.cadreName.localeCompare(b.cadreName, 'zh-CN') || a.cadreId - b.cadreId);
  };

  /** The proposal as entries, for a month with no draft yet (nothing is written). */
  function proposedEntries(month: string): CadreListEntry[] {
    return assessment.ranking(month).rows.map((r) => {
      const consecutive = r.proposal.list === 'BLACK' && blackLastMonth(month, r.cadreId);
      const { rank: _rank, proposal: _proposal, ...figures } = r;
      return {
        cadreId: r.cadreId, cadreName: r.cadreName, role: r.role, unit: r.unit, villageName: r.villageName, proposed: r.proposal.list,
        proposalReasons: r.proposal.reasons, list: r.proposal.list, adjustReason: null, approver: null,
        consequence: defaultConsequence(r.proposal.list, consecutive), consequenceNote: null, consecutiveBlack: consecutive, figures,
      };
    });
  }

  function get(month: string): CadreListRound {
    const r = stmt.round.get(monthInt(month)) as RoundRow | undefined;
    if (!r) {
      return {
        id: null, month, state: 'draft', meetingDate: null, publicityStart: null, publicityEnd: null, reviewedBy: null, publicisedBy: null,
        finalisedBy: null, objections: [], entries: order(proposedEntries(month)),
      };
    }
    return {
      id: r.id, month, state: r.state, meetingDate: r.meeting_date, publicityStart: r.publicity_start, publicityEnd: r.publicity_end,
      reviewedBy: r.reviewed_by, publicisedBy: r.publicised_by, finalisedBy: r.finalised_by,
      objections: (stmt.objections.all(r.id) as ObjectionRow[]).map((o): CadreObjection => ({
        id: o.id, cadreId: o.cadre_id, text: o.text, raisedOn: o.raised_on, resolution: o.resolution, resolvedOn: o.resolved_on, resolvedBy: o.resolved_by,
      })),
      entries: order((stmt.entries.all(r.id) as EntryRow[]).map(toEntry)),
    };
  }

  function requireRound(month: string): RoundRow {
    const r = stmt.round.get(monthInt(month)) as RoundRow | undefined;
    if (!r) throw new LedgerError('CONFLICT', `${monthLabel(month)}帮扶干部红黑榜还没有草稿，请先生成草稿`);
    return r;
  }

  return {
    get,

    draft: db.transaction(({ month }: ApiParsed<'cadreList:draft'>): CadreListRound => {
      let r = stmt.round.get(monthInt(month)) as RoundRow | undefined;
      workflow.assertDraft(r, '定稿后不再变动');
      const { asOf } = assessment.figures.asOfOf(month);
      const thresholds = JSON.stringify(assessment.settings());
      if (!r) {
        stmt.insertRound.run({ month: monthInt(month), asOf, thresholds, at: now().toISOString() });
        r = stmt.round.get(monthInt(month)) as RoundRow;
      } else {
        stmt.refreshRound.run({ id: r.id, asOf, thresholds });
      }
      const proposals = proposedEntries(month);
      const assessed = new Set(proposals.map((p) => p.cadreId));
      const existing = new Map((stmt.entries.all(r.id) as EntryRow[]).map((e) => [e.cadre_id, e]));
      // Adjusted entries keep the committee's decision; the rest follow the new proposal (and keep a
      // consequence chosen by hand while their list stays the same).
      for (const p of proposals) {
        const old = existing.get(p.cadreId);
        const values = {
          roundId: r.id, cadreId: p.cadreId, proposed: p.proposed, reasons: p.proposalReasons.join('\n'), consequence: p.consequence,
          consecutive: p.consecutiveBlack ? 1 : 0, figures: JSON.stringify(p.figures),
        };
        if (!old) stmt.insertEntry.run(values);
        else {
          const list = old.adjust_reason !== null ? old.list : p.proposed;
          stmt.refreshEntry.run({ ...values, id: old.id, consecutive: list === 'BLACK' && blackLastMonth(month, p.cadreId) ? 1 : 0 });
        }
      }
      let dropped = 0;
      for (const [cadreId, e] of existing) {
        if (assessed.has(cadreId)) continue;
        if (e.adjust_reason === null) stmt.deleteEntry.run(e.id);
        else dropped++;
      }
      const red = proposals.filter((p) => p.proposed === 'RED').length;
      const black = proposals.filter((p) => p.proposed === 'BLACK').length;
      audit.record({
        action: 'update', entity: 'cadre_list_round', entityId: r.id,
        summary: `${monthLabel(month)}帮扶干部红黑榜草稿：考核 ${proposals.length} 人，建议红榜 ${red} 人、黑榜 ${black} 人（截至 ${asOf}）${dropped ? `；${dropped} 名已调整的干部本月不再考核，保留原调整` : ''}`,
      });
      return get(month);
    }),

    adjust: db.transaction((input: ApiParsed<'cadreList:adjust'>): CadreListRound => {
      const r = requireRound(input.month);
      workflow.assertDraft(r, '定稿前的调整请在草稿阶段进行');
      const e = stmt.entry.get(r.id, input.cadreId) as EntryRow | undefined;
      if (!e) throw new LedgerError('NOT_FOUND', '这名干部不在本月考核名单中，请先按最新数据刷新草稿');
      const differs = input.list !== e.proposed;
      if (differs && (!input.reason || !input.approver)) {
        throw new LedgerError('VALIDATION', `结果与建议（${cadreListLabel(e.proposed)}）不同，请写明调整理由和审批人`, {
          issues: [
            ...(input.reason ? [] : [{ path: 'reason', message: '请填写调整理由' }]),
            ...(input.approver ? [] : [{ path: 'approver', message: '请填写审批人' }]),
          ],
        });
      }
      if (input.consequence !== null) {
        const allowed = input.list === 'RED' ? RED_CONSEQUENCES : BLACK_CONSEQUENCES;
        if (!allowed.includes(input.consequence)) {
          throw new LedgerError('VALIDATION', `“${labelOf(cadreConsequence, input.consequence)}”不是${cadreListLabel(input.list)}的措施`, { issues: [{ path: 'consequence', message: '措施与榜单不符' }] });
        }
      }
      const consecutive = input.list === 'BLACK' && blackLastMonth(input.month, input.cadreId);
      // Only a decision other than the proposal is an adjustment: back at the proposal, the entry
      // follows the next refresh again (keeping its consequence while the list stays the same).
      stmt.adjust.run({
        id: e.id, list: input.list, reason: differs ? input.reason : null, approver: differs ? input.approver : null,
        consequence: input.consequence, consequenceNote: input.consequenceNote, consecutive: consecutive ? 1 : 0,
      });
      const after = toEntry(stmt.entry.get(r.id, input.cadreId) as EntryRow);
      audit.record({
        action: 'update', entity: 'cadre_list_entry', entityId: e.id,
        summary: `${monthLabel(input.month)}帮扶干部红黑榜：${after.cadreName} ${cadreListLabel(input.list)}${differs ? `（建议${cadreListLabel(e.proposed)}，${input.reason}，审批人 ${input.approver}）` : ''}${input.consequence ? `，${labelOf(cadreConsequence, input.consequence)}` : ''}${consecutive ? '，连续两个月上黑榜' : ''}`,
        before: { list: e.list, consequence: e.consequence, adjustReason: e.adjust_reason, approver: e.approver }, after: { list: after.list, consequence: after.consequence, adjustReason: after.adjustReason, approver: after.approver },
      });
      return get(input.month);
    }),

    advance: db.transaction((input: ApiParsed<'cadreList:advance'>): CadreListRound => {
      const r = requireRound(input.month);
      workflow.advance(r, input, { by: places.operatorName(), at: now().toISOString(), today: today() });
      audit.record({ action: 'update', entity: 'cadre_list_round', entityId: r.id, summary: `${monthLabel(input.month)}帮扶干部红黑榜：${workflow.label[input.to]}` });
      return get(input.month);
    }),

    objection: db.transaction((input: ApiParsed<'cadreList:objection'>): CadreListRound => {
      const r = requireRound(input.month);
      if (r.state !== 'publicised') throw new LedgerError('CONFLICT', '只有公示期间才登记异议');
      if (input.raisedOn > today()) throw new LedgerError('VALIDATION', '提出日期不能晚于今天');
      if (input.cadreId !== null && !stmt.entry.get(r.id, input.cadreId)) throw new LedgerError('VALIDATION', '这名干部不在本月考核名单中');
      stmt.insertObjection.run({ roundId: r.id, cadreId: input.cadreId, text: input.text, raisedOn: input.raisedOn, at: now().toISOString() });
      audit.record({ action: 'create', entity: 'cadre_round_objection', entityId: r.id, summary: `登记干部红黑榜异议：${input.text}` });
      return get(input.month);
    }),

    resolveObjection: db.transaction((input: ApiParsed<'cadreList:resolveObjection'>): CadreListRound => {
      const o = stmt.objection.get(input.objectionId) as (ObjectionRow & { month: number }) | undefined;
      if (!o) throw new LedgerError('NOT_FOUND', '没有这条异议');
      if (o.resolution) throw new LedgerError('CONFLICT', '这条异议已处理');
      stmt.resolveObjection.run({ id: o.id, resolution: input.resolution, on: today(), by: places.operatorName() });
      audit.record({ action: 'update', entity: 'cadre_round_objection', entityId: o.id, summary: `处理干部红黑榜异议：${input.resolution}` });
      return get(monthOfInt(o.month));
    }),

    /** What the bulletin prints: only once publicised; names, units, figures and consequences. */
    bulletin(month: string, townshipName: string): CadreBulletinData {
      const r = requireRound(month);
      if (r.state !== 'publicised' && r.state !== 'final') {
        throw new LedgerError('CONFLICT', `${monthLabel(month)}帮扶干部红黑榜当前为“${workflow.label[r.state]}”，开始公示后才能生成通报`);
      }
      const round = get(month);
      const line = (e: CadreListEntry): CadreBulletinLine => ({
        name: e.cadreName, unit: e.unit, roleLabel: labelOf(cadreRole, e.role), villageName: e.villageName, householdsPaired: e.figures.householdsPaired,
        visitRate: e.figures.visitRate, satisfaction: e.figures.satisfaction,
        reasons: e.list !== e.proposed && e.adjustReason ? e.adjustReason : e.proposalReasons.join('；'),
        consequenceLabel: e.consequence ? labelOf(cadreConsequence, e.consequence) : null, consecutiveBlack: e.consecutiveBlack,
      });
      return {
        townshipName, month, stateLabel: workflow.label[r.state], publicityStart: r.publicity_start, publicityEnd: r.publicity_end,
        red: round.entries.filter((e) => e.list === 'RED').map(line),
        black: round.entries.filter((e) => e.list === 'BLACK').map(line),
        assessed: round.entries.length,
        thresholds: JSON.parse(r.thresholds_json),
        date: today(),
      };
    },
  };
}

export type CadreListService = ReturnType<typeof createCadreListService>;
