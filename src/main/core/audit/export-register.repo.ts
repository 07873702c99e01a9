import type { ExportFilter, ExportLayout, ExportLogEntry, ExportLogHouseholds } from '../../../shared/domain/export.types';
import type { Page } from '../../../shared/domain/registry.types';
import type { Db } from '../db/connection';

interface ExportLogRow {
  id: number; exported_at: string; operator: string; layout: ExportLayout; filter_json: string; scope: string; file_name: string;
  household_count: number; row_count: number;
}

export interface ExportRecord {
  layout: ExportLayout;
  filter: ExportFilter;
  scope: string;
  fileName: string;
  /** The households written, in file order. */
  householdIds: readonly number[];
  rows: number;
}

/**
 * The export register (导出登记): who exported which households, when, in which layout.
 * Like the audit log, it is written inside the export's own transaction, never after it.
 */
export function createExportRegister(db: Db, now: () => Date, operator: () => string) {
  const stmt = {
    insert: db.prepare(
      `INSERT INTO export_log (exported_at, operator, layout, filter_json, scope, file_name, household_count, row_count)
       VALUES (@exportedAt, @operator, @layout, @filterJson, @scope, @fileName, @households, @rows)`,
    ),
    insertHousehold: db.prepare<[number, number, number]>('INSERT INTO export_log_households (export_id, household_id, sort) VALUES (?, ?, ?)'),
    count: db.prepare('SELECT count(*) AS n FROM export_log'),
    page: db.prepare('SELECT * FROM export_log ORDER BY id DESC LIMIT @limit OFFSET @offset'),
    countOfHousehold: db.prepare<[number]>('SELECT count(*) AS n FROM export_log_households WHERE household_id = ?'),
    pageOfHousehold: db.prepare(
      `SELECT l.* FROM export_log_households x JOIN export_log l ON l.id = x.export_id
       WHERE x.household_id = @householdId ORDER BY l.id DESC LIMIT @limit OFFSET @offset`,
    ),
    exists: db.prepare<[number]>('SELECT 1 FROM export_log WHERE id = ?'),
    households: db.prepare<[number]>('SELECT household_id FROM export_log_households WHERE export_id = ? ORDER BY sort'),
  };

  return {
    /** Records one export with each household it took; returns its register number. */
    record(r: ExportRecord): number {
      if (!db.inTransaction) throw new Error('export register entries are written inside the export’s transaction');
      const id = Number(
        stmt.insert.run({
          exportedAt: now().toISOString(), operator: operator(), layout: r.layout, filterJson: JSON.stringify(r.filter), scope: r.scope,
          fileName: r.fileName, households: r.householdIds.length, rows: r.rows,
        }).lastInsertRowid,
      );
      r.householdIds.forEach((householdId, sort) => stmt.insertHousehold.run(id, householdId, sort));
      return id;
    },
    list(q: { page: number; pageSize: number; householdId?: number | undefined }): Page<ExportLogEntry> {
      const window = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      if (q.householdId !== undefined) {
        const total = (stmt.countOfHousehold.get(q.householdId) as { n: number }).n;
        return { rows: (stmt.pageOfHousehold.all({ ...window, householdId: q.householdId }) as ExportLogRow[]).map(toEntry), total };
      }
      const total = (stmt.count.get() as { n: number }).n;
      return { rows: (stmt.page.all(window) as ExportLogRow[]).map(toEntry), total };
    },
    /** The households one export took, or undefined when there is no such export. */
    householdsOf(exportId: number): ExportLogHouseholds | undefined {
      if (!stmt.exists.get(exportId)) return undefined;
      return { exportId, householdIds: (stmt.households.all(exportId) as { household_id: number }[]).map((r) => r.household_id) };
    },
  };
}
export type ExportRegister = ReturnType<typeof createExportRegister>;

function toEntry(r: ExportLogRow): ExportLogEntry {
  return {
    id: r.id,
    exportedAt: r.exported_at,
    operator: r.operator,
    layout: r.layout,
    filter: JSON.parse(r.filter_json) as ExportFilter,
    scope: r.scope,
    fileName: r.file_name,
    households: r.household_count,
    rows: r.row_count,
  };
}
