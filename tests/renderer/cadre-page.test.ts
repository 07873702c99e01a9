import { ElDatePicker } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { thisMonthText } from '../../src/renderer/src/format';
import type { CadreDetail, CadreRow, Pairing, VisitRow } from '../../src/shared/domain/assistance.types';
import type { CadreMonth, CadreMonthFigures } from '../../src/shared/domain/cadre-assessment.types';
import { DEFAULT_CADRE_ASSESSMENT } from '../../src/shared/schemas/cadre-assessment.schema';
import { $, byTest, click, type } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const CADRE: CadreDetail = {
  id: 31, name: '李明', sex: '1', idNumber: '110101198001019998', role: 'FIRST_SECRETARY', unit: '县农业农村局', affiliation: '04',
  position: '副局长', phone: '13800138000', dispatchingUnit: null, teamName: null, villageId: 1, villageName: '石桥村',
  postingStart: '2025-06-01', postingEnd: null, openPairings: 12, deletedAt: null, note: null, createdAt: '2025-06-01T00:00:00Z', updatedAt: '2025-06-01T00:00:00Z',
};

function figures(month: string, over: Partial<CadreMonthFigures> = {}): CadreMonthFigures {
  return {
    cadreId: 31, cadreName: '李明', role: 'FIRST_SECRETARY', unit: '县农业农村局', villageName: '石桥村',
    month, asOf: `${month}-31`, householdsPaired: 12, visitsDue: 10, visitsDone: 8, visitRate: 80, ownVisits: 9, measures: 3,
    ratings: { satisfied: 5, basic: 2, unsatisfied: 1, rated: 8 }, satisfaction: 87.5,
    attendance: { requiredDays: 20, days: 12, note: null },
    overdue: [
      { householdId: 101, householdNo: '522799001000101', headName: '张大山', villageName: '石桥村', lastVisitDate: null, cadenceMonths: 1, cadencesMissed: 2 },
      { householdId: 102, householdNo: '522799001000102', headName: '李秀英', villageName: '石桥村', lastVisitDate: '2025-11-20', cadenceMonths: 3, cadencesMissed: 1 },
    ],
    ...over,
  };
}

function cadreMonth(month: string, over: Partial<CadreMonthFigures> = {}): CadreMonth {
  return {
    figures: figures(month, over),
    proposal: { list: 'BLACK', reasons: ['张大山 2 个走访周期未走访', '在村 12 天，少于 15 天'] },
    ratings: [
      {
        id: 7, householdId: 103, householdNo: '522799001000103', headName: '王老五', villageName: '石桥村', cadreId: 31, cadreName: '李明',
        visitId: null, ratedOn: `${month}-05`, overall: '3', policy: '2', delivery: null, frequency: null, comment: '很少见到人',
        method: 'PHONE', recordedBy: '王小丽', supersedesId: null, correctionReason: null, supersededById: null, createdAt: `${month}-05T08:00:00Z`,
      },
    ],
    listHistory: [
      { month: '2026-02', list: 'BLACK', state: 'reviewed', consequence: 'ADMONISH', consecutiveBlack: true },
      { month: '2026-01', list: 'BLACK', state: 'final', consequence: 'TALK', consecutiveBlack: false },
    ],
    trend: [
      { month: '2026-02', visitRate: 100, satisfaction: 90, overdue: 0 },
      { month, visitRate: 80, satisfaction: 87.5, overdue: 2 },
    ],
  };
}

const PAIRING: Pairing = {
  id: 1, cadreId: 31, cadreName: '李明', cadreUnit: '县农业农村局', cadrePhone: '13800138000', householdId: 101, householdNo: '522799001000101',
  headName: '张大山', villageId: 1, villageName: '石桥村', startDate: '2025-06-01', endDate: null, endReason: null, endNote: null,
};
const VISIT: VisitRow = {
  id: 5, householdId: 102, householdNo: '522799001000102', headName: '李秀英', villageId: 1, villageName: '石桥村', cadreId: 31, cadreName: '李明',
  date: '2026-03-02', type: 'PHONE', purposes: ['POLICY', 'INCOME'], findings: '务工收入稳定', riskFlags: [], measuresDelivered: null, nextVisitDate: null,
  byPairedCadre: false, createdAt: '2026-03-02T08:00:00Z',
};

function cadreLedger(over: Parameters<typeof installFakeLedger>[0] = {}) {
  /** What attendance:save stored, so the page's reload shows it. */
  const saved: Record<string, number> = {};
  const fake = installFakeLedger({
    'cadre:get': () => ({ ok: true, data: CADRE }),
    'cadre:month': ({ month }) => ({
      ok: true,
      data: cadreMonth(month, {
        ...(month === '2026-02' ? { householdsPaired: 11, visitRate: 100, visitsDone: 10 } : {}),
        ...(saved[month] !== undefined ? { attendance: { requiredDays: 20, days: saved[month]!, note: null } } : {}),
      }),
    }),
    'cadreAssessment:get': () => ({ ok: true, data: DEFAULT_CADRE_ASSESSMENT }),
    'pairing:history': () => ({ ok: true, data: [PAIRING] }),
    'visit:list': () => ({ ok: true, data: { rows: [VISIT], total: 1 } }),
    'attendance:save': ({ cadreId, month, days }) => {
      saved[month] = days;
      return { ok: true, data: { cadreId, month, days } };
    },
    ...over,
  });
  return fake;
}

