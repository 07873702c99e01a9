/**
 * 首页's charts as plain data: each builder turns the dashboard's figures into an ECharts option
 * and says where a click on a bar, point or slice leads (the list of the households behind it).
 * Nothing here draws, so the figures and the links are tested without a canvas.
 */
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { hasCode, householdStatus, labelOf, povertyCause } from '../../../shared/domain';
import type { Dashboard } from '../../../shared/domain/report.types';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** What ECharts says was clicked (the fields of its click event we use). */
export interface ChartPoint {
  seriesIndex?: number;
  dataIndex: number;
}

export interface DashboardChart {
  option: ChartOption;
  /** The page a click on that point opens, or null when there is no list behind it. */
  link(point: ChartPoint): string | null;
  /** Nothing to draw: the page shows a note instead of an empty frame. */
  empty: boolean;
}

const query = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

const households = (n: unknown) => `${typeof n === 'number' ? n : 0} 户`;

/** Colours by meaning, so a status keeps its colour whichever statuses a township has: not lifted warm, lifted blue/green, ordinary grey. */
export const STATUS_COLORS: Record<string, string> = {
  NOT_LIFTED: '#e5534b',
  PRE_LIFTED: '#f0a04b',
  LIFTED_POLICY: '#3f9b6b',
  LIFTED_NO_POLICY: '#93cca6',
  RETURNED: '#a61e4d',
  REMOVED: '#adb5bd',
  LIFTED_HOUSEHOLD: '#2f7ed8',
  LIFTED_HOUSEHOLD_NO_POLICY: '#91c3f2',
  ORDINARY: '#c9ccd3',
};
const ACTIVE_COLOR = '#e5534b';
const ELIMINATED_COLOR = '#3f9b6b';
const OVERDUE_COLOR = '#f0a04b';

const GRID = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true } as const;
const VILLAGE_AXIS_LABEL = { interval: 0, hideOverlap: false, width: 72, overflow: 'truncate' as const };

/** 户状态 by village, stacked: one series per status any village has, in the code table's order. */
export function statusByVillageChart(d: Dashboard): DashboardChart {
  const villages = d.statusByVillage;
  const present = new Set(villages.flatMap((v) => Object.entries(v.counts).filter(([, n]) => n > 0).map(([code]) => code)));
  const known = householdStatus.entries.map((e) => e.code).filter((code) => present.has(code));
  const unknown = [...present].filter((code) => !hasCode(householdStatus, code)).sort();
  const statuses = [...known, ...unknown];
  return {
    empty: statuses.length === 0,
    option: {
      color: statuses.map((s) => STATUS_COLORS[s] ?? '#909399'),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: households },
      legend: { top: 0, type: 'scroll' },
      grid: GRID,
      xAxis: { type: 'category', data: villages.map((v) => v.villageName), axisLabel: VILLAGE_AXIS_LABEL },
      yAxis: { type: 'value', minInterval: 1, name: '户' },
      series: statuses.map((code) => ({
        id: code,
        name: labelOf(householdStatus, code),
        type: 'bar',
        stack: 'status',
        barMaxWidth: 36,
        emphasis: { focus: 'series' },
        data: villages.map((v) => v.counts[code] ?? 0),
      })),
    },
    link: ({ seriesIndex, dataIndex }) => {
      const status = seriesIndex === undefined ? undefined : statuses[seriesIndex];
      const village = villages[dataIndex];
      if (!status || !village || !hasCode(householdStatus, status)) return null;
      return `/households?${query({ villageId: village.villageId, status })}`;
    },
  };
}

/** 2026-03 → 3月; January and the first month carry their year on a second line, so the axis reads across a new year. */
export function monthAxisLabel(month: string, first: boolean): string {
  const m = Number(month.slice(5, 7));
  return first || m === 1 ? `${m}月\n${month.slice(0, 4)}年` : `${m}月`;
}

