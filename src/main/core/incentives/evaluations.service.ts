/**
 * Points criteria and the monthly evaluation of a village (积分评议, domain.md §8.2): a grid of
 * households × criteria filled as a draft, reviewed at a villagers' meeting (民主评议),
 * publicised (3 days by default; objections recorded and resolved), then final. Only a final
 * round writes the households' points to the ledger; after that its entries never change.
 */
import type { ApiParsed } from '../../../shared/api';
import type { Criterion, EvaluationEntry, EvaluationRound, Objection, RoundState } from '../../../shared/domain/incentive.types';
import { monthLabel } from '../../../shared/reports/monthly-report';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import { localDateText } from '../assistance/dates';
import { monthBounds, monthInt, monthOfInt } from '../reports/report-source';
import type { PointsLedger } from './points.ledger';
import { createRoundWorkflow } from './round-workflow';

interface CriterionRow {
  id: number; rule_key: string; version: number; dimension: string; item: string; points: number; monthly_cap: number | null;
  evidence_required: number; sort: number; retired_at: string | null;
}
interface RoundRow {
  id: number; month: number; village_id: number; state: RoundState; meeting_date: string | null; publicity_start: string | null;
  publicity_end: string | null; reviewed_by: string | null; publicised_by: string | null; finalised_by: string | null;
}
interface EntryRow { id: number; household_id: number; criterion_id: number; times: number; note: string | null; recorded_by: string }
interface ObjectionRow { id: number; household_id: number | null; text: string; raised_on: string; resolution: string | null; resolved_on: string | null; resolved_by: string | null }


export const toCriterion = (r: CriterionRow): Criterion => ({
  id: r.id, ruleKey: r.rule_key, version: r.version, dimension: r.dimension, item: r.item, points: r.points,
  monthlyCap: r.monthly_cap, evidenceRequired: r.evidence_required === 1, sort: r.sort, retiredAt: r.retired_at,
});

/** An entry's points: the criterion's points for each time, held to the criterion's monthly cap (either sign). */
export function entryPoints(c: Pick<Criterion, 'points' | 'monthlyCap'>, times: number): number {
  const raw = c.points * times;
  if (c.monthlyCap === null) return raw;
  return Math.sign(raw) * Math.min(Math.abs(raw), c.monthlyCap);
}

