import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import {
  causesChart,
  dashboardCounters,
  monitoringTrendChart,
  monthAxisLabel,
  statusByVillageChart,
  visitsDueChart,
} from '../../src/renderer/src/dashboard/chart-options';
import { filtersFromQuery } from '../../src/renderer/src/stores/households.store';
import { useAssistanceStore } from '../../src/renderer/src/stores/assistance.store';
import { useHouseholdsStore } from '../../src/renderer/src/stores/households.store';
import type { Dashboard } from '../../src/shared/domain/report.types';
import { $, $$, byTest } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const DASHBOARD: Dashboard = {
  month: '2026-05',
  counters: { households: 1234, people: 4321, monitoredActive: 17, newMonitoringThisMonth: 3, eliminatedThisMonth: 2, visitsThisMonth: 56, visitsOverdue: 9 },
  statusByVillage: [
    { villageId: 1, villageName: '石桥村', counts: { LIFTED_HOUSEHOLD: 40, ORDINARY: 10 } },
    { villageId: 2, villageName: '柳溪村', counts: { LIFTED_HOUSEHOLD: 25, RETURNED: 1 } },
  ],
  monitoringTrend: ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map(
    (month, i) => ({ month, active: 10 + i, eliminated: i }),
  ),
  causes: [
    { code: '02', households: 5 },
    { code: '01', households: 30 },
    { code: '99x', households: 2 },
  ],
  // Only villages with someone overdue, in whatever order the core found them.
  visitsDueByVillage: [
    { villageId: 2, villageName: '柳溪村', overdue: 4 },
    { villageId: 1, villageName: '石桥村', overdue: 5 },
  ],
};

type Series = { name?: string; id?: string; data: unknown[]; stack?: string; type: string };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];
const axisData = (option: { xAxis?: unknown }) => (option.xAxis as { data: string[] }).data;

