/**
 * The monthly report as an Excel workbook in the manner of the county's forms (domain.md §9.2,
 * the Guangzhou S40 templates): one sheet per table, the title and the 填报单位 line above a
 * table whose headers are merged over several rows, one row per village and the township's
 * 合计, and the signature block below. Ready to print: A4 landscape, one page wide, the header
 * rows on every page.
 */
import ExcelJS from 'exceljs';
import { A4_LANDSCAPE, BODY_SIZE, BORDERS, FONT_NAME, HEAD_FILL, LINE_PT, PAGE_NUMBER_FOOTER, TOTAL_FILL } from './xlsx-style';
import type { MonthlyReport, ReportColumn, ReportTable } from '../../../shared/domain/report.types';
import { reportTitle } from '../../../shared/reports/monthly-report';
import { headerGrid, signatureFields, tableHeading, unitLine, valueText, VILLAGE_HEADER, type HeaderCell } from './report-format';

/* ---------- the workbook ---------- */

/** Shared style objects: exceljs recognises a style it has seen by identity. */
const STYLES = {
  head: { font: { name: FONT_NAME, size: BODY_SIZE, bold: true }, fill: HEAD_FILL, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  village: { font: { name: FONT_NAME, size: BODY_SIZE }, border: BORDERS, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  count: { font: { name: FONT_NAME, size: BODY_SIZE }, border: BORDERS, alignment: { horizontal: 'right', vertical: 'middle' } },
  fen: { font: { name: FONT_NAME, size: BODY_SIZE }, border: BORDERS, numFmt: '#,##0.00', alignment: { horizontal: 'right', vertical: 'middle' } },
  totalLabel: { font: { name: FONT_NAME, size: BODY_SIZE, bold: true }, fill: TOTAL_FILL, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle' } },
  totalCount: { font: { name: FONT_NAME, size: BODY_SIZE, bold: true }, fill: TOTAL_FILL, border: BORDERS, alignment: { horizontal: 'right', vertical: 'middle' } },
  totalFen: { font: { name: FONT_NAME, size: BODY_SIZE, bold: true }, fill: TOTAL_FILL, border: BORDERS, numFmt: '#,##0.00', alignment: { horizontal: 'right', vertical: 'middle' } },
  unitLeft: { font: { name: FONT_NAME, size: BODY_SIZE }, alignment: { horizontal: 'left', vertical: 'bottom', wrapText: true } },
  unitRight: { font: { name: FONT_NAME, size: BODY_SIZE }, alignment: { horizontal: 'right', vertical: 'bottom', wrapText: true } },
  title: { alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  signature: { font: { name: FONT_NAME, size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } },
} satisfies Record<string, Partial<ExcelJS.Style>>;


/** The printable area of the page setup, in points: A4 landscape less the margins and the footer. */
const PRINT_WIDTH = 842 - 72 * (0.3 + 0.3);
const PRINT_HEIGHT = 595 - 72 * (0.4 + 0.5) - 12;
/** How much longer than a page a sheet may be and still be shrunk onto one. */
const ONE_PAGE_SLACK = 1.3;

/**
 * Whether a sheet scaled to the page's width is a little too long for one page: shrunk a little
 * more, it prints on one page instead of leaving the last villages and the 合计 row on a second.
 * A longer sheet prints one page wide over as many pages as it takes (fitToHeight 0).
 */
function nearlyOnePage(widths: readonly number[], heights: readonly number[]): boolean {
  // A column of width w is w × 7 + 5 pixels at 96 dpi in the default font.
  const width = widths.reduce((sum, w) => sum + (w * 7 + 5) * 0.75, 0);
  const height = heights.reduce((sum, h) => sum + h, 0) * Math.min(1, PRINT_WIDTH / width);
  return height <= PRINT_HEIGHT * ONE_PAGE_SLACK;
}

/** Width of a text in Excel's column units (the width of a digit): an ideograph at 10 pt takes two. */
function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) < 0x80 ? 1.1 : 2;
  return units;
}

/** Lines a text wraps to in a cell `width` units wide (a unit and a half is kept for the cell's margins); a newline starts a line. */
const linesIn = (text: string, width: number) =>
  text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(textUnits(paragraph) / Math.max(1, width - 1.5))), 0);

