import { afterEach, describe, expect, it } from 'vitest';
import ReportTable from '../../src/renderer/src/components/reports/ReportTable.vue';
import { columnTree, formatReportCell, headerDepth, type ColumnNode } from '../../src/renderer/src/reports/report-table';
import type { MonthlyReport, ReportColumn, ReportHousehold, ReportTable as Table } from '../../src/shared/domain/report.types';
import { buildMonthlyReport } from '../../src/shared/reports/monthly-report';
import { mountWithApp, settle } from './support';

afterEach(() => {
  document.body.innerHTML = '';
});

const GREEN = { foodClothing: 'ok', education: 'ok', medical: 'ok', housing: 'ok', water: 'ok' } as const;

/** A household with nothing to count but itself; each test says what differs. */
function household(id: number, villageId: number, over: Partial<ReportHousehold> = {}): ReportHousehold {
  return {
    householdId: id, householdNo: `H${id}`, villageId,
    state: { status: 'LIFTED_HOUSEHOLD', monitoringCategory: null, riskState: null },
    previous: { status: 'LIFTED_HOUSEHOLD', monitoringCategory: null, riskState: null },
    people: 3, joinedThisMonth: 0, leftThisMonth: 0, dibaoPeople: 0, tekunPeople: 0, disabledPeople: 0,
    attribute: 'GENERAL', mainCause: '01', incomeYear: 2025, perCapitaFen: 1_000_000, lineFen: 800_000,
    guarantees: { ...GREEN },
    measuresMonth: 0, measuresMonthFen: 0, measuresYear: 0, measuresYearFen: 0, subsidiesMonthFen: 0, subsidiesYearFen: 0,
    visitsMonth: 0, visitOverdue: false,
    ...over,
  } as ReportHousehold;
}

const VILLAGES = [
  { id: 1, name: '石桥村' },
  { id: 2, name: '柳溪村' },
];

const HOUSEHOLDS: ReportHousehold[] = [
  household(1, 1, { people: 4 }),
  household(2, 1, { people: 2, state: { status: 'ORDINARY', monitoringCategory: 'MARGINAL', riskState: 'ACTIVE' }, previous: { status: 'ORDINARY', monitoringCategory: null, riskState: null } }),
  household(3, 2, { people: 5, measuresMonth: 2, measuresMonthFen: 1_234_550, measuresYear: 3, measuresYearFen: 12_345_600, visitsMonth: 2, redThisMonth: true, pointsIssuedMonth: 12 }),
  household(4, 2, { people: 1, measuresMonth: 1, measuresMonthFen: 100_000, visitOverdue: true, blackThisMonth: true, pointsRedeemedMonth: 5 }),
  household(5, 2, { people: 3 }),
];

function report(): MonthlyReport {
  return buildMonthlyReport(HOUSEHOLDS, VILLAGES, {
    month: '2026-03', townshipName: '青山镇', countyName: '示范县', source: 'live', closedAt: null, closedBy: null, asOf: '2026-03-31T08:00:00Z',
  });
}
const tableOf = (r: MonthlyReport, id: string) => r.tables.find((t) => t.id === id)!;

const labels = (nodes: ColumnNode[]) => nodes.map((n) => n.label);