describe('首页 charts as options: figures from the dashboard, each point linked to its list', () => {
  it('stacks households by status per village, one series per status present, in the code table’s order', () => {
    const chart = statusByVillageChart(DASHBOARD);
    expect(chart.empty).toBe(false);
    expect(axisData(chart.option)).toEqual(['石桥村', '柳溪村']);
    const series = seriesOf(chart.option);
    expect(series.map((s) => s.name)).toEqual(['返贫', '脱贫户', '一般农户']);
    expect(series.every((s) => s.type === 'bar' && s.stack === 'status')).toBe(true);
    expect(series.map((s) => s.data)).toEqual([
      [0, 1],
      [40, 25],
      [10, 0],
    ]);
    // Colours follow the statuses, so 返贫 is the warm one wherever it appears.
    expect((chart.option.color as string[])[0]).toBe('#a61e4d');

    expect(chart.link({ seriesIndex: 1, dataIndex: 1 })).toBe('/households?villageId=2&status=LIFTED_HOUSEHOLD');
    expect(chart.link({ seriesIndex: 2, dataIndex: 0 })).toBe('/households?villageId=1&status=ORDINARY');
    expect(chart.link({ seriesIndex: 9, dataIndex: 0 })).toBeNull();
  });

  it('draws twelve months of monitoring objects as two lines, and a month opens that month’s report', () => {
    const chart = monitoringTrendChart(DASHBOARD);
    const series = seriesOf(chart.option);
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['风险未消除', 'line'],
      ['风险已消除', 'line'],
    ]);
    expect(series[0]!.data).toHaveLength(12);
    expect(series[0]!.data[11]).toBe(21);
    expect(series[1]!.data[11]).toBe(11);
    expect(axisData(chart.option).slice(0, 3)).toEqual(['6月\n2025年', '7月', '8月']);
    expect(axisData(chart.option)[7]).toBe('1月\n2026年');
    expect(chart.link({ seriesIndex: 0, dataIndex: 11 })).toBe('/reports?month=2026-05&tab=monitoring');
    expect(monthAxisLabel('2026-01', false)).toBe('1月\n2026年');
    expect(monthAxisLabel('2026-02', false)).toBe('2月');
  });

  it('shows causes largest first, named from the code table; a slice opens the households with that cause', () => {
    const chart = causesChart(DASHBOARD);
    const pie = seriesOf(chart.option)[0]!;
    expect(pie.type).toBe('pie');
    expect(pie.data).toEqual([
      { name: '因病', value: 30 },
      { name: '因残', value: 5 },
      { name: '未填', value: 2 },
    ]);
    expect(chart.link({ dataIndex: 0 })).toBe('/households?mainCause=01');
    expect(chart.link({ dataIndex: 1 })).toBe('/households?mainCause=02');
    // A code the household list cannot filter by has no list to open.
    expect(chart.link({ dataIndex: 2 })).toBeNull();
  });

  it('shows overdue visits per village in the registry’s order; a bar opens that village’s 应走访农户', () => {
    const chart = visitsDueChart(DASHBOARD);
    expect(axisData(chart.option)).toEqual(['石桥村', '柳溪村']);
    expect(seriesOf(chart.option)[0]!.data).toEqual([5, 4]);
    expect(chart.link({ seriesIndex: 0, dataIndex: 1 })).toBe('/assistance/visits-due?villageId=2');
  });

  it('reports an empty chart instead of drawing empty axes', () => {
    const none: Dashboard = { ...DASHBOARD, statusByVillage: [{ villageId: 1, villageName: '石桥村', counts: {} }], causes: [], visitsDueByVillage: [], monitoringTrend: [] };
    expect(statusByVillageChart(none).empty).toBe(true);
    expect(causesChart(none).empty).toBe(true);
    expect(visitsDueChart(none).empty).toBe(true);
    expect(monitoringTrendChart(none).empty).toBe(true);
  });

  it('lists the six counters with their figures and where each leads', () => {
    const counters = dashboardCounters(DASHBOARD);
    expect(counters.map((c) => [c.label, c.value, c.unit])).toEqual([
      ['总户数 / 总人口', '1,234', '户'],
      ['风险未消除监测对象', '17', '户'],
      ['本月新识别监测对象', '3', '户'],
      ['本月风险消除', '2', '户'],
      ['本月走访', '56', '人次'],
      ['超期未走访', '9', '户'],
    ]);
    expect(counters[0]!.extra).toBe('4,321 人');
    expect(counters.map((c) => c.link)).toEqual([
      '/households',
      '/reports?month=2026-05&tab=monitoring',
      '/reports?month=2026-05&tab=monitoring',
      '/reports?month=2026-05&tab=monitoring',
      '/reports?month=2026-05&tab=assistance',
      '/assistance/visits-due',
    ]);
  });
});

describe('links from 首页 are read by the lists they open', () => {
  it('turns a link’s query into household filters, keeping only real codes and ids', () => {
    expect(filtersFromQuery({ villageId: '3', status: 'ORDINARY' })).toEqual({ villageId: 3, status: 'ORDINARY' });
    expect(filtersFromQuery({ mainCause: '01' })).toEqual({ mainCause: '01' });
    expect(filtersFromQuery({ monitoringCategory: 'MARGINAL', attribute: 'DIBAO' })).toEqual({ monitoringCategory: 'MARGINAL', attribute: 'DIBAO' });
    expect(filtersFromQuery({ villageId: '0', status: 'NOPE', mainCause: '01; DROP' })).toBeNull();
    expect(filtersFromQuery({ groupId: '4' })).toBeNull(); // a group means nothing without its village
    expect(filtersFromQuery({})).toBeNull();
  });

  it('opens the household list filtered as linked, and then drops the query from the address', async () => {
    const fake = installFakeLedger({ 'household:list': () => ({ ok: true, data: { rows: [], total: 0 } }) });
    const { router } = await mountWithApp(RoutedPage, { path: '/households?villageId=1&status=ORDINARY' });
    await settle();

    expect(fake['household:list']).toHaveBeenCalledWith(expect.objectContaining({ villageId: 1, status: 'ORDINARY', page: 1 }));
    const store = useHouseholdsStore();
    expect(store.filters).toMatchObject({ villageId: 1, status: 'ORDINARY', mainCause: '' });
    expect(router.currentRoute.value.fullPath).toBe('/households');
  });

  it('opens 应走访农户 for the linked village', async () => {
    const fake = installFakeLedger({
      'visit:due': () => ({ ok: true, data: { asOf: '2026-05-20', cadence: { monitoredMonths: 1, otherMonths: 3 }, rows: [], total: 0 } }),
      'cadre:list': () => ({ ok: true, data: { rows: [], total: 0 } }),
    });
    const { router } = await mountWithApp(RoutedPage, { path: '/assistance/visits-due?villageId=1' });
    await settle();

    expect(fake['visit:due']).toHaveBeenCalledWith(expect.objectContaining({ villageId: 1, page: 1 }));
    expect(useAssistanceStore().dueFilters.villageId).toBe(1);
    expect(router.currentRoute.value.fullPath).toBe('/assistance/visits-due');
  });
});