/** A header that wraps is broken before its bracket, as a clerk would write it: 已脱贫 / （享受政策）. */
function headerText(text: string, width: number): string {
  const at = text.indexOf('（');
  if (at <= 0 || linesIn(text, width) === 1) return text;
  const broken = `${text.slice(0, at)}\n${text.slice(at)}`;
  return linesIn(broken, width) <= linesIn(text, width) + 1 ? broken : text;
}

/** Sheet names: at most 31 characters, none of \ / ? * [ ] :, not quoted, and distinct. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[\\/?*[\]:]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || '报表';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Column widths: the village names; for each figure its widest value, and room for the header
 * cells above it — a part of up to six ideographs on one line, a longer one on two (up to a limit).
 */
function columnWidths(table: ReportTable, cells: readonly HeaderCell[]): number[] {
  const labels = [VILLAGE_HEADER, ...table.rows.map((r) => r.label), table.total.label];
  const village = Math.min(20, Math.max(8, ...labels.map((l) => textUnits(l) + 2)));
  const figures = table.columns.map((c, k) => {
    const widest = Math.max(...[table.total, ...table.rows].map((r) => valueText(c, r.values[k]!).length));
    return Math.max(c.kind === 'fen' ? 11 : 6, widest + 2);
  });
  for (const cell of cells) {
    if (cell.col === 0) continue;
    const at = cell.text.indexOf('（');
    const parts = at > 0 ? [cell.text.slice(0, at), cell.text.slice(at)] : [cell.text];
    const need = Math.max(...parts.map((p) => (textUnits(p) <= 12 ? textUnits(p) : Math.ceil(textUnits(p) / 2)) + 1.5));
    const share = Math.min(16, need / cell.colSpan);
    for (let k = cell.col - 1; k < cell.col - 1 + cell.colSpan; k++) figures[k] = Math.max(figures[k]!, share);
  }
  return [village, ...figures.map((w) => Math.ceil(w * 2) / 2)];
}

/** Header row heights: each row fits the cells it holds alone; a cell spanning rows takes what it lacks from its last row. */
function headerHeights(cells: readonly HeaderCell[], depth: number, widths: readonly number[]): number[] {
  const spanWidth = (c: HeaderCell) => widths.slice(c.col, c.col + c.colSpan).reduce((s, w) => s + w, 0);
  const needed = (c: HeaderCell) => linesIn(headerText(c.text, spanWidth(c)), spanWidth(c)) * LINE_PT + 4;
  const heights = Array.from({ length: depth }, () => LINE_PT + 4);
  for (const c of cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row]!, needed(c));
  for (const c of cells) {
    if (c.rowSpan === 1) continue;
    const have = heights.slice(c.row, c.row + c.rowSpan).reduce((s, h) => s + h, 0);
    const last = c.row + c.rowSpan - 1;
    if (have < needed(c)) heights[last] = heights[last]! + needed(c) - have;
  }
  return heights;
}

function styleRange(sheet: ExcelJS.Worksheet, row: number, col: number, rowSpan: number, colSpan: number, style: Partial<ExcelJS.Style>) {
  for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) sheet.getCell(r, c).style = style;
}

function mergeText(sheet: ExcelJS.Worksheet, row: number, col: number, rowSpan: number, colSpan: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) {
  styleRange(sheet, row, col, rowSpan, colSpan, style);
  if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(row, col, row + rowSpan - 1, col + colSpan - 1);
  sheet.getCell(row, col).value = value;
}

/** Column ranges splitting `count` columns into `parts` nearly equal runs: [first, last] 1-based. */
function spread(count: number, parts: number): [number, number][] {
  const n = Math.min(parts, count);
  const ranges: [number, number][] = [];
  for (let i = 0, start = 1; i < n; i++) {
    const size = Math.floor(count / n) + (i < count % n ? 1 : 0);
    ranges.push([start, start + size - 1]);
    start += size;
  }
  return ranges;
}

/** Rows of the sheet, 1-based: the title, the unit line, then the header. */
const TITLE_ROW = 1;
const UNIT_ROW = 2;
const HEAD_ROW = 3;

