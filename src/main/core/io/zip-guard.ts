/**
 * An .xlsx is a zip of XML parts, and exceljs's streaming reader trusts it completely: it walks
 * the local headers in file order, inflates every entry (even those it then throws away) without
 * counting, parks worksheets that come before the shared strings in temp files, and waits forever
 * on an entry whose deflate data is corrupt or of a method it cannot inflate. A damaged download,
 * a zip bomb or a crafted file could therefore hang an import, fill the disk or exhaust memory (and
 * the parked sheets were never removed while the program ran: an import's worth of XML per read).
 *
 * So before exceljs sees a byte, the archive is read here the standard way (end record, central
 * directory), and each part the reader needs is inflated once and measured: its real size (headers
 * may lie), its CRC, and the shape of its XML (no run of text, tag, comment or CDATA longer than a
 * few MB, which the XML parser would otherwise buffer whole; no nesting deeper than SpreadsheetML
 * could use; no DTD, which no Office file has). Over a limit, the file is refused with a Chinese
 * message. Measuring costs about 0.6 s for a 50,000-household roster (180 MB of sheet XML) against
 * the 6–7 s exceljs takes to read it. exceljs then reads a stream
 * rebuilt from the checked parts only — the workbook, its relations, styles and shared strings
 * first, then the sheets — so it never inflates anything unmeasured and never needs a temp file.
 */
import { crc32, createInflateRaw } from 'node:zlib';
import { LedgerError } from '../../../shared/result';

const MB = 1024 * 1024;
/** Inflated in pieces of this size; the XML shape check relies on pieces being far smaller than its limit. */
const CHUNK = 256 * 1024;

export const ZIP_LIMITS = {
  /**
   * One worksheet inflated. A 180,000-person roster in the national member layout is some
   * 300–400 MB of sheet XML; beyond this the file is refused, which bounds the parser's time.
   */
  sheetBytes: 512 * MB,
  /** The shared strings are kept in memory while the sheet is read; a whole township's are well under 40 MB. */
  sharedStringsBytes: 96 * MB,
  /** Workbook, relations and styles: a few KB in real files, a few MB in the messiest. */
  otherPartBytes: 32 * MB,
  /** Everything the reader will parse, together. */
  totalBytes: 640 * MB,
  /**
   * The longest stretch the XML parser would hold in one string: text between tags, a tag, a
   * comment or a CDATA section. Excel caps a cell at 32,767 characters (≤ 200 KB as XML).
   */
  xmlRunBytes: 4 * MB,
  entries: 10_000,
} as const;

/** A part the reader needs, checked: where its compressed bytes are and what they inflate to. */
export interface ZipPart {
  name: string;
  method: 0 | 8;
  crc: number;
  data: Buffer;
  size: number;
}

export interface ZipMessages {
  broken: () => LedgerError;
  encrypted: () => LedgerError;
  tooLarge: (what: string, limit: number) => LedgerError;
}

/** The parts exceljs reads, in the order it needs them; everything else in the archive is left out. */
const RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const STYLES = 'xl/styles.xml';
const SHARED = 'xl/sharedStrings.xml';
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * Reads the archive's directory and measures the parts the reader needs; throws a LedgerError for
 * anything damaged, encrypted or too large. The result is what `workbookStream` rebuilds.
 */
export async function checkWorkbookZip(bytes: Buffer, say: ZipMessages): Promise<ZipPart[]> {
  const entries = centralDirectory(bytes, say);
  const wanted = entries.filter((e) => e.name === RELS || e.name === WORKBOOK || e.name === STYLES || e.name === SHARED || SHEET.test(e.name));
  const seen = new Set<string>();
  for (const e of wanted) {
    // Two entries of one name: which one a reader takes depends on the reader. Office never writes that.
    if (seen.has(e.name)) throw say.broken();
    seen.add(e.name);
  }
  if (!wanted.some((e) => SHEET.test(e.name))) throw say.broken();
  let total = 0;
  const parts: ZipPart[] = [];
  for (const e of wanted) {
    if (e.flags & 0x41) throw say.encrypted(); // bit 0: encrypted; bit 6: strong encryption
    if (e.method !== 0 && e.method !== 8) throw say.broken();
    const limit = SHEET.test(e.name) ? ZIP_LIMITS.sheetBytes : e.name === SHARED ? ZIP_LIMITS.sharedStringsBytes : ZIP_LIMITS.otherPartBytes;
    const what = SHEET.test(e.name) ? '工作表' : e.name === SHARED ? '共享文字表' : '工作簿结构';
    const left = ZIP_LIMITS.totalBytes - total;
    const size = await measure(e, Math.min(limit, left), () => (left < limit ? say.tooLarge('全部内容合计', ZIP_LIMITS.totalBytes) : say.tooLarge(what, limit)), say);
    total += size;
    parts.push({ name: e.name, method: e.method, crc: e.crc, data: e.data, size });
  }
  const order = (name: string) => (name === RELS ? 0 : name === WORKBOOK ? 1 : name === STYLES ? 2 : name === SHARED ? 3 : 4);
  return parts.sort((a, b) => order(a.name) - order(b.name));
}

