import { ref, shallowRef } from 'vue';
import type { Page } from '../../../shared/domain/registry.types';
import type { Result } from '../../../shared/result';

/**
 * A read-only list shown a page at a time (操作日志, 导出登记): the rows of the current page, the
 * total, the refusal to show, and the two handlers ListPagination calls. A failed load keeps the
 * rows already shown and says why above them.
 */
export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<Result<Page<T>>>, initialPageSize: number) {
  const rows = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(initialPageSize);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await fetchPage(page.value, pageSize.value);
    loading.value = false;
    if (result.ok) {
      rows.value = result.data.rows;
      total.value = result.data.total;
      error.value = null;
    } else {
      error.value = result.error.message;
    }
  }

  function onPageChange(p: number): void {
    page.value = p;
    void load();
  }

  function onPageSizeChange(size: number): void {
    pageSize.value = size;
    page.value = 1;
    void load();
  }

  return { rows, total, page, pageSize, loading, error, load, onPageChange, onPageSizeChange };
}
