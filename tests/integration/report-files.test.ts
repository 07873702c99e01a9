import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { syntheticReport } from '../support/synthetic-report';
import { findFontsDir } from '../../src/main/core/io/pdf/fonts';
import { planTable, writeReportPdf } from '../../src/main/core/io/pdf/report-pdf';
import { headerGrid, valueText } from '../../src/main/core/io/report-format';
import { sheetName, writeReportXlsx } from '../../src/main/core/io/report-xlsx';
import type { MonthlyReport, ReportColumn, ReportTable } from '../../src/shared/domain/report.types';
import { reportTitle } from '../../src/shared/reports/monthly-report';
import { readPdf } from '../support/pdf-text';

const fontsDir = findFontsDir();

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Column letter of a 1-based column. */
const letter = (col: number): string => (col > 26 ? letter(Math.floor((col - 1) / 26)) : '') + String.fromCharCode(65 + ((col - 1) % 26));

/** The first cell of a sheet holding exactly `text`. */
function find(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Cell | undefined {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => row.eachCell((cell) => (found ??= cell.text === text ? cell : undefined)));
  return found;
}

const sheetText = (sheet: ExcelJS.Worksheet) => {
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
  return texts.join('\n');
};

/** Text without the spaces pdf.js puts between runs (and makes of an ideographic space). */
const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');

const table = (report: MonthlyReport, id: string) => report.tables.find((t) => t.id === id)!;
const column = (t: ReportTable, key: string) => t.columns.findIndex((c) => c.key === key);

describe('header grid', () => {
  it('merges shared prefixes across and short paths down', () => {
    const columns = [['总户数'], ['户状态', '脱贫户', '户'], ['户状态', '脱贫户', '人'], ['户状态', '一般农户', '户'], ['低保', '人']].map((header) => ({ header }));
    const { depth, cells } = headerGrid(columns);
    expect(depth).toBe(3);
    const at = (row: number, col: number) => cells.find((c) => c.row === row && c.col === col);
    expect(at(0, 0)).toMatchObject({ text: '行政村', rowSpan: 3, colSpan: 1 });
    expect(at(0, 1)).toMatchObject({ text: '总户数', rowSpan: 3, colSpan: 1 });
    expect(at(0, 2)).toMatchObject({ text: '户状态', rowSpan: 1, colSpan: 3 });
    expect(at(1, 2)).toMatchObject({ text: '脱贫户', rowSpan: 1, colSpan: 2 });
    expect(at(1, 4)).toMatchObject({ text: '一般农户', colSpan: 1 });
    expect(at(2, 2)).toMatchObject({ text: '户', rowSpan: 1 });
    expect(at(0, 5)).toMatchObject({ text: '低保', colSpan: 1 });
    expect(at(1, 5)).toMatchObject({ text: '人', rowSpan: 2 });
    // Every grid position is covered exactly once.
    const covered = new Map<string, number>();
    for (const c of cells) for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) covered.set(`${r}:${k}`, (covered.get(`${r}:${k}`) ?? 0) + 1);
    expect(covered.size).toBe(3 * 6);
    expect([...covered.values()].every((n) => n === 1)).toBe(true);
  });

  it('makes sheet names Excel accepts', () => {
    const taken = new Set<string>();
    expect(sheetName('人均纯收入分组及“两不愁三保障”', taken)).toBe('人均纯收入分组及“两不愁三保障”');
    expect(sheetName('资金/项目:明细[本月]?*', taken)).toBe('资金_项目_明细_本月___');
    const long = sheetName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五', taken);
    expect(long).toHaveLength(31);
    const again = sheetName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五', taken);
    expect(again).not.toBe(long);
    expect(again.length).toBeLessThanOrEqual(31);
  });
});

