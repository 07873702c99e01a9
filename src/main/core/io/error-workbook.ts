import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportProblem } from '../../../shared/domain/import.types';
import type { TableCell } from './table-reader';

const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export interface ErrorWorkbook {
  /**
   * A row of the file as read (its 1-based row number and cells), in file order: written out if
   * it has a problem, passed over otherwise. Nothing of it is kept.
   */
  add(rowNumber: number, cells: readonly TableCell[]): void;
  /** The workbook, once every row has been offered. */
  finish(): Promise<Buffer>;
}

/**
 * The rows that were not imported, as the clerk sent them, with the cells at fault highlighted
 * and a reason column in Chinese: fix them here and import this file again.
 *
 * Written as the file is walked (exceljs's streaming writer, strings inline), so a file whose every
 * row was refused never sits in memory, neither as rows nor as a workbook: 24,000 refused rows of a
 * township's roster, collected and built as a workbook in memory, had raised the import's peak by
 * over 500 MB. `widthOf` gives a row's number of cells (from the first reading), so the reason
 * columns can be placed before the first row is written.
 */
export function createErrorWorkbook(header: readonly TableCell[], problems: readonly ImportProblem[], widthOf: (rowNumber: number) => number): ErrorWorkbook {
  const byRow = new Map<number, ImportProblem[]>();
  for (const p of problems) {
    const list = byRow.get(p.row);
    if (list) list.push(p);
    else byRow.set(p.row, [p]);
  }
  const pending = [...byRow.keys()].sort((a, b) => a - b);

  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = pending.reduce((w, r) => Math.max(w, widthOf(r)), header.length);
  const titles = Array.from({ length: width }, (_, i) => header[i]?.text ?? '');
  const reasonColumn = width + 1;
  // The streaming writer puts the column widths out with the first row: they are set before it.
  titles.forEach((_, i) => {
    sheet.getColumn(i + 1).width = 16;
  });
  sheet.getColumn(reasonColumn + 1).width = 60;
  const head = sheet.addRow([...titles, '原行号', '未导入原因']);
  head.font = { bold: true };
  head.commit();

  function write(rowNumber: number, original: readonly TableCell[]): void {
    const found = byRow.get(rowNumber)!;
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
    row.commit();
  }

  let next = 0;
  return {
    add(rowNumber, cells) {
      // A problem on a row the walk does not yield (none is expected) still gets its line, empty, in order.
      while (next < pending.length && pending[next]! < rowNumber) write(pending[next++]!, []);
      if (pending[next] === rowNumber) write(pending[next++]!, cells);
    },
    async finish() {
      while (next < pending.length) write(pending[next++]!, []);
      sheet.commit();
      await wb.commit();
      return Buffer.concat(chunks);
    },
  };
}
