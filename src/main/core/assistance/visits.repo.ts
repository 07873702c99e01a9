import type { Statement } from 'better-sqlite3';
import type { ApiParsed } from '../../../shared/api';
import type { VisitDueRow, VisitRow } from '../../../shared/domain/assistance.types';
import type { Page } from '../../../shared/domain/registry.types';
import type { Db } from '../db/connection';
import { MONITORED_SQL } from './pairings.repo';
import { sqlFilter } from './sql-filter';

interface VisitDbRow {
  id: number; household_id: number; household_no: string; head_name: string; village_id: number; village_name: string;
  cadre_id: number; cadre_name: string; visit_date: string; visit_type: string; purposes: string; findings: string | null;
  risk_flags: string; measures_delivered: string | null; next_visit_date: string | null; by_paired_cadre: number; created_at: string;
}

interface DueDbRow {
  total_rows: number; household_id: number; household_no: string; head_name: string; village_id: number; village_name: string;
  monitored: number; last_visit: string | null; days_overdue: number | null; cadre_id: number | null; cadre_name: string | null;
}

export interface VisitDueParams {
  asOf: string;
  /** Per cadence group, asOf minus the cadence: a last visit before this day is too old. */
  monitoredCutoff: string;
  otherCutoff: string;
  villageId?: number | undefined;
  cadreId?: number | undefined;
  page: number;
  pageSize: number;
}

const SELECT_VISIT = `SELECT vi.*, h.household_no, h.head_name, h.village_id, v.name AS village_name, c.name AS cadre_name
  FROM visits vi JOIN households h ON h.id = vi.household_id JOIN villages v ON v.id = h.village_id JOIN cadres c ON c.id = vi.cadre_id`;