describe('HomeView: counters link to their lists', () => {
  it('shows the counters and opens the list a counter counts', async () => {
    installFakeLedger({
      'dashboard:get': () => ({ ok: true, data: DASHBOARD }),
      'household:list': () => ({ ok: true, data: { rows: [], total: 0 } }),
    });
    // ECharts needs a canvas, which happy-dom lacks: the chart itself is stood in for; its options are tested above.
    const ChartStub = defineComponent({ props: { option: Object }, setup: () => () => h('div', { class: 'chart-stub' }) });
    const { router } = await mountWithApp(RoutedPage, { path: '/', stubs: { Echarts: ChartStub } }); // vue-echarts names its component Echarts
    await settle();

    expect($(byTest('counter-households-value')).textContent).toBe('1,234');
    expect($(byTest('counter-households')).textContent).toContain('4,321 人');
    expect($(byTest('counter-overdue-value')).textContent).toBe('9');
    expect($(byTest('home-month')).textContent).toBe('2026年5月数据');
    expect($$('.chart-stub')).toHaveLength(4);

    $(byTest('counter-overdue')).click();
    await settle();
    expect(router.currentRoute.value.path).toBe('/assistance/visits-due');
  });

  it('shows what the latest data check left open, linking to 数据检查', async () => {
    const run = { id: 3, ranAt: '2026-05-20T01:30:00.000Z', trigger: 'manual' as const, operator: '李文书', durationMs: 120, households: 1234, errors: 2, warnings: 17, acknowledged: 1 };
    installFakeLedger({
      'dashboard:get': () => ({ ok: true, data: DASHBOARD }),
      'quality:summary': () => ({ ok: true, data: { run, rules: [], counts: [] } }),
    });
    const ChartStub = defineComponent({ props: { option: Object }, setup: () => () => h('div', { class: 'chart-stub' }) });
    await mountWithApp(RoutedPage, { path: '/', stubs: { Echarts: ChartStub } });
    await settle();
    expect($(byTest('home-quality')).textContent).toContain('错误 2 条，提示 17 条未处理');
    expect($(byTest('home-quality-link')).getAttribute('href')).toBe('/quality');
  });

  it('suggests a first data check when none has been run', async () => {
    const ChartStub = defineComponent({ props: { option: Object }, setup: () => () => h('div', { class: 'chart-stub' }) });
    installFakeLedger({
      'dashboard:get': () => ({ ok: true, data: DASHBOARD }),
      'quality:summary': () => ({ ok: true, data: { run: null, rules: [], counts: [] } }),
    });
    await mountWithApp(RoutedPage, { path: '/', stubs: { Echarts: ChartStub } });
    await settle();
    expect($(byTest('home-quality')).textContent).toContain('还没有运行过数据检查');
  });

  it('says so in Chinese when the figures cannot be read', async () => {
    installFakeLedger({ 'dashboard:get': () => ({ ok: false, error: { code: 'INTERNAL', message: '数据库暂时无法读取' } }) });
    await mountWithApp(RoutedPage, { path: '/' });
    await settle();

    expect($(byTest('home-error')).textContent).toBe('首页统计没有读出来：数据库暂时无法读取');
  });
});
