import type { FieldIssue } from '../../../shared/result';
import type { Db } from '../db/connection';
import { fieldError } from './errors';

/** The household columns the assistance area reads: who it is, where, and whether it is live. */
export interface HouseholdRef {
  id: number;
  householdNo: string;
  headName: string;
  villageId: number;
  deletedAt: string | null;
}

export type HouseholdIssue = FieldIssue & { code: 'NOT_FOUND' | 'CONFLICT' };

/** Households that may receive assistance: registered and not in the recycle bin. */
export function createLiveHouseholds(db: Db) {
  const byId = db.prepare<[number]>('SELECT id, household_no, head_name, village_id, deleted_at FROM households WHERE id = ?');

  /** The household, or why it cannot be helped, as an issue on `path` (a batch collects these). */
  function find(id: number, path: string): { household: HouseholdRef } | { issue: HouseholdIssue } {
    const h = byId.get(id) as { id: number; household_no: string; head_name: string; village_id: number; deleted_at: string | null } | undefined;
    if (!h) return { issue: { code: 'NOT_FOUND', path, message: `没有编号为 ${id} 的农户档案` } };
    if (h.deleted_at) return { issue: { code: 'CONFLICT', path, message: `户编号 ${h.household_no}（户主 ${h.head_name}）已删除，请先在回收站中恢复` } };
    return { household: { id: h.id, householdNo: h.household_no, headName: h.head_name, villageId: h.village_id, deletedAt: h.deleted_at } };
  }

  return {
    find,
    get(id: number, path = 'householdId'): HouseholdRef {
      const found = find(id, path);
      if ('issue' in found) throw fieldError(found.issue.code, path, found.issue.message);
      return found.household;
    },
  };
}
export type LiveHouseholds = ReturnType<typeof createLiveHouseholds>;
