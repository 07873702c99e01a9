/**
 * Households' ratings of their cadre (满意度). A household rates only the cadre it is paired with
 * now, on a day within that pairing; a rating is never edited or deleted (triggers refuse it): a
 * wrong one is replaced by a correction that names it and says why (its day may be corrected
 * too, within a pairing with that cadre), and only the replacement counts from then on.
 */
import type { ApiParsed } from '../../../shared/api';
import { labelOf } from '../../../shared/domain/code-table';
import { ratingMethod, satisfaction } from '../../../shared/domain/cadre-assessment.codes';
import type { CadreRating } from '../../../shared/domain/cadre-assessment.types';
import type { RatingAnswers } from '../../../shared/schemas/cadre-assessment.schema';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import { localDateText } from '../assistance/dates';
import { fieldError } from '../assistance/errors';

interface RatingRow {
  id: number; household_id: number; household_no: string; head_name: string; village_name: string; cadre_id: number; cadre_name: string;
  visit_id: number | null; rated_on: string; overall: string; policy: string | null; delivery: string | null; frequency: string | null;
  comment: string | null; method: string; recorded_by: string; supersedes_id: number | null; correction_reason: string | null;
  superseded_by: number | null; created_at: string; pairing_id: number;
}

const SELECT_RATING = `SELECT r.*, h.household_no, h.head_name, v.name AS village_name, c.name AS cadre_name,
    (SELECT s.id FROM cadre_ratings s WHERE s.supersedes_id = r.id) AS superseded_by
  FROM cadre_ratings r JOIN households h ON h.id = r.household_id JOIN villages v ON v.id = h.village_id JOIN cadres c ON c.id = r.cadre_id`;

const toRating = (r: RatingRow): CadreRating => ({
  id: r.id, householdId: r.household_id, householdNo: r.household_no, headName: r.head_name, villageName: r.village_name,
  cadreId: r.cadre_id, cadreName: r.cadre_name, visitId: r.visit_id, ratedOn: r.rated_on, overall: r.overall, policy: r.policy,
  delivery: r.delivery, frequency: r.frequency, comment: r.comment, method: r.method, recordedBy: r.recorded_by,
  supersedesId: r.supersedes_id, correctionReason: r.correction_reason, supersededById: r.superseded_by, createdAt: r.created_at,
});

export interface RatingRecord extends RatingAnswers {
  householdId: number;
  cadreId: number;
  ratedOn: string;
  method: string;
  recordedBy: string;
  visitId?: number | null;
  supersedesId?: number | undefined;
  correctionReason?: string | null;
}

