import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { LocationQuery } from 'vue-router';
import { hasCode, householdAttribute, householdStatus, monitoringCategory, povertyCause, type CodeTable } from '../../../shared/domain';
import type { HouseholdRow } from '../../../shared/domain/registry.types';
import type { Result } from '../../../shared/result';
import { householdSortKeys, type HouseholdListQuery } from '../../../shared/schemas/household.schema';
import { ledger } from '../api';
import { idFromQuery } from '../route-query';

export type HouseholdSortKey = (typeof householdSortKeys)[number];

export interface HouseholdFilters {
  q: string;
  villageId: number | null;
  groupId: number | null;
  status: string;
  attribute: string;
  mainCause: string;
  monitoringCategory: string;
}

const noFilters = (): HouseholdFilters => ({
  q: '',
  villageId: null,
  groupId: null,
  status: '',
  attribute: '',
  mainCause: '',
  monitoringCategory: '',
});

/**
 * Filters a link asks for (首页's charts open `/households?villageId=3&status=ORDINARY`), or null
 * when the link names none. Values that are not real codes or ids are left out rather than sent.
 */
export function filtersFromQuery(query: LocationQuery): Partial<HouseholdFilters> | null {
  const code = (key: string, table: CodeTable) => {
    const value = query[key];
    return typeof value === 'string' && hasCode(table, value) ? value : null;
  };
  const found: Partial<HouseholdFilters> = {};
  const villageId = idFromQuery(query.villageId);
  if (villageId) found.villageId = villageId;
  const groupId = idFromQuery(query.groupId);
  if (villageId && groupId) found.groupId = groupId;
  const status = code('status', householdStatus);
  if (status) found.status = status;
  const attribute = code('attribute', householdAttribute);
  if (attribute) found.attribute = attribute;
  const mainCause = code('mainCause', povertyCause);
  if (mainCause) found.mainCause = mainCause;
  const category = code('monitoringCategory', monitoringCategory);
  if (category) found.monitoringCategory = category;
  if (typeof query.q === 'string' && query.q.trim()) found.q = query.q.trim().slice(0, 50);
  return Object.keys(found).length > 0 ? found : null;
}

/**
 * The household list's query lives here rather than in the view, so going to a household's
 * form and back keeps the clerk's filters, sort and page.
 */
export const useHouseholdsStore = defineStore('households', () => {
  const filters = reactive<HouseholdFilters>(noFilters());
  const deleted = ref(false);
  const page = ref(1);
  const pageSize = ref(20);
  const sort = ref<HouseholdSortKey>('village');
  const order = ref<'asc' | 'desc'>('asc');

  const rows = ref<HouseholdRow[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);

  // Typing in the search box fires several requests; only the newest answer may land.
  let latestRequest = 0;

  function toQuery(): HouseholdListQuery {
    const q = filters.q.trim();
    return {
      ...(q ? { q } : {}),
      ...(filters.villageId ? { villageId: filters.villageId } : {}),
      ...(filters.groupId ? { groupId: filters.groupId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.attribute ? { attribute: filters.attribute } : {}),
      ...(filters.mainCause ? { mainCause: filters.mainCause } : {}),
      ...(filters.monitoringCategory ? { monitoringCategory: filters.monitoringCategory } : {}),
      deleted: deleted.value,
      page: page.value,
      pageSize: pageSize.value,
      sort: sort.value,
      order: order.value,
    };
  }

  async function fetch(): Promise<void> {
    const request = ++latestRequest;
    loading.value = true;
    const result = await ledger['household:list'](toQuery());
    if (request !== latestRequest) return;
    loading.value = false;
    if (result.ok) {
      rows.value = result.data.rows;
      total.value = result.data.total;
      error.value = null;
    } else {
      rows.value = [];
      total.value = 0;
      error.value = result.error.message;
    }
  }

  /** A changed filter invalidates the page number: page 7 of the old result may not exist. */
  function search(): Promise<void> {
    page.value = 1;
    return fetch();
  }

  function resetFilters(): Promise<void> {
    Object.assign(filters, noFilters());
    return search();
  }

  function setFilters(partial: Partial<HouseholdFilters>): void {
    Object.assign(filters, noFilters(), partial);
    deleted.value = false;
    page.value = 1;
  }

  function setSort(key: HouseholdSortKey | null, direction: 'asc' | 'desc' | null): Promise<void> {
    sort.value = key ?? 'village';
    order.value = direction ?? 'asc';
    return search();
  }

  async function afterChange<T>(result: Result<T>): Promise<Result<T>> {
    if (result.ok) await fetch();
    return result;
  }

  const remove = async (id: number) => afterChange(await ledger['household:delete']({ id }));
  const restore = async (id: number) => afterChange(await ledger['household:restore']({ id }));

  return {
    filters,
    deleted,
    page,
    pageSize,
    sort,
    order,
    rows,
    total,
    loading,
    error,
    fetch,
    search,
    resetFilters,
    setFilters,
    setSort,
    remove,
    restore,
  };
});
