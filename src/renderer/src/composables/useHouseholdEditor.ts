/**
 * Editing one household's record (基本信息 and 家庭成员): load, the clerk's model, the shared
 * schema's checks while typing, save, and the guards that keep unsaved work from being lost.
 * Shared by the new-household page and the tabbed page of an existing household.
 */
import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { onBeforeRouteLeave, useRouter } from 'vue-router';
import { HEAD_RELATIONSHIP } from '../../../shared/domain';
import type { HouseholdDetail } from '../../../shared/domain/registry.types';
import type { StatusState } from '../../../shared/rules/status-machine';
import { issuesOf, ledger } from '../api';
import { householdModelFromDetail, newHouseholdModel, validateHousehold, type HouseholdModel } from '../forms/household-form';
import { useHouseholdsStore } from '../stores/households.store';
import { useSettingsStore } from '../stores/settings.store';
import { useFieldIssues } from './useFieldIssues';

export interface HouseholdMeta {
  householdNo: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface HouseholdEditorOptions {
  /** Absent for a new household. */
  householdId?: number;
  /** Brings a field into view before it is focused (the tabbed page switches to its tab). */
  reveal?: (path: string) => void | Promise<void>;
}

export function useHouseholdEditor(options: HouseholdEditorOptions = {}) {
  const router = useRouter();
  const settings = useSettingsStore();
  const households = useHouseholdsStore();
  const { householdId } = options;
  const isNew = householdId === undefined;

  // A new household starts in the village the clerk is filtering the list by: they usually enter one village at a time.
  const model = ref<HouseholdModel>(newHouseholdModel(households.filters.villageId));
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const saving = ref(false);
  const meta = ref<HouseholdMeta | null>(null);
  /** The household as last read from the ledger (member ids, names and relationships for the change dialogs). */
  const saved = ref<HouseholdDetail | null>(null);

  const issues = useFieldIssues();
  /** After the first save attempt every change re-checks the whole form, so marks disappear as the clerk fixes them. */
  const attemptedSave = ref(false);

  const savedSnapshot = ref(JSON.stringify(model.value));
  const isDirty = computed(() => JSON.stringify(model.value) !== savedSnapshot.value);
  function markSaved(): void {
    savedSnapshot.value = JSON.stringify(model.value);
  }

  const groups = computed(() => settings.groupsOf(model.value.villageId));
  const headName = computed(() => model.value.members.find((m) => m.relationship === HEAD_RELATIONSHIP)?.name ?? '');

  function show(d: HouseholdDetail): void {
    saved.value = d;
    model.value = householdModelFromDetail(d);
    meta.value = { householdNo: d.householdNo, createdAt: d.createdAt, updatedAt: d.updatedAt, deletedAt: d.deletedAt };
    markSaved();
  }

  async function load(): Promise<void> {
    if (householdId === undefined) return;
    loading.value = true;
    const result = await ledger['household:get']({ id: householdId });
    loading.value = false;
    if (!result.ok) {
      loadError.value = result.error.code === 'NOT_FOUND' ? '没有找到这户农户档案，可能已被删除或编号有误。' : result.error.message;
      return;
    }
    show(result.data);
  }

  watch(
    model,
    (current) => {
      const outcome = validateHousehold(current);
      const fresh = outcome.ok ? [] : outcome.issues;
      if (attemptedSave.value) {
        issues.set(fresh);
        return;
      }
      // Before the first save only fields the clerk has already been told about stay marked, with their current message.
      const shown = new Set(issues.list.value.map((i) => i.path));
      issues.set(fresh.filter((f) => shown.has(f.path)));
    },
    { deep: true },
  );

  /** Leaving a field checks that field, so a mistyped ID number shows its message before the clerk reaches 保存. */
  function onFieldLeft(event: FocusEvent): void {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const path = target.closest<HTMLElement>('[data-path]')?.dataset.path;
    if (!path || path === 'members') return;
    const outcome = validateHousehold(model.value);
    if (outcome.ok) return;
    const atPath = outcome.issues.filter((i) => i.path === path);
    issues.set([...issues.list.value.filter((i) => i.path !== path), ...atPath]);
  }

  function onVillageChange(): void {
    if (!groups.value.some((g) => g.id === model.value.groupId)) model.value.groupId = null;
  }

  async function focusIssue(path: string): Promise<void> {
    await options.reveal?.(path);
    await nextTick();
    const holder = document.querySelector<HTMLElement>(`[data-path="${path}"]`);
    if (!holder) return;
    holder.scrollIntoView({ block: 'center', behavior: 'smooth' });
    holder.querySelector<HTMLElement>('input:not([type=checkbox]), textarea')?.focus({ preventScroll: true });
  }

  /** Saves the whole record; true when it was saved. */
  async function save(): Promise<boolean> {
    if (saving.value) return false;
    attemptedSave.value = true;
    const outcome = validateHousehold(model.value);
    if (!outcome.ok) {
      issues.set(outcome.issues);
      ElMessage.error(`还有 ${outcome.issues.length} 处需要修改，请查看标红的项目`);
      void focusIssue(outcome.issues[0]?.path ?? '');
      return false;
    }
    saving.value = true;
    const result = await ledger['household:save'](outcome.data);
    saving.value = false;
    if (!result.ok) {
      const serverIssues = issuesOf(result.error);
      issues.set(serverIssues);
      ElMessage.error(result.error.message);
      if (serverIssues[0]) void focusIssue(serverIssues[0].path);
      return false;
    }
    ElMessage.success('已保存');
    issues.clear();
    attemptedSave.value = false;
    if (isNew) {
      markSaved();
      await router.replace(`/households/${result.data.id}`);
      return true;
    }
    show(result.data);
    return true;
  }

  /**
   * Member changes and status changes are saved by their own methods and return the new record.
   * Unsaved edits would be overwritten by it, so the clerk saves them first (or keeps editing).
   */
  async function ensureSaved(action: string): Promise<boolean> {
    if (!isDirty.value) return true;
    try {
      await ElMessageBox.confirm(`档案还有未保存的修改。办理“${action}”前需要先保存这些修改。`, '先保存修改', {
        type: 'warning',
        confirmButtonText: '保存并继续',
        cancelButtonText: '返回继续编辑',
      });
    } catch {
      return false;
    }
    return save();
  }

  /** A status change elsewhere on the page: the three locked fields follow it without touching the clerk's other edits. */
  function adoptStatus(state: StatusState): void {
    const patch = { status: state.status, monitoringCategory: state.monitoringCategory ?? '', riskState: state.riskState ?? '' };
    Object.assign(model.value, patch);
    const snapshot = JSON.parse(savedSnapshot.value) as HouseholdModel;
    savedSnapshot.value = JSON.stringify(Object.assign(snapshot, patch));
    if (saved.value) saved.value = { ...saved.value, ...state };
  }

  async function restore(): Promise<void> {
    if (householdId === undefined) return;
    const result = await ledger['household:restore']({ id: householdId });
    if (!result.ok) {
      ElMessage.error(result.error.message);
      return;
    }
    ElMessage.success('已恢复');
    await load();
  }

  onBeforeRouteLeave(async () => {
    if (!isDirty.value) return true;
    try {
      await ElMessageBox.confirm('这户的修改还没有保存，离开后修改会丢失。确定离开吗？', '尚未保存', {
        type: 'warning',
        confirmButtonText: '不保存，离开',
        cancelButtonText: '留下继续编辑',
      });
      return true;
    } catch {
      return false;
    }
  });

  /** Ctrl+S saves, as in every office program the clerks know. */
  function onShortcut(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  }

  onMounted(() => {
    window.addEventListener('keydown', onShortcut);
    void load();
  });
  onBeforeUnmount(() => window.removeEventListener('keydown', onShortcut));

  return {
    isNew,
    model,
    saved,
    loading,
    loadError,
    saving,
    meta,
    issues,
    isDirty,
    groups,
    headName,
    show,
    load,
    onFieldLeft,
    onVillageChange,
    focusIssue,
    save,
    ensureSaved,
    adoptStatus,
    restore,
  };
}

export type HouseholdEditor = ReturnType<typeof useHouseholdEditor>;
