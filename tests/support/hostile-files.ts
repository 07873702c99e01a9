/**
 * Hand-made files for the hostile-input suites: a small zip writer (so a test controls every byte
 * of the archive: sizes that lie, methods, flags, order, truncation), a bare-bones xlsx built from
 * its XML parts (so a test can write what exceljs would never write: shared-string indices out of
 * range, formulas without a cached value, rows without or with wild row numbers), a deflate bomb
 * made in milliseconds, GBK text, and a seeded random source. Everything here is synthetic.
 */
import { crc32, deflateRawSync, constants } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The bytes as stored in the archive's entry (already deflated when method is 8 and `raw` is set). */
  data: Buffer;
  /** 0 stored, 8 deflate (the default), anything else to test refusal. */
  method?: number;
  /** `data` is already the compressed stream; `size` and `crc` say what it inflates to. */
  raw?: { size: number; crc: number };
  flags?: number;
  /** Lie in the headers about the inflated size. */
  declaredSize?: number;
}

/** A zip archive: local headers and data, then the central directory. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const name = Buffer.from(p.name, 'utf8');
    const stored = p.raw ? p.data : method === 8 ? deflateRawSync(p.data) : p.data;
    const size = p.declaredSize ?? (p.raw ? p.raw.size : p.data.length);
    const crc = p.raw ? p.raw.crc : crc32(p.data);
    const flags = (p.flags ?? 0) | 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A deflate stream that inflates to `head`, then `unit` repeated `times` times, then `tail`, built
 * without ever holding the inflated bytes: each piece is compressed on its own ending in a full
 * flush (which resets the window), so one compressed copy of `unit` can be repeated. A few KB can
 * stand for gigabytes. The CRC is only computed for small results (it is what would cost time);
 * the reader must refuse a bomb before it could check one.
 */
export function deflateBomb(unit: Buffer | string, times: number, head: Buffer | string = '', tail: Buffer | string = ''): { data: Buffer; size: number; crc: number } {
  const buf = (b: Buffer | string) => (typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
  const [u, h, t] = [buf(unit), buf(head), buf(tail)];
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const block = flushed(u);
  const data = Buffer.concat([flushed(h), ...Array.from({ length: times }, () => block), deflateRawSync(t)]);
  const size = h.length + u.length * times + t.length;
  let crc = 0;
  if (size <= 512 * 1024 * 1024) {
    crc = crc32(h);
    for (let i = 0; i < times; i++) crc = crc32(u, crc);
    crc = crc32(t, crc);
  }
  return { data, size, crc };
}

/** A zip entry from a bomb (or any raw deflate stream). */
export function rawPart(name: string, raw: { data: Buffer; size: number; crc: number }, declaredSize?: number): ZipPart {
  return { name, data: raw.data, raw: { size: Math.min(raw.size, 0xffffffff), crc: raw.crc }, ...(declaredSize === undefined ? {} : { declaredSize }) };
}

/** A cell of a hand-made sheet: text (inline string), a number, or raw XML inside `<c>`. */
export type XCell = string | number | null | { xml: string; t?: string; s?: number };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * One `<row>` element (1-based row number); `r: null` leaves the row number out, and `cellRow`
 * (default: the row's number) numbers the cell references, `null` leaving them out too.
 */
export function rowXml(cells: XCell[], r: number | null, cellRow: number | null = r): string {
  const inner = cells
    .map((c, i) => {
      const ref = cellRow === null ? '' : ` r="${colName(i)}${cellRow}"`;
      if (c === null) return '';
      if (typeof c === 'number') return `<c${ref}><v>${c}</v></c>`;
      if (typeof c === 'string') return `<c${ref} t="inlineStr"><is><t xml:space="preserve">${esc(c)}</t></is></c>`;
      return `<c${ref}${c.t ? ` t="${c.t}"` : ''}${c.s !== undefined ? ` s="${c.s}"` : ''}>${c.xml}</c>`;
    })
    .join('');
  return `<row${r === null ? '' : ` r="${r}"`}>${inner}</row>`;
}

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

export function sheetXml(rows: XCell[][], extra = ''): string {
  return `${SHEET_HEAD}${extra}<sheetData>${rows.map((r, i) => rowXml(r, i + 1)).join('')}</sheetData></worksheet>`;
}

/** Styles with one date format (style index 1), so numbers in `s="1"` cells read as dates. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

export interface XlsxParts {
  /** The sheet's XML, or a buffer (e.g. a bomb) as the sheet entry. */
  sheet: string | ZipPart;
  sharedStrings?: string[] | string | ZipPart;
  /** Extra entries (media, junk), after the sheet. */
  extra?: ZipPart[];
  /** Put sharedStrings before the sheet (exceljs and Excel put it after). */
  sharedFirst?: boolean;
}

/** A minimal but complete xlsx from its parts. */
export function xlsx(p: XlsxParts): Buffer {
  const sheet: ZipPart = typeof p.sheet === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(p.sheet, 'utf8') } : p.sheet;
  const hasShared = p.sharedStrings !== undefined;
  const shared: ZipPart | null = !hasShared
    ? null
    : Array.isArray(p.sharedStrings)
      ? { name: 'xl/sharedStrings.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${p.sharedStrings.length}" uniqueCount="${p.sharedStrings.length}">${p.sharedStrings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`, 'utf8') }
      : typeof p.sharedStrings === 'string'
        ? { name: 'xl/sharedStrings.xml', data: Buffer.from(p.sharedStrings, 'utf8') }
        : (p.sharedStrings as ZipPart);
  const text = (name: string, s: string): ZipPart => ({ name, data: Buffer.from(s, 'utf8') });
  const parts: ZipPart[] = [
    text('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    text('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    text('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    text('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    text('xl/styles.xml', STYLES),
  ];
  if (shared && p.sharedFirst) parts.push(shared);
  parts.push(sheet);
  if (shared && !p.sharedFirst) parts.push(shared);
  parts.push(...(p.extra ?? []));
  return zip(parts);
}

/** Text in GBK (GB18030 for the characters a roster uses), which TextEncoder cannot write. */
export function gbk(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = gbkTable().get(ch);
    if (!bytes) throw new Error(`no GBK code for ${ch}`);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

/** The reverse of the two-byte GBK range, built once from the decoder. */
let table: Map<string, [number, number]> | null = null;
function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

/** A small seeded PRNG (mulberry32), so every fuzz case can be replayed from its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    bytes(n: number): Buffer {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
      return b;
    },
  };
}
