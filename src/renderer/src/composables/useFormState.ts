import { ref } from 'vue';
import type { FieldIssue, Result } from '../../../shared/result';
import { toFieldIssues } from '../../../shared/schemas/issues';
import type { z } from '../../../shared/schemas/zod';
import { issuesOf } from '../api';
import { useFieldIssues } from './useFieldIssues';

/** Maps a path as the schema or server names it to the field the form shows it at (`wageFen` → `wage`). */
export type PathRename = (path: string) => string;

/**
 * The state every dialog form shares: field issues, the refusal shown above the form (the server's,
 * or a shared rule's found before sending), and a busy flag.
 * The same shared schema the door uses checks the draft first, so the clerk sees the server's
 * wording before anything is sent; whatever the server still refuses is shown in the same places.
 * Nothing here clears the form: on any error the clerk's input stays as it was.
 */
export function useFormState() {
  const issues = useFieldIssues();
  const refusal = ref<string | null>(null);
  const busy = ref(false);

  function show(found: FieldIssue[], rename?: PathRename): void {
    issues.set(rename ? found.map((i) => ({ ...i, path: rename(i.path) })) : found);
  }

  /** The parsed input when the draft is valid; otherwise the fields are marked and nothing is returned. */
  function check<S extends z.ZodType>(schema: S, draft: unknown, rename?: PathRename): z.output<S> | undefined {
    refusal.value = null;
    const parsed = schema.safeParse(draft);
    if (parsed.success) {
      issues.clear();
      return parsed.data;
    }
    show(toFieldIssues(parsed.error, draft), rename);
    return undefined;
  }

  /** Adds issues found outside the schema (e.g. an amount that is not a number) to those the schema found. */
  function addIssues(extra: FieldIssue[]): void {
    issues.set([...extra, ...issues.list.value.filter((i) => !extra.some((e) => e.path === i.path))]);
  }

  /** Calls the door once (a second click while waiting does nothing); a refusal is shown, never thrown. */
  async function submit<T>(call: () => Promise<Result<T>>, rename?: PathRename): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    let result: Result<T>;
    try {
      result = await call();
    } finally {
      busy.value = false;
    }
    if (!result.ok) {
      refusal.value = result.error.message;
      show(issuesOf(result.error), rename);
      return undefined;
    }
    refusal.value = null;
    issues.clear();
    return result.data;
  }

  function reset(): void {
    issues.clear();
    refusal.value = null;
  }

  return { issues, refusal, busy, check, addIssues, submit, reset };
}

export type FormState = ReturnType<typeof useFormState>;
