/**
 * Hostile files through the real import (`import:preview` and `import:commit`): corrupt archives,
 * formulas, broken shared strings, wrong cell types, impossible dates, invisible characters,
 * encodings, empty files and oversized cells. Each must end in a Chinese refusal or Chinese per-row
 * reasons, within a time limit, without an unhandled rejection, and with the registry unchanged by
 * what was refused (see tests/support/hostile-import.ts). The slow cases (bombs, a million rows) are
 * in tests/fuzz/import-fuzz.test.ts. All data is synthetic; ID numbers come from idFor.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../support/temp-ledger';
import { gbk, random, rowXml, sheetXml, xlsx, zip, type XCell } from '../support/hostile-files';
import { attempt, expectRefused, expectRowsRefused, HEADER, hostileLedger, personRow, COL, type Ledger } from '../support/hostile-import';

let t: Ledger;
beforeEach(() => {
  t = hostileLedger();
});
afterEach(() => t.cleanup());
/** A new registry for the next file of a test (each file is judged against the same starting point). */
function fresh(): void {
  t.cleanup();
  t = hostileLedger();
}

/** Counts for the closing note: every file tried. */
let tried = 0;
const run = (name: string, bytes: Uint8Array, options?: Parameters<typeof attempt>[3]) => {
  tried++;
  return attempt(t, name, bytes, options);
};

