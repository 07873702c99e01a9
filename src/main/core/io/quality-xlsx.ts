/**
 * 疑点数据 as the county asks for them (domain.md §10, "Export tip"): a summary sheet
 * 疑点数据统计表 listing every rule with its count of open findings, then one sheet per rule that
 * found something, a row per finding. The workbook goes up to the county for internal checking,
 * so it carries the full 证件号码 (it is not a public list); 户编号 and 证件号码 are text cells
 * (format '@', string values), so Excel never shows them in scientific notation or drops digits.
 * Ready to print: A4 landscape, one page wide, the table's header on every page.
 */
import ExcelJS from 'exceljs';
import { A4_LANDSCAPE, BODY_SIZE, BORDERS, FONT_NAME, HEAD_FILL, LINE_PT, PAGE_NUMBER_FOOTER, RED_INK, TOTAL_FILL } from './xlsx-style';
import { QUALITY_GROUPS, type QualityFinding, type QualityRuleInfo, type QualityRun, type QualitySeverity } from '../../../shared/domain/quality.types';
import { neutraliseFormula } from './cell-text';

export interface QualityWorkbookData {
  townshipName: string;
  run: QualityRun;
  rules: QualityRuleInfo[];
  /** The findings to list, in the order they are listed; marked ones count as 已核实. */
  findings: QualityFinding[];
}

export const SUMMARY_SHEET = '疑点数据统计表';
export const SUMMARY_HEADERS = ['规则编号', '类别', '规则名称', '严重程度', '疑点数', '已核实', '说明'] as const;
export const DETAIL_HEADERS = ['序号', '行政村', '村民小组', '户编号', '户主姓名', '成员姓名', '证件号码', '疑点说明', '核实情况'] as const;
export const SEVERITY_LABELS: Record<QualitySeverity, string> = { error: '错误', warning: '提示' };

/* ---------- texts ---------- */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD HH:mm' of a stored moment in the office's local time (the text itself when it is not a date). */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** 'YYYY-MM-DD' of a stored moment in local time. */
const localDate = (iso: string) => localMinute(iso).slice(0, 10);

/** 核实情况 of a finding: “已核实：户口本已核对（张会计 2025-06-15）”, or empty while open. */
export function acknowledgementText(finding: Pick<QualityFinding, 'acknowledgement'>): string {
  const a = finding.acknowledgement;
  return a ? `已核实：${a.note}（${a.by} ${localDate(a.at)}）` : '';
}

/**
 * A rule's sheet name: `A01 证件号码无效` without the characters Excel refuses ([ ] : * ? / \) and
 * the apostrophes it refuses at either end, at most 31 characters, distinct (case-insensitively)
 * from the names already taken.
 */
