import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { CardLayout } from '../../../shared/domain/card.types';
import type { ApiInput } from '../../../shared/api';

/** The households the contact card page prints: a subset of the household list's filters. */
export interface CardFilters {
  villageId: number | null;
  groupId: number | null;
  status: string;
  monitoringCategory: string;
  q: string;
}

const noFilters = (): CardFilters => ({ villageId: null, groupId: null, status: '', monitoringCategory: '', q: '' });

/** Which households and which year, as `card:preview` and `card:start` take them. */
export type CardScope = Omit<ApiInput<'card:preview'>, 'limit'>;

/**
 * The contact card page's choices live here rather than in the view: the household list sets
 * them when the clerk presses 打印联系卡 (the ticked households, or the list's village), and
 * going elsewhere and back keeps them.
 */
export const useCardsStore = defineStore('cards', () => {
  const filters = reactive<CardFilters>(noFilters());
  /** The households ticked in the household list; null when the filters choose. */
  const householdIds = ref<number[] | null>(null);
  const year = ref(new Date().getFullYear());
  const layout = ref<CardLayout>('a4-2up');

  /** 打印联系卡 with households ticked: exactly those, whatever the filters say. */
  function printTicked(ids: readonly number[]): void {
    householdIds.value = [...ids];
  }

  /** 打印联系卡 with nothing ticked: the list's village (and group), no other filter. */
  function printFiltered(partial: Partial<CardFilters>): void {
    householdIds.value = null;
    Object.assign(filters, noFilters(), partial);
  }

  /** 改为按条件选择: leaves the ticked households for the filters. */
  function forgetTicked(): void {
    householdIds.value = null;
  }

  const scope = computed((): CardScope => {
    const base = { year: year.value };
    if (householdIds.value) return { ...base, householdIds: householdIds.value };
    const q = filters.q.trim();
    return {
      ...base,
      ...(filters.villageId ? { villageId: filters.villageId } : {}),
      ...(filters.groupId ? { groupId: filters.groupId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.monitoringCategory ? { monitoringCategory: filters.monitoringCategory } : {}),
      ...(q ? { q } : {}),
    };
  });

  return { filters, householdIds, year, layout, printTicked, printFiltered, forgetTicked, scope };
});