const GOOD = personRow({ 行政村: '石桥村', 户编号: '2001', 姓名: '孙一', 证件号码: idFor('522799', '19700101', 15), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因病' });
/** The row a case spoils: a household of its own (3001), so refusing it leaves 2001 whole. */
const victim = (values: Record<string, string | number | null> = {}) =>
  personRow({ 行政村: '石桥村', 户编号: '3001', 姓名: '孙二', 证件号码: idFor('522799', '19710202', 27), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因学', ...values });

/** A hand-made xlsx: title row, header, the good row, then the given rows (row 4 onwards). */
function book(rows: XCell[][], more: { sharedStrings?: string[]; sharedFirst?: boolean } = {}): Buffer {
  return xlsx({ sheet: sheetXml([['青山镇花名册（合成数据）'], HEADER, GOOD, ...rows]), ...more });
}
/** The same as CSV text (header on row 1, the good row on row 2, the given rows from row 3). */
function csvText(rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [HEADER, GOOD, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
const csv = (rows: (string | number | null)[][]) => Buffer.from(csvText(rows), 'utf8');

/** A roster as exceljs writes it (shared strings, styles, docProps): the base for damage. */
async function excelRoster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('花名册');
  s.addRow(['青山镇花名册（合成数据）']);
  s.addRow(HEADER);
  s.addRow(GOOD);
  s.addRow(victim());
  for (let i = 0; i < 40; i++) s.addRow(personRow({ 行政村: '石桥村', 户编号: String(4000 + i), 姓名: `吴${'一二三四五六七八九十'[i % 10]}`, 证件号码: idFor('522799', '19800101', 101 + i * 2), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因病', 家庭住址: `石桥村一组${i}号` }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const BROKEN = /不是有效的 Excel 工作簿|已损坏/;

describe('corrupt archives', () => {
  let whole: Buffer;
  beforeAll(async () => {
    whole = await excelRoster();
  });

  it('the undamaged workbook imports (the base the damage is done to)', async () => {
    expect((await run('完整.xlsx', whole)).commit.ok).toBe(true);
  });

  it.each([0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])('cut to %s of its length, it is refused as damaged', async (cut) => {
    expectRefused(await run(`截断${cut}.xlsx`, whole.subarray(0, Math.floor(whole.length * cut))), BROKEN);
  });

  it('without its last byte, or without its central directory, it is refused as damaged', async () => {
    expectRefused(await run('少一个字节.xlsx', whole.subarray(0, whole.length - 1)), BROKEN);
    expectRefused(await run('无目录.xlsx', whole.subarray(0, whole.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])))), BROKEN);
  });

  it.each([1, 3, 64, 4096, 65_536])('%s random bytes named .xlsx are refused', async (size) => {
    expectRefused(await run(`随机${size}.xlsx`, random(size).bytes(size)), BROKEN);
  });

  it.each([4, 30, 1000])('a zip signature followed by %s random bytes is refused', async (size) => {
    expectRefused(await run(`PK${size}.xlsx`, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), random(size).bytes(size)])), BROKEN);
  });

  it('a zip that is not a workbook, and a workbook whose sheet is not XML, are refused', async () => {
    expectRefused(await run('说明.xlsx', zip([{ name: 'readme.txt', data: Buffer.from('这不是工作簿') }])), BROKEN);
    expectRefused(await run('乱码表.xlsx', xlsx({ sheet: { name: 'xl/worksheets/sheet1.xml', data: random(3).bytes(5000) } })), BROKEN);
    expectRefused(await run('文本表.xlsx', xlsx({ sheet: '这根本不是 XML <<<>>> &&&' })), BROKEN);
    expectRefused(await run('未闭合.xlsx', xlsx({ sheet: sheetXml([HEADER, GOOD]).slice(0, -40) })), BROKEN);
  });

  it('an unknown compression method, an encrypted entry and a password-protected (OLE) file are refused in Chinese', async () => {
    const sheet = Buffer.from(sheetXml([HEADER, GOOD]), 'utf8');
    expectRefused(await run('bzip2.xlsx', xlsx({ sheet: { name: 'xl/worksheets/sheet1.xml', data: sheet, method: 12, raw: { size: sheet.length, crc: 0 } } })), BROKEN);
    expectRefused(await run('加密条目.xlsx', xlsx({ sheet: { name: 'xl/worksheets/sheet1.xml', data: sheet, flags: 1 } })), /密码|加密/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), random(4).bytes(2000)]);
    expectRefused(await run('有密码.xlsx', ole), /密码|\.xls/);
  });

  it.each(Array.from({ length: 30 }, (_, i) => i))('flipped bits in a real workbook (seed %s) end in a refusal or a clean import, never in between', async (seed) => {
    const rnd = random(2024 + seed);
    const damaged = Buffer.from(whole);
    const flips = 1 + rnd.int(8);
    for (let f = 0; f < flips; f++) {
      const at = rnd.int(damaged.length);
      damaged[at] = damaged[at]! ^ (1 << rnd.int(8));
    }
    await run(`翻转${seed}.xlsx`, damaged);
  });

  it('sizes that lie in the headers, and a second copy of the sheet, change nothing about the outcome', async () => {
    const sheet = Buffer.from(sheetXml([HEADER, GOOD]), 'utf8');
    const liar = await run('谎报大小.xlsx', xlsx({ sheet: { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: 10 } }));
    expect(liar.commit.ok || !liar.commit.error.message.includes('INTERNAL')).toBe(true);
    const twice = xlsx({ sheet: sheetXml([HEADER, GOOD]), extra: [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml([HEADER, victim()]), 'utf8') }] });
    await run('两份工作表.xlsx', twice);
  });

  it('a workbook named .csv is read as the workbook it is, and CSV text named .xlsx is refused', async () => {
    const o = await run('其实是工作簿.csv', await excelRoster());
    expect(o.commit.ok && o.commit.data.created).toBe(42);
    expectRefused(await run('其实是文本.xlsx', csv([victim()])), BROKEN);
  });
});

