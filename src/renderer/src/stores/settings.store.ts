import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Village, VillageGroup } from '../../../shared/domain/registry.types';
import type { Result } from '../../../shared/result';
import type { GroupInput, Settings, SettingsInput, VillageInput } from '../../../shared/schemas/settings.schema';
import { ledger } from '../api';

/** Township settings and the village tree: read by the header, the filters and every form. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const villages = ref<Village[]>([]);
  const loaded = ref(false);
  const loadError = ref<string | null>(null);

  /** Until the township and operator are set, audit entries would have no author: the UI sends clerks to 设置 first. */
  const isConfigured = computed(() => settings.value !== null);
  const townshipTitle = computed(() => {
    const s = settings.value;
    if (!s) return '';
    return [s.countyName, s.townshipName].filter(Boolean).join(' ');
  });

  async function load(): Promise<void> {
    const [settingsResult, villagesResult] = await Promise.all([ledger['settings:get']({}), ledger['village:list']({})]);
    loadError.value = null;
    if (settingsResult.ok) settings.value = settingsResult.data;
    else loadError.value = settingsResult.error.message;
    if (villagesResult.ok) villages.value = villagesResult.data;
    else loadError.value ??= villagesResult.error.message;
    loaded.value = true;
  }

  async function refreshVillages(): Promise<void> {
    const result = await ledger['village:list']({});
    if (result.ok) villages.value = result.data;
  }

  async function saveSettings(input: SettingsInput): Promise<Result<Settings>> {
    const result = await ledger['settings:update'](input);
    if (result.ok) settings.value = result.data;
    return result;
  }

  /** Every village/group change refreshes the tree, since household counts and sort order come from the server. */
  async function afterTreeChange<T>(result: Result<T>): Promise<Result<T>> {
    if (result.ok) await refreshVillages();
    return result;
  }

  const saveVillage = async (input: VillageInput) => afterTreeChange(await ledger['village:save'](input));
  const deleteVillage = async (id: number) => afterTreeChange(await ledger['village:delete']({ id }));
  const saveGroup = async (input: GroupInput) => afterTreeChange(await ledger['group:save'](input));
  const deleteGroup = async (id: number) => afterTreeChange(await ledger['group:delete']({ id }));

  function groupsOf(villageId: number | null | undefined): VillageGroup[] {
    if (villageId == null) return [];
    return villages.value.find((v) => v.id === villageId)?.groups ?? [];
  }

  return {
    settings,
    villages,
    loaded,
    loadError,
    isConfigured,
    townshipTitle,
    load,
    refreshVillages,
    saveSettings,
    saveVillage,
    deleteVillage,
    saveGroup,
    deleteGroup,
    groupsOf,
  };
});
