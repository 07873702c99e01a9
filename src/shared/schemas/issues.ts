import type { FieldIssue } from '../result';
import { cutShort } from '../rules/hidden-text';
import type { z } from './zod';

/**
 * zod issues → field issues with dotted paths. Issues inside the members table are prefixed
 * with the row (and name, when the input has one) so a message read on its own still says where.
 */
export function toFieldIssues(error: z.ZodError, input?: unknown): FieldIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const [first, row] = i.path;
    if (first === 'members' && typeof row === 'number') {
      const name = memberName(input, row);
      return { path, message: `第 ${row + 1} 名成员${name ? `（${name}）` : ''}：${i.message}` };
    }
    return { path, message: i.message };
  });
}

function memberName(input: unknown, row: number): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const members = (input as { members?: unknown }).members;
  if (!Array.isArray(members)) return undefined;
  const m: unknown = members[row];
  if (typeof m !== 'object' || m === null) return undefined;
  const name = (m as { name?: unknown }).name;
  // Cut short: the name is whatever the caller sent, possibly far longer than any name (the schema refuses it anyway).
  const text = typeof name === 'string' ? name.trim() : '';
  return text ? cutShort(text) : undefined;
}
