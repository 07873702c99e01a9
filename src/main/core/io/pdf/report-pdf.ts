/**
 * The monthly report as a PDF (pdfmake): A4 landscape, each table from a new page under the
 * report's title and the 填报单位 line, headers merged over several rows as in the workbook, the
 * page number in the footer and the signature block after the last table.
 *
 * A table always takes the page's width: its font shrinks from 9 pt to 6 pt until its columns
 * fit (and down to 7 pt if that keeps it on one page), and a table still too wide is printed in
 * parts, each repeating the 行政村 column. Every text is laid out in lines broken beforehand
 * (wrapText), so pdfmake never breaks a Chinese text a character at a time, and the header's
 * layout is known exactly, which centres the merged cells.
 */
import type { Content, ContentTable, ContentText, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { GRID, LINE_HEIGHT_EM, wrapText } from '../../../../shared/cards/card-fit';
import type { MonthlyReport, ReportColumn, ReportTable } from '../../../../shared/domain/report.types';
import { reportTitle } from '../../../../shared/reports/monthly-report';
import { headerGrid, signatureFields, type HeaderCell, tableHeading, unitLine, valueText } from '../report-format';
import { PDF_FONT, usePdfFonts } from './fonts';

/** A4 landscape, in points. */
const PAGE_WIDTH = 841.89;
const MARGINS: [number, number, number, number] = [24, 22, 24, 30];
const CONTENT_WIDTH = PAGE_WIDTH - MARGINS[0] - MARGINS[2];
/** Cell padding and rule width of the tables. */
const PAD_X = 2;
const PAD_Y = 1.5;
const RULE = 0.5;
/** The sizes a table's text is tried at, largest first. */
const FONT_SIZES = [9, 8.5, 8, 7.5, 7, 6.5, 6];
/** A figure's column is never narrower than two ideographs and a bit, nor its header deeper than about three lines. */
const MIN_COLUMN_EM = 2.2;
const HEADER_LINES = 3;
const MAX_HEADER_EM = 4;
/** A header cell of up to eight ideographs is kept on one line when there is room. */
const ONE_LINE_EM = 8;
/** A table is set smaller, down to this size, when that keeps it on one page. */
const ONE_PAGE_MIN_FONT = 7;
const PAGE_HEIGHT = 595.28;
const CONTENT_HEIGHT = PAGE_HEIGHT - MARGINS[1] - MARGINS[3];
/** The report's title, the table's and the unit line above a table (15, 11 and 9 pt lines and their margins). */
const TITLE_BLOCK = (15 + 11 + 9) * LINE_HEIGHT_EM + 11;
/** The village column: wide enough for 行政村, a long name wraps after eight ideographs. */
const VILLAGE_EM = [3, 8] as const;
/** A narrow table's figures stop widening here; the table is then centred. */
const MAX_COLUMN_EM = 12;
/**
 * Lines in the tables are set closer than the font's own spacing (1.45 em): figures and short
 * headers read as well, and a township of 30 villages keeps each table on one page.
 */
const TABLE_LINE_HEIGHT = 0.85;
const HEAD_FILL = '#e7e6e6';
const TOTAL_FILL = '#f2f2f2';

/**
 * Width of a text in ems of Noto Sans SC: digits, separators and minus as the font draws them,
 * other ASCII generously, everything else a full em. An over-estimate only widens a column.
 */
function em(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') w += 0.59;
    else if (ch === ',' || ch === '.') w += 0.325;
    else if (ch === '-') w += 0.37;
    else w += ch.charCodeAt(0) < 0x80 ? 0.7 : 1;
  }
  return w;
}

/** Lines of a text in a cell whose content is `width` points wide (wrapText counts the cards' padding in). */
const linesOf = (text: string, width: number, fontSize: number) => wrapText(text, width + 2 * GRID.cellPadX, fontSize);

/** Lines as one text: each line in one piece, newlines between (a newline inside a noWrap text is dropped). */
function inlines(lines: readonly string[], style: Omit<ContentText, 'text'> = {}): ContentText {
  if (lines.length === 1) return { text: lines[0]!, noWrap: true, ...style };
  return { text: lines.flatMap((line, i) => (i === 0 ? [{ text: line, noWrap: true }] : [{ text: '\n' }, { text: line, noWrap: true }])), ...style };
}

/**
 * A header's lines: as even as the lines allow (不愁 / 吃穿, not 不愁吃 / 穿), and broken before
 * its bracket when that takes no more lines (已脱贫 / （享受政策）).
 */
