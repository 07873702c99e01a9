/**
 * How a monthly report table is shown on screen: its header paths merged into nested columns
 * (as the Excel sheet merges them), and its cells printed by kind. Pure, so the layout is tested
 * without a browser.
 */
import type { ReportColumn, ReportRow, ReportTable } from '../../../shared/domain/report.types';
import { formatAmount } from '../format';

/** A header cell: a group spanning the columns under it, or a leaf that holds one column's figures. */
export interface ColumnNode {
  /** Unique within the table, for Vue's keys. */
  key: string;
  label: string;
  children: ColumnNode[];
  /** The leaf's column and its position in a row's `values`; absent on groups. */
  column?: ReportColumn;
  index?: number;
}

/**
 * Header paths → a tree. Adjacent columns whose paths start alike share the group cells of that
 * start, the way the printed report merges them; a group is never merged across a column that
 * does not belong to it.
 */
export function columnTree(columns: readonly ReportColumn[]): ColumnNode[] {
  const roots: ColumnNode[] = [];
  columns.forEach((column, index) => {
    let siblings = roots;
    let prefix = '';
    column.header.forEach((label, depth) => {
      const isLeaf = depth === column.header.length - 1;
      prefix = `${prefix}/${label}`;
      const last = siblings[siblings.length - 1];
      if (!isLeaf && last && last.column === undefined && last.label === label) {
        siblings = last.children;
        return;
      }
      const node: ColumnNode = isLeaf
        ? { key: `${column.key}`, label, children: [], column, index }
        : { key: `${prefix}#${index}`, label, children: [] };
      siblings.push(node);
      siblings = node.children;
    });
  });
  return roots;
}

/** The number of header rows the table needs (its deepest path). */
export function headerDepth(columns: readonly ReportColumn[]): number {
  return columns.reduce((depth, c) => Math.max(depth, c.header.length), 0);
}

/** A cell as printed: counts as integers, amounts (fen) as yuan with separators; a figure not yet available stays empty. */
export function formatReportCell(column: ReportColumn, value: number | undefined): string {
  if (column.pending || value === undefined) return '';
  if (column.kind === 'fen') return formatAmount(value);
  return String(value);
}

/** el-table wants objects: each row's figures by leaf, already printed. */
export interface ReportTableRow {
  label: string;
  villageId: number | null;
  cells: string[];
}

export function tableRows(table: ReportTable): ReportTableRow[] {
  return table.rows.map((row) => printedRow(table, row));
}

export function printedRow(table: ReportTable, row: ReportRow): ReportTableRow {
  return { label: row.label, villageId: row.villageId, cells: table.columns.map((c, k) => formatReportCell(c, row.values[k])) };
}

/** el-table's summary row: the label under the first column, then the township's figures. */
export function totalCells(table: ReportTable): string[] {
  return [table.total.label, ...printedRow(table, table.total).cells];
}

/** A leaf's width: room for its header text, and for an amount where one is shown. */
export function leafWidth(node: ColumnNode): number {
  const text = node.label.length * 14 + 20;
  return Math.max(node.column?.kind === 'fen' ? 110 : 64, Math.min(text, 140));
}