/**
 * The checked parts as a zip stream exceljs can read: each part behind a fresh local header that
 * states its real sizes (no data descriptors to hunt for), then an end record. Empty relations and
 * shared strings stand in for missing ones, so exceljs reads every sheet straight from the stream
 * instead of parking it in a temp file first.
 */
export function workbookStream(parts: ZipPart[]): Buffer[] {
  const all = [...parts];
  const stub = (name: string, xml: string): ZipPart => {
    const data = Buffer.from(xml, 'utf8');
    return { name, method: 0, crc: crc32(data), data, size: data.length };
  };
  if (!all.some((p) => p.name === RELS)) all.unshift(stub(RELS, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'));
  if (!all.some((p) => p.name === SHARED)) all.splice(all.findIndex((p) => SHEET.test(p.name)), 0, stub(SHARED, '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'));
  const out: Buffer[] = [];
  for (const p of all) {
    const name = Buffer.from(p.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(p.method, 8);
    header.writeUInt32LE(p.crc >>> 0, 14);
    header.writeUInt32LE(p.data.length, 18);
    header.writeUInt32LE(p.size, 22);
    header.writeUInt16LE(name.length, 26);
    out.push(header, name, p.data);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  out.push(end);
  return out;
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  data: Buffer;
}

/** The end record and central directory, checked against the file's length; ZIP64 is not for a roster. */
function centralDirectory(bytes: Buffer, say: ZipMessages): Entry[] {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50 && i + 22 + bytes.readUInt16LE(i + 20) === bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw say.broken();
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 8) !== count || count === 0xffff || offset === 0xffffffff) throw say.broken();
  if (count > ZIP_LIMITS.entries || offset + size > end) throw say.broken();
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) throw say.broken();
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    if (at + 46 + nameLength > end) throw say.broken();
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (compressed === 0xffffffff || local === 0xffffffff) throw say.broken();
    if (local + 30 > offset || bytes.readUInt32LE(local) !== 0x04034b50) throw say.broken();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > offset) throw say.broken();
    entries.push({ name, flags, method, crc, data: bytes.subarray(start, start + compressed) });
  }
  return entries;
}

/** Inflates one part without keeping it: its real size, its CRC and its XML's shape are checked on the way. */
function measure(e: Entry, limit: number, tooLarge: () => LedgerError, say: ZipMessages): Promise<number> {
  const shape = new XmlShape(ZIP_LIMITS.xmlRunBytes);
  if (e.method === 0) {
    if (e.data.length > limit) return Promise.reject(tooLarge());
    // Fed in inflate-sized slices, as the shape check measures long stretches across chunks.
    for (let at = 0; at < e.data.length; at += CHUNK) if (!shape.feed(e.data.subarray(at, at + CHUNK))) return Promise.reject(say.broken());
    if (crc32(e.data) !== e.crc || !shape.end()) return Promise.reject(say.broken());
    return Promise.resolve(e.data.length);
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK });
    let size = 0;
    let crc = 0;
    let failed = false;
    const fail = (error: LedgerError) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) return fail(tooLarge());
      crc = crc32(chunk, crc);
      if (!shape.feed(chunk)) fail(say.broken());
    });
    inflate.on('error', () => fail(say.broken()));
    inflate.on('end', () => {
      if (failed) return;
      if (crc !== e.crc || !shape.end()) return fail(say.broken());
      resolve(size);
    });
    inflate.end(e.data);
  });
}

/**
 * The XML parser keeps each text node, tag, comment, CDATA section and processing instruction as
 * one string until it ends, and every open element on a stack. This bounds both without parsing
 * properly, in one pass over the bytes: no stretch from one `<` to the next (a tag plus the text
 * after it; a whole comment, CDATA section or instruction, which may hold `<` inside) longer than
 * `max`, and elements nested no deeper than `MAX_DEPTH` (SpreadsheetML needs 8; a file of a
 * million `<a>` would hold a million entries on the parser's stack). A `<!DOCTYPE` (any `<!` that
 * is not a comment or CDATA) is refused: Office files have none, and a DTD is where entity
 * expansion attacks live. The state carries over from chunk to chunk.
 */
