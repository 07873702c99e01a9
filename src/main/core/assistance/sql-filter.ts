/** Builds a list query's WHERE from the filters a caller actually set; unset ones add nothing. */
export function sqlFilter(always: string[] = []) {
  const clauses = [...always];
  const values: Record<string, unknown> = {};
  return {
    /** Adds `sql` (naming `@key`) when `value` is set. */
    add(key: string, sql: string, value: unknown): void {
      if (value === undefined || value === null) return;
      clauses.push(sql);
      values[key] = value;
    },
    /** The WHERE text; also the key under which its prepared statements are cached. */
    where: () => (clauses.length > 0 ? clauses.join(' AND ') : '1'),
    values,
  };
}
