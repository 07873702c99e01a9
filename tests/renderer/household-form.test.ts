import { ElSelect } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { HouseholdDetail } from '../../src/shared/domain/registry.types';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.store';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

async function openNewHouseholdForm(fake = installFakeLedger()) {
  const mounted = await mountWithApp(RoutedPage, { path: '/households/new' });
  await useSettingsStore().load();
  await settle();
  return { ...mounted, fake };
}

type Wrapper = Awaited<ReturnType<typeof openNewHouseholdForm>>['wrapper'];

/** Element Plus shows a form item's error 100 ms after it is set. */
const formItemErrorShown = () => new Promise((resolve) => setTimeout(resolve, 150));

/** Chooses in an el-select the way its v-model would; the dropdown itself is Element Plus's business. */
async function choose(wrapper: Wrapper, dataTest: string, value: unknown, nth = 0) {
  const select = wrapper.findAllComponents(ElSelect).filter((s) => s.attributes('data-test') === dataTest)[nth];
  if (!select) throw new Error(`no select ${dataTest}`);
  select.vm.$emit('update:modelValue', value);
  await nextTick();
}

async function fillValidHousehold(wrapper: Wrapper) {
  await choose(wrapper, 'field-villageId', 1);
  await choose(wrapper, 'field-status', 'LIFTED_HOUSEHOLD');
  await choose(wrapper, 'field-mainCause', '01');
  await wrapper.find('input[data-test="member-name"]').setValue('张秀英');
  await wrapper.find('input[data-test="member-idNumber"]').setValue('11010519491231002X');
}

describe('HouseholdFormView: the shared schema speaks on the form', () => {
  it('shows the zod message for a wrong check digit next to the ID number, and does not save', async () => {
    const { wrapper, fake } = await openNewHouseholdForm();
    await fillValidHousehold(wrapper);
    await wrapper.find('input[data-test="member-idNumber"]').setValue('110101198001019997');

    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();

    const cell = wrapper.find('[data-path="members.0.idNumber"]');
    expect(cell.find('[data-test="cell-error"]').text()).toBe('证件号码校验位错误：最后一位应为“8”，请核对号码是否抄错');
    // The summary keeps the row and name, so the message still says where when read on its own.
    expect(wrapper.find('[data-test="form-issues"]').text()).toContain(
      '第 1 名成员（张秀英）：证件号码校验位错误：最后一位应为“8”，请核对号码是否抄错',
    );
    expect(fake['household:save']).not.toHaveBeenCalled();
  });

  it('checks the ID number as soon as the clerk leaves the field', async () => {
    const { wrapper } = await openNewHouseholdForm();
    const id = wrapper.find('input[data-test="member-idNumber"]');

    await id.setValue('110101198001019997');
    await id.trigger('focusout');

    expect(wrapper.find('[data-path="members.0.idNumber"] [data-test="cell-error"]').text()).toContain('校验位错误');
    // Fields the clerk has not reached yet stay unmarked until 保存.
    expect(wrapper.find('[data-path="status"]').text()).not.toContain('请选择户状态');

    await id.setValue('110101198001019998');
    await nextTick();
    expect(wrapper.find('[data-path="members.0.idNumber"] [data-test="cell-error"]').exists()).toBe(false);
  });

  it('marks missing required fields with their Chinese messages', async () => {
    const { wrapper } = await openNewHouseholdForm();

    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();
    await formItemErrorShown();

    expect(wrapper.find('[data-path="villageId"]').text()).toContain('请选择行政村');
    expect(wrapper.find('[data-path="status"]').text()).toContain('请选择户状态');
    expect(wrapper.find('[data-path="members.0.name"] [data-test="cell-error"]').text()).toBe('请填写姓名');
    expect(wrapper.find('[data-test="form-issues"]').text()).toContain('第 1 名成员：请填写姓名');
  });

  it('shows a rule about the whole members table above the table', async () => {
    const { wrapper } = await openNewHouseholdForm();
    await fillValidHousehold(wrapper);
    await wrapper.find('input[data-test="member-idNumber"]').setValue('110101198001019998');
    await choose(wrapper, 'member-relationship', '03');

    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();

    expect(wrapper.find('[data-test="members-error"]').text()).toContain('缺少户主：请把一名成员的“与户主关系”设为“户主”');
  });

  it('sends a valid household and shows server issues by field, with the envelope message', async () => {
    const fake = installFakeLedger({
      'household:save': () => ({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: '户编号 5201-001 已被其他农户使用',
          details: { issues: [{ path: 'householdNo', message: '户编号已被石桥村王家使用' }] },
        },
      }),
    });
    const { wrapper } = await openNewHouseholdForm(fake);
    await fillValidHousehold(wrapper);
    await wrapper.find('input[data-test="field-householdNo"]').setValue('5201-001');

    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();
    await formItemErrorShown();

    expect(fake['household:save']).toHaveBeenCalledTimes(1);
    const sent = fake['household:save'].mock.calls[0]![0] as { villageId: number; members: { sex: string; birthDate: string }[] };
    expect(sent.villageId).toBe(1);
    expect(sent.members[0]).toMatchObject({ sex: '2', birthDate: '1949-12-31' });
    expect(wrapper.find('[data-path="householdNo"]').text()).toContain('户编号已被石桥村王家使用');
    expect(document.body.textContent).toContain('户编号 5201-001 已被其他农户使用');
  });

  it('after saving a new household, says 已保存 and opens its edit page', async () => {
    const fake = installFakeLedger({
      'household:save': (input) => ({ ok: true, data: { ...(input as object), id: 42, householdNo: 'A-42' } as unknown as HouseholdDetail }),
    });
    const { wrapper, router } = await openNewHouseholdForm(fake);
    await fillValidHousehold(wrapper);

    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();

    // The tabbed household page is its own (lazily loaded) chunk: wait for the navigation, not a fixed number of ticks.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/households/42'), { timeout: 10_000 });
    expect(document.body.textContent).toContain('已保存');
  });
});

describe('HouseholdFormView: where a new household’s status history starts', () => {
  it('refuses a 2014–2020 status starting this month with the shared era rule, and accepts it from an earlier month', async () => {
    const { wrapper, fake } = await openNewHouseholdForm();
    await fillValidHousehold(wrapper);
    await choose(wrapper, 'field-status', 'LIFTED_POLICY');

    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();

    expect(fake['household:save']).not.toHaveBeenCalled();
    expect(wrapper.find('[data-test="form-issues"]').text()).toContain('2021 年起不再使用“已脱贫（享受政策）”');

    const since = wrapper.find('input[data-test="field-statusSince"]');
    await since.setValue('2019-06');
    await since.trigger('change');
    await settle();
    await wrapper.find('[data-test="household-save"]').trigger('click');
    await settle();

    expect(fake['household:save']).toHaveBeenCalledTimes(1);
    expect(fake['household:save'].mock.calls[0]![0]).toMatchObject({ status: 'LIFTED_POLICY', statusSince: '2019-06' });
  });
});
