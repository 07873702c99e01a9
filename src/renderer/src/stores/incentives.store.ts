import { defineStore } from 'pinia';
import { ref } from 'vue';
import { defaultReportMonth } from '../reports/report-month';

/**
 * 积分与红黑榜: the village and month the clerk is working on, shared by the evaluation grid, the
 * ranking and the red/black list, so moving between them (or to a household and back) keeps them.
 * The month opens like 月报's: a month is evaluated at its end and in the first days of the next.
 */
export const useIncentivesStore = defineStore('incentives', () => {
  const villageId = ref<number | null>(null);
  const month = ref(defaultReportMonth());
  /** The household whose ledger the ranking page shows. */
  const ledgerHouseholdId = ref<number | null>(null);

  return { villageId, month, ledgerHouseholdId };
});
