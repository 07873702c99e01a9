export * from './code-table';
export * from './household.codes';
export * from './member.codes';
export * from './dynamic.codes';
export * from './assistance.codes';
import * as household from './household.codes';
import * as member from './member.codes';
import * as dynamic from './dynamic.codes';
import * as assistance from './assistance.codes';
import type { CodeTable } from './code-table';

/** Every code table by id, for views that list them and for tests that check their integrity. */
export const codeTables: Record<string, CodeTable> = Object.fromEntries(
  [...Object.values(household), ...Object.values(member), ...Object.values(dynamic), ...Object.values(assistance)]
    .filter((v): v is CodeTable => typeof v === 'object' && v !== null && 'entries' in v && 'id' in v)
    .map((t) => [t.id, t]),
);
