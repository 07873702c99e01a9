import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { MonthClose, MonthlyReport } from '../../../shared/domain/report.types';
import { monthLabel } from '../../../shared/reports/monthly-report';
import { ledger } from '../api';
import { closesOf, defaultReportMonth } from '../reports/report-month';

/**
 * 月报: the chosen month lives here rather than in the view, so opening a household from the
 * page and coming back finds the same month and table.
 */
export const useReportsStore = defineStore('reports', () => {
  const month = ref(defaultReportMonth());
  const tab = ref('status');
  const report = shallowRef<MonthlyReport | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const closes = ref<MonthClose[]>([]);
  const closesError = ref<string | null>(null);
  // Paging through months quickly sends several requests; only the newest answer may land.
  let latestRequest = 0;

  const monthCloses = computed(() => closesOf(closes.value, month.value));
  const isClosed = computed(() => report.value?.month === month.value && report.value.source === 'snapshot');

  async function fetchReport(): Promise<void> {
    const request = ++latestRequest;
    loading.value = true;
    const result = await ledger['report:monthly']({ month: month.value });
    if (request !== latestRequest) return;
    loading.value = false;
    if (result.ok) {
      report.value = result.data;
      error.value = null;
      if (!result.data.tables.some((t) => t.id === tab.value)) tab.value = result.data.tables[0]?.id ?? tab.value;
    } else {
      report.value = null;
      error.value = `没有生成${monthLabel(month.value)}的月报：${result.error.message}`;
    }
  }

  async function fetchCloses(): Promise<void> {
    const result = await ledger['month:list']({});
    if (result.ok) {
      closes.value = result.data;
      closesError.value = null;
    } else {
      closesError.value = `没有读到结账记录：${result.error.message}`;
    }
  }

  function refresh(): Promise<void> {
    return Promise.all([fetchReport(), fetchCloses()]).then(() => undefined);
  }

  return { month, tab, report, loading, error, closes, closesError, monthCloses, isClosed, fetchReport, fetchCloses, refresh };
});