const MAX_DEPTH = 256;
const enum At { Text, Lt, Open, Close, Bang, Comment, Cdata, Pi }
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
/** Bytes that end a run inside a tag: one table look-up per byte instead of four comparisons. */
const TAG_STOP = new Uint8Array(256);
for (const b of [GT, DQUOTE, SQUOTE, LT]) TAG_STOP[b] = 1;

class XmlShape {
  private state = At.Text;
  /** Bytes before the current chunk. */
  private offset = 0;
  /** Where the current stretch began: the last `<` outside comments, CDATA and instructions. */
  private start = 0;
  private depth = 0;
  /** Inside a tag: the quote an attribute value is waiting for. */
  private quote = 0;
  /** The previous chunk's last two bytes, for an end marker split across chunks. */
  private last1 = 0;
  private last2 = 0;
  /** Inside a comment, CDATA or instruction: the first byte its end marker may use. */
  private bodyFrom = 0;
  /** After `<!`: what follows, until it is a comment or CDATA. */
  private bang = '';

  constructor(private readonly max: number) {}

  // Each state scans with its own tight loop: a sheet is hundreds of MB, and a switch per byte costs several times more.
  feed(chunk: Buffer): boolean {
    const n = chunk.length;
    const byteAt = (k: number) => (k >= 0 ? chunk[k]! : k === -1 ? this.last1 : this.last2);
    let { state, quote, depth } = this;
    let i = 0;
    while (i < n) {
      switch (state) {
        case At.Text:
          while (i < n && chunk[i] !== LT) i++;
          if (i < n) {
            if (this.offset + i - this.start > this.max) return false;
            this.start = this.offset + i;
            state = At.Lt;
            i++;
          }
          break;
        case At.Lt: {
          const b = chunk[i]!;
          if (b === SLASH) state = At.Close;
          else if (b === 0x21) {
            state = At.Bang;
            this.bang = '';
          } else if (b === 0x3f) {
            state = At.Pi;
            this.bodyFrom = this.offset + i + 1;
          } else if (b === GT || b === LT) return false;
          else {
            state = At.Open;
            quote = 0;
          }
          i++;
          break;
        }
        case At.Open:
          if (quote) {
            while (i < n && chunk[i] !== quote) i++;
            if (i < n) {
              quote = 0;
              i++;
            }
            break;
          }
          while (i < n && TAG_STOP[chunk[i]!] === 0) i++;
          if (i < n) {
            const b = chunk[i]!;
            if (b === LT) return false;
            if (b === GT) {
              if (byteAt(i - 1) !== SLASH && ++depth > MAX_DEPTH) return false;
              state = At.Text;
            } else quote = b;
            i++;
          }
          break;
        case At.Close:
          while (i < n && chunk[i] !== GT) i++;
          if (i < n) {
            depth--;
            state = At.Text;
            i++;
          }
          break;
        case At.Bang:
          this.bang += String.fromCharCode(chunk[i]!);
          i++;
          if (this.bang === '--' || this.bang === '[CDATA[') {
            state = this.bang === '--' ? At.Comment : At.Cdata;
            this.bodyFrom = this.offset + i;
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) return false;
          break;
        default: {
          // Comment (-->), CDATA (]]>) or instruction (?>): the end marker's bytes must follow the opening.
          const mark = state === At.Comment ? 0x2d : state === At.Cdata ? 0x5d : 0x3f;
          const need = state === At.Pi ? 1 : 2;
          for (; i < n; i++) {
            if (chunk[i] !== GT) continue;
            const g = this.offset + i;
            if (g - need >= this.bodyFrom && byteAt(i - 1) === mark && (need === 1 || byteAt(i - 2) === mark)) break;
          }
          if (i < n) {
            state = At.Text;
            i++;
          }
        }
      }
    }
    this.state = state;
    this.quote = quote;
    this.depth = depth;
    this.last2 = n >= 2 ? chunk[n - 2]! : this.last1;
    this.last1 = n >= 1 ? chunk[n - 1]! : this.last1;
    this.offset += n;
    // A stretch still open is measured now, not when it ends: a bomb is stopped within a chunk.
    return this.offset - this.start <= this.max;
  }

  /** The part has ended. */
  end(): boolean {
    return this.offset - this.start <= this.max;
  }
}
