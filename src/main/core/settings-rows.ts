import type { z } from '../../shared/schemas/zod';
import type { Db } from './db/connection';

/**
 * The settings table: one text value per key (the township's settings, the visit cadence, the
 * card and backup settings, the cadre thresholds), read and written by the area that owns it.
 */
export function createSettingsRows(db: Db) {
  const get = db.prepare<[string]>('SELECT value FROM settings WHERE key = ?').pluck();
  const put = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string): string | undefined => get.get(key) as string | undefined,
    put: (key: string, value: string): void => void put.run(key, value),
    /**
     * The stored JSON value when it still passes `schema`; null when absent, or when a hand-edited
     * or older value no longer does (the caller falls back to its defaults rather than failing every page).
     */
    parsed<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
      const raw = get.get(key) as string | undefined;
      if (raw === undefined) return null;
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
  };
}
