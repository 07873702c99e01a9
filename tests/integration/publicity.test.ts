import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findFontsDir } from '../../src/main/core/io/pdf/fonts';
import { maskPublicText, publicityTableSize, writePublicityPdf, writePublicityXlsx } from '../../src/main/core/io/publicity';
import type { PublicityData } from '../../src/shared/domain/incentive.types';
import { readPdf } from '../support/pdf-text';
import { sheetRows } from '../support/xlsx-text';

const fontsDir = findFontsDir();

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏';
const DEEDS = [
  '主动清理房前屋后垃圾，带动邻里整治人居环境',
  '孝敬父母，照顾年迈公婆十余年如一日',
  '带头发展特色种植，帮助三户邻居销售农产品',
  '积极参加村级义务劳动，修缮村道五百余米',
  '拾金不昧，归还村民遗失的现金',
  '家庭和睦，邻里互助，获评文明家庭',
];
const CATEGORIES = ['孝老爱亲', '环境卫生', '勤劳致富', '热心公益', '诚实守信'];

/** A village's month with `red` and `black` entries, synthetic names throughout. */
function publicity(red: number, black: number, extra: Partial<PublicityData> = {}): PublicityData {
  return {
    townshipName: '青山镇',
    villageName: '石桥村',
    month: '2026-10',
    publicityStart: '2026-11-01',
    publicityEnd: '2026-11-03',
    red: Array.from({ length: red }, (_, i) => ({
      name: `${SURNAMES[i % SURNAMES.length]}${'甲乙丙丁'[i % 4]}${i % 3 ? '华' : ''}`,
      groupName: `${(i % 6) + 1}组`,
      reasonCategory: CATEGORIES[i % CATEGORIES.length]!,
      // Every fourth deed runs to two sentences, as a clerk's note does.
      description: DEEDS[i % DEEDS.length]! + (i % 4 === 0 ? `，${DEEDS[(i + 1) % DEEDS.length]}` : ''),
    })),
    black: Array.from({ length: black }, (_, i) => ({ name: `测试${'子丑寅卯辰巳'[i % 6]}${i}`, groupName: i === 1 ? null : `${i + 2}组` })),
    date: '2026-11-01',
    ...extra,
  };
}

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every text of a workbook: its cells (a merged range once), and its title and creator. */
function workbookText(wb: ExcelJS.Workbook): string {
  const texts = [wb.title, wb.creator, wb.subject, wb.description, wb.keywords].filter((t): t is string => !!t);
  for (const sheet of wb.worksheets) {
    texts.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => cell.isMerged && cell.master !== cell ? undefined : texts.push(cell.text)));
  }
  return texts.join('\n');
}

/** Text without the spaces pdf.js puts between runs (and makes of an ideographic space). */
const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');

const ID_LIKE = /\d{17}[\dX]/;
const MOBILE_LIKE = /1[3-9]\d{9}/;
const HEALTH_WORDS = ['残疾', '大病', '慢性病'];

function expectNothingPrivate(text: string): void {
  const digits = text.replace(/[\s\u3000]+/g, '');
  expect(digits).not.toMatch(ID_LIKE);
  expect(digits).not.toMatch(MOBILE_LIKE);
  for (const word of HEALTH_WORDS) expect(text).not.toContain(word);
}

describe('masking free text for the notice board', () => {
  it('masks mobiles, ID numbers and long numbers, and leaves the rest', () => {
    expect(maskPublicText('联系电话13800138000')).toBe('联系电话138****8000');
    expect(maskPublicText('电话：138-0013-8000。')).toBe('电话：138****8000。');
    expect(maskPublicText('电话 138 0013 8000')).toBe('电话 138****8000');
    expect(maskPublicText('+86 13800138000')).toBe('138****8000');
    expect(maskPublicText('电话１３８００１３８０００')).toBe('电话138****8000');
    expect(maskPublicText('证号11010519491231002x')).toBe('证号110105********002X');
    expect(maskPublicText('卡号6222020200112233445')).toBe('卡号***************3445');
    expect(maskPublicText('修缮村道500米，2026年捐款1200元')).toBe('修缮村道500米，2026年捐款1200元');
    expect(maskPublicText('12800138000')).toBe('12800138000');
  });
});

