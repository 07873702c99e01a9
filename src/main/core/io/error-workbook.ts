import ExcelJS from 'exceljs';
import type { ImportProblem } from '../../../shared/domain/import.types';
import type { TableCell } from './table-reader';

const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/**
 * The rows that were not imported, as the clerk sent them, with the cells at fault highlighted
 * and a reason column in Chinese: fix them here and import this file again.
 */
export async function buildErrorWorkbook(header: readonly TableCell[], rows: ReadonlyMap<number, readonly TableCell[]>, problems: readonly ImportProblem[]): Promise<Buffer> {
  const byRow = new Map<number, ImportProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);

  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = [...byRow.keys()].reduce((w, r) => Math.max(w, rows.get(r)?.length ?? 0), header.length);
  const titles = Array.from({ length: width }, (_, i) => header[i]?.text ?? '');
  const reasonColumn = width + 1;
  const head = sheet.addRow([...titles, '原行号', '未导入原因']);
  head.font = { bold: true };
  for (const [rowNumber, found] of [...byRow.entries()].sort((a, b) => a[0] - b[0])) {
    const original = rows.get(rowNumber) ?? [];
    const row = sheet.addRow([...Array.from({ length: width }, (_, i) => original[i]?.text ?? ''), rowNumber, found.map((p) => p.message).join('；')]);
    // Everything as text, so IDs and household numbers keep every digit when the clerk re-saves.
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
    for (const p of found) {
      if (!p.column) continue;
      const cell = row.getCell(p.column);
      cell.fill = PROBLEM_FILL;
      cell.font = { color: { argb: 'FF9C0006' } };
    }
    row.getCell(reasonColumn + 1).font = { color: { argb: 'FF9C0006' } };
  }
  titles.forEach((_, i) => {
    sheet.getColumn(i + 1).width = 16;
  });
  sheet.getColumn(reasonColumn + 1).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
