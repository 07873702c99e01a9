import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { QualityRuleInfo, QualitySummary } from '../../../shared/domain/quality.types';
import type { Result } from '../../../shared/result';
import { ledger } from '../api';

/**
 * 数据检查: the latest run's summary and the page's two switches live here rather than in the
 * view, so opening a household from a finding and coming back keeps what the clerk had chosen.
 */
export const useQualityStore = defineStore('quality', () => {
  const summary = shallowRef<QualitySummary | null>(null);
  const loading = ref(false);
  const running = ref(false);
  const error = ref<string | null>(null);
  /** 显示无疑点的规则 */
  const showEmptyRules = ref(false);
  /** 显示已核实 */
  const includeAcknowledged = ref(false);

  const rulesById = computed(() => new Map<string, QualityRuleInfo>((summary.value?.rules ?? []).map((r) => [r.id, r])));
  const hasRun = computed(() => summary.value?.run != null);

  async function fetchSummary(): Promise<void> {
    loading.value = true;
    const result = await ledger['quality:summary']({});
    loading.value = false;
    if (result.ok) {
      summary.value = result.data;
      error.value = null;
    } else {
      error.value = `没有读到数据检查结果：${result.error.message}`;
    }
  }

  /** Runs every check; the answer replaces the summary. A second press while running does nothing. */
  async function run(): Promise<Result<QualitySummary> | null> {
    if (running.value) return null;
    running.value = true;
    let result: Result<QualitySummary>;
    try {
      result = await ledger['quality:run']({ trigger: 'manual' });
    } finally {
      running.value = false;
    }
    if (result.ok) {
      summary.value = result.data;
      error.value = null;
    }
    return result;
  }

  return { summary, loading, running, error, showEmptyRules, includeAcknowledged, rulesById, hasRun, fetchSummary, run };
});
