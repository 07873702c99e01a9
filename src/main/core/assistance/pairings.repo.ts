import type { Pairing, UnpairedHousehold } from '../../../shared/domain/assistance.types';
import type { Page } from '../../../shared/domain/registry.types';
import type { Db } from '../db/connection';

interface PairingDbRow {
  id: number; cadre_id: number; cadre_name: string; cadre_unit: string; cadre_phone: string | null;
  household_id: number; household_no: string; head_name: string; village_id: number; village_name: string;
  start_date: string; end_date: string | null; end_reason: string | null; end_note: string | null;
}

interface UnpairedDbRow {
  id: number; household_no: string; head_name: string; village_id: number; village_name: string; group_name: string | null;
  status: string; monitored: number; member_count: number;
}

const SELECT_PAIRING = `SELECT p.id, p.cadre_id, c.name AS cadre_name, c.unit AS cadre_unit, c.phone AS cadre_phone,
    p.household_id, h.household_no, h.head_name, h.village_id, v.name AS village_name,
    p.start_date, p.end_date, p.end_reason, p.end_note
  FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id`;

/** An active monitoring object (the same test the coverage view uses). */
export const MONITORED_SQL = "(h.monitoring_category IS NOT NULL AND h.risk_state = 'ACTIVE')";

/** Pairings cadre ↔ household, and the households that have none. */
export function createPairingsRepo(db: Db) {
  const stmt = {
    byId: db.prepare<[number]>(`${SELECT_PAIRING} WHERE p.id = ?`),
    openOfHousehold: db.prepare<[number]>(`${SELECT_PAIRING} WHERE p.household_id = ? AND p.end_date IS NULL`),
    // The latest day the household's history already covers: a new pairing may not start before it.
    historyEnd: db.prepare<[number]>('SELECT max(coalesce(end_date, start_date)) AS day FROM pairings WHERE household_id = ?'),
    ofHousehold: db.prepare<[number]>(`${SELECT_PAIRING} WHERE p.household_id = ? ORDER BY p.start_date DESC, p.id DESC`),
    ofCadre: db.prepare<[number]>(`${SELECT_PAIRING} WHERE p.cadre_id = ? ORDER BY p.end_date IS NOT NULL, p.start_date DESC, p.id DESC`),
    ofBoth: db.prepare<[number, number]>(`${SELECT_PAIRING} WHERE p.household_id = ? AND p.cadre_id = ? ORDER BY p.start_date DESC, p.id DESC`),
    openCountOfCadre: db.prepare<[number]>(
      `SELECT count(*) AS n, coalesce(sum(h.deleted_at IS NOT NULL), 0) AS binned
       FROM pairings p JOIN households h ON h.id = p.household_id WHERE p.cadre_id = ? AND p.end_date IS NULL`,
    ),
    pairedOn: db.prepare<[number, number, string, string]>(
      'SELECT 1 FROM pairings WHERE household_id = ? AND cadre_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date > ?)',
    ),
    insert: db.prepare<[number, number, string, string]>(
      'INSERT INTO pairings (cadre_id, household_id, start_date, created_at) VALUES (?, ?, ?, ?)',
    ),
    end: db.prepare<[string, string, string | null, string, number]>(
      'UPDATE pairings SET end_date = ?, end_reason = ?, end_note = ?, ended_at = ? WHERE id = ? AND end_date IS NULL',
    ),
  };

  // Unpaired: live households with no open pairing, in the household list's order.
  const unpairedWhere = (byVillage: boolean) =>
    `h.deleted_at IS NULL ${byVillage ? 'AND h.village_id = @villageId' : ''}
     AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND p.end_date IS NULL)`;
  const unpaired = [false, true].map((byVillage) => ({
    count: db.prepare(`SELECT count(*) AS n FROM households h WHERE ${unpairedWhere(byVillage)}`),
    rows: db.prepare(
      `SELECT h.id, h.household_no, h.head_name, h.village_id, v.name AS village_name, g.name AS group_name, h.status,
              ${MONITORED_SQL} AS monitored, h.member_count
       FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN village_groups g ON g.id = h.group_id
       WHERE ${unpairedWhere(byVillage)}
       ORDER BY h.village_id, h.group_id, h.household_no, h.id LIMIT @limit OFFSET @offset`,
    ),
  }));

  return {
    get(id: number): Pairing | undefined {
      const row = stmt.byId.get(id) as PairingDbRow | undefined;
      return row && toPairing(row);
    },
    openOfHousehold(householdId: number): Pairing | undefined {
      const row = stmt.openOfHousehold.get(householdId) as PairingDbRow | undefined;
      return row && toPairing(row);
    },
    historyEnd(householdId: number): string | null {
      return (stmt.historyEnd.get(householdId) as { day: string | null }).day;
    },
    history(q: { householdId?: number | undefined; cadreId?: number | undefined }): Pairing[] {
      const rows =
        q.householdId !== undefined && q.cadreId !== undefined
          ? stmt.ofBoth.all(q.householdId, q.cadreId)
          : q.householdId !== undefined
            ? stmt.ofHousehold.all(q.householdId)
            : stmt.ofCadre.all(q.cadreId!);
      return (rows as PairingDbRow[]).map(toPairing);
    },
    /** Open pairings of a cadre; `binned` of them are with households now in the recycle bin. */
    openCountOfCadre(cadreId: number): { n: number; binned: number } {
      return stmt.openCountOfCadre.get(cadreId) as { n: number; binned: number };
    },
    /** Whether the cadre was the household's cadre on that day ([start, end) periods). */
    pairedOn(householdId: number, cadreId: number, date: string): boolean {
      return stmt.pairedOn.get(householdId, cadreId, date, date) !== undefined;
    },
    insert(cadreId: number, householdId: number, startDate: string, at: string): number {
      return Number(stmt.insert.run(cadreId, householdId, startDate, at).lastInsertRowid);
    },
    end(id: number, endDate: string, reason: string, note: string | null, at: string): void {
      stmt.end.run(endDate, reason, note, at, id);
    },
    unpaired(q: { villageId?: number | undefined; page: number; pageSize: number }): Page<UnpairedHousehold> {
      const s = unpaired[q.villageId === undefined ? 0 : 1]!;
      const values = q.villageId === undefined ? {} : { villageId: q.villageId };
      const total = (s.count.get(values) as { n: number }).n;
      const rows = (s.rows.all({ ...values, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as UnpairedDbRow[]).map((h) => ({
        id: h.id,
        householdNo: h.household_no,
        headName: h.head_name,
        villageId: h.village_id,
        villageName: h.village_name,
        groupName: h.group_name,
        status: h.status,
        monitored: h.monitored === 1,
        memberCount: h.member_count,
      }));
      return { rows, total };
    },
  };
}
export type PairingsRepo = ReturnType<typeof createPairingsRepo>;

function toPairing(p: PairingDbRow): Pairing {
  return {
    id: p.id,
    cadreId: p.cadre_id,
    cadreName: p.cadre_name,
    cadreUnit: p.cadre_unit,
    cadrePhone: p.cadre_phone,
    householdId: p.household_id,
    householdNo: p.household_no,
    headName: p.head_name,
    villageId: p.village_id,
    villageName: p.village_name,
    startDate: p.start_date,
    endDate: p.end_date,
    endReason: p.end_reason,
    endNote: p.end_note,
  };
}
