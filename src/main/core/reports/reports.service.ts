/**
 * Monthly reports and month-end closes. An open month is reported from live data; closing it
 * freezes the month's household rows (gzip JSON in month_closes), and from then on its report is
 * rebuilt from that snapshot with the same figures code, so a report printed again later matches
 * what was sent up. Reopening needs a reason and keeps the old snapshot.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { householdStatus } from '../../../shared/domain';
import type { Dashboard, MonthClose, MonthlyReport, ReportHousehold, ReportVillage } from '../../../shared/domain/report.types';
import { buildMonthlyReport, monthLabel, newlyMonitored, riskEliminated } from '../../../shared/reports/monthly-report';
import { LedgerError } from '../../../shared/result';
import type { VisitCadence } from '../../../shared/schemas/assistance.schema';
import type { AreaDeps } from '../area';
import { addMonths, localDateText } from '../assistance/dates';
import { monthInt, monthOfInt, type ReportSource } from './report-source';

interface CloseRow {
  id: number; month: number; closed_at: string; closed_by: string; households: number; snapshot: Buffer;
  reopened_at: string | null; reopened_by: string | null; reopen_reason: string | null; confirmed_note: string | null;
}

interface Snapshot {
  asOf: string;
  villages: ReportVillage[];
  households: ReportHousehold[];
}


function toClose(r: CloseRow): MonthClose {
  return {
    id: r.id, month: monthOfInt(r.month), closedAt: r.closed_at, closedBy: r.closed_by, households: r.households,
    reopenedAt: r.reopened_at, reopenedBy: r.reopened_by, reopenReason: r.reopen_reason, confirmedNote: r.confirmed_note,
  };
}

export interface ReportsDeps extends AreaDeps {
  source: ReportSource;
  cadence: () => VisitCadence;
}

export function createReportsService({ db, audit, places, now, source, cadence }: ReportsDeps) {
  const stmt = {
    inForce: db.prepare<[number]>('SELECT * FROM month_closes WHERE month = ? AND reopened_at IS NULL'),
    list: db.prepare('SELECT id, month, closed_at, closed_by, households, reopened_at, reopened_by, reopen_reason, confirmed_note FROM month_closes ORDER BY month DESC, id DESC'),
    byId: db.prepare<[number]>('SELECT id, month, closed_at, closed_by, households, reopened_at, reopened_by, reopen_reason, confirmed_note FROM month_closes WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO month_closes (month, closed_at, closed_by, households, snapshot, confirmed_note)
       VALUES (@month, @at, @by, @households, @snapshot, @note)`,
    ),
    reopen: db.prepare('UPDATE month_closes SET reopened_at = @at, reopened_by = @by, reopen_reason = @reason WHERE id = @id'),
  };

  const today = () => localDateText(now());
  const thisMonth = () => today().slice(0, 7);

  function township() {
    const s = places.getSettings();
    if (!s) throw new LedgerError('VALIDATION', '请先在“设置”中填写乡（镇）名称，月报的标题要用到它');
    return s;
  }

  function notFuture(month: string): void {
    if (month > thisMonth()) throw new LedgerError('VALIDATION', `${monthLabel(month)}还没有到，不能出月报或结账`);
  }

  function live(month: string): Snapshot {
    return { asOf: now().toISOString(), villages: source.villages(), households: source.households(month, today(), cadence()) };
  }

  function snapshotOf(row: CloseRow): Snapshot {
    return JSON.parse(gunzipSync(row.snapshot).toString('utf8')) as Snapshot;
  }

  function monthly(month: string): MonthlyReport {
    notFuture(month);
    const t = township();
    const closed = stmt.inForce.get(monthInt(month)) as CloseRow | undefined;
    const data = closed ? snapshotOf(closed) : live(month);
    return buildMonthlyReport(data.households, data.villages, {
      month, townshipName: t.townshipName, countyName: t.countyName, source: closed ? 'snapshot' : 'live',
      closedAt: closed?.closed_at ?? null, closedBy: closed?.closed_by ?? null, asOf: data.asOf,
    });
  }

  function assertCanClose(month: string): void {
    notFuture(month);
    township();
    const open = stmt.inForce.get(monthInt(month)) as CloseRow | undefined;
    if (open) throw new LedgerError('CONFLICT', `${monthLabel(month)}已于 ${open.closed_at.slice(0, 10)} 由 ${open.closed_by} 结账；如需改动，请先重新打开并写明原因`);
  }

  return {
    monthly,

    list: (): MonthClose[] => (stmt.list.all() as CloseRow[]).map(toClose),

    /** Refuses a month that cannot be closed, before anything else is done for the close. */
    assertCanClose,

    /** `note` records what the closer confirmed (closing over open data-quality errors). */
    close: db.transaction(({ month, note }: { month: string; note: string | null }): MonthClose => {
      assertCanClose(month);
      const data = live(month);
      const at = now().toISOString();
      const by = places.operatorName();
      const id = Number(
        stmt.insert.run({
          month: monthInt(month), at, by, households: data.households.length,
          snapshot: gzipSync(JSON.stringify(data)), note,
        }).lastInsertRowid,
      );
      audit.record({ action: 'create', entity: 'month_close', entityId: id, summary: `${monthLabel(month)}月末结账：${data.households.length} 户的数据已冻结` });
      return toClose(stmt.byId.get(id) as CloseRow);
    }),

    reopen: db.transaction(({ month, reason }: { month: string; reason: string }): MonthClose => {
      const open = stmt.inForce.get(monthInt(month)) as CloseRow | undefined;
      if (!open) throw new LedgerError('CONFLICT', `${monthLabel(month)}尚未结账，不需要重新打开`);
      const at = now().toISOString();
      const by = places.operatorName();
      stmt.reopen.run({ id: open.id, at, by, reason });
      audit.record({
        action: 'update', entity: 'month_close', entityId: open.id,
        summary: `重新打开${monthLabel(month)}（原于 ${open.closed_at.slice(0, 10)} 由 ${open.closed_by} 结账）：${reason}`,
        before: { reopenedAt: null }, after: { reopenedAt: at, reopenedBy: by, reopenReason: reason },
      });
      return toClose(stmt.byId.get(open.id) as CloseRow);
    }),

    /** 首页: the month's counters from its report rows, and twelve months of monitoring objects. */
    dashboard(month = thisMonth()): Dashboard {
      notFuture(month);
      const data = live(month);
      const names = new Map(data.villages.map((v) => [v.id, v.name]));
      const hs = data.households;
      const statusByVillage = data.villages.map((v) => ({ villageId: v.id, villageName: v.name, counts: {} as Record<string, number> }));
      const byId = new Map(statusByVillage.map((r) => [r.villageId, r]));
      const causes = new Map<string, number>();
      const overdue = new Map<number, number>();
      for (const h of hs) {
        const row = byId.get(h.villageId);
        if (row) row.counts[h.state.status] = (row.counts[h.state.status] ?? 0) + 1;
        if (h.mainCause) causes.set(h.mainCause, (causes.get(h.mainCause) ?? 0) + 1);
        if (h.visitOverdue) overdue.set(h.villageId, (overdue.get(h.villageId) ?? 0) + 1);
      }
      const monitoringTrend = Array.from({ length: 12 }, (_, i) => addMonths(`${month}-01`, i - 11).slice(0, 7)).map((m) => {
        const counts = source.monitoringAt(m);
        return { month: m, ...counts };
      });
      return {
        month,
        counters: {
          households: hs.length,
          people: hs.reduce((s, h) => s + h.people, 0),
          monitoredActive: hs.filter((h) => h.state.monitoringCategory !== null && h.state.riskState === 'ACTIVE').length,
          newMonitoringThisMonth: hs.filter(newlyMonitored).length,
          eliminatedThisMonth: hs.filter((h) => riskEliminated(h)).length,
          visitsThisMonth: hs.reduce((s, h) => s + h.visitsMonth, 0),
          visitsOverdue: hs.filter((h) => h.visitOverdue).length,
        },
        statusByVillage: statusByVillage.map((r) => ({ ...r, counts: Object.fromEntries(householdStatus.entries.filter((e) => r.counts[e.code]).map((e) => [e.code, r.counts[e.code]!])) })),
        monitoringTrend,
        causes: [...causes].map(([code, households]) => ({ code, households })).sort((a, b) => b.households - a.households),
        visitsDueByVillage: [...overdue].map(([villageId, n]) => ({ villageId, villageName: names.get(villageId) ?? '', overdue: n })),
      };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