export function createEvaluationsService({ db, audit, places, now }: AreaDeps, ledger: PointsLedger) {
  const workflow = createRoundWorkflow(db, { rounds: 'evaluation_rounds', objections: 'round_objections', meeting: '民主评议', subject: '评议表' });
  const stmt = {
    criteria: db.prepare('SELECT * FROM point_criteria WHERE retired_at IS NULL ORDER BY sort, id'),
    allCriteria: db.prepare('SELECT * FROM point_criteria ORDER BY sort, rule_key, version'),
    criterion: db.prepare<[number]>('SELECT * FROM point_criteria WHERE id = ?'),
    currentOf: db.prepare<[string]>('SELECT * FROM point_criteria WHERE rule_key = ? AND retired_at IS NULL'),
    maxVersion: db.prepare<[string]>('SELECT coalesce(max(version), 0) FROM point_criteria WHERE rule_key = ?').pluck(),
    insertCriterion: db.prepare(
      `INSERT INTO point_criteria (rule_key, version, dimension, item, points, monthly_cap, evidence_required, sort, created_at)
       VALUES (@ruleKey, @version, @dimension, @item, @points, @monthlyCap, @evidenceRequired, @sort, @at)`,
    ),
    retire: db.prepare<[string, number]>('UPDATE point_criteria SET retired_at = ? WHERE id = ?'),
    round: db.prepare<[number, number]>('SELECT * FROM evaluation_rounds WHERE month = ? AND village_id = ?'),
    insertRound: db.prepare<[number, number, string]>('INSERT INTO evaluation_rounds (month, village_id, created_at) VALUES (?, ?, ?)'),
    entries: db.prepare<[number]>('SELECT * FROM evaluation_entries WHERE round_id = ? ORDER BY household_id, criterion_id'),
    upsertEntry: db.prepare(
      `INSERT INTO evaluation_entries (round_id, household_id, criterion_id, times, note, recorded_by, recorded_at)
       VALUES (@roundId, @householdId, @criterionId, @times, @note, @by, @at)
       ON CONFLICT (round_id, household_id, criterion_id) DO UPDATE SET times = excluded.times, note = excluded.note,
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    ),
    deleteEntry: db.prepare<[number, number, number]>('DELETE FROM evaluation_entries WHERE round_id = ? AND household_id = ? AND criterion_id = ?'),
    households: db.prepare<[number]>(
      `SELECT h.id, h.household_no, h.head_name, g.name AS group_name FROM households h LEFT JOIN village_groups g ON g.id = h.group_id
       WHERE h.village_id = ? AND h.deleted_at IS NULL ORDER BY h.group_id, h.household_no`,
    ),
    villageName: db.prepare<[number]>('SELECT name FROM villages WHERE id = ? AND deleted_at IS NULL').pluck(),
    objections: db.prepare<[number]>('SELECT * FROM round_objections WHERE round_id = ? ORDER BY id'),
    insertObjection: db.prepare(
      'INSERT INTO round_objections (round_id, household_id, text, raised_on, recorded_at) VALUES (@roundId, @householdId, @text, @raisedOn, @at)',
    ),
    objection: db.prepare<[number]>('SELECT o.*, r.month, r.village_id FROM round_objections o JOIN evaluation_rounds r ON r.id = o.round_id WHERE o.id = ?'),
    resolveObjection: db.prepare('UPDATE round_objections SET resolution = @resolution, resolved_on = @on, resolved_by = @by WHERE id = @id'),
  };

  const today = () => localDateText(now());

  function villageName(villageId: number): string {
    const name = stmt.villageName.get(villageId) as string | undefined;
    if (!name) throw new LedgerError('NOT_FOUND', '没有这个行政村，或已删除');
    return name;
  }

  function roundRow(month: string, villageId: number): RoundRow | undefined {
    return stmt.round.get(monthInt(month), villageId) as RoundRow | undefined;
  }

  /** Entries with their points, computed from the criterion version each one used. */
  function entriesOf(roundId: number): EvaluationEntry[] {
    return (stmt.entries.all(roundId) as EntryRow[]).map((e) => {
      const c = toCriterion(stmt.criterion.get(e.criterion_id) as CriterionRow);
      return { id: e.id, householdId: e.household_id, criterionId: e.criterion_id, times: e.times, points: entryPoints(c, e.times), note: e.note, recordedBy: e.recorded_by };
    });
  }

  /** Each household's points of the round. */
  function totals(roundId: number): Map<number, number> {
    const sums = new Map<number, number>();
    for (const e of entriesOf(roundId)) sums.set(e.householdId, (sums.get(e.householdId) ?? 0) + e.points);
    return sums;
  }

  function get(month: string, villageId: number): EvaluationRound {
    const name = villageName(villageId);
    const r = roundRow(month, villageId);
    const entries = r ? entriesOf(r.id) : [];
    const current = (stmt.criteria.all() as CriterionRow[]).map(toCriterion);
    // Columns: the current criteria, plus any older version an entry of this round used.
    const used = new Set(entries.map((e) => e.criterionId));
    const extra = [...used].filter((id) => !current.some((c) => c.id === id)).map((id) => toCriterion(stmt.criterion.get(id) as CriterionRow));
    const sums = new Map<number, number>();
    for (const e of entries) sums.set(e.householdId, (sums.get(e.householdId) ?? 0) + e.points);
    const objections = r
      ? (stmt.objections.all(r.id) as ObjectionRow[]).map((o): Objection => ({
          id: o.id, householdId: o.household_id, text: o.text, raisedOn: o.raised_on, resolution: o.resolution, resolvedOn: o.resolved_on, resolvedBy: o.resolved_by,
        }))
      : [];
    return {
      id: r?.id ?? null, month, villageId, villageName: name, state: r?.state ?? 'draft',
      meetingDate: r?.meeting_date ?? null, publicityStart: r?.publicity_start ?? null, publicityEnd: r?.publicity_end ?? null,
      reviewedBy: r?.reviewed_by ?? null, publicisedBy: r?.publicised_by ?? null, finalisedBy: r?.finalised_by ?? null,
      criteria: [...current, ...extra],
      households: (stmt.households.all(villageId) as { id: number; household_no: string; head_name: string; group_name: string | null }[]).map((h) => ({
        id: h.id, householdNo: h.household_no, headName: h.head_name, groupName: h.group_name, total: sums.get(h.id) ?? 0,
      })),
      entries,
      objections,
    };
  }

  function requireRound(month: string, villageId: number): RoundRow {
    const r = roundRow(month, villageId);
    if (!r) throw new LedgerError('CONFLICT', `${villageName(villageId)}${monthLabel(month)}还没有评议记录，请先填写评议表`);
    return r;
  }

  return {
    criteria(includeRetired: boolean): Criterion[] {
      return ((includeRetired ? stmt.allCriteria : stmt.criteria).all() as CriterionRow[]).map(toCriterion);
    },

    saveCriterion: db.transaction((input: ApiParsed<'criteria:save'>): Criterion => {
      const at = now().toISOString();
      const before = input.ruleKey ? (stmt.currentOf.get(input.ruleKey) as CriterionRow | undefined) : undefined;
      if (input.ruleKey && !before) throw new LedgerError('NOT_FOUND', '没有这个评议事项，或已停用');
      const ruleKey = input.ruleKey ?? `c${now().getTime().toString(36)}`;
      if (before) stmt.retire.run(at, before.id);
      const version = (stmt.maxVersion.get(ruleKey) as number) + 1;
      const id = Number(stmt.insertCriterion.run({ ...input, ruleKey, version, evidenceRequired: input.evidenceRequired ? 1 : 0, at }).lastInsertRowid);
      const after = toCriterion(stmt.criterion.get(id) as CriterionRow);
      audit.record({
        action: before ? 'update' : 'create', entity: 'point_criterion', entityId: id,
        summary: `${before ? '修改' : '新增'}评议事项：${after.dimension}·${after.item} ${after.points > 0 ? '+' : ''}${after.points} 分${before ? `（第 ${version} 版，已评的仍按旧分值）` : ''}`,
        before, after,
      });
      return after;
    }),

    retireCriterion: db.transaction(({ ruleKey }: { ruleKey: string }) => {
      const row = stmt.currentOf.get(ruleKey) as CriterionRow | undefined;
      if (!row) throw new LedgerError('NOT_FOUND', '没有这个评议事项，或已停用');
      stmt.retire.run(now().toISOString(), row.id);
      audit.record({ action: 'delete', entity: 'point_criterion', entityId: row.id, summary: `停用评议事项：${row.dimension}·${row.item}` });
      return { ruleKey };
    }),

    get,
    totals,
    roundRow,

    saveEntries: db.transaction((input: ApiParsed<'round:saveEntries'>): EvaluationRound => {
      villageName(input.villageId);
      let r = roundRow(input.month, input.villageId);
      workflow.assertDraft(r, '定稿后的更正请在积分台账中做冲正');
      if (input.month > today().slice(0, 7)) throw new LedgerError('VALIDATION', `${monthLabel(input.month)}还没有到，不能评议`);
      if (!r) {
        stmt.insertRound.run(monthInt(input.month), input.villageId, now().toISOString());
        r = roundRow(input.month, input.villageId)!;
      }
      const households = new Set((stmt.households.all(input.villageId) as { id: number }[]).map((h) => h.id));
      const at = now().toISOString();
      const by = places.operatorName();
      for (const e of input.entries) {
        if (!households.has(e.householdId)) throw new LedgerError('VALIDATION', `编号 ${e.householdId} 的农户不在${villageName(input.villageId)}`);
        const c = stmt.criterion.get(e.criterionId) as CriterionRow | undefined;
        if (!c) throw new LedgerError('VALIDATION', `没有编号为 ${e.criterionId} 的评议事项`);
        if (e.times === 0) stmt.deleteEntry.run(r.id, e.householdId, e.criterionId);
        else {
          if (c.retired_at) throw new LedgerError('VALIDATION', `评议事项“${c.item}”已停用或已有新版本，请刷新评议表`);
          if (c.evidence_required && !e.note) throw new LedgerError('VALIDATION', `“${c.item}”须注明依据（备注）`);
          stmt.upsertEntry.run({ roundId: r.id, householdId: e.householdId, criterionId: e.criterionId, times: e.times, note: e.note, by, at });
        }
      }
      audit.record({ action: 'update', entity: 'evaluation_round', entityId: r.id, summary: `填写${villageName(input.villageId)}${monthLabel(input.month)}积分评议表：${input.entries.length} 格` });
      return get(input.month, input.villageId);
    }),

    advance: db.transaction((input: ApiParsed<'round:advance'>): EvaluationRound => {
      const r = requireRound(input.month, input.villageId);
      const day = today();
      const village = villageName(input.villageId);
      workflow.advance(r, input, { by: places.operatorName(), at: now().toISOString(), today: day });
      if (input.to === 'final') {
        // The points belong to the evaluated month: a round finalised early next month dates them
        // at the month's last day, so that month's ranking, balances and report count them.
        const monthEnd = monthBounds(input.month).end;
        const occurredOn = monthEnd < day ? monthEnd : day;
        for (const [householdId, points] of totals(r.id)) {
          if (points !== 0) ledger.append({ householdId, kind: 'EARNED', points, occurredOn, roundId: r.id, reason: `${village}${monthLabel(input.month)}积分评议定稿` });
        }
      }
      audit.record({ action: 'update', entity: 'evaluation_round', entityId: r.id, summary: `${village}${monthLabel(input.month)}积分评议：${workflow.label[input.to]}` });
      return get(input.month, input.villageId);
    }),

    objection: db.transaction((input: ApiParsed<'round:objection'>): EvaluationRound => {
      const r = requireRound(input.month, input.villageId);
      if (r.state !== 'publicised') throw new LedgerError('CONFLICT', '只有公示期间才登记异议');
      stmt.insertObjection.run({ roundId: r.id, householdId: input.householdId, text: input.text, raisedOn: input.raisedOn, at: now().toISOString() });
      audit.record({ action: 'create', entity: 'round_objection', entityId: r.id, summary: `登记异议：${input.text}` });
      return get(input.month, input.villageId);
    }),

    resolveObjection: db.transaction((input: ApiParsed<'round:resolveObjection'>): EvaluationRound => {
      const o = stmt.objection.get(input.objectionId) as (ObjectionRow & { month: number; village_id: number }) | undefined;
      if (!o) throw new LedgerError('NOT_FOUND', '没有这条异议');
      if (o.resolution) throw new LedgerError('CONFLICT', '这条异议已处理');
      stmt.resolveObjection.run({ id: o.id, resolution: input.resolution, on: today(), by: places.operatorName() });
      audit.record({ action: 'update', entity: 'round_objection', entityId: o.id, summary: `处理异议：${input.resolution}` });
      return get(monthOfInt(o.month), o.village_id);
    }),
  };
}

export type EvaluationsService = ReturnType<typeof createEvaluationsService>;
