/**
 * The monthly report's tables (domain.md §9.2). A column is what one household contributes to
 * it — 1 if it counts, its people, an amount — and a cell is the sum over the village's
 * households, so the township row is the sum of the village rows by construction. Each column's
 * contribution is a small named function, testable on its own.
 */
import { householdAttribute, householdStatus, monitoringCategory, povertyCause, riskState } from '../domain';
import type { MonthlyReport, ReportColumn, ReportHousehold, ReportRow, ReportTable, ReportVillage } from '../domain/report.types';

type Contribution = (h: ReportHousehold) => number;
interface ColumnDef extends ReportColumn {
  of: Contribution;
}
interface TableDef {
  id: string;
  title: string;
  columns: ColumnDef[];
}

const count = (key: string, header: string[], test: (h: ReportHousehold) => boolean): ColumnDef => ({ key, header, kind: 'count', of: (h) => (test(h) ? 1 : 0) });
const people = (key: string, header: string[], test: (h: ReportHousehold) => boolean): ColumnDef => ({ key, header, kind: 'count', of: (h) => (test(h) ? h.people : 0) });
const sum = (key: string, header: string[], of: Contribution, kind: 'count' | 'fen' = 'count'): ColumnDef => ({ key, header, kind, of });

const NOT_LIFTED = new Set(['NOT_LIFTED', 'PRE_LIFTED', 'RETURNED']);
const LIFTED = new Set(['LIFTED_POLICY', 'LIFTED_NO_POLICY', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD_NO_POLICY']);
const ELIMINATED = new Set(['ELIMINATED_ASSISTED', 'ELIMINATED_NATURAL']);

/** Became a monitoring object this month (or was registered this month as one). */
export const newlyMonitored = (h: ReportHousehold) => h.state.monitoringCategory !== null && (h.previous === null || h.previous.monitoringCategory === null);
/** Its risk was eliminated this month, and how. */
export const riskEliminated = (h: ReportHousehold, how?: 'ASSISTED' | 'NATURAL') =>
  h.previous?.riskState === 'ACTIVE' && h.state.riskState !== null && ELIMINATED.has(h.state.riskState) && (how === undefined || h.state.riskState === `ELIMINATED_${how}`);
/** Lifted out of poverty this month (2014–2020 statuses). */
export const liftedThisMonth = (h: ReportHousehold) => h.previous !== null && NOT_LIFTED.has(h.previous.status) && LIFTED.has(h.state.status);
/** Returned to poverty this month. */
export const returnedThisMonth = (h: ReportHousehold) => h.state.status === 'RETURNED' && h.previous !== null && h.previous.status !== 'RETURNED';

/**
 * Per-capita income bands against the year's line (domain.md §9.2): below it, then steps of
 * 1,000 yuan and of half the line above it. A household without income or without a line for
 * that year is counted apart, never guessed into a band.
 */
export const INCOME_BANDS: { key: string; label: string; test: (perCapitaFen: number, lineFen: number) => boolean }[] = [
  { key: 'below', label: '低于标准', test: (p, l) => p < l },
  { key: 'line1000', label: '标准至标准+1000元', test: (p, l) => p >= l && p < l + 100_000 },
  { key: 'to150', label: '标准+1000元至1.5倍标准', test: (p, l) => p >= l + 100_000 && p < Math.max(l + 100_000, l * 1.5) },
  { key: 'to200', label: '1.5倍至2倍标准', test: (p, l) => p >= Math.max(l + 100_000, l * 1.5) && p < l * 2 },
  { key: 'over200', label: '2倍标准及以上', test: (p, l) => p >= Math.max(l * 2, l + 100_000) },
];

function incomeBand(key: string): (h: ReportHousehold) => boolean {
  const band = INCOME_BANDS.find((b) => b.key === key)!;
  return (h) => h.perCapitaFen !== null && h.lineFen !== null && band.test(h.perCapitaFen, h.lineFen);
}

const GUARANTEES = [
  ['foodClothing', '不愁吃穿'],
  ['education', '义务教育'],
  ['medical', '基本医疗'],
  ['housing', '住房安全'],
  ['water', '饮水安全'],
] as const;

export const REPORT_TABLES: TableDef[] = [
  {
    id: 'status',
    title: '户数人口及户状态',
    columns: [
      count('households', ['总户数'], () => true),
      sum('people', ['总人口'], (h) => h.people),
      ...householdStatus.entries.flatMap((s) => [
        count(`status.${s.code}.households`, ['户状态', s.label, '户'], (h) => h.state.status === s.code),
        people(`status.${s.code}.people`, ['户状态', s.label, '人'], (h) => h.state.status === s.code),
      ]),
      sum('dibao', ['低保', '人'], (h) => h.dibaoPeople),
      sum('tekun', ['特困供养', '人'], (h) => h.tekunPeople),
      sum('disabled', ['残疾人', '人'], (h) => h.disabledPeople),
      sum('joined', ['本月人口自然增减', '增加'], (h) => h.joinedThisMonth),
      sum('left', ['本月人口自然增减', '减少'], (h) => h.leftThisMonth),
    ],
  },
  {
    id: 'monitoring',
    title: '防止返贫监测对象',
    columns: [
      count('monitored.households', ['监测对象', '合计', '户'], (h) => h.state.monitoringCategory !== null),
      people('monitored.people', ['监测对象', '合计', '人'], (h) => h.state.monitoringCategory !== null),
      ...monitoringCategory.entries.flatMap((c) => [
        count(`category.${c.code}.households`, ['监测对象', c.label, '户'], (h) => h.state.monitoringCategory === c.code),
        people(`category.${c.code}.people`, ['监测对象', c.label, '人'], (h) => h.state.monitoringCategory === c.code),
      ]),
      ...riskState.entries.map((r) =>
        count(`risk.${r.code}`, ['风险状态', r.label.replace(/^风险已消除（(.*)）$/, '已消除（$1）').replace('风险未消除', '未消除'), '户'], (h) => h.state.monitoringCategory !== null && h.state.riskState === r.code),
      ),
      count('new.households', ['本月变动', '新识别监测对象', '户'], newlyMonitored),
      people('new.people', ['本月变动', '新识别监测对象', '人'], newlyMonitored),
      count('eliminated.assisted', ['本月变动', '风险消除', '帮扶消除（户）'], (h) => riskEliminated(h, 'ASSISTED')),
      count('eliminated.natural', ['本月变动', '风险消除', '自然消除（户）'], (h) => riskEliminated(h, 'NATURAL')),
      people('eliminated.people', ['本月变动', '风险消除', '人'], (h) => riskEliminated(h)),
      count('lifted', ['本月变动', '脱贫', '户'], liftedThisMonth),
      count('returned', ['本月变动', '返贫', '户'], returnedThisMonth),
    ],
  },
  {
    id: 'causes',
    title: '致贫原因及贫困户属性',
    columns: [
      ...povertyCause.entries.map((c) => count(`cause.${c.code}`, ['主要致贫原因（户）', c.label], (h) => h.mainCause === c.code)),
      count('cause.none', ['主要致贫原因（户）', '未填'], (h) => h.mainCause === null),
      ...householdAttribute.entries.map((a) => count(`attribute.${a.code}`, ['贫困户属性（户）', a.label.replace('贫困户', '')], (h) => h.attribute === a.code)),
      count('attribute.none', ['贫困户属性（户）', '未填'], (h) => h.attribute === null),
    ],
  },
  {
    id: 'income',
    title: '人均纯收入分组及“两不愁三保障”',
    columns: [
      ...INCOME_BANDS.map((b) => count(`income.${b.key}`, ['人均纯收入分组（户）', b.label], incomeBand(b.key))),
      count('income.none', ['人均纯收入分组（户）', '未录入或无标准'], (h) => h.perCapitaFen === null || h.lineFen === null),
      ...GUARANTEES.map(([key, label]) => count(`problem.${key}`, ['存在问题（户）', label], (h) => h.guarantees[key] === 'problem')),
      ...GUARANTEES.map(([key, label]) => count(`check.${key}`, ['待核实（户）', label], (h) => h.guarantees[key] === 'check')),
    ],
  },
  {
    id: 'assistance',
    title: '帮扶措施、资金、走访及红黑榜',
    columns: [
      sum('measures.month', ['帮扶措施', '本月', '项'], (h) => h.measuresMonth),
      sum('measures.monthFen', ['帮扶措施', '本月', '金额（元）'], (h) => h.measuresMonthFen, 'fen'),
      sum('measures.year', ['帮扶措施', '本年累计', '项'], (h) => h.measuresYear),
      sum('measures.yearFen', ['帮扶措施', '本年累计', '金额（元）'], (h) => h.measuresYearFen, 'fen'),
      sum('subsidies.monthFen', ['补贴资金（元）', '本月'], (h) => h.subsidiesMonthFen, 'fen'),
      sum('subsidies.yearFen', ['补贴资金（元）', '本年累计'], (h) => h.subsidiesYearFen, 'fen'),
      sum('visits.month', ['走访', '本月走访（人次）'], (h) => h.visitsMonth),
      count('visits.overdue', ['走访', '超期未走访（户）'], (h) => h.visitOverdue),
      count('incentives.red', ['红黑榜（本月）', '红榜（户）'], (h) => h.redThisMonth === true),
      count('incentives.black', ['红黑榜（本月）', '黑榜（户）'], (h) => h.blackThisMonth === true),
      sum('incentives.issued', ['积分（本月）', '发放'], (h) => h.pointsIssuedMonth ?? 0),
      sum('incentives.redeemed', ['积分（本月）', '兑换'], (h) => h.pointsRedeemedMonth ?? 0),
    ],
  },
];

function row(columns: readonly ColumnDef[], households: readonly ReportHousehold[], villageId: number | null, label: string): ReportRow {
  const values = columns.map(() => 0);
  for (const h of households) columns.forEach((c, k) => (values[k]! += c.of(h)));
  return { villageId, label, values };
}

export interface ReportMeta {
  month: string;
  townshipName: string;
  countyName: string | null;
  source: MonthlyReport['source'];
  closedAt: string | null;
  closedBy: string | null;
  asOf: string;
}

/** The report of a month from its households, one row per village (in the order given) and the township total. */
export function buildMonthlyReport(households: readonly ReportHousehold[], villages: readonly ReportVillage[], meta: ReportMeta): MonthlyReport {
  const byVillage = new Map<number, ReportHousehold[]>(villages.map((v) => [v.id, []]));
  for (const h of households) byVillage.get(h.villageId)?.push(h);
  const tables: ReportTable[] = REPORT_TABLES.map((t) => {
    const rows = villages.map((v) => row(t.columns, byVillage.get(v.id) ?? [], v.id, v.name));
    const total: ReportRow = { villageId: null, label: '合计', values: t.columns.map((_, k) => rows.reduce((s, r) => s + r.values[k]!, 0)) };
    return { id: t.id, title: t.title, columns: t.columns.map(({ of: _of, ...column }) => column), rows, total };
  });
  return { ...meta, tables };
}

/** 2026-03 → 2026年3月 */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** The title of the report and of each of its sheets. */
export function reportTitle(r: Pick<MonthlyReport, 'townshipName' | 'month'>): string {
  return `${r.townshipName}${monthLabel(r.month)}巩固脱贫成果月报表`;
}
