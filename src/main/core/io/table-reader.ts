/**
 * Reads the spreadsheets township offices actually hold into rows of text: .xlsx (exceljs,
 * streamed, so a 180,000-row roster never sits in memory as a workbook) and .csv in UTF-8 (with
 * or without BOM) or GB18030/GBK, which is what Excel and WPS write in China. Long numbers that
 * Excel stored as numbers are flagged, because their last digits may be gone.
 *
 * Files are untrusted: an .xlsx is checked by zip-guard before exceljs reads it (size, damage,
 * bombs), and a cell whose value cannot be trusted — a formula never calculated, an error value, a
 * shared string that is not there, a date out of range, text over Excel's own limit — is marked
 * `unreadable` with the reason, for the roster builder to refuse its row rather than guess.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LedgerError } from '../../../shared/result';
import { restoreNeutralised } from './cell-text';
import { checkWorkbookZip, workbookStream, type ZipPart } from './zip-guard';

export interface TableCell {
  text: string;
  /** The cell held a number, not text. */
  numeric: boolean;
  /**
   * A number too long for Excel to keep exactly (over 15–16 digits): an ID or bank account stored
   * this way has already lost its last digits, and no import may take it as it stands.
   */
  lostDigits?: true;
  /** The cell held a date or a yes/no (TRUE/FALSE), shown as text: a name must not be one. */
  kind?: 'date' | 'boolean';
  /** Why the value cannot be used as it stands, in Chinese (the roster builder refuses the row). */
  unreadable?: string;
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

/**
 * Excel's limits are far above a township roster; these keep a hostile file from exhausting memory.
 * `maxRows` counts rows with something in them; blank rows (a sheet formatted to its last row has
 * a million) are passed over, up to Excel's own last row, `excelRows`. A cell longer than Excel
 * allows (`cellChars`) cannot come from Excel: it is cut there and marked unreadable.
 */
export const READ_LIMITS = { maxRows: 200_000, maxColumns: 200, excelRows: 1_048_576, cellChars: 32_767 } as const;

const tooManyRows = () => new LedgerError('VALIDATION', `文件超过一次最多导入的 ${READ_LIMITS.maxRows} 行，请分成几个文件`);
const tooLongCell = `内容超过 Excel 单元格的上限 ${READ_LIMITS.cellChars} 个字，不像是正常的花名册内容`;

