/**
 * The workflow every monthly list follows (domain.md §8): a draft, reviewed at a meeting
 * (民主评议), publicised for some days with objections recorded and resolved, then final. A
 * village's points evaluation and the township's cadre list both move through it; each keeps
 * its rounds in its own table with the same workflow columns, and adds what its final step
 * does (the points ledger for households; nothing more for cadres, whose list is then frozen).
 */
import type { RoundState } from '../../../shared/domain/incentive.types';
import { LedgerError } from '../../../shared/result';
import type { Db } from '../db/connection';
import { addDays } from '../assistance/dates';

const NEXT: Record<RoundState, RoundState | null> = { draft: 'reviewed', reviewed: 'publicised', publicised: 'final', final: null };

/** The workflow columns a round table has. */
export interface WorkflowRow {
  id: number;
  state: RoundState;
  meeting_date: string | null;
  publicity_start: string | null;
  publicity_end: string | null;
  reviewed_by: string | null;
  publicised_by: string | null;
  finalised_by: string | null;
}

export interface AdvanceRequest {
  to: 'reviewed' | 'publicised' | 'final';
  meetingDate: string | null;
  publicityStart: string | null;
  publicityDays: number;
}

export interface RoundWorkflowTables {
  /** The round table (evaluation_rounds, cadre_list_rounds). */
  rounds: string;
  /** Its objections table, with round_id and resolution columns. */
  objections: string;
  /** What the meeting is called in messages: 民主评议 for villagers, 考核评议 for cadres. */
  meeting: string;
  /** What the round is called in messages: 评议表, 干部红黑榜. */
  subject: string;
}

export function createRoundWorkflow(db: Db, tables: RoundWorkflowTables) {
  const label: Record<RoundState, string> = { draft: '草稿', reviewed: `已${tables.meeting}`, publicised: '公示中', final: '已定稿' };
  const stmt = {
    setReviewed: db.prepare(`UPDATE ${tables.rounds} SET state = 'reviewed', meeting_date = @meetingDate, reviewed_at = @at, reviewed_by = @by WHERE id = @id`),
    setPublicised: db.prepare(
      `UPDATE ${tables.rounds} SET state = 'publicised', publicity_start = @start, publicity_end = @end, publicised_at = @at, publicised_by = @by WHERE id = @id`,
    ),
    setFinal: db.prepare(`UPDATE ${tables.rounds} SET state = 'final', finalised_at = @at, finalised_by = @by WHERE id = @id`),
    openObjections: db.prepare<[number]>(`SELECT count(*) FROM ${tables.objections} WHERE round_id = ? AND resolution IS NULL`).pluck(),
  };

  return {
    label,

    /** Refuses any change to a round that is no longer a draft, saying what to do instead. */
    assertDraft(round: Pick<WorkflowRow, 'state'> | undefined, afterwards: string): void {
      if (round && round.state !== 'draft') {
        throw new LedgerError('CONFLICT', `${tables.subject}当前为“${label[round.state]}”，只有草稿可以修改；${afterwards}`);
      }
    },

    /** Moves the round one step on; call inside the caller's transaction, before its own final work. */
    advance(round: WorkflowRow, input: AdvanceRequest, who: { by: string; at: string; today: string }): void {
      const next = NEXT[round.state];
      if (next !== input.to) {
        const expected = next ? `下一步应为“${label[next]}”` : `${tables.subject}已定稿，流程已结束`;
        throw new LedgerError('CONFLICT', `${tables.subject}当前为“${label[round.state]}”，不能直接改为“${label[input.to]}”：${expected}`);
      }
      const { by, at, today } = who;
      if (input.to === 'reviewed') {
        if (!input.meetingDate) {
          throw new LedgerError('VALIDATION', `请填写${tables.meeting}会议的日期`, { issues: [{ path: 'meetingDate', message: `请填写${tables.meeting}日期` }] });
        }
        if (input.meetingDate > today) throw new LedgerError('VALIDATION', `${tables.meeting}日期不能晚于今天`);
        stmt.setReviewed.run({ id: round.id, meetingDate: input.meetingDate, at, by });
      } else if (input.to === 'publicised') {
        const start = input.publicityStart ?? today;
        if (round.meeting_date && start < round.meeting_date) throw new LedgerError('VALIDATION', `公示不能早于${tables.meeting}`);
        stmt.setPublicised.run({ id: round.id, start, end: addDays(start, input.publicityDays - 1), at, by });
      } else {
        if (round.publicity_end && today <= round.publicity_end) throw new LedgerError('CONFLICT', `公示期到 ${round.publicity_end} 结束，公示期满后才能定稿`);
        const open = stmt.openObjections.get(round.id) as number;
        if (open > 0) throw new LedgerError('CONFLICT', `还有 ${open} 条异议未处理，处理后才能定稿`);
        stmt.setFinal.run({ id: round.id, at, by });
      }
    },
  };
}

export type RoundWorkflow = ReturnType<typeof createRoundWorkflow>;
