import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { CadreRow, UnpairedHousehold, VisitDuePage } from '../../../shared/domain/assistance.types';
import type { CadreListQuery, UnpairedQuery, VisitDueQuery } from '../../../shared/schemas/assistance.schema';
import { ledger } from '../api';

/**
 * The 帮扶 area's lists. Their filters and pages live here rather than in the views, so opening a
 * household from 应走访农户 and coming back finds the list as the clerk left it.
 */
export const useAssistanceStore = defineStore('assistance', () => {
  /* ---------- cadres ---------- */
  const cadreFilters = reactive({ q: '', role: '' });
  const cadreSort = ref<'name' | 'load'>('name');
  const cadrePage = ref(1);
  const cadrePageSize = ref(20);
  const cadres = ref<CadreRow[]>([]);
  const cadreTotal = ref(0);
  const cadresLoading = ref(false);
  const cadresError = ref<string | null>(null);
  // Typing in the search box fires several requests; only the newest answer may land.
  let latestCadreRequest = 0;

  async function fetchCadres(): Promise<void> {
    const request = ++latestCadreRequest;
    const q = cadreFilters.q.trim();
    const query: CadreListQuery = {
      ...(q ? { q } : {}),
      ...(cadreFilters.role ? { role: cadreFilters.role } : {}),
      sort: cadreSort.value,
      page: cadrePage.value,
      pageSize: cadrePageSize.value,
    };
    cadresLoading.value = true;
    const result = await ledger['cadre:list'](query);
    if (request !== latestCadreRequest) return;
    cadresLoading.value = false;
    if (result.ok) {
      cadres.value = result.data.rows;
      cadreTotal.value = result.data.total;
      cadresError.value = null;
    } else {
      cadres.value = [];
      cadreTotal.value = 0;
      cadresError.value = result.error.message;
    }
  }

  function searchCadres(): Promise<void> {
    cadrePage.value = 1;
    return fetchCadres();
  }

  /* ---------- unpaired households ---------- */
  const unpairedVillageId = ref<number | null>(null);
  const unpairedPage = ref(1);
  const unpairedPageSize = ref(50);
  const unpaired = ref<UnpairedHousehold[]>([]);
  const unpairedTotal = ref(0);
  const unpairedLoading = ref(false);
  const unpairedError = ref<string | null>(null);

  async function fetchUnpaired(): Promise<void> {
    const query: UnpairedQuery = {
      ...(unpairedVillageId.value ? { villageId: unpairedVillageId.value } : {}),
      page: unpairedPage.value,
      pageSize: unpairedPageSize.value,
    };
    unpairedLoading.value = true;
    const result = await ledger['household:unpaired'](query);
    unpairedLoading.value = false;
    if (result.ok) {
      unpaired.value = result.data.rows;
      unpairedTotal.value = result.data.total;
      unpairedError.value = null;
    } else {
      unpaired.value = [];
      unpairedTotal.value = 0;
      unpairedError.value = result.error.message;
    }
  }

  /* ---------- visits due ---------- */
  const dueFilters = reactive({ villageId: null as number | null, cadreId: null as number | null, asOf: '' });
  const duePage = ref(1);
  const duePageSize = ref(50);
  const due = ref<VisitDuePage | null>(null);
  const dueLoading = ref(false);
  const dueError = ref<string | null>(null);

  async function fetchDue(): Promise<void> {
    const query: VisitDueQuery = {
      ...(dueFilters.villageId ? { villageId: dueFilters.villageId } : {}),
      ...(dueFilters.cadreId ? { cadreId: dueFilters.cadreId } : {}),
      ...(dueFilters.asOf ? { asOf: dueFilters.asOf } : {}),
      page: duePage.value,
      pageSize: duePageSize.value,
    };
    dueLoading.value = true;
    const result = await ledger['visit:due'](query);
    dueLoading.value = false;
    if (result.ok) {
      due.value = result.data;
      dueError.value = null;
    } else {
      due.value = null;
      dueError.value = result.error.message;
    }
  }

  return {
    cadreFilters,
    cadreSort,
    cadrePage,
    cadrePageSize,
    cadres,
    cadreTotal,
    cadresLoading,
    cadresError,
    fetchCadres,
    searchCadres,
    unpairedVillageId,
    unpairedPage,
    unpairedPageSize,
    unpaired,
    unpairedTotal,
    unpairedLoading,
    unpairedError,
    fetchUnpaired,
    dueFilters,
    duePage,
    duePageSize,
    due,
    dueLoading,
    dueError,
    fetchDue,
  };
});