describe('red/black list publicity as xlsx', () => {
  it('prints the title, township and period, the red list with deeds and the black list with names only', async () => {
    const data = publicity(5, 3);
    const wb = await readXlsx(await writePublicityXlsx(data));
    expect(wb.worksheets).toHaveLength(1);
    const sheet = wb.worksheets[0]!;
    const rows = sheetRows(sheet);

    // The merged title across the table's five columns.
    expect(sheet.getCell('A1').text).toBe('石桥村2026年10月红黑榜公示');
    expect(sheet.getCell('E1').isMerged).toBe(true);
    expect(sheet.getCell('E1').master.address).toBe('A1');
    expect(sheet.getCell('A1').font.bold).toBe(true);
    expect(wb.title).toBe('石桥村2026年10月红黑榜公示');
    expect(sheet.getCell('A2').text).toContain('青山镇');
    expect(sheet.getCell('A2').text).toContain('公示期：2026年11月1日至2026年11月3日');

    const at = (text: string) => rows.findIndex((r) => r.cells[0] === text);
    const red = at('红榜');
    const black = at('黑榜');
    expect(red).toBeGreaterThan(0);
    expect(black).toBeGreaterThan(red);
    expect(rows[red + 1]!.cells).toEqual(['序号', '户主姓名', '组', '事由类别', '主要事迹']);
    data.red.forEach((r, i) => expect(rows[red + 2 + i]!.cells).toEqual([String(i + 1), r.name, r.groupName, r.reasonCategory, r.description]));

    expect(rows[black + 1]!.cells[0]).toContain('黑榜仅公布姓名；改正后经评议可下榜');
    expect(rows[black + 2]!.cells).toEqual(['序号', '户主姓名', '组']);
    data.black.forEach((b, i) => expect(rows[black + 3 + i]!.cells).toEqual([String(i + 1), b.name, b.groupName ?? '']));

    const text = workbookText(wb);
    expect(text).toContain('公示期间如有异议，请向村民委员会反映');
    const foot = rows[rows.length - 1]!.cells[0]!;
    expect(foot).toBe('石桥村村民委员会　2026年11月1日');
    expect(sheet.getCell(rows[rows.length - 1]!.row, 1).alignment.horizontal).toBe('right');
    expect(text).not.toContain('（无）');
    // The black list has no deeds or categories.
    const blackRows = rows.slice(black).map((r) => r.cells.join('|')).join('\n');
    for (const r of data.red) expect(blackRows).not.toContain(r.description);
  });

  it('is set up to print on A4 portrait, one page wide, with borders', async () => {
    const sheet = (await readXlsx(await writePublicityXlsx(publicity(30, 5)))).worksheets[0]!;
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('portrait');
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    // Thirty households still go onto one page.
    expect(sheet.pageSetup.fitToHeight).toBe(1);
    const rows = sheetRows(sheet);
    const head = rows.find((r) => r.cells[0] === '序号')!.row;
    for (const cell of [sheet.getCell(head, 1), sheet.getCell(head + 1, 5)]) {
      expect(cell.border.top?.style).toBe('thin');
      expect(cell.border.left?.style).toBe('thin');
      expect(cell.border.bottom?.style).toBe('thin');
      expect(cell.border.right?.style).toBe('thin');
    }
    // The title and the lines outside the tables have none.
    expect(sheet.getCell('A1').border?.top).toBeUndefined();

    const long = (await readXlsx(await writePublicityXlsx(publicity(120, 10)))).worksheets[0]!;
    expect(long.pageSetup.fitToHeight).toBe(0);
    expect(long.headerFooter.oddFooter).toContain('&P');
  });

  it('prints （无） for an empty list and leaves out a missing period', async () => {
    const noBlack = workbookText(await readXlsx(await writePublicityXlsx(publicity(3, 0))));
    expect(noBlack.match(/（无）/g)).toHaveLength(1);
    const sheet = (await readXlsx(await writePublicityXlsx(publicity(0, 0, { publicityStart: null, publicityEnd: null })))).worksheets[0]!;
    const text = workbookText(sheet.workbook);
    expect(text.match(/（无）/g)).toHaveLength(2);
    expect(text).not.toContain('公示期：');
    expect(sheet.getCell('A2').text).toBe('青山镇');
    const rows = sheetRows(sheet);
    const empty = rows.filter((r) => r.cells[0] === '（无）');
    expect(empty).toHaveLength(2);
    // Across the whole table, bordered.
    expect(sheet.getCell(empty[0]!.row, 5).master.address).toBe(`A${empty[0]!.row}`);
    expect(sheet.getCell(empty[0]!.row, 1).border.top?.style).toBe('thin');
  });
});

