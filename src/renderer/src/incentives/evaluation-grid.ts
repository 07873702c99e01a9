/**
 * The 积分评议 grid as the page edits it: one cell per household × criterion holding the times
 * typed (as text, so a slip is shown rather than dropped) and a note. Only cells that differ from
 * what the ledger holds are sent on 保存; a cell emptied or set to 0 is sent as times 0, which
 * removes the entry.
 */
import type { Criterion, EvaluationRound } from '../../../shared/domain/incentive.types';

export interface CellDraft {
  /** As typed: '' or '0' is none. */
  times: string;
  note: string;
}

export interface SavedCell {
  times: number;
  note: string;
}

export interface EntryChange {
  householdId: number;
  criterionId: number;
  times: number;
  note: string | null;
}

/** The most times one criterion can be recorded for a household in a month (the contract's limit). */
export const MAX_TIMES = 31;

export const cellKey = (householdId: number, criterionId: number): string => `${householdId}:${criterionId}`;

/** '' → 0, '3' → 3, '３' → 3; null when it is not a whole number from 0 to 31. */
export function parseTimes(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (t === '') return 0;
  if (!/^\d{1,2}$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_TIMES ? n : null;
}

/** A criterion's points for so many times in a month: points × times, held to its monthly cap (either sign). */
export function cellPoints(c: Pick<Criterion, 'points' | 'monthlyCap'>, times: number): number {
  const raw = c.points * times;
  if (c.monthlyCap === null) return raw;
  return Math.sign(raw) * Math.min(Math.abs(raw), c.monthlyCap);
}

/** What the ledger holds for each filled cell. */
export function savedCells(round: Pick<EvaluationRound, 'entries'>): Map<string, SavedCell> {
  return new Map(round.entries.map((e) => [cellKey(e.householdId, e.criterionId), { times: e.times, note: e.note ?? '' }]));
}

/** A draft for every cell of the grid, filled from the ledger. */
export function draftsOf(round: Pick<EvaluationRound, 'entries' | 'households' | 'criteria'>): Record<string, CellDraft> {
  const saved = savedCells(round);
  const drafts: Record<string, CellDraft> = {};
  for (const h of round.households) {
    for (const c of round.criteria) {
      const s = saved.get(cellKey(h.id, c.id));
      drafts[cellKey(h.id, c.id)] = { times: s ? String(s.times) : '', note: s?.note ?? '' };
    }
  }
  return drafts;
}

/** Whether a cell differs from the ledger. A note on an empty cell is not a change: there is no entry to hold it. */
export function isCellChanged(draft: CellDraft | undefined, saved: SavedCell | undefined): boolean {
  if (!draft) return false;
  const times = parseTimes(draft.times);
  if (times === null) return true;
  const before = saved?.times ?? 0;
  if (times !== before) return true;
  return times > 0 && draft.note.trim() !== (saved?.note ?? '').trim();
}

/**
 * The cells to send: changed ones only, in grid order. `invalid` names the cells whose times
 * are not a whole number from 0 to 31; nothing should be sent while there are any.
 */
export function changedEntries(
  round: Pick<EvaluationRound, 'entries' | 'households' | 'criteria'>,
  drafts: Record<string, CellDraft>,
): { entries: EntryChange[]; invalid: string[] } {
  const saved = savedCells(round);
  const entries: EntryChange[] = [];
  const invalid: string[] = [];
  for (const h of round.households) {
    for (const c of round.criteria) {
      const key = cellKey(h.id, c.id);
      const draft = drafts[key];
      if (!isCellChanged(draft, saved.get(key))) continue;
      const times = parseTimes(draft!.times);
      if (times === null) {
        invalid.push(key);
        continue;
      }
      const note = draft!.note.trim();
      entries.push({ householdId: h.id, criterionId: c.id, times, note: times > 0 && note ? note : null });
    }
  }
  return { entries, invalid };
}

/** A household's month total as the grid stands (unsaved cells included; unreadable ones count as nothing). */
export function rowTotal(householdId: number, criteria: readonly Criterion[], drafts: Record<string, CellDraft>): number {
  let total = 0;
  for (const c of criteria) {
    const times = parseTimes(drafts[cellKey(householdId, c.id)]?.times ?? '');
    if (times) total += cellPoints(c, times);
  }
  return total;
}

/** Criteria grouped under their dimension, in the grid's column order, for the two-row header. */
export function dimensionGroups(criteria: readonly Criterion[]): { dimension: string; criteria: Criterion[] }[] {
  const groups: { dimension: string; criteria: Criterion[] }[] = [];
  for (const c of criteria) {
    const last = groups[groups.length - 1];
    if (last && last.dimension === c.dimension) last.criteria.push(c);
    else groups.push({ dimension: c.dimension, criteria: [c] });
  }
  return groups;
}

/** Columns in header order: the criteria, regrouped so a dimension's items sit together even if sorted apart. */
export function gridColumns(criteria: readonly Criterion[]): Criterion[] {
  const order = new Map<string, number>();
  for (const c of criteria) if (!order.has(c.dimension)) order.set(c.dimension, order.size);
  return [...criteria].sort((a, b) => order.get(a.dimension)! - order.get(b.dimension)! || a.sort - b.sort || a.id - b.id);
}
