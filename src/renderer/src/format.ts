/** Display formatting only; stored values are never reformatted. */

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
