/**
 * The slow hostile-input cases for the import (run by `npm run test:fuzz` and by .ci/run, not by
 * `npm test`): zip bombs of many shapes, a million rows, megabyte cells, and seeded random
 * mutations of good files. Every file goes through `import:preview` and `import:commit` of the real
 * core with the checks of tests/support/hostile-import.ts: a Chinese refusal or Chinese per-row
 * reasons, an answer within 20 s per call, no unhandled rejection, the registry unchanged by what
 * was refused. Bombs must also stay under 500 MB of RSS growth. All data is synthetic.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFor } from '../support/temp-ledger';
import { deflateBomb, random, rawPart, rowXml, SHEET_HEAD, sheetXml, xlsx, zip, type XCell, type ZipPart } from '../support/hostile-files';
import { attempt, expectRefused, expectRowsRefused, HEADER, hostileLedger, personRow, type Ledger, type Outcome } from '../support/hostile-import';

let t: Ledger;
beforeEach(() => {
  t = hostileLedger();
});
afterEach(() => t.cleanup());

const CALL_LIMIT_MS = 20_000;
const RSS_LIMIT_MB = 500;

const tally = { files: 0, slowest: { name: '', ms: 0 }, mostMemory: { name: '', mb: 0 } };
async function run(name: string, bytes: Uint8Array): Promise<Outcome> {
  tally.files++;
  const o = await attempt(t, name, bytes, { limitMs: CALL_LIMIT_MS });
  if (o.ms > tally.slowest.ms) tally.slowest = { name, ms: Math.round(o.ms) };
  if (o.rssGrowthMb > tally.mostMemory.mb) tally.mostMemory = { name, mb: Math.round(o.rssGrowthMb) };
  return o;
}
afterAll(() => {
  console.log(`import-fuzz: ${tally.files} files; slowest ${tally.slowest.name} ${tally.slowest.ms} ms (preview + commit); most memory ${tally.mostMemory.name} +${tally.mostMemory.mb} MB RSS`);
});

const GOOD = personRow({ 行政村: '石桥村', 户编号: '2001', 姓名: '孙一', 证件号码: idFor('522799', '19700101', 15), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因病' });
const VICTIM = personRow({ 行政村: '石桥村', 户编号: '3001', 姓名: '孙二', 证件号码: idFor('522799', '19710202', 27), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因学' });
const START = `${SHEET_HEAD}<sheetData>${rowXml(HEADER, 1)}${rowXml(GOOD, 2)}`;
const END = '</sheetData></worksheet>';
const SHEET = 'xl/worksheets/sheet1.xml';
const GB = 1024 * 1024 * 1024;

const TOO_LARGE = /解压后超过/;
const BROKEN = /不是有效的 Excel 工作簿|已损坏/;

/** A bomb as the sheet: `head`, then `unit` until about `bytes`, then `tail`. */
function sheetBomb(unit: string, bytes: number, head = START, tail = END): ZipPart {
  return rawPart(SHEET, deflateBomb(unit.repeat(Math.max(1, Math.floor(65_536 / unit.length))), Math.ceil(bytes / 65_536), head, tail));
}

function bounded(o: Outcome): void {
  expect(o.rssGrowthMb, 'RSS growth (MB)').toBeLessThan(RSS_LIMIT_MB);
}