describe('monthly report as xlsx', () => {
  const report = syntheticReport(400, 6);

  it('has a sheet per table, titled, with the unit line and the month closed', async () => {
    const wb = await readXlsx(await writeReportXlsx(report));
    expect(wb.worksheets.map((s) => s.name)).toEqual(report.tables.map((t) => t.title));
    const [first] = wb.worksheets;
    expect(first!.getCell('A1').text).toContain(reportTitle(report));
    expect(first!.getCell('A1').text).toContain('表1　户数人口及户状态');
    expect(reportTitle(report)).toBe('青山镇2026年3月巩固脱贫成果月报表');
    expect(first!.getCell('A1').isMerged).toBe(true);
    expect(first!.getCell('A2').text).toBe('填报单位：青山镇人民政府（盖章）');
    const text = sheetText(first!);
    expect(text).toContain('单位：户、人、元');
    expect(text).toContain('报表月份：2026年3月（2026年4月2日结账数据）');
  });

  it('merges the headers over their columns and rows', async () => {
    const wb = await readXlsx(await writeReportXlsx(report));
    const sheet = wb.worksheets[0]!;
    const status = table(report, 'status');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    // 行政村 and 总户数 reach down all three header rows; 户状态 spans its 18 columns.
    expect(merges).toContain('A3:A5');
    expect(merges).toContain('B3:B5');
    const first = column(status, 'status.NOT_LIFTED.households') + 2;
    const last = column(status, 'status.ORDINARY.people') + 2;
    expect(sheet.getCell(3, first).text).toBe('户状态');
    expect(merges).toContain(`${letter(first)}3:${letter(last)}3`);
    expect(sheet.getCell(4, first).text).toBe('未脱贫');
    expect(merges).toContain(`${letter(first)}4:${letter(first + 1)}4`);
    expect(sheet.getCell(5, first).text).toBe('户');
    // A two-level path in a three-level header: 低保 above, 人 reaching down.
    const dibao = column(status, 'dibao') + 2;
    expect(sheet.getCell(3, dibao).text).toBe('低保');
    expect(merges).toContain(`${letter(dibao)}4:${letter(dibao)}5`);
    expect(sheet.getCell(3, 1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(sheet.getCell(6, 2).border.top?.style).toBe('thin');
  });

  it('writes each village’s figures and the total, amounts in yuan, pending figures empty', async () => {
    const wb = await readXlsx(await writeReportXlsx(report));
    const status = table(report, 'status');
    const sheet = wb.worksheets[0]!;
    const firstData = 6;
    expect(sheet.getCell(firstData, 1).text).toBe(status.rows[0]!.label);
    expect(sheet.getCell(firstData, 2).value).toBe(status.rows[0]!.values[0]);
    expect(sheet.getCell(firstData + 2, 3).value).toBe(status.rows[2]!.values[1]);
    const totalRow = firstData + status.rows.length;
    expect(sheet.getCell(totalRow, 1).text).toBe('合计');
    expect(sheet.getCell(totalRow, 1).font?.bold).toBe(true);
    expect(sheet.getCell(totalRow, 2).value).toBe(400);
    expect(sheet.getCell(totalRow, 2).value).toBe(status.total.values[0]);

    const assistance = table(report, 'assistance');
    const money = wb.getWorksheet(assistance.title)!;
    const k = column(assistance, 'measures.yearFen');
    expect(assistance.total.values[k]).toBeGreaterThan(0);
    const cell = money.getCell(firstData + assistance.rows.length, k + 2);
    expect(cell.value).toBeCloseTo(assistance.total.values[k]! / 100, 2);
    expect(cell.numFmt).toBe('#,##0.00');
    expect(cell.alignment?.horizontal).toBe('right');
    // A figure without a source yet (pending) prints as an empty, bordered cell.
    const withPending = structuredClone(report);
    const red = column(assistance, 'incentives.red');
    table(withPending, 'assistance').columns[red]!.pending = true;
    const pendingSheet = (await readXlsx(await writeReportXlsx(withPending))).getWorksheet(assistance.title)!;
    expect(pendingSheet.getCell(firstData, red + 2).value).toBeNull();
    expect(pendingSheet.getCell(firstData, red + 2).border.left?.style).toBe('thin');
  });

  it('prints A4 landscape one page wide with the header repeated, frozen below the header, and signed below', async () => {
    const wb = await readXlsx(await writeReportXlsx(report));
    for (const sheet of wb.worksheets) {
      // Six villages fit one page; the sheet may be shrunk onto it.
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, horizontalCentered: true });
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1 });
      const text = sheetText(sheet);
      for (const field of ['填报单位（盖章）：', '填报人：', '审核人：', '联系电话：', '填报日期：2026年4月2日']) expect(text).toContain(field);
    }
    const first = wb.worksheets[0]!;
    expect(first.views[0]).toMatchObject({ ySplit: 5 });
    expect(first.pageSetup.printTitlesRow).toBe('3:5');
    // The causes table has two header rows.
    const causes = wb.getWorksheet(table(report, 'causes').title)!;
    expect(causes.views[0]).toMatchObject({ ySplit: 4 });
    expect(causes.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });

  it('prints a long sheet one page wide over as many pages as it takes', async () => {
    const long = syntheticReport(3000, 80);
    const wb = await readXlsx(await writeReportXlsx(long));
    for (const sheet of wb.worksheets) expect(sheet.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 0 });
    expect(wb.worksheets[0]!.getCell(6 + 80, 2).value).toBe(3000);
  });

  it('notes no close date for a live month', async () => {
    const live = syntheticReport(10, 2, { source: 'live', closedAt: null, closedBy: null });
    const sheet = (await readXlsx(await writeReportXlsx(live))).worksheets[0]!;
    const text = sheetText(sheet);
    expect(text).toContain('报表月份：2026年3月');
    expect(text).not.toContain('结账数据');
  });
});

