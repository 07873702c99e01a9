/**
 * What a tab shows, read from the core when the tab is shown and its key (month, filters, a
 * revision bumped after a save elsewhere) differs from what it last read; an answer overtaken by
 * a newer request is dropped. The tab may also replace the data itself (after its own writes).
 */
import { ref, shallowRef, watch, type Ref } from 'vue';
import type { Result } from '../../../shared/result';

export function useTabData<T>(options: {
  key: () => string;
  active: () => boolean;
  fetch: () => Promise<Result<T>>;
  /** The Chinese line shown when the read is refused, from the core's message. */
  failure: (message: string) => string;
  /** Runs after every answer, before the data is taken (clearing the tab's own messages). */
  answered?: () => void;
}) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = ref<string | null>(null);
  let latestRequest = 0;
  let loadedKey = '';

  async function load(): Promise<void> {
    const request = ++latestRequest;
    loadedKey = options.key();
    loading.value = true;
    const result = await options.fetch();
    if (request !== latestRequest) return;
    loading.value = false;
    options.answered?.();
    if (result.ok) {
      data.value = result.data;
      error.value = null;
    } else {
      data.value = null;
      error.value = options.failure(result.error.message);
    }
  }

  watch(
    [options.active, options.key],
    ([active, key]) => {
      if (active && key !== loadedKey) void load();
    },
    { immediate: true },
  );

  return { data, loading, error, load };
}