describe('zip bombs', () => {
  const cases: [string, () => Buffer, RegExp][] = [
    ['2 GB of rows in the sheet', () => xlsx({ sheet: sheetBomb('<row r="3"><c r="A3" t="inlineStr"><is><t>石桥村</t></is></c></row>', 2 * GB) }), TOO_LARGE],
    ['a sheet whose headers say 1 KB and that inflates to 2 GB', () => xlsx({ sheet: { ...sheetBomb('<c r="A3"/>', 2 * GB), declaredSize: 1024 } }), TOO_LARGE],
    ['1 GB of spaces between two rows', () => xlsx({ sheet: sheetBomb(' ', GB) }), BROKEN],
    ['one cell of 1 GB of text', () => xlsx({ sheet: sheetBomb('A', GB, `${START}<row r="3"><c r="A3" t="inlineStr"><is><t>`, `</t></is></c></row>${END}`) }), BROKEN],
    ['one attribute of 1 GB', () => xlsx({ sheet: sheetBomb('A', GB, `${START}<row r="3" x="`, `"/>${END}`) }), BROKEN],
    ['elements nested 100 million deep', () => xlsx({ sheet: sheetBomb('<a>', 300 * 1024 * 1024) }), BROKEN],
    ['a 1 GB comment holding tags', () => xlsx({ sheet: sheetBomb('<row/>', GB, `${START}<!--`, `-->${END}`) }), BROKEN],
    ['a 1 GB CDATA section', () => xlsx({ sheet: sheetBomb('<c/>', GB, `${START}<row r="3"><c r="A3" t="inlineStr"><is><t><![CDATA[`, `]]></t></is></c></row>${END}`) }), BROKEN],
    ['a 1 GB processing instruction', () => xlsx({ sheet: sheetBomb('<x>', GB, `${START}<?pi `, `?>${END}`) }), BROKEN],
    [
      '1 GB of shared strings',
      () => xlsx({ sheet: sheetXml([HEADER, GOOD]), sharedStrings: rawPart('xl/sharedStrings.xml', deflateBomb('<si><t>孙二</t></si>'.repeat(2000), GB / 40_000, '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '</sst>')) }),
      TOO_LARGE,
    ],
    ['1 GB of styles', () => styledBomb(), TOO_LARGE],
    [
      '12 sheets of 100 MB each',
      () =>
        zip([
          ...partsOf(xlsx({ sheet: sheetXml([HEADER, GOOD]) })).filter((p) => p.name !== SHEET),
          ...Array.from({ length: 12 }, (_, i) => ({ ...sheetBomb('<row r="3"><c r="A3"><v>1</v></c></row>', 100 * 1024 * 1024), name: `xl/worksheets/sheet${i + 1}.xml` })),
        ]),
      TOO_LARGE,
    ],
    ['a deflate stream that never ends', () => xlsx({ sheet: { name: SHEET, data: deflateBomb('<row/>', 100).data.subarray(0, -2), raw: { size: 1000, crc: 0 } } }), BROKEN],
    [
      '20,000 entries in the archive',
      () => zip([...partsOf(xlsx({ sheet: sheetXml([HEADER, GOOD]) })), ...Array.from({ length: 20_000 }, (_, i) => ({ name: `junk/${i}.xml`, data: Buffer.from('<a/>'), method: 0 }))]),
      BROKEN,
    ],
  ];

  it.each(cases)('%s: refused, quickly, within bounded memory', async (name, make, pattern) => {
    const o = await run(`${name}.xlsx`, make());
    expectRefused(o, pattern);
    bounded(o);
  });

  it('a 4 GB picture in the workbook is never inflated: the roster imports', async () => {
    const bytes = xlsx({ sheet: sheetXml([HEADER, GOOD]), extra: [rawPart('xl/media/image1.png', deflateBomb(Buffer.alloc(65_536), 65_536))] });
    const o = await run('带巨大图片.xlsx', bytes);
    expect(o.commit.ok && o.commit.data.created).toBe(1);
    expect(o.ms).toBeLessThan(5_000);
    bounded(o);
  });
});

/** A workbook whose styles part is a 1 GB bomb. */
function styledBomb(): Buffer {
  const parts = partsOf(xlsx({ sheet: sheetXml([HEADER, GOOD]) })).filter((p) => p.name !== 'xl/styles.xml');
  const styles = rawPart('xl/styles.xml', deflateBomb('<xf numFmtId="0"/>'.repeat(3000), GB / 54_000, '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>', '</cellXfs></styleSheet>'));
  return zip([...parts, styles]);
}

/** The parts of an archive made by `zip` (stored or deflated), to rebuild it with changes. */
function partsOf(archive: Buffer): ZipPart[] {
  const parts: ZipPart[] = [];
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const method = archive.readUInt16LE(at + 8);
    const crc = archive.readUInt32LE(at + 14);
    const size = archive.readUInt32LE(at + 18);
    const inflated = archive.readUInt32LE(at + 22);
    const nameLength = archive.readUInt16LE(at + 26);
    const name = archive.toString('utf8', at + 30, at + 30 + nameLength);
    const data = archive.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    parts.push({ name, data, method, raw: { size: inflated, crc } });
    at += 30 + nameLength + size;
  }
  return parts;
}

describe('a million rows', () => {
  const emptyRows = (from: number, to: number, cells = 0) => {
    const out: string[] = [];
    for (let r = from; r <= to; r++) {
      let c = '';
      for (let k = 0; k < cells; k++) c += `<c r="${String.fromCharCode(65 + k)}${r}" s="1"/>`;
      out.push(cells ? `<row r="${r}">${c}</row>` : `<row r="${r}"/>`);
    }
    return out.join('');
  };

  it('a million empty rows under the roster are passed over', async () => {
    const sheet = `${START}${rowXml(VICTIM, 3)}${emptyRows(4, 1_048_576)}${END}`;
    const o = await run('一百万空行.xlsx', xlsx({ sheet }));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    bounded(o);
  });

  it('a million rows of empty formatted cells (borders to the last row) are passed over', async () => {
    const sheet = `${START}${rowXml(VICTIM, 3)}${emptyRows(4, 1_048_576, 4)}${END}`;
    const o = await run('一百万带格式空行.xlsx', xlsx({ sheet }));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    bounded(o);
  });

  it('a dimension claiming a million rows, with the last row used, reads that row; one past it is refused', async () => {
    const claim = `<dimension ref="A1:L1048576"/>`;
    const last = `${SHEET_HEAD}${claim}<sheetData>${rowXml(HEADER, 1)}${rowXml(GOOD, 2)}${rowXml(VICTIM, 1_048_576)}${END}`;
    const o = await run('最后一行.xlsx', xlsx({ sheet: last }));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    t.cleanup();
    t = hostileLedger();
    const past = `${SHEET_HEAD}${claim}<sheetData>${rowXml(HEADER, 1)}${rowXml(GOOD, 2)}${rowXml(VICTIM, 1_048_577)}${END}`;
    expectRefused(await run('超过最后一行.xlsx', xlsx({ sheet: past })), BROKEN);
  });

  it('a million filled rows are refused as too many, without reading them all', async () => {
    const rows: string[] = [];
    for (let r = 3; r <= 1_000_002; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>石桥村</t></is></c></row>`);
    const o = await run('一百万行.xlsx', xlsx({ sheet: `${START}${rows.join('')}${END}` }));
    expectRefused(o, /超过一次最多导入的 200000 行/);
    bounded(o);
  });

  it('CSV: a million blank lines are passed over; past Excel’s last row, or 250,000 filled rows, are refused', async () => {
    const head = `${HEADER.join(',')}\r\n${GOOD.map((v) => v ?? '').join(',')}\r\n`;
    const o = await run('一百万空行.csv', Buffer.from(head + '\r\n'.repeat(1_000_000) + VICTIM.map((v) => v ?? '').join(',') + '\r\n', 'utf8'));
    expect(o.commit.ok && o.commit.data.created).toBe(2);
    t.cleanup();
    t = hostileLedger();
    expectRefused(await run('超过行数.csv', Buffer.from(head + ',\r\n'.repeat(1_100_000), 'utf8')), /行/);
    const filled = Array.from({ length: 250_000 }, (_, i) => `石桥村,${5000 + i},某某,,户主`).join('\r\n');
    expectRefused(await run('二十五万行.csv', Buffer.from(head + filled, 'utf8')), /超过一次最多导入的 200000 行/);
  });
});

describe('megabyte cells', () => {
  const mb = (ch: string) => ch.repeat(1024 * 1024);

  it('60 rows with a 1 MB note each: every row refused with a short reason, the rest imported', async () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      personRow({ 行政村: '石桥村', 户编号: String(3001 + i), 姓名: '孙二', 证件号码: idFor('522799', '19710202', 21 + i * 2), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因学', 备注: mb(i % 2 ? '注' : 'x') }),
    );
    const o = await run('六十个大备注.xlsx', xlsx({ sheet: sheetXml([HEADER, GOOD, ...rows]) }));
    expectRowsRefused(o, Object.fromEntries(rows.map((_, i) => [3 + i, /备注/])), 1);
    expect(JSON.stringify(o.preview).length).toBeLessThan(200_000);
    bounded(o);
  });

  it('the same as shared strings, and as CSV names', async () => {
    const strings = ['孙二', ...Array.from({ length: 25 }, (_, i) => mb(String.fromCharCode(0x4e00 + i)))];
    const rows: XCell[][] = strings.slice(1).map((_, i) => {
      const row: XCell[] = personRow({ 行政村: '石桥村', 户编号: String(3001 + i), 证件号码: idFor('522799', '19710202', 21 + i * 2), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因学' });
      row[HEADER.indexOf('姓名')] = { xml: `<v>${i + 1}</v>`, t: 's' };
      return row;
    });
    const o = await run('大共享文字.xlsx', xlsx({ sheet: sheetXml([HEADER, GOOD, ...rows]), sharedStrings: strings }));
    expectRowsRefused(o, Object.fromEntries(rows.map((_, i) => [3 + i, /姓名/])), 1);
    bounded(o);
    t.cleanup();
    t = hostileLedger();
    const csvRows = Array.from({ length: 10 }, (_, i) =>
      personRow({ 行政村: '石桥村', 户编号: String(3001 + i), 姓名: mb('名'), 证件号码: idFor('522799', '19710202', 21 + i * 2), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因学' })
        .map((v) => v ?? '')
        .join(','),
    );
    const csv = await run('大姓名.csv', Buffer.from([HEADER.join(','), GOOD.map((v) => v ?? '').join(','), ...csvRows].join('\r\n'), 'utf8'));
    expectRowsRefused(csv, Object.fromEntries(csvRows.map((_, i) => [3 + i, /姓名/])), 1);
    bounded(csv);
  });

  it('a 5 MB cell is more than any spreadsheet writes: the file is refused', async () => {
    const sheet = `${START}<row r="3"><c r="A3" t="inlineStr"><is><t>${'x'.repeat(5 * 1024 * 1024)}</t></is></c></row>${END}`;
    expectRefused(await run('五兆单元格.xlsx', xlsx({ sheet })), BROKEN);
  });
});

describe('seeded random damage', () => {
  async function roster(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('花名册');
    s.addRow(HEADER);
    s.addRow(GOOD);
    s.addRow(VICTIM);
    for (let i = 0; i < 20; i++) s.addRow(personRow({ 行政村: '石桥村', 户编号: String(4000 + i), 姓名: `吴${'一二三四五六七八九十'[i % 10]}`, 证件号码: idFor('522799', '19800101', 101 + i * 2), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因病', 出生日期: '1980-01-01' }));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** One random change: flip bits, cut, insert, delete or repeat a range. */
  function mutate(bytes: Buffer, rnd: ReturnType<typeof random>, alphabet?: Buffer): Buffer {
    const b = Buffer.from(bytes);
    const at = rnd.int(b.length);
    const len = 1 + rnd.int(64);
    const noise = () => (alphabet ? Buffer.from(Array.from({ length: len }, () => alphabet[rnd.int(alphabet.length)]!)) : rnd.bytes(len));
    switch (rnd.int(5)) {
      case 0:
        for (let k = 0; k < len; k++) {
          const i = rnd.int(b.length);
          b[i] = b[i]! ^ (1 << rnd.int(8));
        }
        return b;
      case 1:
        return b.subarray(0, at);
      case 2:
        return Buffer.concat([b.subarray(0, at), noise(), b.subarray(at)]);
      case 3:
        return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + len))]);
      default:
        return Buffer.concat([b.subarray(0, at + len), b.subarray(at)]);
    }
  }

  const CASES = 300;

  it(`${CASES} damaged archives`, async () => {
    const base = await roster();
    for (let seed = 0; seed < CASES; seed++) {
      if (seed % 30 === 0) {
        t.cleanup();
        t = hostileLedger();
      }
      const rnd = random(10_000 + seed);
      let bytes = base;
      for (let k = 0, n = 1 + rnd.int(3); k < n; k++) bytes = mutate(bytes, rnd);
      await run(`归档损坏${seed}.xlsx`, bytes);
    }
  }, 600_000);

  it(`${CASES} damaged sheet XML in sound archives`, async () => {
    const sheet = Buffer.from(sheetXml([HEADER, GOOD, VICTIM, ...Array.from({ length: 10 }, (_, i) => personRow({ 行政村: '石桥村', 户编号: String(4000 + i), 姓名: '吴一', 证件号码: idFor('522799', '19800101', 101 + i * 2), 与户主关系: '户主', 户类型: '脱贫户', 致贫原因1: '因病' }))]), 'utf8');
    const xmlish = Buffer.from('<>/="\'&;!?[]-_x0007_ \n\t#abc0123456789石桥村\u202e\u200b', 'utf8');
    for (let seed = 0; seed < CASES; seed++) {
      if (seed % 30 === 0) {
        t.cleanup();
        t = hostileLedger();
      }
      const rnd = random(20_000 + seed);
      let xml: Buffer = sheet;
      for (let k = 0, n = 1 + rnd.int(4); k < n; k++) xml = mutate(xml, rnd, xmlish);
      await run(`表格损坏${seed}.xlsx`, xlsx({ sheet: { name: SHEET, data: xml } }));
    }
  }, 600_000);

  it(`${CASES} damaged CSV files, UTF-8 and GBK`, async () => {
    const text = [HEADER, GOOD, VICTIM].map((r) => r.map((v) => v ?? '').join(',')).join('\r\n') + '\r\n';
    const utf8 = Buffer.from(text, 'utf8');
    const csvish = Buffer.concat([Buffer.from(',"\r\n\u0000\t=+-@', 'utf8'), Buffer.from([0xef, 0xbb, 0xbf, 0xd5, 0xc5, 0xc8, 0xfd, 0xff, 0xfe, 0x80])]);
    for (let seed = 0; seed < CASES; seed++) {
      if (seed % 30 === 0) {
        t.cleanup();
        t = hostileLedger();
      }
      const rnd = random(30_000 + seed);
      let bytes: Buffer = utf8;
      for (let k = 0, n = 1 + rnd.int(4); k < n; k++) bytes = mutate(bytes, rnd, csvish);
      await run(`文本损坏${seed}.csv`, bytes);
    }
  }, 600_000);
});
