/**
 * Measures (帮扶措施) and subsidies received (补贴资金): money-bearing rows per household that
 * are only ever added or revoked. Both tables share their list shape, so they share its code.
 */
import type { Statement } from 'better-sqlite3';
import type { AmountPage, MeasureRow, SubsidyRow } from '../../../shared/domain/assistance.types';
import type { ApiParsed } from '../../../shared/api';
import type { Db } from '../db/connection';
import { sqlFilter } from './sql-filter';

interface RecordDbRow {
  id: number; household_id: number; household_no: string; head_name: string; village_id: number; village_name: string;
  created_at: string; revoked_at: string | null; revoke_reason: string | null;
}
interface MeasureDbRow extends RecordDbRow {
  category: string; item: string; measure_date: string; amount_fen: number | null; helping_unit: string | null; note: string | null;
}
interface SubsidyDbRow extends RecordDbRow {
  category: string; amount_fen: number; paid_date: string; source: string; note: string | null;
}

interface ListFilters {
  householdId?: number | undefined;
  villageId?: number | undefined;
  from: string | null;
  to: string | null;
  includeRevoked: boolean;
  page: number;
  pageSize: number;
}

/** List, sum and fetch for one record table; `filters` maps extra query keys to columns. */
function recordTable<Row>(db: Db, table: 'measures' | 'subsidies', dateColumn: string, filters: Record<string, string>, toRow: (r: never) => Row) {
  const select = `SELECT r.*, h.household_no, h.head_name, h.village_id, v.name AS village_name
    FROM ${table} r JOIN households h ON h.id = r.household_id JOIN villages v ON v.id = h.village_id`;
  const byId = db.prepare<[number]>(`${select} WHERE r.id = ?`);
  const revoke = db.prepare<[string, string, number]>(`UPDATE ${table} SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL`);
  const statements = new Map<string, { summary: Statement; rows: Statement }>();

  function statementsFor(whereSql: string, byVillage: boolean) {
    let s = statements.get(whereSql);
    if (!s) {
      s = {
        // The household join is only needed to filter by village; the page itself always joins.
        summary: db.prepare(
          `SELECT count(*) AS n, coalesce(sum(r.amount_fen), 0) AS fen FROM ${table} r
           ${byVillage ? 'JOIN households h ON h.id = r.household_id' : ''} WHERE ${whereSql}`,
        ),
        rows: db.prepare(`${select} WHERE ${whereSql} ORDER BY r.${dateColumn} DESC, r.id DESC LIMIT @limit OFFSET @offset`),
      };
      statements.set(whereSql, s);
    }
    return s;
  }

  return {
    get(id: number): Row | undefined {
      const row = byId.get(id);
      return row === undefined ? undefined : toRow(row as never);
    },
    revoke(id: number, reason: string, at: string): void {
      revoke.run(at, reason, id);
    },
    list(q: ListFilters & Record<string, unknown>): AmountPage<Row> {
      const filter = sqlFilter(q.includeRevoked ? [] : ['r.revoked_at IS NULL']);
      filter.add('householdId', 'r.household_id = @householdId', q.householdId);
      filter.add('villageId', 'h.village_id = @villageId', q.villageId);
      filter.add('from', `r.${dateColumn} >= @from`, q.from);
      filter.add('to', `r.${dateColumn} <= @to`, q.to);
      for (const [key, column] of Object.entries(filters)) filter.add(key, `r.${column} = @${key}`, q[key]);
      const s = statementsFor(filter.where(), q.villageId !== undefined);
      const { n, fen } = s.summary.get(filter.values) as { n: number; fen: number };
      const rows = s.rows.all({ ...filter.values, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }).map((r) => toRow(r as never));
      return { rows, total: n, totalAmountFen: fen };
    },
  };
}

export function createMeasuresRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO measures (household_id, category, item, measure_date, amount_fen, helping_unit, note, created_at)
     VALUES (@householdId, @category, @item, @date, @amountFen, @helpingUnit, @note, @at)`,
  );
  const table = recordTable(db, 'measures', 'measure_date', { category: 'category' }, (r: MeasureDbRow): MeasureRow => ({
    ...recordFields(r),
    category: r.category,
    item: r.item,
    date: r.measure_date,
    amountFen: r.amount_fen,
    helpingUnit: r.helping_unit,
    note: r.note,
  }));
  return {
    ...table,
    list: (q: ApiParsed<'measure:list'>) => table.list(q),
    insert(m: ApiParsed<'measure:save'>, at: string): number {
      return Number(insert.run({ ...m, at }).lastInsertRowid);
    },
  };
}
export type MeasuresRepo = ReturnType<typeof createMeasuresRepo>;

export function createSubsidiesRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO subsidies (household_id, category, amount_fen, paid_date, source, note, created_at)
     VALUES (@householdId, @category, @amountFen, @date, @source, @note, @at)`,
  );
  const table = recordTable(db, 'subsidies', 'paid_date', { category: 'category', source: 'source' }, (r: SubsidyDbRow): SubsidyRow => ({
    ...recordFields(r),
    category: r.category,
    amountFen: r.amount_fen,
    date: r.paid_date,
    source: r.source,
    note: r.note,
  }));
  return {
    ...table,
    list: (q: ApiParsed<'subsidy:list'>) => table.list(q),
    insert(s: ApiParsed<'subsidy:save'>, at: string): number {
      return Number(insert.run({ ...s, at }).lastInsertRowid);
    },
  };
}
export type SubsidiesRepo = ReturnType<typeof createSubsidiesRepo>;

function recordFields(r: RecordDbRow) {
  return {
    id: r.id,
    householdId: r.household_id,
    householdNo: r.household_no,
    headName: r.head_name,
    villageId: r.village_id,
    villageName: r.village_name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}