function headerLines(text: string, width: number, fontSize: number): string[] {
  const balanced = (t: string) => {
    const lines = linesOf(t, width, fontSize);
    if (lines.length === 1) return lines;
    let [lo, hi] = [width / lines.length, width];
    for (let step = 0; step < 12; step++) {
      const mid = (lo + hi) / 2;
      if (linesOf(t, mid, fontSize).length === lines.length) hi = mid;
      else lo = mid;
    }
    return linesOf(t, hi, fontSize);
  };
  const plain = balanced(text);
  const at = text.indexOf('（');
  if (plain.length > 1 && at > 0) {
    const split = [...balanced(text.slice(0, at)), ...balanced(text.slice(at))];
    if (split.length <= plain.length) return split;
  }
  return plain;
}

/** A text in the lines it takes in a cell `width` points wide. */
const lined = (text: string, width: number, fontSize: number, style: Omit<ContentText, 'text'> = {}) => inlines(linesOf(text, width, fontSize), style);

/** A part of a table as printed on its pages: its font size, its columns (indexes into the table's) and their widths. */
export interface TablePart {
  fontSize: number;
  columns: number[];
  villageWidth: number;
  widths: number[];
}

/** Width the village column and the given figure columns take with padding and rules. */
const spanned = (contentWidths: readonly number[]) => contentWidths.reduce((s, w) => s + w + 2 * PAD_X + RULE, RULE);
/** The content width of a header cell over `colSpan` columns, the rules and padding between them included. */
const acrossColumns = (widths: readonly number[]) => widths.reduce((s, w) => s + w, 0) + (widths.length - 1) * (2 * PAD_X + RULE);

function villageWidth(table: ReportTable, fontSize: number): number {
  const widest = Math.max(em('行政村'), em(table.total.label), ...table.rows.map((r) => em(r.label)));
  return Math.min(VILLAGE_EM[1], Math.max(VILLAGE_EM[0], widest)) * fontSize + 0.5;
}

/** Column widths at one size: the narrowest each may be, and the width that keeps its header cells on one line. */
interface Sizing {
  fontSize: number;
  village: number;
  min: number[];
  want: number[];
}

function sizing(table: ReportTable, fontSize: number): Sizing {
  const min = table.columns.map((column, k) => {
    const widest = Math.max(0, ...[table.total, ...table.rows].map((r) => em(valueText(column, r.values[k]!))));
    const leaf = column.header[column.header.length - 1] ?? '';
    return Math.max(widest, MIN_COLUMN_EM, Math.min(MAX_HEADER_EM, em(leaf) / HEADER_LINES)) * fontSize + 0.5;
  });
  const want = [...min];
  for (const cell of headerGrid(table.columns).cells) {
    if (cell.col === 0) continue;
    const share = (Math.min(ONE_LINE_EM, em(cell.text)) * fontSize + 0.5 - (cell.colSpan - 1) * (2 * PAD_X + RULE)) / cell.colSpan;
    for (let k = cell.col - 1; k < cell.col - 1 + cell.colSpan; k++) want[k] = Math.max(want[k]!, share);
  }
  return { fontSize, village: villageWidth(table, fontSize), min, want };
}

/**
 * The widths of some columns on the page: the room beyond their narrowest goes first to keeping
 * headers on one line, the rest evenly, up to the widest a figure's column gets.
 */
function columnWidths(s: Sizing, columns: readonly number[]): number[] {
  const min = columns.map((k) => s.min[k]!);
  const want = columns.map((k) => s.want[k]!);
  const spare = CONTENT_WIDTH - spanned([s.village, ...min]);
  const gap = want.reduce((sum, w, i) => sum + w - min[i]!, 0);
  if (spare <= gap) return min.map((m, i) => (gap > 0 ? m + ((want[i]! - m) * Math.max(0, spare)) / gap : m));
  const each = (spare - gap) / Math.max(1, want.length);
  return want.map((w) => Math.max(w, Math.min(w + each, MAX_COLUMN_EM * s.fontSize)));
}

const lineHeight = (fontSize: number) => fontSize * LINE_HEIGHT_EM * TABLE_LINE_HEIGHT;
/** What a row adds beyond its content: its padding and the rule below it. */
const ROW_EXTRA = 2 * PAD_Y + RULE;

/**
 * The header laid out as pdfmake will: each cell's lines, each row's content height (its
 * tallest single-row cell; a cell spanning rows lengthens its last row if it needs to), and the
 * top margin that centres each cell in the rows it spans (pdfmake's own vertical alignment
 * misplaces cells that span rows).
 */
