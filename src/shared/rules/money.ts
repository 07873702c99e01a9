/**
 * Money is integer fen (分) in the database, the core and the contract; yuan with two decimals
 * appear only where people read or type amounts (forms, cards, reports, exports).
 */

/** "1,234.5" or "1234.50" or 1234.5 (yuan) → 123450 fen; undefined when it is not an amount. */
export function yuanToFen(input: string | number): number | undefined {
  const text = typeof input === 'number' ? String(input) : input.normalize('NFKC').replace(/[,\s元￥¥]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) return undefined;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? (negative ? -fen : fen) : undefined;
}

/** 123450 → "1234.50" (for inputs and exports). */
export function fenToYuanText(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123450 → "1,234.50 元" (for screens and print). */
export function formatYuan(fen: number): string {
  const [whole, fraction] = fenToYuanText(Math.abs(fen)).split('.');
  return `${fen < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction} 元`;
}