function writeTable(sheet: ExcelJS.Worksheet, report: MonthlyReport, table: ReportTable, index: number): void {
  const { depth, cells } = headerGrid(table.columns);
  const widths = columnWidths(table, cells);
  const last = widths.length;
  const spanWidth = (c: HeaderCell) => widths.slice(c.col, c.col + c.colSpan).reduce((s, w) => s + w, 0);
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const totalWidth = widths.reduce((s, w) => s + w, 0);

  // Title: the report's, and the table's below it.
  const title = reportTitle(report);
  mergeText(sheet, TITLE_ROW, 1, 1, last, {
    richText: [
      { text: title, font: { name: FONT_NAME, size: 16, bold: true } },
      { text: `\n${tableHeading(index, table)}`, font: { name: FONT_NAME, size: 12, bold: true } },
    ],
  }, STYLES.title);
  sheet.getRow(TITLE_ROW).height = 42;

  const unit = unitLine(report);
  const half = Math.max(1, Math.floor(last / 2));
  const leftWidth = widths.slice(0, half).reduce((s, w) => s + w, 0);
  mergeText(sheet, UNIT_ROW, 1, 1, half, unit.left, STYLES.unitLeft);
  if (last > half) mergeText(sheet, UNIT_ROW, half + 1, 1, last - half, unit.right, STYLES.unitRight);
  sheet.getRow(UNIT_ROW).height = Math.max(linesIn(unit.left, leftWidth), linesIn(unit.right, totalWidth - leftWidth)) * LINE_PT + 6;

  // The header, merged over its rows.
  for (const c of cells) mergeText(sheet, HEAD_ROW + c.row, c.col + 1, c.rowSpan, c.colSpan, headerText(c.text, spanWidth(c)), STYLES.head);
  headerHeights(cells, depth, widths).forEach((h, i) => (sheet.getRow(HEAD_ROW + i).height = h));
  const headEnd = HEAD_ROW + depth - 1;

  // A row per village, then the township.
  let r = headEnd + 1;
  for (const row of [...table.rows, table.total]) {
    const isTotal = row === table.total;
    const label = sheet.getCell(r, 1);
    label.value = row.label;
    label.style = isTotal ? STYLES.totalLabel : STYLES.village;
    table.columns.forEach((c, k) => {
      const cell = sheet.getCell(r, k + 2);
      cell.style = c.kind === 'fen' ? (isTotal ? STYLES.totalFen : STYLES.fen) : isTotal ? STYLES.totalCount : STYLES.count;
      if (!c.pending) cell.value = c.kind === 'fen' ? row.values[k]! / 100 : row.values[k]!;
    });
    sheet.getRow(r).height = linesIn(row.label, widths[0]!) * LINE_PT + 1.5;
    r++;
  }

  // The signature block, a blank row below the table: three fields to a row, the date under 审核人.
  r++;
  const [unitField, filler, checker, phone, date] = signatureFields(report);
  const ranges = spread(last, 3);
  const rows = ranges.length === 3 ? [[unitField, filler, checker], [phone, '', date]] : signatureFields(report).map((f) => [f]);
  for (const fields of rows) {
    fields.forEach((text, i) => {
      const [from, to] = fields.length === 1 ? [1, last] : ranges[i]!;
      if (text) mergeText(sheet, r, from, 1, to - from + 1, text, STYLES.signature);
    });
    sheet.getRow(r).height = 20;
    r++;
  }

  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: headEnd, topLeftCell: `B${headEnd + 1}`, activeCell: `B${headEnd + 1}` }];
  const heights = Array.from({ length: r - 1 }, (_, i) => sheet.getRow(i + 1).height ?? 15);
  sheet.pageSetup = { ...A4_LANDSCAPE, fitToHeight: nearlyOnePage(widths, heights) ? 1 : 0, printTitlesRow: `${HEAD_ROW}:${headEnd}` };
  sheet.headerFooter = PAGE_NUMBER_FOOTER;
}

/** The report as an .xlsx: a sheet per table, named after it. */
export async function writeReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '帮扶台账';
  workbook.title = reportTitle(report);
  const taken = new Set<string>();
  report.tables.forEach((table, i) => {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken), { properties: { defaultRowHeight: 18 } });
    writeTable(sheet, report, table, i);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
