import { ElSelect, ElTable } from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { HouseholdDetail, HouseholdRow } from '../../src/shared/domain/registry.types';
import { $, $$, byTest, click } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const HOUSEHOLD = {
  id: 5, householdNo: '522799001000005', villageId: 1, villageName: '石桥村', groupId: 11, groupName: '一组',
  address: null, phone: null, bankName: null, bankAccount: null, identificationStandard: '1', attribute: 'GENERAL',
  status: 'LIFTED_HOUSEHOLD', monitoringCategory: 'UNSTABLE', riskState: 'ACTIVE', mainCause: '01', otherCauses: [],
  identifiedYear: 2015, liftedYear: 2018, militaryFamily: false, onlyChildFamily: false, twoDaughterFamily: false, relocated: false, note: null,
  members: [
    {
      id: 51, personNo: null, name: '张三', documentType: '1', idNumber: '110101198001019998', sex: '1', birthDate: '1980-01-01', relationship: '01',
      ethnicity: '01', politicalStatus: null, education: null, inSchool: null, outOfSchoolReason: null, health: ['01'], disabilityType: null,
      labour: null, migrantWork: null, workMonths: null, phone: null, residentMedicalInsurance: true, employeeMedicalInsurance: false,
      seriousIllnessInsurance: true, residentPension: false, dibao: false, tekun: false,
    },
  ],
  createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', deletedAt: null,
} as unknown as HouseholdDetail;

function householdLedger() {
  return installFakeLedger({
    'household:get': () => ({ ok: true, data: HOUSEHOLD }),
    'status:history': () => ({ ok: true, data: { householdId: 5, current: { status: 'LIFTED_HOUSEHOLD', monitoringCategory: 'UNSTABLE', riskState: 'ACTIVE' }, events: [], allowed: ['ELIMINATE_RISK', 'POLICY_END', 'REMOVE'] } }),
    'member:former': () => ({ ok: true, data: [] }),
    'income:list': () => ({ ok: true, data: [] }),
  });
}

describe('HouseholdView: an existing household as tabs', () => {
  it('shows the eight tabs and locks 户状态 / 监测对象类别 / 风险状态 behind 办理状态变更', async () => {
    householdLedger();
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households/5' });
    await settle();

    for (const tab of ['basic', 'members', 'income', 'guarantees', 'assistance', 'measures', 'incentives', 'history']) {
      expect(wrapper.find(byTest(`tab-${tab}`)).exists(), tab).toBe(true);
    }
    const locked = wrapper.findAllComponents(ElSelect).filter((s) => ['field-status', 'field-monitoringCategory', 'field-riskState'].includes(s.attributes('data-test') ?? ''));
    expect(locked).toHaveLength(3);
    for (const select of locked) expect(select.props('disabled')).toBe(true);
    expect(wrapper.find(byTest('status-change-open')).exists()).toBe(true);
    expect(wrapper.find(byTest('household-monitoring-tag')).text()).toContain('脱贫不稳定户');
  });

  it('opens the tab named in the URL and writes the chosen tab back to it', async () => {
    householdLedger();
    const { wrapper, router } = await mountWithApp(RoutedPage, { path: '/households/5?tab=income' });
    await settle();

    expect(wrapper.find(byTest('income-table')).exists()).toBe(true);

    await wrapper.find('#tab-members').trigger('click');
    await settle();
    expect(router.currentRoute.value.query.tab).toBe('members');
    expect(wrapper.find(byTest('member-leave-open')).exists()).toBe(true);
  });
});

describe('batch 指定帮扶责任人 from the household list', () => {
  const rows = [7, 8].map((id) => ({ id, householdNo: `H${id}`, villageId: 1, villageName: '石桥村', groupId: null, groupName: null, headName: `户主${id}`, headIdNumber: null, memberCount: 3, status: 'LIFTED_HOUSEHOLD', attribute: null, mainCause: null, monitoringCategory: null, riskState: null, phone: null, updatedAt: '2025-01-01', deletedAt: null })) as HouseholdRow[];

  it('sends every ticked household to pairing:assign and lists a refusal per household', async () => {
    const refusal = '户编号 H8（户主 户主8）的结对记录已记到 2025-05-01，新的结对开始日期不能早于这一天';
    const fake = installFakeLedger({
      'household:list': () => ({ ok: true, data: { rows, total: 2 } }),
      'cadre:list': () => ({ ok: true, data: { rows: [], total: 0 } }),
      'pairing:assign': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal, details: { issues: [{ path: 'householdIds.1', message: refusal }] } } }),
    });
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households' });
    await settle();

    const table = wrapper.findComponent(ElTable);
    for (const row of rows) (table.vm as unknown as { toggleRowSelection: (r: HouseholdRow, on: boolean) => void }).toggleRowSelection(row, true);
    await nextTick();
    expect(wrapper.text()).toContain('已选 2 户');
    await wrapper.find(byTest('batch-assign')).trigger('click');
    await settle();
    expect($(byTest('pairing-target')).textContent).toBe('已选的 2 户');

    // Choosing a cadre as the select's v-model would; the remote list itself is Element Plus's business.
    const cadreSelect = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'pairing-cadre')!;
    cadreSelect.vm.$emit('update:modelValue', 31);
    await nextTick();
    await click('pairing-submit');

    expect(fake['pairing:assign']).toHaveBeenCalledWith(expect.objectContaining({ cadreId: 31, householdIds: [7, 8] }));
    expect($(byTest('pairing-error')).textContent).toContain(refusal);
    expect($$(byTest('pairing-dialog')).length).toBe(1);
  });
});
