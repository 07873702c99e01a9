import type { Statement } from 'better-sqlite3';
import type { CadreDetail, CadreRow } from '../../../shared/domain/assistance.types';
import type { Page } from '../../../shared/domain/registry.types';
import type { ApiParsed } from '../../../shared/api';
import type { CadreData } from '../../../shared/schemas/assistance.schema';
import { maskIdNumber } from '../../../shared/rules/masking';
import type { Db } from '../db/connection';
import { likePattern, nameKeys } from '../registry/search-text';
import { sqlFilter } from './sql-filter';

interface CadreDbRow {
  id: number; name: string; sex: string; id_number: string | null; role: string; unit: string; affiliation: string;
  position: string | null; phone: string | null; dispatching_unit: string | null; team_name: string | null;
  village_id: number | null; village_name: string | null; posting_start: string | null; posting_end: string | null;
  note: string | null; open_pairings: number; created_at: string; updated_at: string; deleted_at: string | null;
}

const SELECT_CADRE = `SELECT c.*, v.name AS village_name,
  (SELECT count(*) FROM pairings p JOIN households h ON h.id = p.household_id
   WHERE p.cadre_id = c.id AND p.end_date IS NULL AND h.deleted_at IS NULL) AS open_pairings
  FROM cadres c LEFT JOIN villages v ON v.id = c.village_id`;

const SORT_SQL: Record<ApiParsed<'cadre:list'>['sort'], string> = {
  name: 'c.name, c.id',
  load: 'open_pairings DESC, c.name, c.id',
};

/** Prepared statements for cadres; the service owns the transactions. */
export function createCadresRepo(db: Db) {
  const stmt = {
    byId: db.prepare<[number]>(`${SELECT_CADRE} WHERE c.id = ?`),
    liveByIdNumber: db.prepare<[string]>('SELECT id, name FROM cadres WHERE id_number = ? AND deleted_at IS NULL'),
    openFirstSecretary: db.prepare<[number]>(
      "SELECT id, name FROM cadres WHERE village_id = ? AND role = 'FIRST_SECRETARY' AND posting_end IS NULL AND deleted_at IS NULL",
    ),
    insert: db.prepare(
      `INSERT INTO cadres (name, sex, id_number, role, unit, affiliation, position, phone, dispatching_unit, team_name,
         village_id, posting_start, posting_end, note, search_text, created_at, updated_at)
       VALUES (@name, @sex, @idNumber, @role, @unit, @affiliation, @position, @phone, @dispatchingUnit, @teamName,
         @villageId, @postingStart, @postingEnd, @note, @searchText, @at, @at)`,
    ),
    update: db.prepare(
      `UPDATE cadres SET name = @name, sex = @sex, id_number = @idNumber, role = @role, unit = @unit, affiliation = @affiliation,
         position = @position, phone = @phone, dispatching_unit = @dispatchingUnit, team_name = @teamName, village_id = @villageId,
         posting_start = @postingStart, posting_end = @postingEnd, note = @note, search_text = @searchText, updated_at = @at
       WHERE id = @id`,
    ),
    setDeleted: db.prepare<[string, string, number]>('UPDATE cadres SET deleted_at = ?, updated_at = ? WHERE id = ?'),
  };
  const listStatements = new Map<string, { count: Statement; rows: Statement }>();

  function params(c: CadreData, at: string) {
    return {
      name: c.name, sex: c.sex, idNumber: c.idNumber, role: c.role, unit: c.unit, affiliation: c.affiliation,
      position: c.position, phone: c.phone, dispatchingUnit: c.dispatchingUnit, teamName: c.teamName,
      villageId: c.villageId, postingStart: c.postingStart, postingEnd: c.postingEnd, note: c.note,
      searchText: `|${[c.name, nameKeys(c.name), c.unit, c.phone ?? ''].join('|').toLowerCase()}|`,
      at,
    };
  }

  function listStatementsFor(whereSql: string, orderSql: string) {
    const key = `${whereSql}#${orderSql}`;
    let s = listStatements.get(key);
    if (!s) {
      s = {
        count: db.prepare(`SELECT count(*) AS n FROM cadres c WHERE ${whereSql}`),
        rows: db.prepare(`${SELECT_CADRE} WHERE ${whereSql} ORDER BY ${orderSql} LIMIT @limit OFFSET @offset`),
      };
      listStatements.set(key, s);
    }
    return s;
  }

  return {
    get(id: number): CadreDetail | undefined {
      const row = stmt.byId.get(id) as CadreDbRow | undefined;
      return row && toDetail(row);
    },
    liveByIdNumber(idNumber: string) {
      return stmt.liveByIdNumber.get(idNumber) as { id: number; name: string } | undefined;
    },
    /** The village's first secretary still in post (no posting end), if any. */
    openFirstSecretary(villageId: number) {
      return stmt.openFirstSecretary.get(villageId) as { id: number; name: string } | undefined;
    },
    insert(c: CadreData, at: string): number {
      return Number(stmt.insert.run(params(c, at)).lastInsertRowid);
    },
    update(id: number, c: CadreData, at: string): void {
      stmt.update.run({ ...params(c, at), id });
    },
    setDeleted(id: number, at: string): void {
      stmt.setDeleted.run(at, at, id);
    },
    list(q: ApiParsed<'cadre:list'>): Page<CadreRow> {
      const filter = sqlFilter([q.deleted ? 'c.deleted_at IS NOT NULL' : 'c.deleted_at IS NULL']);
      filter.add('role', 'c.role = @role', q.role);
      filter.add('villageId', 'c.village_id = @villageId', q.villageId);
      filter.add('q', "c.search_text LIKE @q ESCAPE '\\'", q.q ? likePattern(q.q) : undefined);
      const s = listStatementsFor(filter.where(), SORT_SQL[q.sort]);
      const total = (s.count.get(filter.values) as { n: number }).n;
      const rows = (s.rows.all({ ...filter.values, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as CadreDbRow[]).map(toRow);
      return { rows, total };
    },
  };
}
export type CadresRepo = ReturnType<typeof createCadresRepo>;

function toRow(c: CadreDbRow): CadreRow {
  const { idNumber, note: _note, createdAt: _created, updatedAt: _updated, ...rest } = toDetail(c);
  return { ...rest, maskedIdNumber: idNumber === null ? null : maskIdNumber(idNumber) };
}

function toDetail(c: CadreDbRow): CadreDetail {
  return {
    id: c.id,
    name: c.name,
    sex: c.sex,
    idNumber: c.id_number,
    role: c.role,
    unit: c.unit,
    affiliation: c.affiliation,
    position: c.position,
    phone: c.phone,
    dispatchingUnit: c.dispatching_unit,
    teamName: c.team_name,
    villageId: c.village_id,
    villageName: c.village_name,
    postingStart: c.posting_start,
    postingEnd: c.posting_end,
    openPairings: c.open_pairings,
    note: c.note,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    deletedAt: c.deleted_at,
  };
}