describe('red/black list publicity as PDF', () => {
  it('prints the sheet on one A4 portrait page with the embedded font', async () => {
    const data = publicity(5, 3);
    const bytes = await writePublicityPdf(data, fontsDir);
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansSC/);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toHaveLength(1);
    const page = pdf.pages[0]!;
    expect(page.width).toBeCloseTo(595.28, 0);
    expect(page.height).toBeCloseTo(841.89, 0);
    const lines = page.lines.map((l) => squash(l.text));
    expect(lines[0]).toBe('石桥村2026年10月红黑榜公示');
    expect(lines[1]).toBe('青山镇公示期：2026年11月1日至2026年11月3日');
    const red = lines.indexOf('红榜');
    const black = lines.indexOf('黑榜');
    expect(red).toBe(2);
    expect(lines[red + 1]).toBe('序号户主姓名组事由类别主要事迹');
    // A row per household in order, a long deed wrapping onto a second line of its row.
    const rows = lines.slice(red + 2, black);
    expect(rows.filter((l) => /^\d/.test(l))).toHaveLength(data.red.length);
    expect(rows.join('')).toBe(data.red.map((r, i) => `${i + 1}${r.name}${r.groupName}${r.reasonCategory}${r.description}`).join(''));
    expect(lines[black + 1]).toContain('黑榜仅公布姓名；改正后经评议可下榜');
    expect(lines[black + 2]).toBe('序号户主姓名组');
    data.black.forEach((b, i) => expect(lines[black + 3 + i]).toBe(`${i + 1}${b.name}${b.groupName ?? ''}`));
    expect(lines[black + 3 + data.black.length]).toBe('公示期间如有异议，请向村民委员会反映。');
    expect(lines[lines.length - 1]).toBe('石桥村村民委员会2026年11月1日');
    // The foot sits on the right, the objection line on the left.
    expect(page.text).not.toContain('（无）');
    expect(page.text).not.toContain('第 1 页');
  });

  it('keeps thirty households with their deeds on one page', async () => {
    const data = publicity(30, 5);
    const pdf = await readPdf(await writePublicityPdf(data, fontsDir));
    expect(pdf.pages).toHaveLength(1);
    expect(publicityTableSize(data)).toBeGreaterThanOrEqual(8);
    const text = squash(pdf.text);
    for (const r of data.red) expect(text).toContain(`${r.name}${r.groupName}${r.reasonCategory}${r.description}`);
    for (const b of data.black) expect(text).toContain(b.name);
    expect(text).toContain('石桥村村民委员会2026年11月1日');
  });

  it('runs a long list onto more pages, the table head repeated and the 黑榜 heading with its table', async () => {
    const data = publicity(80, 4);
    const pdf = await readPdf(await writePublicityPdf(data, fontsDir));
    expect(pdf.pages.length).toBeGreaterThan(1);
    pdf.pages.forEach((page, i) => expect(page.text).toContain(`第 ${i + 1} 页 共 ${pdf.pages.length} 页`));
    const heads = pdf.pages.map((p) => p.lines.map((l) => squash(l.text)));
    for (const lines of heads.slice(1)) expect(lines[0]).toMatch(/^序号户主姓名组/);
    const text = squash(pdf.text);
    data.red.forEach((r, i) => expect(text).toContain(`${i + 1}${r.name}${r.groupName}${r.reasonCategory}`));
    const withBlack = heads.findIndex((lines) => lines.includes('黑榜'));
    const at = heads[withBlack]!.indexOf('黑榜');
    expect(heads[withBlack]![at + 2]).toBe('序号户主姓名组');
    expect(heads[withBlack]![at + 3]).toBe(`1${data.black[0]!.name}${data.black[0]!.groupName}`);
  });

  it('prints （无） for an empty list and leaves out a missing period', async () => {
    const noBlack = await readPdf(await writePublicityPdf(publicity(3, 0), fontsDir));
    expect(squash(noBlack.text).match(/（无）/g)).toHaveLength(1);
    const lines = noBlack.pages[0]!.lines.map((l) => squash(l.text));
    expect(lines[lines.indexOf('序号户主姓名组') + 1]).toBe('（无）');

    const none = await readPdf(await writePublicityPdf(publicity(0, 0, { publicityStart: null, publicityEnd: null }), fontsDir));
    const text = squash(none.text);
    expect(text.match(/（无）/g)).toHaveLength(2);
    expect(text).not.toContain('公示期：');
    expect(none.pages[0]!.lines.map((l) => squash(l.text))[1]).toBe('青山镇');
  });
});

describe('what the publicity sheet never prints', () => {
  it('has no ID number, mobile or health word in either file', async () => {
    const data = publicity(30, 6);
    const xlsx = workbookText(await readXlsx(await writePublicityXlsx(data)));
    const pdf = (await readPdf(await writePublicityPdf(data, fontsDir))).text;
    for (const text of [xlsx, pdf]) {
      expectNothingPrivate(text);
      expect(text).toContain(data.red[0]!.name);
    }
  });

  it('masks a mobile or an ID number typed into the deeds', async () => {
    const data = publicity(3, 1);
    data.red[0]!.description = '主动捐资修路，联系电话13800138000';
    data.red[1]!.description = '热心帮助邻里（身份证号110105194912310021已核实）';
    data.black[0]!.name = '测试某 13912345678';
    const xlsx = workbookText(await readXlsx(await writePublicityXlsx(data)));
    const pdf = squash((await readPdf(await writePublicityPdf(data, fontsDir))).text);
    for (const text of [xlsx, pdf]) {
      expectNothingPrivate(text);
      expect(text).toContain('主动捐资修路，联系电话138****8000');
      expect(text).toContain('110105********0021');
      expect(text).toContain('139****5678');
    }
  });
});
