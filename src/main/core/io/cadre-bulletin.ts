/**
 * The township's monthly bulletin of the cadres' red/black list (帮扶干部红黑榜通报), as an Excel
 * workbook and as a PDF: the title, an opening line with how many cadres were assessed, the
 * standard and where the list stands (公示中 with its period, or 已定稿), the 红榜 and the 黑榜 —
 * each cadre's name, unit, role, village, paired households, visit and satisfaction rates, why
 * and what follows — the line on objections and the township government with the date at the
 * foot. A4 landscape; a long list runs on, its table head repeated, every page numbered.
 *
 * It goes out as a public document, so only what CadreBulletinData holds is printed (no ID
 * numbers, phones or households) and every free text goes through maskPublicText, as on the
 * villages' publicity sheet (publicity.ts, whose layout helpers this file shares). In the
 * workbook a text that would read as a formula is neutralised (cell-text.ts).
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CadreBulletinData, CadreBulletinLine } from '../../../shared/domain/cadre-assessment.types';
import { monthLabel } from '../../../shared/reports/monthly-report';
import { neutraliseFormula } from './cell-text';
import { PDF_FONT, usePdfFonts } from './pdf/fonts';
import {
  BLACK_HEADING,
  em,
  FLOW_SIZE,
  HEADING_SIZE,
  keepHeadline,
  lineHeight,
  linesIn,
  PAD_X,
  PDF_RED,
  pdfFoot,
  pdfTable,
  publicityPeriod,
  type PublicSheet,
  publicText,
  RED_HEADING,
  RULE,
  STYLES,
  TABLE_LINE_HEIGHT,
  TEXT_SIZE,
  textBlock,
  TITLE_SIZE,
  titledWorkbook,
  writeLine,
  writeXlsxFoot,
  writeXlsxTable,
} from './publicity';
import { dateLabel } from './report-format';
import { A4_LANDSCAPE, LINE_PT, PAGE_NUMBER_FOOTER } from './xlsx-style';

/* ---------- what the bulletin says, for both files ---------- */

export const BULLETIN_HEADERS = ['序号', '姓名', '单位', '帮扶身份', '驻村/帮扶村', '结对户数', '走访完成率', '群众满意率', '事由', '措施'] as const;
/** The columns printed flush left (单位, 事由); the rest are centred. */
const LEFT_ALIGNED = [2, 8];
const REASON_COLUMN = 8;
export const NONE_THIS_MONTH = '本月无';
export const CONSECUTIVE_BLACK = '连续两个月上黑榜';
export const BULLETIN_OBJECTION = '对名单有异议的，请在公示期内向乡（镇）纪委或帮扶办反映。';
/** What a cell shows when there is nothing to show (no village, no rating, no consequence). */
export const NOTHING = '—';

/** 95 → “95.0%”; null (nothing due, nobody rated) → “—”. */
export function percentText(value: number | null): string {
  return value === null || !Number.isFinite(value) ? NOTHING : `${value.toFixed(1)}%`;
}

/** “青山镇2026年10月帮扶干部红黑榜通报” */
export function bulletinTitle(data: Pick<CadreBulletinData, 'townshipName' | 'month'>): string {
  return `${publicText(data.townshipName)}${monthLabel(data.month)}帮扶干部红黑榜通报`;
}

/** How many were assessed, by what standard, and where the list stands. */
export function bulletinOpening(data: CadreBulletinData): string {
  const t = data.thresholds;
  const state = [`名单${publicText(data.stateLabel)}`, publicityPeriod(data)].filter(Boolean).join('，');
  return (
    `${monthLabel(data.month)}共考核帮扶干部${data.assessed}名。评定标准：` +
    `红榜：走访完成率不低于${t.redMinVisitRate}%、群众满意率不低于${t.redMinSatisfaction}%；` +
    `黑榜：有农户${t.blackOverdueCadences}个以上走访周期未走访、群众满意率低于${t.blackBelowSatisfaction}%或驻村天数少于${t.blackBelowAttendanceDays}天。` +
    `现将红黑榜通报如下（${state}）。`
  );
}

/** The reasons on one line, one condition after another (a reason per line becomes “；”). */
function reasonText(line: CadreBulletinLine, black: boolean): string {
  const reasons = publicText(line.reasons.split(/[\r\n]+/).map((r) => r.trim()).filter(Boolean).join('；')) || NOTHING;
  return black && line.consecutiveBlack ? `【${CONSECUTIVE_BLACK}】${reasons}` : reasons;
}

/** A row of a list, as it prints: masked, with “—” for what is missing. */
function lineCells(line: CadreBulletinLine, i: number, black: boolean): string[] {
  const or = (text: string | null) => publicText(text) || NOTHING;
  return [
    String(i + 1),
    publicText(line.name),
    or(line.unit),
    or(line.roleLabel),
    or(line.villageName),
    String(line.householdsPaired),
    percentText(line.visitRate),
    percentText(line.satisfaction),
    reasonText(line, black),
    or(line.consequenceLabel),
  ];
}

/** The bulletin's texts, masked, in the order they print; the opening line stands under the title. */
function bulletinOf(data: CadreBulletinData): PublicSheet {
  return {
    title: bulletinTitle(data),
    subtitle: bulletinOpening(data),
    red: data.red.map((line, i) => lineCells(line, i, false)),
    black: data.black.map((line, i) => lineCells(line, i, true)),
    foot: `${publicText(data.townshipName)}人民政府　${dateLabel(data.date)}`,
  };
}

/* ---------- the workbook ---------- */

/** Columns A–J (Excel's units): about one A4 landscape page wide at full size. */
const COLUMN_WIDTHS = [5, 9, 18, 12, 12, 8, 10, 10, 44, 16];
const SPANS: [number, number][] = COLUMN_WIDTHS.map((_, i) => [i + 1, i + 1]);