/** Monitoring objects at each month's end: risk not eliminated, and eliminated. A point opens that month's report. */
export function monitoringTrendChart(d: Dashboard): DashboardChart {
  const trend = d.monitoringTrend;
  const line = (name: string, color: string, data: number[]): LineSeriesOption => ({
    name,
    type: 'line',
    data,
    smooth: false,
    symbolSize: 7,
    itemStyle: { color },
    lineStyle: { color, width: 2 },
  });
  return {
    empty: trend.length === 0,
    option: {
      tooltip: { trigger: 'axis', valueFormatter: households },
      legend: { top: 0 },
      grid: GRID,
      // Every month labelled: twelve short labels fit, and a missing one reads as a missing month.
      xAxis: { type: 'category', boundaryGap: false, data: trend.map((t, i) => monthAxisLabel(t.month, i === 0)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, name: '户' },
      series: [line('风险未消除', ACTIVE_COLOR, trend.map((t) => t.active)), line('风险已消除', ELIMINATED_COLOR, trend.map((t) => t.eliminated))],
    },
    link: ({ dataIndex }) => {
      const point = trend[dataIndex];
      return point ? `/reports?${query({ month: point.month, tab: 'monitoring' })}` : null;
    },
  };
}

/** Households by main cause of poverty, largest first; a slice opens the households with that cause. */
export function causesChart(d: Dashboard): DashboardChart {
  const causes = d.causes.filter((c) => c.households > 0).sort((a, b) => b.households - a.households);
  const name = (code: string) => (code && hasCode(povertyCause, code) ? labelOf(povertyCause, code) : '未填');
  return {
    empty: causes.length === 0,
    option: {
      tooltip: { trigger: 'item', formatter: '{b}：{c} 户（{d}%）' },
      series: [
        {
          name: '主要致贫原因',
          type: 'pie',
          radius: ['32%', '62%'],
          center: ['50%', '54%'],
          minAngle: 3,
          avoidLabelOverlap: true,
          label: { formatter: '{b} {c}户' },
          labelLayout: { hideOverlap: true },
          data: causes.map((c) => ({ name: name(c.code), value: c.households })),
        },
      ],
    },
    link: ({ dataIndex }) => {
      const cause = causes[dataIndex];
      return cause && hasCode(povertyCause, cause.code) ? `/households?${query({ mainCause: cause.code })}` : null;
    },
  };
}

/** Households overdue for a visit, by village in the registry's order; a bar opens that village's 应走访农户. */
export function visitsDueChart(d: Dashboard): DashboardChart {
  const order = new Map(d.statusByVillage.map((v, i) => [v.villageId, i]));
  const place = (id: number) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const villages = d.visitsDueByVillage.filter((v) => v.overdue > 0).sort((a, b) => place(a.villageId) - place(b.villageId));
  return {
    empty: villages.length === 0,
    option: {
      color: [OVERDUE_COLOR],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: households },
      grid: { ...GRID, top: 28 },
      xAxis: { type: 'category', data: villages.map((v) => v.villageName), axisLabel: VILLAGE_AXIS_LABEL },
      yAxis: { type: 'value', minInterval: 1, name: '户' },
      series: [
        {
          name: '超期未走访',
          type: 'bar',
          barMaxWidth: 36,
          label: { show: true, position: 'top' },
          data: villages.map((v) => v.overdue),
        },
      ],
    },
    link: ({ dataIndex }) => {
      const village = villages[dataIndex];
      return village ? `/assistance/visits-due?${query({ villageId: village.villageId })}` : null;
    },
  };
}

/** 首页's counters: what each counts, and the page that lists what it counts. */
export interface DashboardCounter {
  key: string;
  label: string;
  value: string;
  unit: string;
  /** A second figure beside the first (总人口 beside 总户数). */
  extra?: string;
  link: string | null;
  test: string;
}

export function dashboardCounters(d: Dashboard): DashboardCounter[] {
  const c = d.counters;
  const n = (v: number) => v.toLocaleString('zh-CN');
  const report = (tab: string) => `/reports?${query({ month: d.month, tab })}`;
  return [
    { key: 'households', label: '总户数 / 总人口', value: n(c.households), unit: '户', extra: `${n(c.people)} 人`, link: '/households', test: 'counter-households' },
    { key: 'monitoredActive', label: '风险未消除监测对象', value: n(c.monitoredActive), unit: '户', link: report('monitoring'), test: 'counter-monitored' },
    { key: 'newMonitoring', label: '本月新识别监测对象', value: n(c.newMonitoringThisMonth), unit: '户', link: report('monitoring'), test: 'counter-new-monitoring' },
    { key: 'eliminated', label: '本月风险消除', value: n(c.eliminatedThisMonth), unit: '户', link: report('monitoring'), test: 'counter-eliminated' },
    { key: 'visits', label: '本月走访', value: n(c.visitsThisMonth), unit: '人次', link: report('assistance'), test: 'counter-visits' },
    { key: 'overdue', label: '超期未走访', value: n(c.visitsOverdue), unit: '户', link: '/assistance/visits-due', test: 'counter-overdue' },
  ];
}