const text = (testId: string) => $(byTest(testId)).textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('帮扶责任人详情', () => {
  it('shows the cadre with the ID number masked, and the month’s figures from cadre:month', async () => {
    const fake = cadreLedger();
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/assistance/cadres/31?month=2026-03' });
    await settle();

    expect(fake['cadre:get']).toHaveBeenCalledWith({ id: 31 });
    expect(fake['cadre:month']).toHaveBeenCalledWith({ cadreId: 31, month: '2026-03' });
    expect(fake['pairing:history']).toHaveBeenCalledWith({ cadreId: 31 });
    expect(fake['visit:list']).toHaveBeenCalledWith(expect.objectContaining({ cadreId: 31 }));
    expect(document.title).toBe('帮扶责任人详情 - 帮扶台账');

    expect(text('cadre-title')).toBe('李明');
    expect(text('cadre-header')).toContain('驻村第一书记 · 石桥村');
    expect(text('cadre-header')).toContain('县农业农村局');
    expect(text('cadre-id-number')).toBe('110101********9998');
    expect(wrapper.text()).not.toContain('110101198001019998');

    expect(text('fig-paired')).toBe('12 户');
    expect(text('fig-visits')).toBe('10 户 / 8 户');
    expect(text('fig-visit-rate')).toBe('完成率 80%');
    expect(text('fig-own-visits')).toBe('9 次');
    expect(text('fig-measures')).toBe('3 项');
    expect(text('fig-satisfaction')).toBe('87.5%');
    expect(text('fig-rating-counts')).toBe('满意 5，基本满意 2，不满意 1（共 8 户评价）');
    expect(text('fig-window')).toContain('按最近 3 个月（含本月）的有效评价统计，截至 2026-03-31');
    expect(text('fig-attendance-days')).toBe('12 天（应在村 20 天）');

    expect(text('proposal-tag')).toBe('建议：黑榜');
    expect(text('proposal-reasons')).toContain('张大山 2 个走访周期未走访');
    expect(text('proposal-reasons')).toContain('在村 12 天，少于 15 天');

    const ratings = text('cadre-ratings-table');
    expect(ratings).toContain('王老五');
    expect(ratings).toContain('不满意');
    expect(ratings).toContain('政策讲解：基本满意');
    expect(ratings).toContain('电话回访');
    expect(ratings).toContain('很少见到人');

    expect(text('list-history')).toContain('2026年1月');
    expect(text('list-history')).toContain('黑榜');
    expect(text('list-history')).toContain('约谈');
    // The cadres' list is reviewed at a 考核评议, not a villagers' 民主评议.
    expect(text('list-history')).toContain('考核评议');
    expect(text('list-history')).not.toContain('民主评议');
    expect(text('trend-table')).toContain('2026年2月');
    expect(text('trend-table')).toContain('100%');
    expect(text('trend-table')).toContain('逾期未走访户数');

    expect(text('cadre-pairings-table')).toContain('张大山');
    expect(text('cadre-pairings-table')).toContain('至今');
    expect(text('cadre-visits-table')).toContain('李秀英');
    expect(text('cadre-visits-table')).toContain('政策宣讲、收入核算');
    expect(text('cadre-visits-table')).toContain('非结对');
  });

  it('lists the overdue households with links to their pages', async () => {
    cadreLedger();
    const { wrapper, router } = await mountWithApp(RoutedPage, { path: '/assistance/cadres/31?month=2026-03' });
    await settle();

    const rows = wrapper.findAll(`${byTest('overdue-table')} .el-table__body tr`);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('从未走访');
    expect(rows[0]!.text()).toContain('每 1 个月');
    expect(rows[0]!.text()).toContain('2 个周期及以上');
    expect(rows[1]!.text()).toContain('2025-11-20');
    expect(rows[1]!.text()).toContain('每 3 个月');
    expect(rows[1]!.text()).toContain('1 个周期');

    const links = wrapper.findAll(byTest('overdue-household'));
    expect(links.map((l) => [l.text(), l.attributes('href')])).toEqual([
      ['张大山', '/households/101?tab=assistance'],
      ['李秀英', '/households/102?tab=assistance'],
    ]);
    // The click navigates (the household page itself is not loaded here: it takes seconds to compile in the test).
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined);
    await links[1]!.trigger('click');
    expect(push).toHaveBeenCalledWith('/households/102?tab=assistance');
  });

  it('opens on this month, and the month picker changes the month in the address', async () => {
    const fake = cadreLedger();
    const { wrapper, router } = await mountWithApp(RoutedPage, { path: '/assistance/cadres/31' });
    await settle();
    expect(fake['cadre:month']).toHaveBeenCalledWith({ cadreId: 31, month: thisMonthText() });

    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-02');
    await settle();
    expect(router.currentRoute.value.query.month).toBe('2026-02');
    expect(fake['cadre:month']).toHaveBeenLastCalledWith({ cadreId: 31, month: '2026-02' });
    expect(text('fig-paired')).toBe('11 户');
    expect(text('fig-visit-rate')).toBe('完成率 100%');

    // A link or 返回 with ?month= opens that month; a month still to come falls back to this month.
    await router.push('/assistance/cadres/31?month=2026-03');
    await settle();
    expect(fake['cadre:month']).toHaveBeenLastCalledWith({ cadreId: 31, month: '2026-03' });
    expect(text('fig-paired')).toBe('12 户');
    await router.push('/assistance/cadres/31?month=2999-01');
    await settle();
    expect(fake['cadre:month']).toHaveBeenLastCalledWith({ cadreId: 31, month: thisMonthText() });
  });

  it('saves the days in the village for the month shown, and shows them after', async () => {
    const fake = cadreLedger();
    await mountWithApp(RoutedPage, { path: '/assistance/cadres/31?month=2026-03' });
    await settle();
    expect(($(byTest('attendance-days')) as HTMLInputElement).value).toBe('12');

    await type('attendance-days', '18');
    await type('attendance-note', '参加县里培训 3 天');
    await click('attendance-save');

    expect(fake['attendance:save']).toHaveBeenCalledWith({ cadreId: 31, month: '2026-03', days: 18, note: '参加县里培训 3 天' });
    expect(fake['cadre:month']).toHaveBeenCalledTimes(2);
    expect(text('fig-attendance-days')).toBe('18 天（应在村 20 天）');
  });

  it('shows the core’s refusal of the days, and asks for them when left empty', async () => {
    const refusal = '李明 2026 年 3 月已调离石桥村，不能登记该月在村天数';
    const fake = cadreLedger({ 'attendance:save': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal } }) });
    await mountWithApp(RoutedPage, { path: '/assistance/cadres/31?month=2026-03' });
    await settle();

    await type('attendance-days', '');
    await click('attendance-save');
    expect(fake['attendance:save']).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect($(byTest('fig-attendance')).textContent).toContain('请填写在村天数');

    await type('attendance-days', '5');
    await click('attendance-save');
    expect(fake['attendance:save']).toHaveBeenCalledWith({ cadreId: 31, month: '2026-03', days: 5, note: null });
    expect(text('attendance-error')).toContain(refusal);
  });

  it('shows no attendance for a cadre who is not posted to a village, and says when nothing was due or rated', async () => {
    cadreLedger({
      'cadre:month': ({ month }) => ({
        ok: true,
        data: { ...cadreMonth(month, { attendance: null, visitsDue: 0, visitsDone: 0, visitRate: null, satisfaction: null, ratings: { satisfied: 0, basic: 0, unsatisfied: 0, rated: 0 } }), proposal: { list: null, reasons: [] } },
      }),
    });
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/assistance/cadres/31?month=2026-03' });
    await settle();
    expect(wrapper.find(byTest('fig-attendance')).exists()).toBe(false);
    expect(text('fig-visit-rate')).toBe('完成率 —（本月没有应走访的农户）');
    expect(text('fig-satisfaction')).toBe('暂无评价');
    expect(text('proposal-tag')).toBe('建议：不上榜');
    expect(text('proposal-reasons')).toBe('未达到红榜或黑榜的条件');
  });
});

describe('帮扶责任人 list links to the cadre page', () => {
  it('makes the name a link and keeps the 结对户 drawer', async () => {
    const row: CadreRow = { ...CADRE, maskedIdNumber: '110101********9998' } as unknown as CadreRow;
    cadreLedger({ 'cadre:list': () => ({ ok: true, data: { rows: [row], total: 1 } }) });
    const { wrapper, router } = await mountWithApp(RoutedPage, { path: '/assistance/cadres' });
    await settle();

    const link = wrapper.find(byTest('cadre-name'));
    expect(link.text()).toBe('李明');
    expect(link.attributes('href')).toBe('/assistance/cadres/31');

    await wrapper.find(byTest('cadre-pairings')).trigger('click');
    await settle();
    expect(text('cadre-pairings-drawer')).toContain('李明 的结对户');
    expect(text('cadre-pairings-drawer')).toContain('张大山');

    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined);
    await link.trigger('click');
    expect(push).toHaveBeenCalledWith('/assistance/cadres/31');
  });
});