export function ruleSheetName(rule: Pick<QualityRuleInfo, 'id' | 'title'>, taken: Set<string>): string {
  const base = [...`${rule.id} ${rule.title}`.replace(/[[\]:*?/\\]/g, '').replace(/^'+|'+$/g, '').trim()].slice(0, 31).join('').trim() || rule.id;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${[...base].slice(0, 31 - String(n).length - 1).join('')}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Rules as the summary lists them: errors first, then by id. */
export function summaryOrder(rules: readonly QualityRuleInfo[]): QualityRuleInfo[] {
  const rank = (s: QualitySeverity) => (s === 'error' ? 0 : 1);
  return [...rules].sort((a, b) => rank(a.severity) - rank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A free text for a cell: what the record says, never read as a formula. */
const text = (value: string | null | undefined) => neutraliseFormula(value ?? '');

/* ---------- the workbook ---------- */

const body = { name: FONT_NAME, size: BODY_SIZE };
/** Shared style objects: exceljs recognises a style it has seen by identity. */
const STYLES = {
  title: { font: { name: FONT_NAME, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  line: { font: body, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  head: { font: { ...body, bold: true }, fill: HEAD_FILL, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  centre: { font: body, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  left: { font: body, border: BORDERS, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  count: { font: body, border: BORDERS, alignment: { horizontal: 'right', vertical: 'middle' } },
  /** 户编号 and 证件号码: text, whatever Excel would make of the digits. */
  number: { font: body, border: BORDERS, numFmt: '@', alignment: { horizontal: 'left', vertical: 'middle' } },
  error: { font: { ...body, color: { argb: RED_INK } }, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle' } },
  totalLabel: { font: { ...body, bold: true }, fill: TOTAL_FILL, border: BORDERS, alignment: { horizontal: 'center', vertical: 'middle' } },
  totalCount: { font: { ...body, bold: true }, fill: TOTAL_FILL, border: BORDERS, alignment: { horizontal: 'right', vertical: 'middle' } },
  totalText: { font: { ...body, bold: true }, fill: TOTAL_FILL, border: BORDERS, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
} satisfies Record<string, Partial<ExcelJS.Style>>;


/** Columns of the summary (Excel's units, the width of a digit): 编号, 类别, 名称, 严重程度, 疑点数, 已核实, 说明. */
const SUMMARY_WIDTHS = [9, 23, 30, 9, 8, 8, 60];
/** Columns of a rule's sheet: 序号, 村, 组, 户编号, 户主, 成员, 证件号码, 疑点说明, 核实情况. */
const DETAIL_WIDTHS = [6, 12, 10, 18, 9, 9, 21, 46, 30];

/** Width of a text in Excel's column units: an ideograph at 10 pt takes two. */
function textUnits(value: string): number {
  let units = 0;
  for (const ch of value) units += ch.charCodeAt(0) < 0x80 ? 1.1 : 2;
  return units;
}

/** Lines a text wraps to in a cell `width` units wide (a unit and a half kept for the margins); a newline starts a line. */
const linesIn = (value: string, width: number) =>
  value.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(textUnits(paragraph) / Math.max(1, width - 1.5))), 0);

/** Height of a row whose wrapping cells hold these texts in columns this wide. */
const rowHeight = (cells: readonly [string, number][]) => Math.max(1, ...cells.map(([value, width]) => linesIn(value, width))) * LINE_PT + 4;

function mergeText(sheet: ExcelJS.Worksheet, row: number, from: number, to: number, value: string, style: Partial<ExcelJS.Style>): void {
  for (let c = from; c <= to; c++) sheet.getCell(row, c).style = style;
  if (to > from) sheet.mergeCells(row, from, row, to);
  sheet.getCell(row, from).value = value;
}

function headerRow(sheet: ExcelJS.Worksheet, row: number, headers: readonly string[], widths: readonly number[]): void {
  headers.forEach((h, k) => {
    const cell = sheet.getCell(row, k + 1);
    cell.value = h;
    cell.style = STYLES.head;
  });
  sheet.getRow(row).height = rowHeight(headers.map((h, k) => [h, widths[k]!])) + 2;
}

/** Frozen below the header, printed one page wide with the header on every page. */
function finishSheet(sheet: ExcelJS.Worksheet, headRow: number, widths: readonly number[]): void {
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headRow, topLeftCell: `A${headRow + 1}`, activeCell: `A${headRow + 1}` }];
  sheet.pageSetup = { ...A4_LANDSCAPE, printTitlesRow: `${headRow}:${headRow}` };
  sheet.headerFooter = PAGE_NUMBER_FOOTER;
}

const TITLE_ROW = 1;
const LINE_ROW = 2;
const HEAD_ROW = 3;

/** 疑点数据统计表: every rule, errors first, with its open and marked counts, and the total. */
function writeSummary(sheet: ExcelJS.Worksheet, data: QualityWorkbookData, rules: readonly QualityRuleInfo[], counts: Map<string, { open: number; acknowledged: number }>): void {
  const last = SUMMARY_WIDTHS.length;
  const total = SUMMARY_WIDTHS.reduce((s, w) => s + w, 0);
  mergeText(sheet, TITLE_ROW, 1, last, `${data.townshipName}${SUMMARY_SHEET}`, STYLES.title);
  sheet.getRow(TITLE_ROW).height = 30;
  const line = `检查时间：${localMinute(data.run.ranAt)}　　检查户数：${data.run.households} 户`;
  mergeText(sheet, LINE_ROW, 1, last, line, STYLES.line);
  sheet.getRow(LINE_ROW).height = linesIn(line, total) * LINE_PT + 6;
  headerRow(sheet, HEAD_ROW, SUMMARY_HEADERS, SUMMARY_WIDTHS);

  let r = HEAD_ROW + 1;
  let open = 0;
  let acknowledged = 0;
  let withFindings = 0;
  for (const rule of rules) {
    const c = counts.get(rule.id) ?? { open: 0, acknowledged: 0 };
    open += c.open;
    acknowledged += c.acknowledged;
    if (c.open + c.acknowledged > 0) withFindings++;
    const values: [ExcelJS.CellValue, Partial<ExcelJS.Style>][] = [
      [rule.id, STYLES.centre],
      [QUALITY_GROUPS[rule.group] ?? rule.group, STYLES.left],
      [rule.title, STYLES.left],
      [SEVERITY_LABELS[rule.severity], rule.severity === 'error' ? STYLES.error : STYLES.centre],
      [c.open, STYLES.count],
      [c.acknowledged, STYLES.count],
      [rule.explanation, STYLES.left],
    ];
    values.forEach(([value, style], k) => {
      const cell = sheet.getCell(r, k + 1);
      cell.value = value;
      cell.style = style;
    });
    sheet.getRow(r).height = rowHeight([
      [QUALITY_GROUPS[rule.group] ?? rule.group, SUMMARY_WIDTHS[1]!],
      [rule.title, SUMMARY_WIDTHS[2]!],
      [rule.explanation, SUMMARY_WIDTHS[6]!],
    ]);
    r++;
  }
  mergeText(sheet, r, 1, 4, '合计', STYLES.totalLabel);
  const openCell = sheet.getCell(r, 5);
  openCell.value = open;
  openCell.style = STYLES.totalCount;
  const ackCell = sheet.getCell(r, 6);
  ackCell.value = acknowledged;
  ackCell.style = STYLES.totalCount;
  const note = sheet.getCell(r, 7);
  note.value = `共 ${rules.length} 条规则，其中 ${withFindings} 条有疑点`;
  note.style = STYLES.totalText;
  sheet.getRow(r).height = LINE_PT + 6;
  finishSheet(sheet, HEAD_ROW, SUMMARY_WIDTHS);
}

/** One rule's sheet: its name and explanation above a row per finding. */
function writeRuleSheet(sheet: ExcelJS.Worksheet, rule: QualityRuleInfo, findings: readonly QualityFinding[]): void {
  const last = DETAIL_WIDTHS.length;
  const total = DETAIL_WIDTHS.reduce((s, w) => s + w, 0);
  const title = `${rule.id} ${rule.title}（${SEVERITY_LABELS[rule.severity]}，${findings.length} 条）`;
  mergeText(sheet, TITLE_ROW, 1, last, title, STYLES.title);
  sheet.getRow(TITLE_ROW).height = 30;
  const line = `${QUALITY_GROUPS[rule.group] ?? rule.group}：${rule.explanation}`;
  mergeText(sheet, LINE_ROW, 1, last, line, STYLES.line);
  sheet.getRow(LINE_ROW).height = linesIn(line, total) * LINE_PT + 6;
  headerRow(sheet, HEAD_ROW, DETAIL_HEADERS, DETAIL_WIDTHS);

  let r = HEAD_ROW + 1;
  findings.forEach((f, i) => {
    const message = text(f.message);
    const checked = text(acknowledgementText(f));
    const row = sheet.getRow(r);
    const cells: [ExcelJS.CellValue, Partial<ExcelJS.Style>][] = [
      [i + 1, STYLES.centre],
      [text(f.villageName), STYLES.left],
      [text(f.groupName), STYLES.left],
      [f.householdNo ?? '', STYLES.number],
      [text(f.headName), STYLES.left],
      [text(f.memberName), STYLES.left],
      [f.idNumber ?? '', STYLES.number],
      [message, STYLES.left],
      [checked, STYLES.left],
    ];
    cells.forEach(([value, style], k) => {
      const cell = row.getCell(k + 1);
      cell.value = value === '' ? null : value;
      cell.style = style;
    });
    row.height = rowHeight([
      [text(f.villageName), DETAIL_WIDTHS[1]!],
      [text(f.groupName), DETAIL_WIDTHS[2]!],
      [message, DETAIL_WIDTHS[7]!],
      [checked, DETAIL_WIDTHS[8]!],
    ]);
    r++;
  });
  sheet.autoFilter = { from: { row: HEAD_ROW, column: 1 }, to: { row: HEAD_ROW, column: last } };
  finishSheet(sheet, HEAD_ROW, DETAIL_WIDTHS);
}

/** The summary sheet, then a sheet per rule with findings, in the summary's order. */
export async function writeQualityWorkbook(data: QualityWorkbookData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '帮扶台账';
  workbook.title = `${data.townshipName}${SUMMARY_SHEET}`;
  const rules = summaryOrder(data.rules);

  const byRule = new Map<string, QualityFinding[]>();
  const counts = new Map<string, { open: number; acknowledged: number }>();
  for (const f of data.findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
    const c = counts.get(f.ruleId) ?? { open: 0, acknowledged: 0 };
    if (f.acknowledgement) c.acknowledged++;
    else c.open++;
    counts.set(f.ruleId, c);
  }

  const taken = new Set<string>([SUMMARY_SHEET.toLowerCase()]);
  writeSummary(workbook.addWorksheet(SUMMARY_SHEET, { properties: { defaultRowHeight: 18 } }), data, rules, counts);
  for (const rule of rules) {
    const findings = byRule.get(rule.id);
    if (!findings?.length) continue;
    writeRuleSheet(workbook.addWorksheet(ruleSheetName(rule, taken), { properties: { defaultRowHeight: 18 } }), rule, findings);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