function headerLayout(cells: readonly HeaderCell[], depth: number, widths: readonly number[], fontSize: number) {
  const lh = lineHeight(fontSize);
  const lines = cells.map((c) => headerLines(c.text, acrossColumns(widths.slice(c.col, c.col + c.colSpan)), fontSize));
  const rows = Array.from({ length: depth }, () => 0);
  cells.forEach((c, i) => {
    if (c.rowSpan === 1) rows[c.row] = Math.max(rows[c.row]!, lines[i]!.length * lh);
  });
  const area = (c: HeaderCell) => rows.slice(c.row, c.row + c.rowSpan).reduce((sum, h) => sum + h, 0) + (c.rowSpan - 1) * ROW_EXTRA;
  cells
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.rowSpan > 1)
    .sort((a, b) => a.c.row + a.c.rowSpan - (b.c.row + b.c.rowSpan))
    .forEach(({ c, i }) => {
      const lack = lines[i]!.length * lh - area(c);
      if (lack > 0) rows[c.row + c.rowSpan - 1]! += lack;
    });
  const margins = cells.map((c, i) => Math.max(0, (area(c) - lines[i]!.length * lh) / 2));
  return { lines, margins, height: rows.reduce((sum, h) => sum + h + ROW_EXTRA, 0) };
}

/** Height of a part's table with its title lines, as pdfmake will lay it out. */
function estimatedHeight(table: ReportTable, part: TablePart): number {
  const fs = part.fontSize;
  const { depth, cells } = headerGrid(part.columns.map((k) => table.columns[k]!));
  const head = headerLayout(cells, depth, [part.villageWidth, ...part.widths], fs).height;
  const body = [...table.rows, table.total].reduce((sum, r) => sum + linesOf(r.label, part.villageWidth, fs).length * lineHeight(fs) + ROW_EXTRA, 0);
  return TITLE_BLOCK + head + body + RULE;
}

/**
 * How a table prints: at the largest size its columns fit the page's width, or smaller — down to
 * 7 pt when that keeps it on one page with `below` points to spare (the signature block after the
 * last table), by a point when that keeps its headers on one line each; too wide even at 6 pt, in
 * as few parts as it takes.
 */
export function planTable(table: ReportTable, below = 0): TablePart[] {
  const all = table.columns.map((_, k) => k);
  const whole = (fontSize: number): (TablePart & { roomy: boolean }) | null => {
    const s = sizing(table, fontSize);
    if (spanned([s.village, ...s.min]) > CONTENT_WIDTH) return null;
    return { fontSize, columns: all, villageWidth: s.village, widths: columnWidths(s, all), roomy: spanned([s.village, ...s.want]) <= CONTENT_WIDTH };
  };
  const fitting = FONT_SIZES.map(whole).filter((p) => p !== null);
  if (fitting.length > 0) {
    const onePage = fitting.filter((p) => p.fontSize >= ONE_PAGE_MIN_FONT && estimatedHeight(table, p) + below <= CONTENT_HEIGHT);
    const pool = onePage.length > 0 ? onePage : fitting;
    // A point smaller, if that keeps the headers whole.
    const { roomy: _roomy, ...part } = pool.find((p) => p.roomy && p.fontSize >= pool[0]!.fontSize - 1) ?? pool[0]!;
    return [part];
  }
  const s = sizing(table, FONT_SIZES[FONT_SIZES.length - 1]!);
  const fits = (group: readonly number[]) => spanned([s.village, ...group.map((k) => s.min[k]!)]) <= CONTENT_WIDTH;
  const parts: number[][] = [];
  for (const group of unbreakableGroups(table.columns, all, 0, fits)) {
    const current = parts[parts.length - 1];
    if (current && fits([...current, ...group])) current.push(...group);
    else parts.push([...group]);
  }
  return parts.map((columns) => ({ fontSize: s.fontSize, columns, villageWidth: s.village, widths: columnWidths(s, columns) }));
}

/**
 * Groups of columns a part should not cut through: the columns under one header cell of the
 * given level, broken further down while a group is wider than a page.
 */
function unbreakableGroups(columns: readonly ReportColumn[], indexes: readonly number[], level: number, fits: (group: number[]) => boolean): number[][] {
  const groups: number[][] = [];
  const key = (k: number) => (columns[k]!.header.length > level + 1 ? columns[k]!.header.slice(0, level + 1).join('\u0000') : null);
  for (const k of indexes) {
    const prev = groups[groups.length - 1];
    if (prev && key(k) !== null && key(k) === key(prev[0]!)) prev.push(k);
    else groups.push([k]);
  }
  return groups.flatMap((g) => (g.length > 1 && !fits(g) ? unbreakableGroups(columns, g, level + 1, fits) : [g]));
}

const tableLayout = {
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => PAD_X,
  paddingRight: () => PAD_X,
  paddingTop: () => PAD_Y,
  paddingBottom: () => PAD_Y,
};

