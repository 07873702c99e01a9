import { computed, onMounted, watch } from 'vue';
import { useIncentivesStore } from '../stores/incentives.store';
import { useSettingsStore } from '../stores/settings.store';

/**
 * The village and month pickers of the 积分与红黑榜 pages: the village defaults to the first one
 * once the village list is in, and `onChange` runs whenever either is set (and once at the start,
 * when both are known).
 */
export function useVillageMonth(onChange: () => void) {
  const settings = useSettingsStore();
  const store = useIncentivesStore();

  function pickDefault(): void {
    const villages = settings.villages;
    if (store.villageId !== null && villages.some((v) => v.id === store.villageId)) return;
    store.villageId = villages[0]?.id ?? null;
  }

  const villageName = computed(() => settings.villages.find((v) => v.id === store.villageId)?.name ?? '');
  const ready = computed(() => store.villageId !== null && Boolean(store.month));

  let started = false;
  function start(): void {
    started = true;
    onChange();
  }

  watch(
    () => settings.villages,
    () => {
      const before = store.villageId;
      pickDefault();
      if (ready.value && (!started || store.villageId !== before)) start();
    },
  );

  onMounted(async () => {
    if (!settings.loaded) await settings.load();
    pickDefault();
    if (ready.value && !started) start();
  });

  return { settings, store, villageName, ready };
}