describe('formulas', () => {
  const f = (formula: string, cached?: string) => ({ xml: `<f>${formula}</f>${cached === undefined ? '' : `<v>${cached}</v>`}`, t: 'str' });

  it('a formula with a cached value is read as its value', async () => {
    const row: XCell[] = victim();
    row[COL['姓名']!] = f('"孙"&amp;"二"', '孙二');
    const o = await run('公式有值.xlsx', book([row]));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    expect(t.must('household:list', { q: '3001' }).rows[0]!.headName).toBe('孙二');
  });

  it('a formula Excel never calculated, an error value, and shared-formula cells without values refuse their rows', async () => {
    const noValue: XCell[] = victim({ 户编号: '3001' });
    noValue[COL['姓名']!] = f('CONCATENATE("孙","二")');
    const error: XCell[] = victim({ 户编号: '3002', 证件号码: idFor('522799', '19720303', 39), 姓名: '孙三' });
    error[COL['证件号码']!] = { xml: '<f>VLOOKUP(A1,Z:Z,2,0)</f><v>#N/A</v>', t: 'e' };
    const shared: XCell[] = victim({ 户编号: '3003', 证件号码: idFor('522799', '19730404', 41), 姓名: '孙四' });
    shared[COL['行政村']!] = { xml: '<f t="shared" si="0"/>' };
    const o = await run('公式无值.xlsx', book([noValue, error, shared]));
    expectRowsRefused(o, { 4: /公式/, 5: /错误|公式/, 6: /公式/ }, 1);
  });

  it('text that reads as a formula is refused as a name, and kept as text elsewhere', async () => {
    const rows = ['=HYPERLINK("http://example.invalid","孙二")', '=1+2', '+孙二', '-孙二', '@SUM(1)'].map((name, i) =>
      victim({ 户编号: String(3001 + i), 姓名: name, 证件号码: idFor('522799', '19710202', 21 + i * 2) }),
    );
    const o = await run('像公式的姓名.xlsx', book(rows));
    expectRowsRefused(o, { 4: /姓名.*公式|公式.*姓名/, 5: /公式/, 6: /公式/, 7: /公式/, 8: /公式/ }, 1);
    fresh();
    const address = await run('像公式的住址.xlsx', book([victim({ 家庭住址: '=HYPERLINK("http://example.invalid","点我")' })]));
    expect(address.commit.ok && address.commit.data.created).toBe(2);
    const id = t.must('household:list', { q: '3001' }).rows[0]!.id;
    expect(t.must('household:get', { id }).address).toBe('=HYPERLINK("http://example.invalid","点我")');
  });
});