export function openTable(bytes: Uint8Array, fileName: string): TableSource {
  const lower = fileName.toLowerCase();
  if (isOldExcel(bytes) && lower.endsWith('.xlsx')) {
    // An .xlsx with an opening password is saved as an OLE container, like an old .xls.
    throw new LedgerError('VALIDATION', `“${fileName}”设有打开密码（或其实是旧版 .xls 文件），无法读取；请在 Excel 或 WPS 中取消密码、另存为 Excel 工作簿（.xlsx）后再导入`);
  }
  if (lower.endsWith('.xls') || isOldExcel(bytes)) {
    throw new LedgerError('VALIDATION', `“${fileName}”是旧版 Excel 97-2003（.xls）格式，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入`);
  }
  // The content decides, not the name: a workbook renamed .csv is still a workbook (no text file starts with PK\3\4).
  if (isZip(bytes)) return xlsxSource(bytes, fileName);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return csvSource(bytes);
  if (lower.endsWith('.xlsx')) return xlsxSource(bytes, fileName);
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
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The OLE2 signature of .xls files saved by Excel 97–2003. */
function isOldExcel(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

function xlsxSource(bytes: Uint8Array, fileName: string): TableSource {
  let sheetName: string | null = null;
  const broken = () => new LedgerError('VALIDATION', `“${fileName}”不是有效的 Excel 工作簿，可能已损坏；请用 Excel 或 WPS 打开确认后重新保存`);
  const say = {
    broken,
    encrypted: () => new LedgerError('VALIDATION', `“${fileName}”设有密码保护，无法读取；请在 Excel 或 WPS 中取消密码后另存再导入`),
    tooLarge: (what: string, limit: number) =>
      new LedgerError('VALIDATION', `“${fileName}”的${what}解压后超过 ${Math.round(limit / 1024 / 1024)} MB，远大于一个乡镇的花名册，可能已损坏或含有大量空白的带格式行列；请在 Excel 中删除多余的行列后另存，或分成几个文件导入`),
  };
  // Checked once; the error workbook walks the rows a second time.
  let checked: Promise<ZipPart[]> | null = null;
  async function* rows(): AsyncGenerator<TableRow> {
    checked ??= checkWorkbookZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), say);
    const parts = await checked;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(workbookStream(parts)), {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
    });
    watchSharedStrings(reader);
    let sheets = 0;
    try {
      // The first worksheet that has any row is the roster; title sheets left empty are passed over.
      for await (const sheet of reader) {
        sheets++;
        let count = 0;
        let last = -1;
        for await (const row of sheet) {
          // Rows come in order; one without a number follows the one before (as the format says).
          const index = Number.isInteger(row.number) && row.number > 0 ? row.number - 1 : last + 1;
          if (index <= last || index >= READ_LIMITS.excelRows) throw broken();
          last = index;
          const cells: TableCell[] = [];
          const width = Math.min(row.cellCount, READ_LIMITS.maxColumns);
          for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
          if (isBlank(cells)) continue;
          if (count === 0) sheetName = (sheet as unknown as { name: string }).name; // set by the reader; missing from exceljs's types
          if (++count > READ_LIMITS.maxRows) throw tooManyRows();
          yield { index, cells };
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

function isBlank(cells: readonly TableCell[]): boolean {
  return cells.every((c) => c.text.trim() === '' && !c.unreadable);
}

/** What a shared-string cell reads when its index points past the table (or the table is missing). */
const MISSING_SHARED_STRING = Object.freeze({ error: '#共享文字缺失' });

/**
 * exceljs looks shared strings up as `table[index]` and quietly gets nothing for an index past the
 * end, a negative one or one that is not a number — a blank cell where the file meant something.
 * The table is watched instead: a missing entry reads as a marker the cell reader refuses, and rich
 * text is kept as plain text (all the importer uses), which also keeps the table small.
 */
function watchSharedStrings(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  let view: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => view,
    set(table: unknown[] | undefined) {
      view =
        table &&
        new Proxy(table, {
          get: (target, key, receiver) => (typeof key === 'string' && !(key in target) ? MISSING_SHARED_STRING : Reflect.get(target, key, receiver)),
          set: (target, key, value) => Reflect.set(target, key, plainText(value)),
        });
    },
  });
}

function plainText(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'richText' in value && Array.isArray(value.richText)) {
    return (value.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  }
  return value;
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
    if (!Number.isFinite(value)) return { text: '', numeric: true, unreadable: '不是有效的数字' };
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? { text: String(value), numeric: true, lostDigits: true } : { text: String(value), numeric: true };
  }
  // Our exports put an apostrophe before text that reads as a formula; it is taken off again here.
  if (typeof value === 'string') return textCell(restoreNeutralised(decodeEscapes(value)));
  if (typeof value === 'boolean') return { text: value ? '是' : '否', numeric: false, kind: 'boolean' };
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < 1 || year > 9999) return { text: '', numeric: false, kind: 'date', unreadable: '超出可用的日期范围（1—9999 年）' };
    return { text: value.toISOString().slice(0, 10), numeric: false, kind: 'date' };
  }
  if (typeof value === 'object') {
    // exceljs keeps the marker as an error value (maybe a copy): recognised by its text.
    if ((value as { error?: unknown }).error === MISSING_SHARED_STRING.error || 'sharedString' in value) {
      return { text: '', numeric: false, unreadable: '引用的文字在工作簿的共享文字表中不存在，文件可能已损坏；请用 Excel 或 WPS 打开确认后重新保存' };
    }
    if ('richText' in value) return textCell(value.richText.map((r) => r.text ?? '').join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      // The value Excel computed when it last saved is what the clerk saw; without one there is nothing to read.
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) return { text: '', numeric: false, unreadable: '是公式，但没有可用的计算结果（没有计算过，或结果是错误值）；请在 Excel 中打开、重新计算并保存后再导入，或把公式换成数值' };
      return cellOf(result);
    }
    if ('text' in value && typeof value.text === 'string') return textCell(value.text);
    if ('error' in value) return { text: '', numeric: false, unreadable: `是 Excel 错误值 ${String(value.error).slice(0, 20)}` };
  }
  return { text: '', numeric: false, unreadable: '内容无法识别' };
}

/** Text as read; longer than Excel allows, it is cut to that (for the error workbook) and marked. */
function textCell(text: string): TableCell {
  if (text.length > READ_LIMITS.cellChars) return { text: detached(text.slice(0, READ_LIMITS.cellChars)), numeric: false, unreadable: tooLongCell };
  return { text: detached(text), numeric: false };
}

