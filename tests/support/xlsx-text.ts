/** Reads a worksheet back the way a clerk sees it: the texts of its cells, row by row. */
import type ExcelJS from 'exceljs';

/** The rows of a sheet as the texts of their cells (a merged range once). */
export function sheetRows(sheet: ExcelJS.Worksheet): { row: number; cells: string[] }[] {
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow((row, n) => {
    const cells: string[] = [];
    row.eachCell((cell) => {
      if (!cell.isMerged || cell.master === cell) cells.push(cell.text);
    });
    rows.push({ row: n, cells });
  });
  return rows;
}