describe('monthly report as PDF', () => {
  const report = syntheticReport(400, 6);

  it('prints every table with its title, the villages, the total, page numbers and the signature block', async () => {
    const out = await writeReportPdf(report, fontsDir);
    const read = await readPdf(out.buffer);
    const pdf = { text: squash(read.text), pages: read.pages.map((p) => ({ ...p, text: squash(p.text), lines: p.lines.map((l) => squash(l.text)) })) };
    expect(pdf.pages.length).toBe(out.pages);
    expect(out.pages).toBeGreaterThanOrEqual(report.tables.length);
    for (const page of pdf.pages) expect(page.width).toBeGreaterThan(page.height);
    report.tables.forEach((t, i) => expect(pdf.text).toContain(`表${i + 1}${t.title}`));
    expect(pdf.pages[0]!.text).toContain(reportTitle(report));
    expect(pdf.pages[0]!.text).toContain('填报单位：青山镇人民政府（盖章）');
    expect(pdf.pages[0]!.text).toContain('报表月份：2026年3月（2026年4月2日结账数据）');
    pdf.pages.forEach((page, i) => expect(read.pages[i]!.text).toContain(`第 ${i + 1} 页 共 ${out.pages} 页`));
    const last = pdf.pages[pdf.pages.length - 1]!.text;
    for (const field of ['填报单位（盖章）：', '填报人：', '审核人：', '联系电话：', '填报日期：2026年4月2日']) expect(last).toContain(field);

    // A village's line and the total's read as the report's figures, in order.
    const status = table(report, 'status');
    const line = (row: { label: string; values: number[] }) => row.label + status.columns.map((c, k) => valueText(c, row.values[k]!)).join('');
    const lines = pdf.pages[0]!.lines;
    expect(lines).toContain(line(status.rows[0]!));
    expect(lines).toContain(line(status.total));
    const assistance = table(report, 'assistance');
    const k = column(assistance, 'measures.yearFen');
    expect(pdf.text).toContain(valueText(assistance.columns[k]!, assistance.total.values[k]!));
    expect(valueText(assistance.columns[k]!, assistance.total.values[k]!)).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  });

  it('centres the cells spanning header rows inside the header', async () => {
    const pdf = await readPdf((await writeReportPdf(report, fontsDir)).buffer);
    report.tables.forEach((t, i) => {
      const page = pdf.pages[i]!.lines.map((l) => ({ y: l.y, text: squash(l.text) }));
      const unit = page.findIndex((l) => l.text.startsWith('填报单位'));
      const top = page[unit + 1]!;
      const village = page.find((l) => l.text.startsWith('行政村'))!;
      const firstRow = page.find((l) => l.text.startsWith(t.rows[0]!.label))!;
      expect(village.y).toBeGreaterThan(top.y);
      expect(village.y).toBeLessThan(firstRow.y);
    });
  });

  it('repeats the header on every page of a long table, each merged cell inside the header', async () => {
    const long = syntheticReport(4000, 80);
    const status = table(long, 'status');
    const pdf = await readPdf((await writeReportPdf(long, fontsDir)).buffer);
    const next = pdf.pages.findIndex((p) => squash(p.text).includes('表2防止返贫监测对象'));
    expect(next).toBeGreaterThan(1);
    const printed: string[] = [];
    for (const page of pdf.pages.slice(0, next)) {
      const lines = page.lines.map((l) => ({ y: l.y, text: squash(l.text) }));
      const y = (start: string) => lines.find((l) => l.text.startsWith(start))?.y ?? Number.NaN;
      const rows = lines.filter((l) => status.rows.some((r) => l.text.startsWith(r.label)) || l.text.startsWith('合计'));
      printed.push(...rows.map((l) => l.text));
      // 行政村 spans the header rows: below the top one (户状态), above the first village.
      expect(y('行政村')).toBeGreaterThan(y('户状态'));
      expect(y('行政村')).toBeLessThan(rows[0]!.y);
    }
    expect(printed).toHaveLength(status.rows.length + 1);
    expect(printed[printed.length - 1]).toBe(`合计${status.total.values.map((v, k) => valueText(status.columns[k]!, v)).join('')}`);
  });

  it('shrinks a wide table, then splits it into parts that each repeat the village column', async () => {
    const villages = report.tables[0]!.rows.slice(0, 3);
    const columns: ReportColumn[] = Array.from({ length: 90 }, (_, k) => ({ key: `c${k}`, header: [`分组${Math.floor(k / 6) + 1}`, `指标${k + 1}`], kind: 'count' }));
    const wide: ReportTable = {
      id: 'wide',
      title: '很宽的表',
      columns,
      rows: villages.map((v, i) => ({ ...v, values: columns.map((_, k) => 1000 * (i + 1) + k) })),
      total: { villageId: null, label: '合计', values: columns.map((_, k) => 6000 + 3 * k) },
    };
    const parts = planTable(wide);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.fontSize === 6)).toBe(true);
    // Whole groups of six stay together, every column printed once.
    expect(parts.flatMap((p) => p.columns)).toEqual(columns.map((_, k) => k));
    for (const p of parts) expect(p.columns.length % 6).toBe(0);
    const normal = planTable(table(report, 'status'));
    expect(normal).toHaveLength(1);
    expect(normal[0]!.fontSize).toBeGreaterThan(6);

    const out = await writeReportPdf({ ...report, tables: [wide] }, fontsDir);
    const pdf = await readPdf(out.buffer);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(parts.length);
    parts.forEach((p, i) => {
      const page = squash(pdf.pages[i]!.text);
      expect(page).toContain(`表1很宽的表（第${i + 1}部分，共${parts.length}部分）`);
      expect(page).toContain('行政村');
      for (const v of villages) expect(page).toContain(v.label);
      expect(page).toContain(`分组${p.columns[0]! / 6 + 1}`);
      expect(page).toContain(String(wide.total.values[p.columns[p.columns.length - 1]!]));
    });
  });
});

describe('a township without villages', () => {
  it('still writes both files, with the 合计 row at zero', async () => {
    const empty = syntheticReport(0, 0);
    expect(empty.tables[0]!.rows).toHaveLength(0);
    const wb = await readXlsx(await writeReportXlsx(empty));
    expect(wb.worksheets).toHaveLength(empty.tables.length);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell(6, 1).text).toBe('合计');
    expect(sheet.getCell(6, 2).value).toBe(0);
    const out = await writeReportPdf(empty, fontsDir);
    const pdf = await readPdf(out.buffer);
    expect(out.pages).toBeGreaterThanOrEqual(empty.tables.length);
    expect(pdf.text).toContain('合计');
    expect(pdf.text).toContain('填报人：');
  });
});
