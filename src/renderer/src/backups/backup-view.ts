/** Display helpers for 备份与恢复 in 设置. */
import type { LedgerErrorBody } from '../../../shared/result';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/** 12,345,678 bytes → "11.77 MB": two decimals for small files, fewer as they grow. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb > 0 && mb < 0.01) return '< 0.01 MB';
  return `${mb.toFixed(mb >= 100 ? 0 : mb >= 10 ? 1 : 2)} MB`;
}

/** The tag colour of a backup's reason: the clerk's own copies stand out, the copies kept before a restore warn. */
export function reasonTagType(reason: string): TagType {
  if (reason === '手动') return 'primary';
  if (reason === '恢复前') return 'danger';
  if (reason === '导入前' || reason === '结账前') return 'warning';
  if (reason.startsWith('升级前')) return 'success';
  return 'info';
}

/** `升级前-v6` → `升级前（数据版本 6）`; other reasons as they are. */
export function reasonLabel(reason: string): string {
  const upgrade = /^升级前-v(\d+)$/.exec(reason);
  return upgrade ? `升级前（数据版本 ${upgrade[1]}）` : reason;
}

/** The folder of a path, whichever separator this PC uses (`C:\…\backups\x.sqlite` or `/home/…/backups/x.sqlite`). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

/** Refusals the core makes before touching anything: the registry is exactly as it was. */
const REFUSED_BEFORE_ANY_CHANGE: ReadonlySet<LedgerErrorBody['code']> = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND']);

/** What to tell the clerk when a restore did not happen. */
export function restoreFailureText(error: LedgerErrorBody): { message: string; unchanged: boolean } {
  // The page adds its own full stop after the message.
  return { message: error.message.replace(/[。.]+$/, ''), unchanged: REFUSED_BEFORE_ANY_CHANGE.has(error.code) };
}

/**
 * A typed number for the keep rules: blank stays blank, anything else is read as a number (NaN when
 * it is not one), so the shared schema says what is wrong. Full-width digits (a Chinese IME's ３０) count.
 */
export function numberOrBlank(text: string): number | undefined {
  const trimmed = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return trimmed === '' ? undefined : Number(trimmed);
}