export function createRatingsService({ db, audit, places, now }: AreaDeps) {
  const stmt = {
    household: db.prepare<[number]>('SELECT id, household_no, head_name, deleted_at FROM households WHERE id = ?'),
    cadre: db.prepare<[number]>('SELECT id, name, deleted_at FROM cadres WHERE id = ?'),
    currentPairing: db.prepare<[number]>(
      'SELECT p.id, p.cadre_id, p.start_date, c.name AS cadre_name FROM pairings p JOIN cadres c ON c.id = p.cadre_id WHERE p.household_id = ? AND p.end_date IS NULL',
    ),
    pairingOn: db.prepare<[number, number, string, string]>(
      'SELECT id FROM pairings WHERE household_id = ? AND cadre_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date > ?)',
    ).pluck(),
    byId: db.prepare<[number]>(`${SELECT_RATING} WHERE r.id = ?`),
    ofHousehold: db.prepare<[number]>(`${SELECT_RATING} WHERE r.household_id = ? ORDER BY r.rated_on DESC, r.id DESC`),
    ofCadre: db.prepare<[number]>(`${SELECT_RATING} WHERE r.cadre_id = ? ORDER BY r.rated_on DESC, r.id DESC`),
    ofBoth: db.prepare<[number, number]>(`${SELECT_RATING} WHERE r.household_id = ? AND r.cadre_id = ? ORDER BY r.rated_on DESC, r.id DESC`),
    ofCadreBetween: db.prepare<[number, string, string]>(
      `${SELECT_RATING} WHERE r.cadre_id = ? AND r.rated_on BETWEEN ? AND ? ORDER BY r.rated_on DESC, r.id DESC`,
    ),
    insert: db.prepare(
      `INSERT INTO cadre_ratings (household_id, cadre_id, pairing_id, visit_id, rated_on, overall, policy, delivery, frequency, comment,
         method, recorded_by, supersedes_id, correction_reason, created_at, created_by)
       VALUES (@householdId, @cadreId, @pairingId, @visitId, @ratedOn, @overall, @policy, @delivery, @frequency, @comment,
         @method, @recordedBy, @supersedesId, @correctionReason, @at, @by)`,
    ),
  };

  function rating(id: number): CadreRating {
    const r = stmt.byId.get(id) as RatingRow | undefined;
    if (!r) throw new LedgerError('NOT_FOUND', `没有编号为 ${id} 的满意度评价`);
    return toRating(r);
  }

  /** Checks and writes one rating; call inside a transaction (record() and a visit's save are). */
  function insert(input: RatingRecord): CadreRating {
    const h = stmt.household.get(input.householdId) as { id: number; household_no: string; head_name: string; deleted_at: string | null } | undefined;
    if (!h) throw fieldError('NOT_FOUND', 'householdId', `没有编号为 ${input.householdId} 的农户档案`);
    if (h.deleted_at) throw fieldError('CONFLICT', 'householdId', `户编号 ${h.household_no}（户主 ${h.head_name}）已删除，不能登记评价`);
    const c = stmt.cadre.get(input.cadreId) as { id: number; name: string; deleted_at: string | null } | undefined;
    if (!c) throw fieldError('NOT_FOUND', 'cadreId', `没有编号为 ${input.cadreId} 的帮扶责任人`);
    const today = localDateText(now());
    if (input.ratedOn > today) throw fieldError('VALIDATION', 'ratedOn', `评价日期 ${input.ratedOn} 晚于今天（${today}）`);

    let pairingId: number;
    const ratedOn = input.ratedOn;
    if (input.supersedesId !== undefined) {
      // A correction replaces one rating of the same household and cadre.
      const old = rating(input.supersedesId);
      if (old.householdId !== h.id || old.cadreId !== c.id) throw fieldError('VALIDATION', 'supersedesId', '更正只能针对同一户对同一名帮扶责任人的评价');
      if (old.supersededById !== null) throw fieldError('CONFLICT', 'supersedesId', `这条评价已被第 ${old.supersededById} 号评价更正，请更正最新的一条`);
      // The day may be corrected too, within a pairing of this household with this cadre.
      const pairing = stmt.pairingOn.get(h.id, c.id, ratedOn, ratedOn) as number | undefined;
      if (pairing === undefined) throw fieldError('VALIDATION', 'ratedOn', `评价日期 ${ratedOn} 不在户主 ${h.head_name} 与${c.name}的结对期间内`);
      pairingId = pairing;
    } else {
      const current = stmt.currentPairing.get(h.id) as { id: number; cadre_id: number; start_date: string; cadre_name: string } | undefined;
      if (!current) throw fieldError('CONFLICT', 'cadreId', `户主 ${h.head_name} 目前没有结对帮扶责任人，不能登记满意度评价`);
      if (current.cadre_id !== c.id) {
        throw fieldError('CONFLICT', 'cadreId', `户主 ${h.head_name} 目前的帮扶责任人是${current.cadre_name}，不是${c.name}；农户只能评价当前结对的帮扶责任人`);
      }
      if (ratedOn < current.start_date) throw fieldError('VALIDATION', 'ratedOn', `评价日期 ${ratedOn} 早于本次结对开始日期 ${current.start_date}`);
      pairingId = current.id;
    }

    const id = Number(
      stmt.insert.run({
        householdId: h.id, cadreId: c.id, pairingId, visitId: input.visitId ?? null, ratedOn, overall: input.overall,
        policy: input.policy ?? null, delivery: input.delivery ?? null, frequency: input.frequency ?? null, comment: input.comment ?? null,
        method: input.method, recordedBy: input.recordedBy, supersedesId: input.supersedesId ?? null, correctionReason: input.correctionReason ?? null,
        at: now().toISOString(), by: places.operatorName(),
      }).lastInsertRowid,
    );
    const saved = rating(id);
    audit.record({
      action: 'create', entity: 'cadre_rating', entityId: id, householdId: h.id,
      summary: `${input.supersedesId !== undefined ? `更正第 ${input.supersedesId} 号满意度评价（${input.correctionReason}）：` : '满意度评价：'}户主 ${h.head_name}对帮扶责任人${c.name}“${labelOf(satisfaction, input.overall)}”（${labelOf(ratingMethod, input.method)}，${saved.recordedBy}记录）`,
      after: saved,
    });
    return saved;
  }

  return {
    insert,
    record: db.transaction((input: ApiParsed<'rating:record'>): CadreRating => insert(input)),

    list(q: ApiParsed<'rating:list'>): CadreRating[] {
      const rows = (
        q.householdId !== undefined && q.cadreId !== undefined
          ? stmt.ofBoth.all(q.householdId, q.cadreId)
          : q.householdId !== undefined
            ? stmt.ofHousehold.all(q.householdId)
            : stmt.ofCadre.all(q.cadreId!)
      ) as RatingRow[];
      return rows.map(toRating).filter((r) => q.includeSuperseded || r.supersededById === null);
    },

    /** A cadre's ratings (corrections included, replaced ones marked) between two days. */
    ofCadreBetween: (cadreId: number, from: string, to: string): CadreRating[] => (stmt.ofCadreBetween.all(cadreId, from, to) as RatingRow[]).map(toRating),
  };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
