/**
 * What the monthly report's Excel and PDF print alike: the merged header grid built from the
 * columns' header paths, how a figure prints, the lines above each table and the signature block.
 */
import type { MonthlyReport, ReportColumn, ReportTable } from '../../../shared/domain/report.types';
import { fenToYuanText } from '../../../shared/rules/money';
import { monthLabel } from '../../../shared/reports/monthly-report';

/** The first column of every table. */
export const VILLAGE_HEADER = '行政村';

/**
 * A cell of a table's header grid. Row 0 is the top header row; column 0 is 行政村, spanning
 * every header row, and data column k is grid column k + 1.
 */
export interface HeaderCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

const samePrefix = (a: readonly string[], b: readonly string[], length: number) => {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The merged header cells of a table's columns: consecutive columns sharing a path prefix share
 * the cell of that prefix; a path shorter than the deepest ends in a cell reaching down to the
 * last header row.
 */
export function headerGrid(columns: readonly Pick<ReportColumn, 'header'>[]): { depth: number; cells: HeaderCell[] } {
  const paths = columns.map((c) => (c.header.length ? c.header : ['']));
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const cells: HeaderCell[] = [{ row: 0, col: 0, rowSpan: depth, colSpan: 1, text: VILLAGE_HEADER }];
  for (let level = 0; level < depth; level++) {
    for (let k = 0; k < paths.length; ) {
      const path = paths[k]!;
      if (path.length <= level) {
        k++;
        continue;
      }
      const leaf = path.length === level + 1;
      let end = k + 1;
      if (!leaf) while (end < paths.length && paths[end]!.length > level + 1 && samePrefix(paths[end]!, path, level + 1)) end++;
      cells.push({ row: level, col: k + 1, rowSpan: leaf ? depth - level : 1, colSpan: end - k, text: path[level]! });
      k = end;
    }
  }
  return { depth, cells };
}

/** 1234567 fen → "12,345.67" */
export function yuanText(fen: number): string {
  const text = fenToYuanText(fen);
  const negative = text.startsWith('-');
  const [whole, fraction] = text.replace('-', '').split('.');
  return `${negative ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** A figure as it prints: an integer count, yuan with two decimals, or nothing for a figure without a source yet. */
export function valueText(column: Pick<ReportColumn, 'kind' | 'pending'>, value: number): string {
  if (column.pending) return '';
  return column.kind === 'fen' ? yuanText(value) : String(value);
}

/**
 * 'YYYY-MM-DD' or a timestamp → 2026年4月2日. A timestamp is read in the office's local time,
 * the day a clerk would write on the form.
 */
export function dateLabel(value: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[1]}年${Number(plain[2])}月${Number(plain[3])}日`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** The lines above each table: who reports (to be stamped), the units and the month. */
export function unitLine(report: MonthlyReport): { left: string; right: string } {
  const closed =
    report.source === 'snapshot' && report.closedAt ? `（${dateLabel(report.closedAt)}结账数据）` : `（未结账，数据截至${dateLabel(report.asOf)}）`;
  return {
    left: `填报单位：${report.townshipName}人民政府（盖章）`,
    right: `单位：户、人、元　　报表月份：${monthLabel(report.month)}${closed}`,
  };
}

/** “表1　户数人口及户状态” */
export const tableHeading = (index: number, table: Pick<ReportTable, 'title'>) => `表${index + 1}　${table.title}`;

/** The signature block's fields: 填报单位, 填报人, 审核人, 联系电话, 填报日期 (the report's date). */
export function signatureFields(report: MonthlyReport): string[] {
  return ['填报单位（盖章）：', '填报人：', '审核人：', '联系电话：', `填报日期：${dateLabel(report.asOf)}`];
}