describe('report columns: header paths merged as the printed report merges them', () => {
  it('merges adjacent columns that share a start, and never across a column that does not', () => {
    const columns: ReportColumn[] = [
      { key: 'a', header: ['总户数'], kind: 'count' },
      { key: 'b', header: ['户状态', '脱贫户', '户'], kind: 'count' },
      { key: 'c', header: ['户状态', '脱贫户', '人'], kind: 'count' },
      { key: 'd', header: ['户状态', '一般农户', '户'], kind: 'count' },
      { key: 'e', header: ['低保', '人'], kind: 'count' },
      { key: 'f', header: ['户状态', '返贫', '户'], kind: 'count' },
    ];
    const tree = columnTree(columns);

    expect(labels(tree)).toEqual(['总户数', '户状态', '低保', '户状态']);
    expect(labels(tree[1]!.children)).toEqual(['脱贫户', '一般农户']);
    expect(labels(tree[1]!.children[0]!.children)).toEqual(['户', '人']);
    expect(tree[1]!.children[0]!.children.map((n) => n.index)).toEqual([1, 2]);
    expect(tree[0]!.column?.key).toBe('a');
    expect(headerDepth(columns)).toBe(3);
    // Keys are unique even where a group's label repeats.
    const keys: string[] = [];
    const walk = (nodes: ColumnNode[]) => nodes.forEach((n) => (keys.push(n.key), walk(n.children)));
    walk(tree);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('prints counts as integers, fen as yuan with separators, and a pending figure as nothing', () => {
    expect(formatReportCell({ key: 'n', header: ['户'], kind: 'count' }, 1234)).toBe('1234');
    expect(formatReportCell({ key: 'm', header: ['金额（元）'], kind: 'fen' }, 123_456_789)).toBe('1,234,567.89');
    expect(formatReportCell({ key: 'm', header: ['金额（元）'], kind: 'fen' }, 0)).toBe('0.00');
    expect(formatReportCell({ key: 'p', header: ['红榜'], kind: 'count', pending: true }, 0)).toBe('');
  });

  it('covers every column of every table of the real report exactly once, in order', () => {
    for (const table of report().tables) {
      const leaves: number[] = [];
      const walk = (nodes: ColumnNode[]) => nodes.forEach((n) => (n.column ? leaves.push(n.index!) : walk(n.children)));
      walk(columnTree(table.columns));
      expect(leaves, table.id).toEqual(table.columns.map((_, k) => k));
    }
  });
});

async function mountTable(table: Table) {
  const mounted = await mountWithApp(ReportTable, { props: { table } as never });
  await settle();
  return mounted;
}

/** The header rows as text, one array per row. */
function headerRows(root: Element): string[][] {
  const thead = root.querySelector('.el-table__header-wrapper thead')!;
  return [...thead.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th')].map((th) => th.textContent?.trim() ?? ''));
}

function colspanOf(root: Element, text: string): number {
  const th = [...root.querySelectorAll('.el-table__header-wrapper th')].find((el) => el.textContent?.trim() === text)!;
  return Number(th.getAttribute('colspan') ?? 1);
}

function bodyRows(root: Element): string[][] {
  return [...root.querySelectorAll('.el-table__body-wrapper tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''));
}

function footerRow(root: Element): { cells: string[]; row: HTMLElement } {
  const row = root.querySelector<HTMLElement>('.el-table__footer-wrapper tfoot tr')!;
  return { row, cells: [...row.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '') };
}

describe('ReportTable: multi-level headers, a row per village and the 合计 row', () => {
  it('shows the status table with three header rows merged from the paths', async () => {
    const table = tableOf(report(), 'status');
    const { wrapper } = await mountTable(table);
    const root = wrapper.element;

    const rows = headerRows(root);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.slice(0, 4)).toEqual(['行政村', '总户数', '总人口', '户状态']);
    expect(rows[1]).toContain('脱贫户');
    expect(rows[1]).toContain('一般农户');
    expect(rows[2]!.slice(0, 2)).toEqual(['户', '人']);
    // 行政村 spans the three header rows; 户状态 spans two columns for each status.
    const village = root.querySelector('.el-table__header-wrapper th')!;
    expect(village.getAttribute('rowspan')).toBe('3');
    const statuses = table.columns.filter((c) => c.header[0] === '户状态').length;
    expect(colspanOf(root, '户状态')).toBe(statuses);
    expect(colspanOf(root, '本月人口自然增减')).toBe(2);
  });

  it('has one row per village and the township’s 合计 in the footer, summing the villages', async () => {
    const table = tableOf(report(), 'status');
    const { wrapper } = await mountTable(table);
    const root = wrapper.element;

    const body = bodyRows(root);
    expect(body.map((r) => r[0])).toEqual(['石桥村', '柳溪村']);
    // 总户数, 总人口
    expect(body[0]!.slice(1, 3)).toEqual(['2', '6']);
    expect(body[1]!.slice(1, 3)).toEqual(['3', '9']);

    const { cells, row } = footerRow(root);
    expect(cells.slice(0, 3)).toEqual(['合计', '5', '15']);
    const households = table.columns.findIndex((c) => c.key === 'status.LIFTED_HOUSEHOLD.households') + 1;
    expect(cells[households]).toBe('4');
    expect(cells).toHaveLength(table.columns.length + 1);
    // The footer is its own table under the body, so it stays at the bottom while village rows scroll.
    expect(row.closest('.el-table__footer-wrapper')).not.toBeNull();
    expect(root.querySelector('.el-table__body-wrapper')!.textContent).not.toContain('合计');
    expect(wrapper.html()).toContain('report-table');
  });

  it('prints amounts as yuan with separators, right-aligned, and counts the month’s red/black lists and points', async () => {
    const table = tableOf(report(), 'assistance');
    const { wrapper } = await mountTable(table);
    const root = wrapper.element;

    expect(headerRows(root)[0]).toEqual(expect.arrayContaining(['帮扶措施', '补贴资金（元）', '走访', '红黑榜（本月）', '积分（本月）']));
    const body = bodyRows(root);
    const col = (key: string) => table.columns.findIndex((c) => c.key === key) + 1;
    expect(body[1]![col('measures.month')]).toBe('3');
    expect(body[1]![col('measures.monthFen')]).toBe('13,345.50');
    expect(body[1]![col('measures.yearFen')]).toBe('123,456.00');
    expect(body[0]![col('measures.monthFen')]).toBe('0.00');
    expect(body[1]![col('visits.overdue')]).toBe('1');
    expect(body[1]![col('incentives.red')]).toBe('1');
    expect(body[0]![col('incentives.red')]).toBe('0');

    const { cells } = footerRow(root);
    expect(cells[col('measures.monthFen')]).toBe('13,345.50');
    expect(cells[col('visits.month')]).toBe('2');
    expect(cells[col('incentives.black')]).toBe('1');
    expect(cells[col('incentives.issued')]).toBe('12');
    expect(cells[col('incentives.redeemed')]).toBe('5');

    const amountCell = root.querySelectorAll('.el-table__body-wrapper tbody tr')[1]!.querySelectorAll('td')[col('measures.monthFen')]!;
    expect(amountCell.className).toContain('is-right');
    // Every column has a source now: no grey headers, no note about them.
    expect(root.querySelector('[data-test="report-pending-note"]')).toBeNull();
  });
});
