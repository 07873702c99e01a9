/**
 * A code table maps a stable code (stored in the database) to its Chinese label.
 * `era` marks values that belong to one data model only: `legacy` = 2014–2020 建档立卡,
 * `monitoring` = 2021+ 防止返贫动态监测. Values without an era are valid in both.
 * `aliases` are other spellings seen in real exports, used when reading files.
 */
export type Era = 'legacy' | 'monitoring';

export interface CodeEntry {
  readonly code: string;
  readonly label: string;
  readonly era?: Era;
  readonly aliases?: readonly string[];
}

export interface CodeTable<E extends CodeEntry = CodeEntry> {
  readonly id: string;
  readonly title: string;
  readonly entries: readonly E[];
}

export function defineTable<const E extends CodeEntry>(id: string, title: string, entries: readonly E[]): CodeTable<E> {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.code)) throw new Error(`code table ${id}: duplicate code ${e.code}`);
    seen.add(e.code);
  }
  return { id, title, entries };
}

export function hasCode(table: CodeTable, code: string): boolean {
  return table.entries.some((e) => e.code === code);
}

export function labelOf(table: CodeTable, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return table.entries.find((e) => e.code === code)?.label ?? `未知代码(${code})`;
}

/** Finds the code for a label, an alias or the code itself; full-width characters and spaces are ignored. */
export function codeFromText(table: CodeTable, text: string): string | undefined {
  const wanted = normalizeLabel(text);
  if (wanted === '') return undefined;
  for (const e of table.entries) {
    if (e.code === wanted || normalizeLabel(e.label) === wanted) return e.code;
    if (e.aliases?.some((a) => normalizeLabel(a) === wanted)) return e.code;
  }
  return undefined;
}

function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}