/** Visits, and the coverage question asked of them: who is due a visit. */
export function createVisitsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO visits (household_id, cadre_id, visit_date, visit_type, purposes, findings, risk_flags, measures_delivered,
       next_visit_date, by_paired_cadre, created_at)
     VALUES (@householdId, @cadreId, @date, @type, @purposes, @findings, @riskFlags, @measuresDelivered,
       @nextVisitDate, @byPairedCadre, @at)`,
  );
  const cover = db.prepare<[number, string]>(
    `INSERT INTO visit_coverage (household_id, last_visit_date) VALUES (?, ?)
     ON CONFLICT (household_id) DO UPDATE SET last_visit_date = max(last_visit_date, excluded.last_visit_date)`,
  );
  const byId = db.prepare<[number]>(`${SELECT_VISIT} WHERE vi.id = ?`);
  const listStatements = new Map<string, { count: Statement; rows: Statement }>();
  const dueStatements = new Map<string, Statement>();

  function listStatementsFor(whereSql: string, byVillage: boolean) {
    let s = listStatements.get(whereSql);
    if (!s) {
      s = {
        count: db.prepare(
          `SELECT count(*) AS n FROM visits vi ${byVillage ? 'JOIN households h ON h.id = vi.household_id' : ''} WHERE ${whereSql}`,
        ),
        rows: db.prepare(`${SELECT_VISIT} WHERE ${whereSql} ORDER BY vi.visit_date DESC, vi.id DESC LIMIT @limit OFFSET @offset`),
      };
      listStatements.set(whereSql, s);
    }
    return s;
  }

  /**
   * Per live household, its last visit up to the day, kept when older than its group's cutoff
   * or absent. The last visit comes from visit_coverage; only when that one is after the day
   * asked about (a look back in time) does the household get a seek into its visits. Only the
   * page is then joined to names and to the cadre paired on that day; the window count rides
   * on the same single pass.
   */
  function dueStatementFor(byVillage: boolean, byCadre: boolean): Statement {
    const key = `${byVillage}|${byCadre}`;
    let s = dueStatements.get(key);
    if (!s) {
      const pairedOnDay = 'p.start_date <= @asOf AND (p.end_date IS NULL OR p.end_date > @asOf)';
      s = db.prepare(
        `WITH covered AS (
           SELECT h.id AS household_id, h.village_id, ${MONITORED_SQL} AS monitored,
                  CASE WHEN cov.last_visit_date <= @asOf THEN cov.last_visit_date
                       WHEN cov.last_visit_date IS NOT NULL
                       THEN (SELECT max(vi.visit_date) FROM visits vi WHERE vi.household_id = h.id AND vi.visit_date <= @asOf)
                  END AS last_visit
           FROM households h
           LEFT JOIN visit_coverage cov ON cov.household_id = h.id
           WHERE h.deleted_at IS NULL
             ${byVillage ? 'AND h.village_id = @villageId' : ''}
             ${byCadre ? `AND h.id IN (SELECT p.household_id FROM pairings p WHERE p.cadre_id = @cadreId AND ${pairedOnDay})` : ''}
         ),
         due AS (
           SELECT household_id, village_id, monitored, last_visit,
                  CASE WHEN monitored THEN @monitoredCutoff ELSE @otherCutoff END AS cutoff
           FROM covered
         ),
         page AS (
           SELECT count(*) OVER () AS total_rows, household_id, village_id, monitored, last_visit,
                  CAST(julianday(cutoff) - julianday(last_visit) AS INTEGER) AS days_overdue
           FROM due
           WHERE last_visit IS NULL OR last_visit < cutoff
           ORDER BY last_visit IS NOT NULL, days_overdue DESC, household_id
           LIMIT @limit OFFSET @offset
         )
         SELECT page.*, h.household_no, h.head_name, v.name AS village_name, p.cadre_id, c.name AS cadre_name
         FROM page
         JOIN households h ON h.id = page.household_id
         JOIN villages v ON v.id = page.village_id
         LEFT JOIN pairings p ON p.household_id = page.household_id AND ${pairedOnDay}
         LEFT JOIN cadres c ON c.id = p.cadre_id
         ORDER BY page.last_visit IS NOT NULL, page.days_overdue DESC, page.household_id`,
      );
      dueStatements.set(key, s);
    }
    return s;
  }

  return {
    /** Adds the visit and moves the household's coverage forward; call inside the caller's transaction. */
    insert(v: ApiParsed<'visit:save'>, byPairedCadre: boolean, at: string): number {
      cover.run(v.householdId, v.date);
      return Number(
        insert.run({
          ...v,
          purposes: v.purposes.join(','),
          riskFlags: v.riskFlags.join(','),
          byPairedCadre: byPairedCadre ? 1 : 0,
          at,
        }).lastInsertRowid,
      );
    },
    get(id: number): VisitRow | undefined {
      const row = byId.get(id) as VisitDbRow | undefined;
      return row && toVisit(row);
    },
    list(q: ApiParsed<'visit:list'>): Page<VisitRow> {
      const filter = sqlFilter();
      filter.add('householdId', 'vi.household_id = @householdId', q.householdId);
      filter.add('cadreId', 'vi.cadre_id = @cadreId', q.cadreId);
      filter.add('villageId', 'h.village_id = @villageId', q.villageId);
      filter.add('from', 'vi.visit_date >= @from', q.from);
      filter.add('to', 'vi.visit_date <= @to', q.to);
      filter.add('riskFlag', "',' || vi.risk_flags || ',' LIKE '%,' || @riskFlag || ',%'", q.riskFlag);
      const s = listStatementsFor(filter.where(), q.villageId !== undefined);
      const total = (s.count.get(filter.values) as { n: number }).n;
      const rows = (s.rows.all({ ...filter.values, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as VisitDbRow[]).map(toVisit);
      return { rows, total };
    },
    due(q: VisitDueParams, cadenceMonths: (monitored: boolean) => number): Page<VisitDueRow> {
      const s = dueStatementFor(q.villageId !== undefined, q.cadreId !== undefined);
      const values = {
        asOf: q.asOf,
        monitoredCutoff: q.monitoredCutoff,
        otherCutoff: q.otherCutoff,
        ...(q.villageId === undefined ? {} : { villageId: q.villageId }),
        ...(q.cadreId === undefined ? {} : { cadreId: q.cadreId }),
      };
      const found = s.all({ ...values, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as DueDbRow[];
      // Past the last page the window count went with the rows: ask for the first row's.
      const total = found[0]?.total_rows ?? (q.page > 1 ? ((s.get({ ...values, limit: 1, offset: 0 }) as DueDbRow | undefined)?.total_rows ?? 0) : 0);
      const rows = found.map((r) => ({
        householdId: r.household_id,
        householdNo: r.household_no,
        headName: r.head_name,
        villageId: r.village_id,
        villageName: r.village_name,
        monitored: r.monitored === 1,
        cadenceMonths: cadenceMonths(r.monitored === 1),
        lastVisitDate: r.last_visit,
        daysOverdue: r.days_overdue,
        cadreId: r.cadre_id,
        cadreName: r.cadre_name,
      }));
      return { rows, total };
    },
  };
}
export type VisitsRepo = ReturnType<typeof createVisitsRepo>;

function toVisit(v: VisitDbRow): VisitRow {
  return {
    id: v.id,
    householdId: v.household_id,
    householdNo: v.household_no,
    headName: v.head_name,
    villageId: v.village_id,
    villageName: v.village_name,
    cadreId: v.cadre_id,
    cadreName: v.cadre_name,
    date: v.visit_date,
    type: v.visit_type,
    purposes: v.purposes === '' ? [] : v.purposes.split(','),
    findings: v.findings,
    riskFlags: v.risk_flags === '' ? [] : v.risk_flags.split(','),
    measuresDelivered: v.measures_delivered,
    nextVisitDate: v.next_visit_date,
    byPairedCadre: v.by_paired_cadre === 1,
    createdAt: v.created_at,
  };
}
