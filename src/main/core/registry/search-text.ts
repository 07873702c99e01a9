import { pinyin } from 'pinyin-pro';

/** Full pinyin and initials of a name, surnames read as surnames (单 → shan, 曾 → zeng). */
export function nameKeys(name: string): string {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', separator: '', surname: 'head', v: true });
  const full = pinyin(name, { toneType: 'none', separator: '', surname: 'head', v: true });
  return `${initials} ${full}`.toLowerCase();
}

/**
 * One lower-case string per household that the list searches with LIKE: household number,
 * phone, and each live member's name, pinyin initials, full pinyin and ID number.
 */
export function householdSearchText(householdNo: string, phone: string | null, members: { name: string; idNumber: string; phone: string | null }[]): string {
  const parts = [householdNo, phone ?? ''];
  for (const m of members) parts.push(m.name, nameKeys(m.name), m.idNumber, m.phone ?? '');
  return `|${parts.filter(Boolean).join('|').toLowerCase()}|`;
}

/** Escapes LIKE wildcards so a clerk's `%` or `_` is searched for literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
