/**
 * Reads the spreadsheets township offices actually hold into rows of text: .xlsx (exceljs) and
 * .csv in UTF-8 (with or without BOM) or GB18030/GBK, which is what Excel and WPS write in China.
 * Long numbers that Excel stored as numbers are flagged, because their last digits may be gone.
 */
import ExcelJS from 'exceljs';
import { LedgerError } from '../../../shared/result';

export interface TableCell {
  text: string;
  /** The cell held a number, not text. */
  numeric: boolean;
  /**
   * A number too long for Excel to keep exactly (over 15–16 digits): an ID or bank account stored
   * this way has already lost its last digits, and no import may take it as it stands.
   */
  lostDigits?: true;
}

export interface Table {
  kind: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030' | null;
  sheetName: string | null;
  rows: TableCell[][];
}

/** Excel's limits are far above a township roster; these keep a hostile file from exhausting memory. */
export const READ_LIMITS = { maxRows: 200_000, maxColumns: 200 } as const;

export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xls') || isOldExcel(bytes)) {
    throw new LedgerError('VALIDATION', `“${fileName}”是旧版 Excel 97-2003（.xls）格式，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入`);
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(bytes);
  if (lower.endsWith('.xlsx') || isZip(bytes)) return readXlsx(bytes, fileName);
  throw new LedgerError('VALIDATION', `不支持“${fileName}”这种文件，请选择 Excel 工作簿（.xlsx）或 CSV 文件`);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** The OLE2 signature of .xls files saved by Excel 97–2003. */
function isOldExcel(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new LedgerError('VALIDATION', `“${fileName}”不是有效的 Excel 工作簿，可能已损坏；请用 Excel 或 WPS 打开确认后重新保存`);
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new LedgerError('VALIDATION', `“${fileName}”里没有工作表`);
  if (sheet.actualRowCount > READ_LIMITS.maxRows) {
    throw new LedgerError('VALIDATION', `工作表“${sheet.name}”有 ${sheet.actualRowCount} 行，超过一次最多导入的 ${READ_LIMITS.maxRows} 行，请分成几个文件`);
  }
  const rows: TableCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: TableCell[] = [];
    const width = Math.min(row.cellCount, READ_LIMITS.maxColumns);
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { kind: 'xlsx', encoding: null, sheetName: sheet.name, rows };
}

function cellOf(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? { text: String(value), numeric: true, lostDigits: true } : { text: String(value), numeric: true };
  }
  if (typeof value === 'string') return { text: value, numeric: false };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), numeric: false };
    if ('text' in value && typeof value.text === 'string') return { text: value.text, numeric: false };
    if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
    if ('error' in value) return { text: '', numeric: false };
  }
  return { text: String(value), numeric: false };
}

function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  return { kind: 'csv', encoding, sheetName: null, rows: parseCsv(text).map((r) => r.map((t) => ({ text: t, numeric: false }))) };
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030, a superset of GBK. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      if (rows.length > READ_LIMITS.maxRows) throw new LedgerError('VALIDATION', `文件超过一次最多导入的 ${READ_LIMITS.maxRows} 行，请分成几个文件`);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
