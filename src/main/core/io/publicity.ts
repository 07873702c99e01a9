/**
 * The red/black list publicity sheet (红黑榜公示) a village posts on its notice board, as an
 * Excel workbook and as a PDF: the title, the township and the publicity period, the 红榜 with
 * each household head's name, group, category and deeds, the 黑榜 with names only, the line on
 * objections and the village committee with the date at the foot. A4 portrait, on one page for
 * the usual lists (a long list runs on, its table head repeated).
 *
 * Only what PublicityData holds is printed (domain.md §8.1, §11), and its free texts are printed
 * with any mobile number (138****8000), ID number or account number in them masked: a clerk may
 * paste a note with a number into the deeds, and this sheet hangs in public.
 */
import ExcelJS from 'exceljs';
import { BODY_SIZE, BORDERS, FONT_NAME, HEAD_FILL, LINE_PT, PAGE_NUMBER_FOOTER, RED_INK } from './xlsx-style';
import type { Content, ContentTable, ContentText, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { GRID, LINE_HEIGHT_EM, wrapText } from '../../../shared/cards/card-fit';
import type { PublicityData } from '../../../shared/domain/incentive.types';
import { maskBankAccount, maskIdNumber, maskPhone } from '../../../shared/rules/masking';
import { monthLabel } from '../../../shared/reports/monthly-report';
import { PDF_FONT, usePdfFonts } from './pdf/fonts';
import { dateLabel } from './report-format';

/* ---------- what the sheet says, for both files ---------- */

/** Full-width digits as ASCII, so a number typed with a Chinese input method is masked too. */
const halfWidthDigits = (text: string) => text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** An ID number (18 digits or 17 and X, or the old 15), not inside a longer run of digits or letters. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** Any other run of 12 or more digits (a bank card or account number). */
const LONG_NUMBER = /(?<!\d)\d{12,}(?!\d)/g;
/** A mainland mobile number, with or without +86 and with or without separators: 138 0013 8000, 138-0013-8000. */
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g;

/**
 * A free text as it may be printed for the public: mobile numbers as 138****8000, ID numbers as
 * 110105********002X, other long numbers down to their last four digits.
 */
export function maskPublicText(text: string): string {
  return halfWidthDigits(text)
    .replace(ID_NUMBER, (id) => maskIdNumber(id.toUpperCase()))
    .replace(LONG_NUMBER, (n) => maskBankAccount(n))
    .replace(MOBILE, (_m, a: string, b: string, c: string) => maskPhone(`${a}${b}${c}`));
}

/** A cell's text: masked, on one line (a pasted line break would only confuse the layout). */
export const publicText = (text: string | null | undefined) => maskPublicText((text ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim());

/** “石桥村2026年10月红黑榜公示” */
export function publicityTitle(data: Pick<PublicityData, 'villageName' | 'month'>): string {
  return `${publicText(data.villageName)}${monthLabel(data.month)}红黑榜公示`;
}

/** “公示期：2026年11月1日至2026年11月3日”, or null when the evaluation has no period. */
export function publicityPeriod(data: Pick<PublicityData, 'publicityStart' | 'publicityEnd'>): string | null {
  const { publicityStart: start, publicityEnd: end } = data;
  if (start && end) return `公示期：${dateLabel(start)}至${dateLabel(end)}`;
  if (start) return `公示期：自${dateLabel(start)}起`;
  return null;
}

/** The line under the title: the township and, when there is one, the period. */
export function publicitySubtitle(data: PublicityData): string {
  const period = publicityPeriod(data);
  return [publicText(data.townshipName), period].filter(Boolean).join('　　');
}

/** 石桥村 → 石桥村村民委员会 (the committee's full name, as on its seal); a 社区 has a 居民委员会. */
export function committeeName(villageName: string): string {
  const name = publicText(villageName);
  return name.endsWith('社区') ? `${name}居民委员会` : `${name}村民委员会`;
}

export const RED_HEADING = '红榜';
export const BLACK_HEADING = '黑榜';
export const RED_HEADERS = ['序号', '户主姓名', '组', '事由类别', '主要事迹'] as const;
export const BLACK_HEADERS = ['序号', '户主姓名', '组'] as const;
export const BLACK_NOTE = '黑榜仅公布姓名；改正后经评议可下榜。';
export const EMPTY_LIST = '（无）';
export const OBJECTION_LINE = '公示期间如有异议，请向村民委员会反映。';

/** A public sheet's texts, masked, in the order they print (the line under the title may be empty). */
export interface PublicSheet {
  title: string;
  subtitle: string;
  red: string[][];
  black: string[][];
  foot: string;
}

function sheetOf(data: PublicityData): PublicSheet {
  return {
    title: publicityTitle(data),
    subtitle: publicitySubtitle(data),
    red: data.red.map((r, i) => [String(i + 1), publicText(r.name), publicText(r.groupName), publicText(r.reasonCategory), publicText(r.description)]),
    black: data.black.map((b, i) => [String(i + 1), publicText(b.name), publicText(b.groupName)]),
    foot: `${committeeName(data.villageName)}　${dateLabel(data.date)}`,
  };
}

/* ---------- the workbook ---------- */


/** Shared style objects: exceljs recognises a style it has seen by identity. */
export const STYLES = {
  title: { font: { name: FONT_NAME, size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  subtitle: { font: { name: FONT_NAME, size: BODY_SIZE }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  redHeading: { font: { name: FONT_NAME, size: 14, bold: true, color: { argb: RED_INK } }, alignment: { horizontal: 'left', vertical: 'bottom' } },
  blackHeading: { font: { name: FONT_NAME, size: 14, bold: true }, alignment: { horizontal: 'left', vertical: 'bottom' } },
  note: { font: { name: FONT_NAME, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  head: { font: { name: FONT_NAME, size: BODY_SIZE, bold: true }, fill: HEAD_FILL, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  centre: { font: { name: FONT_NAME, size: BODY_SIZE }, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  left: { font: { name: FONT_NAME, size: BODY_SIZE }, border: BORDERS, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  line: { font: { name: FONT_NAME, size: BODY_SIZE }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  foot: { font: { name: FONT_NAME, size: BODY_SIZE }, alignment: { horizontal: 'right', vertical: 'middle' } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Columns A–E: 序号, 户主姓名, 组, 事由类别, 主要事迹 (in Excel's units, the width of a digit). */
const COLUMN_WIDTHS = [5, 10, 8, 11, 62];
/** The 黑榜's three columns over the five: 序号 A, 户主姓名 B–D, 组 E. */
const BLACK_SPANS: [number, number][] = [
  [1, 1],
  [2, 4],
  [5, 5],
];
const RED_SPANS: [number, number][] = COLUMN_WIDTHS.map((_, i) => [i + 1, i + 1]);

/** A4 portrait, one page wide (and long, when nearly so), centred. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.5, right: 0.5, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
};
/** The printable area in points: A4 portrait less the margins. */
const PRINT_WIDTH = 595 - 72 * (0.5 + 0.5);
const PRINT_HEIGHT = 842 - 72 * (0.5 + 0.5);
/** How much longer than a page a sheet may be and still be shrunk onto one. */
const ONE_PAGE_SLACK = 1.3;

/** Width of a text in Excel's column units: an ideograph takes two. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) < 0x80 ? 1.1 : 2;
  return units;
}

/** Lines a text wraps to in a cell `width` units wide (a unit and a half kept for the cell's margins). */
export const linesIn = (text: string, width: number) => Math.max(1, Math.ceil(textUnits(text) / Math.max(1, width - 1.5)));

const spanWidth = ([from, to]: [number, number], widths: readonly number[]) => widths.slice(from - 1, to).reduce((s, w) => s + w, 0);

/** Height of a title row (18 pt, wrapping) across columns `totalWidth` units wide. */
export const titleRowHeight = (title: string, totalWidth: number) => Math.max(1, Math.ceil((textUnits(title) * 18) / 10.5 / (totalWidth - 2))) * 24 + 8;

/** `value` in cells `from` to `to` of a row, merged, each cell styled (a merged range keeps its cells' borders). */
export function mergeText(sheet: ExcelJS.Worksheet, row: number, from: number, to: number, value: string, style: Partial<ExcelJS.Style>): void {
  for (let c = from; c <= to; c++) sheet.getCell(row, c).style = style;
  if (to > from) sheet.mergeCells(row, from, row, to);
  sheet.getCell(row, from).value = value;
}

/** A line of text across columns 1 to `last` at `row`, `height` points high. Returns the next row. */
export function writeLine(sheet: ExcelJS.Worksheet, row: number, last: number, text: string, style: Partial<ExcelJS.Style>, height: number): number {
  mergeText(sheet, row, 1, last, text, style);
  sheet.getRow(row).height = height;
  return row + 1;
}

/** A workbook of one sheet, its columns `widths` wide and the bold title across them in row 1. */
export function titledWorkbook(title: string, sheetName: string, widths: readonly number[]): { workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '帮扶台账';
  workbook.title = title;
  const sheet = workbook.addWorksheet(sheetName, { properties: { defaultRowHeight: 18 }, views: [{ showGridLines: false }] });
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  writeLine(sheet, 1, widths.length, title, STYLES.title, titleRowHeight(title, widths.reduce((a, b) => a + b, 0)));
  return { workbook, sheet };
}

/** The line on objections and, on the right below it, who posts the sheet and when. Returns the foot's row. */
export function writeXlsxFoot(sheet: ExcelJS.Worksheet, row: number, last: number, objection: string, foot: string): number {
  return writeLine(sheet, writeLine(sheet, row, last, objection, STYLES.line, LINE_PT + 14), last, foot, STYLES.foot, LINE_PT + 20) - 1;
}

/**
 * A bordered table from `row`: its head, then a row per entry or one `empty` row (“（无）”).
 * `widths` are the sheet's columns, for the rows' heights. Returns the next free row.
 */
export function writeXlsxTable(
  sheet: ExcelJS.Worksheet,
  row: number,
  headers: readonly string[],
  spans: [number, number][],
  rows: string[][],
  leftAligned: number[],
  widths: readonly number[] = COLUMN_WIDTHS,
  empty = EMPTY_LIST,
): number {
  const last = spans[spans.length - 1]![1];
  headers.forEach((h, k) => mergeText(sheet, row, spans[k]![0], spans[k]![1], h, STYLES.head));
  sheet.getRow(row).height = LINE_PT + 6;
  row++;
  if (rows.length === 0) {
    mergeText(sheet, row, 1, last, empty, STYLES.centre);
    sheet.getRow(row).height = LINE_PT + 6;
    return row + 1;
  }
  for (const cells of rows) {
    cells.forEach((text, k) => mergeText(sheet, row, spans[k]![0], spans[k]![1], text, leftAligned.includes(k) ? STYLES.left : STYLES.centre));
    sheet.getRow(row).height = Math.max(...cells.map((text, k) => linesIn(text, spanWidth(spans[k]!, widths)))) * LINE_PT + 4;
    row++;
  }
  return row;
}

/** The publicity sheet as an .xlsx: one sheet, ready to print on A4 portrait. */
export async function writePublicityXlsx(data: PublicityData): Promise<Buffer> {
  const s = sheetOf(data);
  const { workbook, sheet } = titledWorkbook(s.title, '红黑榜公示', COLUMN_WIDTHS);
  const last = COLUMN_WIDTHS.length;
  const total = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);

  let r = 2;
  if (s.subtitle) r = writeLine(sheet, r, last, s.subtitle, STYLES.subtitle, linesIn(s.subtitle, total) * LINE_PT + 8);

  r = writeLine(sheet, r, last, RED_HEADING, STYLES.redHeading, 26);
  r = writeXlsxTable(sheet, r, RED_HEADERS, RED_SPANS, s.red, [4]);

  r = writeLine(sheet, r, last, BLACK_HEADING, STYLES.blackHeading, 30);
  r = writeLine(sheet, r, last, BLACK_NOTE, STYLES.note, LINE_PT + 4);
  r = writeXlsxTable(sheet, r, BLACK_HEADERS, BLACK_SPANS, s.black, []);

  r = writeXlsxFoot(sheet, r, last, OBJECTION_LINE, s.foot);

  // Scaled to the page's width, a sheet a little too long is shrunk onto one page; a longer one runs on.
  const width = COLUMN_WIDTHS.reduce((sum, w) => sum + (w * 7 + 5) * 0.75, 0);
  const height = Array.from({ length: r }, (_, i) => sheet.getRow(i + 1).height ?? 18).reduce((a, b) => a + b, 0) * Math.min(1, PRINT_WIDTH / width);
  const onePage = height <= PRINT_HEIGHT * ONE_PAGE_SLACK;
  sheet.pageSetup = { ...PAGE_SETUP, fitToHeight: onePage ? 1 : 0, printArea: `A1:E${r}` };
  if (!onePage) sheet.headerFooter = PAGE_NUMBER_FOOTER;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/* ---------- the PDF ---------- */

const PAGE = { width: 595.28, height: 841.89 };
const MARGINS: [number, number, number, number] = [40, 36, 40, 36];
const CONTENT_WIDTH = PAGE.width - MARGINS[0] - MARGINS[2];
const CONTENT_HEIGHT = PAGE.height - MARGINS[1] - MARGINS[3];
/** Cell padding (wrapText keeps GRID.cellPadX either side) and the rules. */
export const PAD_X = GRID.cellPadX;
const PAD_Y = 2;
export const RULE = 0.6;
/** Table text sizes tried, largest first, for the sheet to fit one page; a list too long for that runs on at FLOW_SIZE. */
const TABLE_SIZES = [11, 10.5, 10, 9.5, 9, 8.5, 8];
export const FLOW_SIZE = 10;
/** Table lines are set a little closer than the font's own spacing. */
export const TABLE_LINE_HEIGHT = 0.92;
export const TITLE_SIZE = 18;
export const SUBTITLE_SIZE = 11;
export const HEADING_SIZE = 14;
const NOTE_SIZE = 9.5;
export const TEXT_SIZE = 11;
const PDF_HEAD_FILL = '#e7e6e6';
export const PDF_RED = '#c00000';

export const lineHeight = (fontSize: number, factor = 1) => fontSize * LINE_HEIGHT_EM * factor;

/** Width of a text in ems, generously (an over-estimate only widens a column). */
export function em(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x80 ? 0.62 : 1;
  return w;
}

/** Lines of a text in a cell whose content is `width` points wide. */
export const linesOf = (text: string, width: number, fontSize: number) => wrapText(text, width + 2 * PAD_X, fontSize);

/** Lines as one text: each line in one piece, newlines between (a newline inside a noWrap text is dropped). */
export function inlines(lines: readonly string[], style: Omit<ContentText, 'text'> = {}): ContentText {
  if (lines.length === 1) return { text: lines[0]!, noWrap: true, ...style };
  return { text: lines.flatMap((line, i) => (i === 0 ? [{ text: line, noWrap: true }] : [{ text: '\n' }, { text: line, noWrap: true }])), ...style };
}

/** Content widths of the 红榜's columns: 序号, name, group and category as wide as they need (within limits), the deeds the rest. */
function redWidths(s: PublicSheet, fs: number): number[] {
  const col = (k: number, minEm: number, maxEm: number) => Math.min(maxEm, Math.max(minEm, ...s.red.map((r) => em(r[k]!) + 0.5))) * fs + 1;
  const fixed = [col(0, em('序号'), 3), col(1, em('户主姓名'), 6), col(2, 2.5, 6), col(3, em('事由类别'), 7)];
  const cells = fixed.reduce((a, w) => a + w, 0) + 5 * (2 * PAD_X + RULE) + RULE;
  return [...fixed, CONTENT_WIDTH - cells];
}

/** Content widths of the 黑榜's columns: 序号 as in the 红榜, the name and group halving the rest. */
function blackWidths(fs: number): number[] {
  const first = em('序号') * fs + 1;
  const rest = (CONTENT_WIDTH - first - 3 * (2 * PAD_X + RULE) - RULE) / 2;
  return [first, rest, rest];
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

/** A table's cells, laid out in lines (an empty list as one `empty` row), and its height as pdfmake will lay it out. */
export function pdfTable(headers: readonly string[], rows: string[][], widths: number[], fs: number, leftAligned: number[], empty = EMPTY_LIST): { table: ContentTable; height: number } {
  const lh = lineHeight(fs, TABLE_LINE_HEIGHT);
  const rowExtra = 2 * PAD_Y + RULE;
  const head: TableCell[] = headers.map((h, k) => inlines(linesOf(h, widths[k]!, fs), { bold: true, alignment: 'center', fillColor: PDF_HEAD_FILL }));
  let height = RULE + Math.max(...headers.map((h, k) => linesOf(h, widths[k]!, fs).length)) * lh + rowExtra;
  const body: TableCell[][] = [];
  if (rows.length === 0) {
    body.push([{ text: empty, noWrap: true, alignment: 'center', colSpan: headers.length }, ...headers.slice(1).map((): TableCell => ({}))]);
    height += lh + rowExtra;
  }
  for (const cells of rows) {
    const lines = cells.map((text, k) => linesOf(text, widths[k]!, fs));
    body.push(lines.map((l, k) => inlines(l, { alignment: leftAligned.includes(k) ? 'left' : 'center' })));
    height += Math.max(...lines.map((l) => l.length)) * lh + rowExtra;
  }
  return {
    table: { table: { headerRows: 1, dontBreakRows: true, widths, body: [head, ...body] }, layout: tableLayout, fontSize: fs, lineHeight: TABLE_LINE_HEIGHT },
    height,
  };
}

/** A paragraph `width` points wide, laid out in lines, with `top` and `bottom` space, and its height. */
export function textBlock(text: string, size: number, style: Omit<ContentText, 'text'>, [top, bottom]: [number, number], width = CONTENT_WIDTH): { node: ContentText; height: number } {
  const lines = linesOf(text, width, size);
  return { node: inlines(lines, { fontSize: size, margin: [0, top, 0, bottom], ...style }), height: top + bottom + lines.length * lineHeight(size) };
}

/** The line on objections and, on the right below it, who posts the sheet and when: kept together. */
export function pdfFoot(objection: string, foot: string, width = CONTENT_WIDTH): { node: Content; height: number } {
  const lines = [textBlock(objection, TEXT_SIZE, {}, [10, 0], width), textBlock(foot, TEXT_SIZE, { alignment: 'right' }, [14, 0], width)];
  return { node: { stack: lines.map((p) => p.node), unbreakable: true }, height: lines.reduce((sum, p) => sum + p.height, 0) };
}

/**
 * pdfmake's pageBreakBefore: a node of headline `level` starts a new page when less than `need`
 * points are left above `bottom` (the page's height less its bottom margin), so a heading never
 * stays behind alone at the foot of a page.
 */
export const keepHeadline =
  (level: number, need: number, bottom: number): NonNullable<TDocumentDefinitions['pageBreakBefore']> =>
  (node) =>
    node.headlineLevel === level && node.startPosition.top + need > bottom;

/** The headline level marking the 黑榜's block, whose heading never stays behind at the foot of a page without its table. */
const BLACK_LEVEL = 1;

/**
 * The sheet at one table size, and its height. The 黑榜 keeps to one page when short; a long one
 * starts on a new page rather than leave its heading alone at the foot of one (see keepBlackHeading).
 */
function pdfContent(s: PublicSheet, fs: number): { content: Content[]; height: number; blackStart: number } {
  const top = [
    textBlock(s.title, TITLE_SIZE, { bold: true, alignment: 'center' }, [0, 4]),
    ...(s.subtitle ? [textBlock(s.subtitle, SUBTITLE_SIZE, { alignment: 'center' }, [0, 8])] : []),
    textBlock(RED_HEADING, HEADING_SIZE, { bold: true, color: PDF_RED }, [2, 3]),
  ];
  const red = pdfTable(RED_HEADERS, s.red, redWidths(s, fs), fs, [4]);
  const blackTop = [textBlock(BLACK_HEADING, HEADING_SIZE, { bold: true }, [10, 1]), textBlock(BLACK_NOTE, NOTE_SIZE, {}, [0, 3])];
  const black = pdfTable(BLACK_HEADERS, s.black, blackWidths(fs), fs, []);
  const tail = pdfFoot(OBJECTION_LINE, s.foot);
  const blackTopHeight = blackTop.reduce((sum, p) => sum + p.height, 0);
  const content: Content[] = [
    ...top.map((p) => p.node),
    red.table,
    { headlineLevel: BLACK_LEVEL, stack: [...blackTop.map((p) => p.node), black.table], unbreakable: blackTopHeight + black.height <= CONTENT_HEIGHT / 2 },
    tail.node,
  ];
  const height = [...top, ...blackTop, tail].reduce((sum, p) => sum + p.height, 0) + red.height + black.height;
  // What must follow the 黑榜's heading on its page: the note, the table's head and a row.
  const blackStart = blackTopHeight + 2 * (lineHeight(fs, TABLE_LINE_HEIGHT) + 2 * PAD_Y + RULE) + RULE;
  return { content, height, blackStart };
}

/** The table size the sheet prints at: the largest that keeps it on one page, else FLOW_SIZE over several. */
export function publicityTableSize(data: PublicityData): number {
  const s = sheetOf(data);
  return TABLE_SIZES.find((fs) => pdfContent(s, fs).height <= CONTENT_HEIGHT - 2) ?? FLOW_SIZE;
}

/** The publicity sheet as a PDF with the embedded Chinese font. */
export async function writePublicityPdf(data: PublicityData, fontsDir: string): Promise<Buffer> {
  const s = sheetOf(data);
  const { content, blackStart } = pdfContent(s, publicityTableSize(data));
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    content,
    defaultStyle: { font: PDF_FONT, fontSize: TEXT_SIZE, lineHeight: 1 },
    // A long 黑榜 (its stack breakable) starts on a new page when its heading, note, head and first row would not fit.
    pageBreakBefore: keepHeadline(BLACK_LEVEL, blackStart, PAGE.height - MARGINS[3]),
    footer: (page, count) => (count > 1 ? { text: `第 ${page} 页 共 ${count} 页`, alignment: 'center', fontSize: 8, noWrap: true, margin: [0, 12, 0, 0] } : null),
    info: { title: s.title, creator: '帮扶台账', producer: '帮扶台账' },
  };
  return usePdfFonts(fontsDir).createPdf(doc).getBuffer();
}
