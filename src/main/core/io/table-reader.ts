/**
 * Reads the spreadsheets township offices actually hold into rows of text: .xlsx (exceljs,
 * streamed, so a 180,000-row roster never sits in memory as a workbook) and .csv in UTF-8 (with
 * or without BOM) or GB18030/GBK, which is what Excel and WPS write in China. Long numbers that
 * Excel stored as numbers are flagged, because their last digits may be gone.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LedgerError } from '../../../shared/result';
import { restoreNeutralised } from './cell-text';

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

export interface TableRow {
  /** 0-based; the clerk's row number is index + 1. */
  index: number;
  cells: TableCell[];
}

/** A file opened for reading; `rows()` may be walked more than once (the error workbook walks it again). */
export interface TableSource {
  kind: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030' | null;
  /** Known once the first row has been read. */
  sheetName(): string | null;
  rows(): AsyncGenerator<TableRow>;
}

export interface Table {
  kind: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030' | null;
  sheetName: string | null;
  rows: TableCell[][];
}

/** Excel's limits are far above a township roster; these keep a hostile file from exhausting memory. */
export const READ_LIMITS = { maxRows: 200_000, maxColumns: 200 } as const;

const tooManyRows = () => new LedgerError('VALIDATION', `文件超过一次最多导入的 ${READ_LIMITS.maxRows} 行，请分成几个文件`);

export function openTable(bytes: Uint8Array, fileName: string): TableSource {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xls') || isOldExcel(bytes)) {
    throw new LedgerError('VALIDATION', `“${fileName}”是旧版 Excel 97-2003（.xls）格式，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入`);
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return csvSource(bytes);
  if (lower.endsWith('.xlsx') || isZip(bytes)) return xlsxSource(bytes, fileName);
  throw new LedgerError('VALIDATION', `不支持“${fileName}”这种文件，请选择 Excel 工作簿（.xlsx）或 CSV 文件`);
}

/** The whole table at once: for small files and tests. */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  const source = openTable(bytes, fileName);
  const rows: TableCell[][] = [];
  for await (const row of source.rows()) rows[row.index] = row.cells;
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { kind: source.kind, encoding: source.encoding, sheetName: source.sheetName(), rows };
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** The OLE2 signature of .xls files saved by Excel 97–2003. */
function isOldExcel(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

function xlsxSource(bytes: Uint8Array, fileName: string): TableSource {
  let sheetName: string | null = null;
  const broken = () => new LedgerError('VALIDATION', `“${fileName}”不是有效的 Excel 工作簿，可能已损坏；请用 Excel 或 WPS 打开确认后重新保存`);
  async function* rows(): AsyncGenerator<TableRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
    });
    let sheets = 0;
    try {
      // The first worksheet that has any row is the roster; title sheets left empty are passed over.
      for await (const sheet of reader) {
        sheets++;
        let count = 0;
        for await (const row of sheet) {
          if (count === 0) sheetName = (sheet as unknown as { name: string }).name; // set by the reader; missing from exceljs's types
          if (++count > READ_LIMITS.maxRows) throw tooManyRows();
          const cells: TableCell[] = [];
          const width = Math.min(row.cellCount, READ_LIMITS.maxColumns);
          for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
          yield { index: row.number - 1, cells };
        }
        if (count > 0) return;
      }
    } catch (e) {
      if (e instanceof LedgerError) throw e;
      throw broken();
    }
    if (sheets === 0) throw broken();
  }
  return { kind: 'xlsx', encoding: null, sheetName: () => sheetName, rows };
}

/**
 * A copy of the text that does not point into the XML parser's buffer. V8 keeps a substring as a
 * view of the string it was cut from, so one name kept from a row would keep that row's whole
 * chunk of sheet XML alive: a township's drafts then held the entire sheet (measured: 2.6 KB per
 * person instead of a few hundred bytes). Concatenating forces a fresh, flat string.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function cellOf(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? { text: String(value), numeric: true, lostDigits: true } : { text: String(value), numeric: true };
  }
  // Our exports put an apostrophe before text that reads as a formula; it is taken off again here.
  if (typeof value === 'string') return { text: detached(restoreNeutralised(value)), numeric: false };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', numeric: false };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10), numeric: false };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), numeric: false };
    if ('text' in value && typeof value.text === 'string') return { text: value.text, numeric: false };
    if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
    if ('error' in value) return { text: '', numeric: false };
  }
  return { text: String(value), numeric: false };
}

function csvSource(bytes: Uint8Array): TableSource {
  const { text, encoding } = decodeText(bytes);
  async function* rows(): AsyncGenerator<TableRow> {
    let index = 0;
    for (const fields of csvRows(text)) {
      if (index >= READ_LIMITS.maxRows) throw tooManyRows();
      yield { index, cells: fields.slice(0, READ_LIMITS.maxColumns).map((t) => ({ text: restoreNeutralised(t), numeric: false })) };
      index++;
    }
  }
  return { kind: 'csv', encoding, sheetName: () => null, rows };
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
  return [...csvRows(text)];
}

function* csvRows(text: string): Generator<string[]> {
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
      yield row;
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield row;
  }
}
