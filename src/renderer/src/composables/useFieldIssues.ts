import { computed, ref } from 'vue';
import type { FieldIssue } from '../../../shared/result';

/** Field issues by dotted path (`mainCause`, `members.1.idNumber`), from the client schema or a server envelope alike. */
export function useFieldIssues() {
  const list = ref<FieldIssue[]>([]);

  const byPath = computed(() => {
    const map = new Map<string, string[]>();
    for (const issue of list.value) map.set(issue.path, [...(map.get(issue.path) ?? []), issue.message]);
    return map;
  });

  function messagesAt(path: string): string[] {
    return byPath.value.get(path) ?? [];
  }

  /** All messages for one field joined, or '' (which is what el-form-item's `error` expects for “fine”). */
  function of(path: string): string {
    return messagesAt(path).join('；');
  }

  /** Whether anything under a prefix is wrong, e.g. a member row whose hidden fields need the “更多” panel opened. */
  function anyUnder(prefix: string): boolean {
    return list.value.some((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
  }

  function set(issues: FieldIssue[]): void {
    list.value = issues;
  }

  function clear(): void {
    list.value = [];
  }

  return { list, messagesAt, of, anyUnder, set, clear };
}

export type FieldIssues = ReturnType<typeof useFieldIssues>;