/** The bulletin as an .xlsx: one sheet, A4 landscape one page wide, the table head on every page. */
export async function writeCadreBulletinXlsx(data: CadreBulletinData): Promise<Buffer> {
  // Every text the office typed is written as text and never reads as a formula.
  const b = bulletinOf(data);
  const cells = (rows: string[][]) => rows.map((row) => row.map(neutraliseFormula));
  const { workbook, sheet } = titledWorkbook(neutraliseFormula(b.title), '红黑榜通报', COLUMN_WIDTHS);
  const last = COLUMN_WIDTHS.length;
  const total = COLUMN_WIDTHS.reduce((a, w) => a + w, 0);

  let r = writeLine(sheet, 2, last, neutraliseFormula(b.subtitle), STYLES.line, linesIn(b.subtitle, total) * LINE_PT + 8);
  r = writeLine(sheet, r, last, RED_HEADING, STYLES.redHeading, 26);
  // Both lists have the same columns, so the 红榜's head repeated on every page heads the 黑榜 too.
  const head = r;
  r = writeXlsxTable(sheet, r, BULLETIN_HEADERS, SPANS, cells(b.red), LEFT_ALIGNED, COLUMN_WIDTHS, NONE_THIS_MONTH);
  r = writeLine(sheet, r, last, BLACK_HEADING, STYLES.blackHeading, 30);
  r = writeXlsxTable(sheet, r, BULLETIN_HEADERS, SPANS, cells(b.black), LEFT_ALIGNED, COLUMN_WIDTHS, NONE_THIS_MONTH);
  r = writeXlsxFoot(sheet, r, last, BULLETIN_OBJECTION, neutraliseFormula(b.foot));

  sheet.pageSetup = { ...A4_LANDSCAPE, printTitlesRow: `${head}:${head}`, printArea: `A1:J${r}` };
  sheet.headerFooter = PAGE_NUMBER_FOOTER;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/* ---------- the PDF ---------- */

const PAGE = { width: 841.89, height: 595.28 };
const MARGINS: [number, number, number, number] = [40, 36, 40, 40];
const CONTENT_WIDTH = PAGE.width - MARGINS[0] - MARGINS[2];
const CONTENT_HEIGHT = PAGE.height - MARGINS[1] - MARGINS[3];
/** The widest each column but 事由 may grow to, in ems; 事由 takes the rest of the page. */
const MAX_EM = [3, 5, 10, 7, 8, 4, 5, 5, 0, 8];
/** The headline level of a list's block, whose heading never stays behind at the foot of a page. */
const LIST_LEVEL = 1;

/** Content widths of the columns: as wide as the head and the longest entry need (within MAX_EM), 事由 the rest. */
function pdfWidths(rows: string[][], fs: number): number[] {
  const widths = BULLETIN_HEADERS.map((h, k) => Math.min(MAX_EM[k]!, Math.max(em(h), ...rows.map((r) => em(r[k]!) + 0.5))) * fs + 1);
  const others = widths.reduce((a, w, k) => (k === REASON_COLUMN ? a : a + w), 0);
  widths[REASON_COLUMN] = CONTENT_WIDTH - others - BULLETIN_HEADERS.length * (2 * PAD_X + RULE) - RULE;
  return widths;
}

/** A list's heading and table, kept on one page when short; a long one runs on, its head repeated. */
function pdfList(heading: string, color: string | undefined, rows: string[][], widths: number[]): Content {
  const top = textBlock(heading, HEADING_SIZE, { bold: true, color }, [10, 3], CONTENT_WIDTH);
  const list = pdfTable(BULLETIN_HEADERS, rows, widths, FLOW_SIZE, LEFT_ALIGNED, NONE_THIS_MONTH);
  return { headlineLevel: LIST_LEVEL, stack: [top.node, list.table], unbreakable: top.height + list.height <= CONTENT_HEIGHT / 2 };
}

/** The bulletin as a PDF, A4 landscape, with the embedded Chinese font and page numbers. */
export async function writeCadreBulletinPdf(data: CadreBulletinData, fontsDir: string): Promise<Buffer> {
  const b = bulletinOf(data);
  const widths = pdfWidths([...b.red, ...b.black], FLOW_SIZE);
  // What must follow a list's heading on its page: the table's head and a row, of up to two lines each.
  const listStart = textBlock(RED_HEADING, HEADING_SIZE, {}, [10, 3]).height + 4 * lineHeight(FLOW_SIZE, TABLE_LINE_HEIGHT) + 12;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    content: [
      textBlock(b.title, TITLE_SIZE, { bold: true, alignment: 'center' }, [0, 8], CONTENT_WIDTH).node,
      textBlock(b.subtitle, TEXT_SIZE, {}, [0, 2], CONTENT_WIDTH).node,
      pdfList(RED_HEADING, PDF_RED, b.red, widths),
      pdfList(BLACK_HEADING, undefined, b.black, widths),
      pdfFoot(BULLETIN_OBJECTION, b.foot, CONTENT_WIDTH).node,
    ],
    defaultStyle: { font: PDF_FONT, fontSize: TEXT_SIZE, lineHeight: 1 },
    pageBreakBefore: keepHeadline(LIST_LEVEL, listStart, PAGE.height - MARGINS[3]),
    footer: (page, count) => ({ text: `第 ${page} 页 共 ${count} 页`, alignment: 'center', fontSize: 8, noWrap: true, margin: [0, 14, 0, 0] }),
    info: { title: b.title, creator: '帮扶台账', producer: '帮扶台账' },
  };
  return usePdfFonts(fontsDir).createPdf(doc).getBuffer();
}
