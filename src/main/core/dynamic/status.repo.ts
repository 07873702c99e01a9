import type { StatusCount, MonitoringCount, StatusEvent } from '../../../shared/domain/dynamic.types';
import type { StatusEventKind, StatusState } from '../../../shared/rules/status-machine';
import type { Db } from '../db/connection';

interface EventRow {
  id: number; household_id: number; kind: StatusEventKind; month: number; until_month: number | null; status: string; monitoring_category: string | null;
  risk_state: string | null; elimination_method: 'ASSISTED' | 'NATURAL' | null; reason: string | null; recorded_at: string;
  operator: string; revoked_at: string | null; revoke_reason: string | null;
}

/** 'YYYY-MM' ↔ YYYYMM: months are stored as integers so they compare and index cheaply. */
export const monthToInt = (month: string): number => Number(month.replace('-', ''));
export const intToMonth = (n: number): string => `${Math.floor(n / 100)}-${String(n % 100).padStart(2, '0')}`;

/** The last day of a month as 'YYYY-MM-DD', for "as of month end" comparisons with dates. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * Month-end counts. The event in force at the month's end is the one whose [month, until_month)
 * holds it; people are today's member_count corrected by the few members who joined or left after.
 * For the whole township, walking the events index and looking households up by id is fastest
 * (CROSS JOIN fixes that order); for one village, starting from its households is.
 */
function asOfSql(join: 'JOIN' | 'CROSS JOIN'): string {
  return `WITH moved AS (
      SELECT household_id,
             sum(left_on > @end AND (joined_on IS NULL OR joined_on <= @end)) - sum(joined_on > @end AND left_on IS NULL) AS delta
      FROM members WHERE deleted_at IS NULL AND (joined_on IS NOT NULL OR left_on IS NOT NULL)
      GROUP BY household_id
    ), in_force AS (
      SELECT household_id, status, monitoring_category, risk_state FROM status_events
      WHERE revoked_at IS NULL AND month <= @month AND (until_month IS NULL OR until_month > @month)
    )
    SELECT e.status, e.monitoring_category, e.risk_state, count(*) AS households,
           coalesce(sum(h.member_count + coalesce(moved.delta, 0)), 0) AS people
    FROM in_force e ${join} households h ON h.id = e.household_id
    LEFT JOIN moved ON moved.household_id = e.household_id
    WHERE h.deleted_at IS NULL AND (@villageId IS NULL OR h.village_id = @villageId)
    GROUP BY e.status, e.monitoring_category, e.risk_state`;
}

export function createStatusRepo(db: Db) {
  const stmt = {
    closePrevious: db.prepare<[number, number]>('UPDATE status_events SET until_month = ? WHERE household_id = ? AND revoked_at IS NULL AND until_month IS NULL'),
    reopenLatest: db.prepare<[number]>(
      `UPDATE status_events SET until_month = NULL WHERE id = (
         SELECT id FROM status_events WHERE household_id = ? AND revoked_at IS NULL ORDER BY month DESC, id DESC LIMIT 1)`,
    ),
    insert: db.prepare(
      `INSERT INTO status_events (household_id, kind, month, status, monitoring_category, risk_state, elimination_method, reason, recorded_at, operator)
       VALUES (@householdId, @kind, @month, @status, @monitoringCategory, @riskState, @eliminationMethod, @reason, @recordedAt, @operator)`,
    ),
    all: db.prepare<[number]>('SELECT * FROM status_events WHERE household_id = ? ORDER BY month, id'),
    latest: db.prepare<[number]>('SELECT * FROM status_events WHERE household_id = ? AND revoked_at IS NULL ORDER BY month DESC, id DESC LIMIT 1'),
    latestUpTo: db.prepare<[number, number]>(
      'SELECT * FROM status_events WHERE household_id = ? AND revoked_at IS NULL AND month <= ? ORDER BY month DESC, id DESC LIMIT 1',
    ),
    revoke: db.prepare<[string, string, number]>('UPDATE status_events SET revoked_at = ?, revoke_reason = ? WHERE id = ?'),
    setHouseholdState: db.prepare<[string, string | null, string | null, string, number]>(
      'UPDATE households SET status = ?, monitoring_category = ?, risk_state = ?, updated_at = ? WHERE id = ?',
    ),
    asOfTownship: db.prepare(asOfSql('CROSS JOIN')),
    asOfVillage: db.prepare(asOfSql('JOIN')),
  };

  return {
    /** Appends an event; the one it supersedes is closed at this month. Call inside a transaction. */
    insert(householdId: number, kind: StatusEventKind, month: string, state: StatusState, extra: { eliminationMethod: 'ASSISTED' | 'NATURAL' | null; reason: string | null; recordedAt: string; operator: string }): number {
      stmt.closePrevious.run(monthToInt(month), householdId);
      return Number(
        stmt.insert.run({ householdId, kind, month: monthToInt(month), ...state, ...extra }).lastInsertRowid,
      );
    },
    all(householdId: number): StatusEvent[] {
      return (stmt.all.all(householdId) as EventRow[]).map(toEvent);
    },
    latest(householdId: number, upToMonth?: string): StatusEvent | undefined {
      const row = (upToMonth === undefined ? stmt.latest.get(householdId) : stmt.latestUpTo.get(householdId, monthToInt(upToMonth))) as EventRow | undefined;
      return row ? toEvent(row) : undefined;
    },
    /** Revokes the latest event; the one before it is in force again. Call inside a transaction. */
    revoke(id: number, householdId: number, at: string, reason: string): void {
      stmt.revoke.run(at, reason, id);
      stmt.reopenLatest.run(householdId);
    },
    setHouseholdState(householdId: number, s: StatusState, at: string): void {
      stmt.setHouseholdState.run(s.status, s.monitoringCategory, s.riskState, at, householdId);
    },
    countsAsOf(month: string, villageId: number | null) {
      const statement = villageId === null ? stmt.asOfTownship : stmt.asOfVillage;
      const rows = statement.all({ month: monthToInt(month), end: monthEnd(month), villageId }) as {
        status: string; monitoring_category: string | null; risk_state: string | null; households: number; people: number;
      }[];
      const byStatus = new Map<string, StatusCount>();
      const byMonitoring = new Map<string, MonitoringCount>();
      for (const r of rows) {
        const s = byStatus.get(r.status) ?? { status: r.status, households: 0, people: 0 };
        s.households += r.households;
        s.people += r.people;
        byStatus.set(r.status, s);
        if (r.monitoring_category && r.risk_state) {
          const key = `${r.monitoring_category}|${r.risk_state}`;
          const m = byMonitoring.get(key) ?? { monitoringCategory: r.monitoring_category, riskState: r.risk_state, households: 0, people: 0 };
          m.households += r.households;
          m.people += r.people;
          byMonitoring.set(key, m);
        }
      }
      return { byStatus: [...byStatus.values()], byMonitoring: [...byMonitoring.values()] };
    },
  };
}
export type StatusRepo = ReturnType<typeof createStatusRepo>;

function toEvent(r: EventRow): StatusEvent {
  return {
    id: r.id,
    householdId: r.household_id,
    kind: r.kind,
    month: intToMonth(r.month),
    status: r.status,
    monitoringCategory: r.monitoring_category,
    riskState: r.risk_state,
    eliminationMethod: r.elimination_method,
    reason: r.reason,
    recordedAt: r.recorded_at,
    operator: r.operator,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}
