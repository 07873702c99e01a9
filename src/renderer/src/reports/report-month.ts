/** Which month the report page opens on, and how the page describes a month's state. */
import type { MonthClose, MonthlyReport } from '../../../shared/domain/report.types';
import { formatDateTime, thisMonthText } from '../format';

/** Up to this day of the month the page opens on the month before: the report is filed early in the following month. */
export const REPORT_FOR_LAST_MONTH_UNTIL_DAY = 10;

export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

export function defaultReportMonth(now: Date = new Date()): string {
  const thisMonth = thisMonthText(now);
  return now.getDate() <= REPORT_FOR_LAST_MONTH_UNTIL_DAY ? previousMonth(thisMonth) : thisMonth;
}

export const DEFAULT_MONTH_HINT = `每月 1—${REPORT_FOR_LAST_MONTH_UNTIL_DAY} 日默认显示上个月（月报在月初报上月），其余日子默认显示本月。`;

/** 未结账：显示当前数据 / 已于 2026-04-02 由 李文书 结账：显示结账时的数据 */
export function reportStatusLine(report: Pick<MonthlyReport, 'source' | 'closedAt' | 'closedBy'>): string {
  if (report.source === 'live') return '未结账：显示当前数据';
  const day = formatDateTime(report.closedAt).slice(0, 10);
  return `已于 ${day || '（日期不详）'} 由 ${report.closedBy ?? '（未记录）'} 结账：显示结账时的数据`;
}

/** A month's closes, newest first. */
export function closesOf(closes: readonly MonthClose[], month: string): MonthClose[] {
  return closes.filter((c) => c.month === month).sort((a, b) => b.closedAt.localeCompare(a.closedAt) || b.id - a.id);
}