describe('shared strings', () => {
  const s = (index: string) => ({ xml: `<v>${index}</v>`, t: 's' });

  it('an index past the end, a negative one or one that is no number refuses the row, not the file', async () => {
    const rows = ['999', '-1', 'abc', '1e3'].map((index, i) => {
      const row: XCell[] = victim({ 户编号: String(3001 + i), 证件号码: idFor('522799', '19710202', 21 + i * 2) });
      row[COL['姓名']!] = s(index);
      return row;
    });
    const ok: XCell[] = victim({ 户编号: '3009', 证件号码: idFor('522799', '19750505', 51) });
    ok[COL['姓名']!] = s('0');
    const o = await run('共享字符串越界.xlsx', book([...rows, ok], { sharedStrings: ['孙九'] }));
    expectRowsRefused(o, { 4: /文字|共享|损坏/, 5: /文字|共享|损坏/, 6: /文字|共享|损坏/, 7: /文字|共享|损坏/ }, 2);
    expect(t.must('household:list', { q: '3009' }).rows[0]!.headName).toBe('孙九');
  });

  it('shared-string cells in a workbook without a shared-string table refuse their rows', async () => {
    const row: XCell[] = victim();
    row[COL['姓名']!] = s('0');
    expectRowsRefused(await run('无共享字符串表.xlsx', book([row])), { 4: /文字|共享|损坏/ }, 1);
  });

  it('a shared-string table before the sheets, and rich text in it, read as usual', async () => {
    const row: XCell[] = victim();
    row[COL['姓名']!] = s('0');
    const rich = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><rPr><b/></rPr><t>孙</t></r><r><t>二</t></r></si></sst>`;
    const o = await run('富文本.xlsx', xlsx({ sheet: sheetXml([HEADER, GOOD, row]), sharedStrings: rich, sharedFirst: true }));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    expect(t.must('household:list', { q: '3001' }).rows[0]!.headName).toBe('孙二');
  });
});

describe('wrong cell types', () => {
  it('numbers, booleans and dates as names refuse their rows', async () => {
    const rows: XCell[][] = [
      { xml: '<v>12345</v>' },
      { xml: '<v>1</v>', t: 'b' },
      { xml: '<v>29000</v>', s: 1 },
    ].map((cell, i) => {
      const row: XCell[] = victim({ 户编号: String(3001 + i), 证件号码: idFor('522799', '19710202', 21 + i * 2) });
      row[COL['姓名']!] = cell;
      return row;
    });
    expectRowsRefused(await run('姓名类型错.xlsx', book(rows)), { 4: /姓名/, 5: /姓名/, 6: /姓名/ }, 1);
  });

  it('a date, a boolean or scientific notation in the ID column, and a household number that lost digits, refuse their rows', async () => {
    const cells: [string, XCell][] = [
      ['证件号码', { xml: '<v>29000</v>', s: 1 }],
      ['证件号码', { xml: '<v>0</v>', t: 'b' }],
      ['证件号码', { xml: '<v>5.22799197102021E+17</v>' }],
      ['证件号码', { xml: '<v>-1</v>' }],
      ['户编号', { xml: '<v>5.22799001000001E+17</v>' }],
      ['户编号', { xml: '<v>1</v>', t: 'b' }],
      ['与户主关系', { xml: '<v>1</v>', t: 'b' }],
    ];
    const rows = cells.map(([column, cell], i) => {
      const row: XCell[] = victim({ 户编号: String(3001 + i), 证件号码: idFor('522799', '19710202', 21 + i * 2) });
      row[COL[column]!] = cell;
      return row;
    });
    const o = await run('证件号码类型错.xlsx', book(rows));
    expectRowsRefused(o, { 4: /证件号码/, 5: /证件号码/, 6: /证件号码.*数字/, 7: /证件号码/, 8: /户编号/, 9: /户编号/, 10: /与户主关系/ }, 1);
  });
});

describe('dates far in the past or the future', () => {
  it('impossible birth dates, years and months refuse their rows', async () => {
    const values: [string, XCell][] = [
      ['出生日期', { xml: '<v>1</v>', s: 1 }],
      ['出生日期', { xml: '<v>-5</v>', s: 1 }],
      ['出生日期', { xml: '<v>2958466</v>', s: 1 }],
      ['出生日期', { xml: '<v>1E+12</v>', s: 1 }],
      ['出生日期', '0001-01-01'],
      ['出生日期', '9999-12-31'],
      ['出生日期', '1900-02-29'],
      ['首次识别时间', '0001'],
      ['首次识别时间', '9999'],
      ['首次识别时间', { xml: '<v>99999999</v>', s: 1 }],
      ['状态起始月份', '0001-01'],
      ['状态起始月份', '9999-12'],
    ];
    const rows = values.map(([column, cell], i) => {
      const row: XCell[] = victim({ 户编号: String(3001 + i), 证件号码: idFor('522799', '19710202', 21 + i * 2) });
      row[COL[column]!] = cell;
      return row;
    });
    const o = await run('日期离谱.xlsx', book(rows));
    const expected = Object.fromEntries(values.map(([column], i) => [4 + i, column === '出生日期' ? /出生日期/ : column === '首次识别时间' ? /识别/ : /状态起始月份|月份/]));
    expectRowsRefused(o, expected, 1);
  });
});

describe('invisible and control characters', () => {
  it.each([...Array.from({ length: 32 }, (_, i) => i), 0x7f])('control character %i in a name refuses the row, in CSV', async (code) => {
    const o = await run(`控制字符${code}.csv`, csv([victim({ 姓名: `孙${String.fromCharCode(code)}二` })]));
    expectRowsRefused(o, { 3: /看不见|控制字符/ }, 1);
  });

  it('right-to-left marks and overrides, zero-width characters and a stray BOM refuse their rows wherever they are', async () => {
    const marks = ['\u200f', '\u202e', '\u202a', '\u2066', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
    const columns = ['姓名', '行政村', '证件号码', '户编号', '与户主关系'];
    const rows = marks.map((mark, i) => {
      const column = columns[i % columns.length]!;
      const row = victim({ 户编号: String(3001 + i), 证件号码: idFor('522799', '19710202', 21 + i * 2) });
      const at = COL[column]!;
      const text = String(row[at]);
      row[at] = `${text.slice(0, 1)}${mark}${text.slice(1)}`;
      return row;
    });
    const expected = Object.fromEntries(marks.map((_, i) => [4 + i, /看不见|控制字符/]));
    expectRowsRefused(await run('隐形字符.xlsx', book(rows)), expected, 1);
    fresh();
    expectRowsRefused(await run('隐形字符.csv', csv(rows)), Object.fromEntries(marks.map((_, i) => [3 + i, /看不见|控制字符/])), 1);
  });

  it('control characters the way Excel writes them (_x0007_) or as XML references are refused', async () => {
    const escaped: XCell[] = victim();
    escaped[COL['姓名']!] = { xml: '<is><t>孙_x0007_二</t></is>', t: 'inlineStr' };
    expectRowsRefused(await run('转义控制字符.xlsx', book([escaped])), { 4: /看不见|控制字符/ }, 1);
    fresh();
    const reference: XCell[] = victim();
    reference[COL['姓名']!] = { xml: '<is><t>孙&#7;二</t></is>', t: 'inlineStr' };
    const o = await run('字符引用.xlsx', book([reference]));
    if (o.commit.ok) expectRowsRefused(o, { 4: /看不见|控制字符/ }, 1);
    else expectRefused(o, BROKEN);
    fresh();
    const del: XCell[] = victim();
    del[COL['姓名']!] = { xml: '<is><t>孙\u007f二</t></is>', t: 'inlineStr' };
    expectRowsRefused(await run('DEL.xlsx', book([del])), { 4: /看不见|控制字符/ }, 1);
  });

  it('line breaks and tabs in an address or a note are text, not an attack', async () => {
    const o = await run('多行住址.csv', csv([victim({ 家庭住址: '石桥村\n一组\t5号', 备注: '第一行\r\n第二行' })]));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
  });
});

describe('encodings', () => {
  it('GBK CSV imports; GBK with UTF-8 rows in it is refused, saying where', async () => {
    const gb = gbk(csvText([victim()]));
    const o = await run('国标.csv', gb);
    expect(o.preview.ok && o.preview.data.encoding).toBe('gb18030');
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    fresh();
    const mixed = Buffer.concat([gbk(csvText([])), Buffer.from(victim({ 姓名: '孙二' }).map((v) => v ?? '').join(',') + '\r\n', 'utf8')]);
    expectRefused(await run('混合编码.csv', mixed), /编码/);
  });

  it('a UTF-8 BOM is fine; UTF-16 and bytes in no known encoding are refused', async () => {
    const o = await run('带BOM.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv([victim()])]));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    fresh();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText([victim()]), 'utf16le')]);
    expectRefused(await run('UTF16.csv', utf16), /UTF-16|Unicode|编码/);
    expectRefused(await run('乱码.csv', Buffer.concat([Buffer.from('行政村,姓名\r\n', 'utf8'), Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xff, 0x00, 0xc0])])), /编码/);
  });

  it('an empty file, a BOM alone, blank lines and a header without rows are refused', async () => {
    expectRefused(await run('空.csv', Buffer.alloc(0)), /空/);
    expectRefused(await run('空.xlsx', Buffer.alloc(0)), /空/);
    expectRefused(await run('只有BOM.csv', Buffer.from([0xef, 0xbb, 0xbf])), /空|表头/);
    expectRefused(await run('空行.csv', Buffer.from('\r\n\r\n,,,\r\n', 'utf8')), /空|表头/);
    expectRefused(await run('只有表头.csv', Buffer.from(HEADER.join(',') + '\r\n', 'utf8')), /没有.*数据|只有表头/);
    expectRefused(await run('只有表头.xlsx', xlsx({ sheet: sheetXml([HEADER]) })), /没有.*数据|只有表头/);
    expectRefused(await run('空工作表.xlsx', xlsx({ sheet: sheetXml([]) })), /空|表头/);
  });
});

describe('oversized cells and odd shapes', () => {
  it('a 1 MB name, address or note refuses its row with a short reason', async () => {
    const mb = 'x'.repeat(1024 * 1024);
    const han = '村'.repeat(1024 * 1024);
    const rows = [
      victim({ 户编号: '3001', 姓名: mb }),
      victim({ 户编号: '3002', 证件号码: idFor('522799', '19720303', 39), 家庭住址: han }),
      victim({ 户编号: '3003', 证件号码: idFor('522799', '19730404', 41), 备注: mb }),
      victim({ 户编号: '3004', 证件号码: idFor('522799', '19740404', 43), 行政村: han }),
    ];
    const o = await run('大单元格.csv', csv(rows));
    expectRowsRefused(o, { 3: /姓名/, 4: /住址/, 5: /备注/, 6: /行政村/ }, 1);
    expect(JSON.stringify(o.preview).length).toBeLessThan(100_000);
    fresh();
    const x = await run('大单元格.xlsx', book(rows));
    expectRowsRefused(x, { 4: /姓名/, 5: /住址/, 6: /备注/, 7: /行政村/ }, 1);
    expect(JSON.stringify(x.commit).length).toBeLessThan(400_000);
  });

  it('a CSV line of 100,000 columns and a CSV of one huge quoted field end cleanly', async () => {
    await run('宽行.csv', Buffer.from(csvText([victim()]) + ','.repeat(100_000) + '\r\n', 'utf8'));
    fresh();
    expectRefused(await run('一个字段.csv', Buffer.from(`"${'字'.repeat(4 * 1024 * 1024)}`, 'utf8')), /表头/);
  });

  it('rows without numbers, numbers going backwards or past Excel’s last row, and columns past XFD are refused as damaged', async () => {
    // The format lets a row leave its number out, but exceljs cannot place its cells: refused, not misread.
    const unnumbered = sheetXml([]).replace('<sheetData></sheetData>', `<sheetData>${[HEADER, GOOD, victim()].map((r, i) => rowXml(r, null, i + 1)).join('')}</sheetData>`);
    expectRefused(await run('无行号.xlsx', xlsx({ sheet: unnumbered })), BROKEN);
    const bare = sheetXml([]).replace('<sheetData></sheetData>', `<sheetData>${[HEADER, GOOD, victim()].map((r) => rowXml(r, null, null)).join('')}</sheetData>`);
    expectRefused(await run('无单元格引用.xlsx', xlsx({ sheet: bare })), BROKEN);
    const backwards = sheetXml([]).replace('<sheetData></sheetData>', `<sheetData>${rowXml(HEADER, 5)}${rowXml(GOOD, 6)}${rowXml(victim(), 3)}</sheetData>`);
    expectRefused(await run('倒序行号.xlsx', xlsx({ sheet: backwards })), BROKEN);
    const beyond = sheetXml([]).replace('<sheetData></sheetData>', `<sheetData>${rowXml(HEADER, 1)}${rowXml(GOOD, 2)}${rowXml(victim(), 2_000_000)}</sheetData>`);
    expectRefused(await run('超出行号.xlsx', xlsx({ sheet: beyond })), BROKEN);
    const wideRef = sheetXml([HEADER, GOOD]).replace('</sheetData>', '<row r="3"><c r="ZZZZ3"><v>1</v></c></row></sheetData>');
    expectRefused(await run('超出列号.xlsx', xlsx({ sheet: wideRef })), BROKEN);
  });

  it('a DTD, entity declarations and a huge comment in the sheet XML are refused', async () => {
    const dtd = sheetXml([HEADER, GOOD]).replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet');
    expectRefused(await run('实体.xlsx', xlsx({ sheet: dtd })), BROKEN);
    const comment = sheetXml([HEADER, GOOD]).replace('<sheetData>', `<!--${'<注释>'.repeat(2_000_000)}--><sheetData>`);
    expectRefused(await run('大注释.xlsx', xlsx({ sheet: comment })), BROKEN);
  });
});

describe('the count', () => {
  it('reports how many files were tried', () => {
    expect(tried).toBeGreaterThan(120);
    console.log(`import-hostile: ${tried} hostile files tried`);
  });
});