/**
 * Characters XML cannot carry (control characters) Excel writes as `_x0007_`, and a literal
 * `_x` sequence as `_x005F_x…`; exceljs's reader leaves both as they are. Decoded here, so a
 * control character is seen for what it is (and refused) instead of being imported as `_x0007_`.
 */
function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

function csvSource(bytes: Uint8Array): TableSource {
  const { text, encoding } = decodeText(bytes);
  async function* rows(): AsyncGenerator<TableRow> {
    let index = 0;
    let count = 0;
    for (const fields of csvRows(text, READ_LIMITS.maxColumns)) {
      if (index >= READ_LIMITS.excelRows) throw new LedgerError('VALIDATION', `文件超过 ${READ_LIMITS.excelRows} 行（Excel 的最大行数），请删除多余的空行，或分成几个文件导入`);
      const cells = fields.map((t) => textCell(restoreNeutralised(t)));
      if (!isBlank(cells)) {
        if (++count > READ_LIMITS.maxRows) throw tooManyRows();
        yield { index, cells };
      }
      index++;
    }
  }
  return { kind: 'csv', encoding, sheetName: () => null, rows };
}

/**
 * UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030, a superset of GBK. Refused
 * in Chinese: UTF-16 (Excel's “Unicode 文本”), bytes valid in neither, and a file with both GBK and
 * UTF-8 lines — two files pasted together — which would otherwise import one half as mojibake.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // not UTF-8: one of the encodings below
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new LedgerError('VALIDATION', '文件是 UTF-16（“Unicode 文本”）编码，无法按 CSV 读取；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入');
  }
  const mixed = mixedLines(bytes);
  if (mixed) {
    throw new LedgerError('VALIDATION', `文件里既有 GBK 编码的行（如第 ${mixed.gbk} 行）又有 UTF-8 编码的行（如第 ${mixed.utf8} 行），可能是两个文件拼在一起；请在 Excel 或 WPS 中分别打开后合并，另存为一个文件再导入`);
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new LedgerError('VALIDATION', '文件的文字编码无法识别（既不是 UTF-8 也不是 GBK）；请在 Excel 或 WPS 中另存为 CSV 或 Excel 工作簿（.xlsx）后再导入');
  }
}

/**
 * In a file that is not UTF-8 as a whole: a line that is (with at least one multi-byte character)
 * next to one that is not. A line of GBK Chinese is practically never valid UTF-8 by accident.
 */
function mixedLines(bytes: Uint8Array): { gbk: number; utf8: number } | null {
  let gbk = 0;
  let utf8 = 0;
  let line = 0;
  for (let at = 0; at < bytes.length && !(gbk && utf8); ) {
    line++;
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    const slice = bytes.subarray(at, end);
    if (!isAscii(slice)) {
      // Valid UTF-8 and Chinese as UTF-8: GBK bytes that happen to be valid UTF-8 rarely decode to Chinese characters.
      if (isUtf8(slice) && /[\u4e00-\u9fff]/.test(new TextDecoder().decode(slice))) utf8 ||= line;
      else if (!isUtf8(slice)) gbk ||= line;
    }
    at = end + 1;
  }
  return gbk && utf8 ? { gbk, utf8 } : null;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  return [...csvRows(text, Number.POSITIVE_INFINITY)];
}

/**
 * Fields are cut out of the text, not built a character at a time (a 40 MB field built that way
 * holds gigabytes of intermediate strings), and a row keeps at most `maxFields` of them, so a line
 * of a million commas costs nothing.
 */
function* csvRows(text: string, maxFields: number): Generator<string[]> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    let fields = 0;
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        // The closing quote is the first one not doubled; the field is cut out once and "" undone in one pass.
        let quote = text.indexOf('"', i + 1);
        while (quote >= 0 && text[quote + 1] === '"') quote = text.indexOf('"', quote + 2);
        const end = quote < 0 ? n : quote;
        field = text.slice(i + 1, end).replaceAll('""', '"');
        i = quote < 0 ? n : quote + 1;
        // Anything between the closing quote and the next comma belongs to the field, as spreadsheet programs read it.
        const stop = nextBreak(text, i);
        if (stop > i) field += text.slice(i, stop);
        i = stop;
      } else {
        const stop = nextBreak(text, i);
        field = text.slice(i, stop);
        i = stop;
      }
      if (fields++ < maxFields) row.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      if (i < n && text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < n) i++;
      break;
    }
    yield row;
  }
}

/** The next comma or line break at or after `from` (or the end). */
function nextBreak(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) return j;
  }
  return text.length;
}