function partTable(table: ReportTable, part: TablePart): ContentTable {
  const fs = part.fontSize;
  const widths = [part.villageWidth, ...part.widths];
  const { depth, cells } = headerGrid(part.columns.map((k) => table.columns[k]!));
  const layout = headerLayout(cells, depth, widths, fs);
  const head: TableCell[][] = Array.from({ length: depth }, () => widths.map((): TableCell => ({})));
  cells.forEach((c, i) => {
    head[c.row]![c.col] = {
      ...inlines(layout.lines[i]!, { bold: true, alignment: 'center', fillColor: HEAD_FILL, margin: [0, layout.margins[i]!, 0, 0] }),
      ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
    };
  });
  const body: TableCell[][] = [...table.rows, table.total].map((row) => {
    const total = row === table.total;
    const style = total ? { bold: true, fillColor: TOTAL_FILL } : {};
    return [
      lined(row.label, part.villageWidth, fs, { ...style, alignment: total ? 'center' : 'left' }),
      ...part.columns.map((k): TableCell => ({ text: valueText(table.columns[k]!, row.values[k]!), noWrap: true, alignment: 'right', ...style })),
    ];
  });
  return { table: { headerRows: depth, widths, body: [...head, ...body] }, layout: tableLayout, fontSize: fs, lineHeight: TABLE_LINE_HEIGHT };
}

/** The table centred when it is narrower than the page. */
function centred(table: ContentTable, width: number): Content {
  if (width >= CONTENT_WIDTH - 1) return table;
  return { columns: [{ width: '*', text: '' }, { width: 'auto', stack: [table] }, { width: '*', text: '' }], columnGap: 0 };
}

function tableContent(report: MonthlyReport, table: ReportTable, index: number, last: boolean): Content[] {
  const parts = planTable(table, last ? SIGNATURE_HEIGHT : 0);
  const unit = unitLine(report);
  const half = CONTENT_WIDTH / 2;
  return parts.map((part, p): Content => {
    const heading = parts.length > 1 ? `${tableHeading(index, table)}（第${p + 1}部分，共${parts.length}部分）` : tableHeading(index, table);
    const top: Content[] =
      p === 0
        ? [
            lined(reportTitle(report), CONTENT_WIDTH, 15, { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 2] }),
            lined(heading, CONTENT_WIDTH, 11, { fontSize: 11, bold: true, alignment: 'center', margin: [0, 0, 0, 6] }),
            {
              columns: [
                { width: half, ...lined(unit.left, half, 9) },
                { width: half, ...lined(unit.right, half, 9, { alignment: 'right' }) },
              ],
              fontSize: 9,
              margin: [0, 0, 0, 3],
            },
          ]
        : [lined(heading, CONTENT_WIDTH, 11, { fontSize: 11, bold: true, alignment: 'center', margin: [0, 0, 0, 6] })];
    const width = spanned([part.villageWidth, ...part.widths]);
    return { stack: [...top, centred(partTable(table, part), width)], pageBreak: index > 0 || p > 0 ? 'before' : undefined };
  });
}

const SIGNATURE_SIZE = 10;
const SIGNATURE_GAP = 18;
const SIGNATURE_HEIGHT = SIGNATURE_GAP + SIGNATURE_SIZE * LINE_HEIGHT_EM;

function signatureBlock(report: MonthlyReport): Content {
  const fields = signatureFields(report);
  const width = CONTENT_WIDTH / fields.length;
  return {
    columns: fields.map((f) => ({ width, ...lined(f, width, SIGNATURE_SIZE) })),
    fontSize: SIGNATURE_SIZE,
    margin: [0, SIGNATURE_GAP, 0, 0],
    unbreakable: true,
  };
}

export interface ReportPdfOutput {
  buffer: Buffer;
  pages: number;
}

export async function writeReportPdf(report: MonthlyReport, fontsDir: string): Promise<ReportPdfOutput> {
  const content: Content[] = report.tables.flatMap((table, i) => tableContent(report, table, i, i === report.tables.length - 1));
  if (content.length === 0) content.push(lined(reportTitle(report), CONTENT_WIDTH, 15, { fontSize: 15, bold: true, alignment: 'center' }));
  content.push(signatureBlock(report));
  let pages = 0;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    content,
    defaultStyle: { font: PDF_FONT, fontSize: 9, lineHeight: 1 },
    footer: (page, count) => {
      pages = Math.max(pages, count);
      return { text: `第 ${page} 页 共 ${count} 页`, alignment: 'center', fontSize: 8, noWrap: true, margin: [0, 10, 0, 0] };
    },
    info: { title: reportTitle(report), creator: '帮扶台账', producer: '帮扶台账' },
  };
  const buffer: Buffer = await usePdfFonts(fontsDir).createPdf(doc).getBuffer();
  return { buffer, pages };
}
