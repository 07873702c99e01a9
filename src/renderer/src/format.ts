/** Display formatting only; stored values are never reformatted. */
import { formatYuan } from '../../shared/rules/money';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `2025-03-01T08:05:09.123Z` → `2025-03-01 16:05` (local time). Timestamps without a zone are
 * shown as written, since they already are the local time the server recorded.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) return value.replace('T', ' ').slice(0, 16);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 123450 fen → "1,234.50": for table cells whose header already says （元）. */
export function formatAmount(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return formatYuan(fen).replace(/ 元$/, '');
}

/** Today as the clerk's calendar shows it (local time, not UTC: at 7 a.m. in China UTC is still yesterday). */
export function todayText(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function thisMonthText(now: Date = new Date()): string {
  return todayText(now).slice(0, 7);
}
