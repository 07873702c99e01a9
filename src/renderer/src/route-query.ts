/** Reading values from a link's query string (`?villageId=3`), which may have been typed or edited by hand. */
import type { LocationQuery } from 'vue-router';

/** A positive whole number, or null. */
export function idFromQuery(value: LocationQuery[string] | undefined): number | null {
  const text = typeof value === 'string' ? value : null;
  return text !== null && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null;
}
