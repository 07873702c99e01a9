import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { percentText, writeCadreBulletinPdf, writeCadreBulletinXlsx } from '../../src/main/core/io/cadre-bulletin';
import { findFontsDir } from '../../src/main/core/io/pdf/fonts';
import type { CadreBulletinData, CadreBulletinLine } from '../../src/shared/domain/cadre-assessment.types';
import { DEFAULT_CADRE_ASSESSMENT } from '../../src/shared/schemas/cadre-assessment.schema';
import { readPdf } from '../support/pdf-text';
import { sheetRows } from '../support/xlsx-text';

const fontsDir = findFontsDir();
const dir = mkdtempSync(join(tmpdir(), 'cadre-bulletin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADERS = ['序号', '姓名', '单位', '帮扶身份', '驻村/帮扶村', '结对户数', '走访完成率', '群众满意率', '事由', '措施'];

/** A synthetic cadre's line (names are made up: 测试 and a cyclic character). */
function line(name: string, extra: Partial<CadreBulletinLine> = {}): CadreBulletinLine {
  return {
    name,
    unit: '县农业农村局',
    roleLabel: '帮扶责任人',
    villageName: '石桥村',
    householdsPaired: 5,
    visitRate: 100,
    satisfaction: 95,
    reasons: '走访完成率 100%，群众满意率 95%',
    consequenceLabel: '通报表扬',
    consecutiveBlack: false,
    ...extra,
  };
}

function bulletin(extra: Partial<CadreBulletinData> = {}): CadreBulletinData {
  return {
    townshipName: '青山镇',
    month: '2026-10',
    stateLabel: '公示中',
    publicityStart: '2026-11-02',
    publicityEnd: '2026-11-08',
    red: [
      line('测试甲', { visitRate: 100, satisfaction: 100 }),
      line('测试乙', { unit: '县交通运输局', roleLabel: '驻村第一书记', visitRate: 95, satisfaction: 92.5, consequenceLabel: '通报表扬并在年度考核中加分' }),
    ],
    black: [
      line('测试丙', {
        visitRate: 40,
        satisfaction: 55,
        reasons: '3 户已有 2 个以上走访周期未走访\n群众满意率 55%，低于 60%',
        consequenceLabel: '诫勉谈话',
        consecutiveBlack: true,
      }),
      line('测试丁', { villageName: null, visitRate: null, satisfaction: null, reasons: '2 户已有 2 个以上走访周期未走访', consequenceLabel: null }),
    ],
    assessed: 12,
    thresholds: { ...DEFAULT_CADRE_ASSESSMENT, redMinVisitRate: 90, redMinSatisfaction: 85, blackBelowSatisfaction: 60, blackOverdueCadences: 3, blackBelowAttendanceDays: 12 },
    date: '2026-11-02',
    ...extra,
  };
}

let files = 0;
/** Writes the bulletin to the temp folder and reads the file back, as the office would open it. */
async function xlsxOf(data: CadreBulletinData): Promise<ExcelJS.Worksheet> {
  const path = join(dir, `bulletin-${++files}.xlsx`);
  writeFileSync(path, await writeCadreBulletinXlsx(data));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

async function pdfOf(data: CadreBulletinData) {
  const path = join(dir, `bulletin-${++files}.pdf`);
  writeFileSync(path, await writeCadreBulletinPdf(data, fontsDir));
  const bytes = readFileSync(path);
  return { raw: bytes.toString('latin1'), pdf: await readPdf(bytes) };
}

/** Text without the spaces pdf.js puts between runs (and makes of an ideographic space). */
const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');

const MOBILE_LIKE = /1[3-9]\d{9}/;
const ID_LIKE = /\d{17}[\dX]/;

describe('how the bulletin prints a figure', () => {
  it('prints rates with one decimal and a dash for none', () => {
    expect(percentText(95)).toBe('95.0%');
    expect(percentText(100)).toBe('100.0%');
    expect(percentText(66.7)).toBe('66.7%');
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(null)).toBe('—');
  });
});

describe('cadre red/black list bulletin as xlsx', () => {
  it('prints the title, the opening line, both lists in order and the foot', async () => {
    const data = bulletin();
    const sheet = await xlsxOf(data);
    expect(sheet.workbook.title).toBe('青山镇2026年10月帮扶干部红黑榜通报');
    expect(sheet.getCell('A1').text).toBe('青山镇2026年10月帮扶干部红黑榜通报');
    expect(sheet.getCell('J1').master.address).toBe('A1');
    expect(sheet.getCell('A1').font.bold).toBe(true);

    const opening = sheet.getCell('A2').text;
    expect(opening).toContain('共考核帮扶干部12名');
    expect(opening).toContain('红榜：走访完成率不低于90%、群众满意率不低于85%');
    expect(opening).toContain('黑榜：有农户3个以上走访周期未走访、群众满意率低于60%或驻村天数少于12天');
    expect(opening).toContain('名单公示中，公示期：2026年11月2日至2026年11月8日');

    const rows = sheetRows(sheet);
    const at = (text: string) => rows.findIndex((r) => r.cells[0] === text);
    const red = at('红榜');
    const black = at('黑榜');
    expect(red).toBe(2);
    expect(black).toBe(red + 2 + data.red.length);
    expect(rows[red + 1]!.cells).toEqual(HEADERS);
    expect(rows[red + 2]!.cells).toEqual(['1', '测试甲', '县农业农村局', '帮扶责任人', '石桥村', '5', '100.0%', '100.0%', '走访完成率 100%，群众满意率 95%', '通报表扬']);
    expect(rows[red + 3]!.cells).toEqual(['2', '测试乙', '县交通运输局', '驻村第一书记', '石桥村', '5', '95.0%', '92.5%', '走访完成率 100%，群众满意率 95%', '通报表扬并在年度考核中加分']);

    expect(rows[black + 1]!.cells).toEqual(HEADERS);
    expect(rows[black + 2]!.cells).toEqual([
      '1', '测试丙', '县农业农村局', '帮扶责任人', '石桥村', '5', '40.0%', '55.0%',
      '【连续两个月上黑榜】3 户已有 2 个以上走访周期未走访；群众满意率 55%，低于 60%', '诫勉谈话',
    ]);
    // No village, no rates and no consequence print as dashes; only a consecutive listing is marked.
    expect(rows[black + 3]!.cells).toEqual(['2', '测试丁', '县农业农村局', '帮扶责任人', '—', '5', '—', '—', '2 户已有 2 个以上走访周期未走访', '—']);

    expect(rows[black + 4]!.cells).toEqual(['对名单有异议的，请在公示期内向乡（镇）纪委或帮扶办反映。']);
    const foot = rows[rows.length - 1]!;
    expect(foot.cells).toEqual(['青山镇人民政府　2026年11月2日']);
    expect(sheet.getCell(foot.row, 1).alignment.horizontal).toBe('right');
    expect(foot).toBe(rows[black + 5]);
    const all = rows.map((r) => r.cells.join('|')).join('\n');
    expect(all).not.toContain('本月无');
    // The mark is for the black list's consecutive listing only.
    expect(all.match(/连续两个月上黑榜/g)).toHaveLength(1);
  });

  it('is set up to print on A4 landscape, one page wide, the table head on every page', async () => {
    const data = bulletin({ black: Array.from({ length: 60 }, (_, i) => line(`测试${'子丑寅卯辰巳'[i % 6]}${i}`)) });
    const sheet = await xlsxOf(data);
    const head = sheetRows(sheet).find((r) => r.cells[0] === '序号')!.row;
    expect(head).toBe(4);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    expect(sheet.headerFooter.oddFooter).toContain('&N');
    for (const cell of [sheet.getCell(head, 1), sheet.getCell(head + 1, 10)]) {
      expect(cell.border.top?.style).toBe('thin');
      expect(cell.border.right?.style).toBe('thin');
    }
    expect(sheet.getCell('A1').border?.top).toBeUndefined();
  });

  it('prints 本月无 for an empty list, and a final list without a period', async () => {
    const sheet = await xlsxOf(bulletin({ black: [] }));
    const rows = sheetRows(sheet);
    const empty = rows.filter((r) => r.cells[0] === '本月无');
    expect(empty).toHaveLength(1);
    expect(rows[rows.findIndex((r) => r.cells[0] === '黑榜') + 2]).toBe(empty[0]);
    // Across the whole table, bordered.
    expect(sheet.getCell(empty[0]!.row, 10).master.address).toBe(`A${empty[0]!.row}`);
    expect(sheet.getCell(empty[0]!.row, 1).border.top?.style).toBe('thin');

    const final = await xlsxOf(bulletin({ red: [], black: [], stateLabel: '已定稿', publicityStart: null, publicityEnd: null }));
    const finalRows = sheetRows(final);
    expect(finalRows.filter((r) => r.cells[0] === '本月无')).toHaveLength(2);
    expect(final.getCell('A2').text).toContain('（名单已定稿）');
    expect(final.getCell('A2').text).not.toContain('公示期：');
  });

  it('masks a phone or an ID number typed in, and never writes a formula', async () => {
    const data = bulletin();
    data.red[0]!.reasons = '群众反映好，联系电话13800138000';
    data.red[1]!.unit = '县农业农村局（证号110105194912310021）';
    data.black[0]!.reasons = '=HYPERLINK("http://example.invalid","点我")';
    data.black[1]!.reasons = '+1 户未走访';
    data.black[1]!.name = '@测试丁';
    const sheet = await xlsxOf(data);
    const rows = sheetRows(sheet);
    const text = rows.map((r) => r.cells.join('|')).join('\n');
    expect(text).not.toMatch(MOBILE_LIKE);
    expect(text).not.toMatch(ID_LIKE);
    expect(text).toContain('群众反映好，联系电话138****8000');
    expect(text).toContain('县农业农村局（证号110105********0021）');

    const black = rows.findIndex((r) => r.cells[0] === '黑榜');
    const consecutive = sheet.getCell(rows[black + 2]!.row, 9);
    // The mark comes first, so the cell does not start with “=”.
    expect(consecutive.value).toBe('【连续两个月上黑榜】=HYPERLINK("http://example.invalid","点我")');
    const plain = sheet.getRow(rows[black + 3]!.row);
    expect(plain.getCell(2).value).toBe("'@测试丁");
    expect(plain.getCell(9).value).toBe("'+1 户未走访");
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Merge]).toContain(cell.type);
      }),
    );
  });

  it('neutralises a formula-looking reason that is not behind the mark', async () => {
    const data = bulletin();
    data.black[0]!.consecutiveBlack = false;
    data.black[0]!.reasons = '=1+1';
    const sheet = await xlsxOf(data);
    const rows = sheetRows(sheet);
    const cell = sheet.getCell(rows[rows.findIndex((r) => r.cells[0] === '黑榜') + 2]!.row, 9);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("'=1+1");
  });
});

describe('cadre red/black list bulletin as PDF', () => {
  it('prints the bulletin on A4 landscape with the embedded font and a page number', async () => {
    const data = bulletin();
    const { raw, pdf } = await pdfOf(data);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansSC/);
    expect(pdf.pages).toHaveLength(1);
    const page = pdf.pages[0]!;
    expect(page.width).toBeCloseTo(841.89, 0);
    expect(page.height).toBeCloseTo(595.28, 0);

    const lines = page.lines.map((l) => squash(l.text));
    expect(lines[0]).toBe('青山镇2026年10月帮扶干部红黑榜通报');
    const text = squash(page.text);
    expect(text).toContain('共考核帮扶干部12名');
    expect(text).toContain('红榜：走访完成率不低于90%、群众满意率不低于85%');
    expect(text).toContain('黑榜：有农户3个以上走访周期未走访、群众满意率低于60%或驻村天数少于12天');
    expect(text).toContain('名单公示中，公示期：2026年11月2日至2026年11月8日');

    const red = lines.indexOf('红榜');
    const black = lines.indexOf('黑榜');
    expect(red).toBeGreaterThan(0);
    expect(black).toBeGreaterThan(red);
    expect(lines[red + 1]).toBe(squash(HEADERS.join('')));
    expect(lines[red + 2]).toBe('1测试甲县农业农村局帮扶责任人石桥村5100.0%100.0%走访完成率100%，群众满意率95%通报表扬');
    expect(lines[red + 3]).toMatch(/^2测试乙县交通运输局驻村第一书记石桥村595\.0%92\.5%/);
    expect(lines[black + 1]).toBe(squash(HEADERS.join('')));
    // The long reason wraps in its cell: its first line shares the row's baseline with the consequence.
    const first = lines[black + 2]!;
    expect(first.startsWith('1测试丙县农业农村局帮扶责任人石桥村540.0%55.0%【连续两个月上黑榜】')).toBe(true);
    expect(first.endsWith('诫勉谈话')).toBe(true);
    expect(first.slice(0, -'诫勉谈话'.length) + lines[black + 3]).toContain('【连续两个月上黑榜】3户已有2个以上走访周期未走访；群众满意率55%，低于60%');
    expect(lines[black + 4]).toBe('2测试丁县农业农村局帮扶责任人—5——2户已有2个以上走访周期未走访—');
    expect(text.match(/连续两个月上黑榜/g)).toHaveLength(1);
    expect(text).toContain('对名单有异议的，请在公示期内向乡（镇）纪委或帮扶办反映。');
    expect(lines[lines.length - 2]).toBe('青山镇人民政府2026年11月2日');
    expect(page.lines[page.lines.length - 1]!.text).toBe('第 1 页 共 1 页');
    expect(text).not.toContain('本月无');
  });

  it('prints 本月无 for an empty list', async () => {
    const { pdf } = await pdfOf(bulletin({ red: [], stateLabel: '已定稿', publicityStart: null, publicityEnd: null }));
    const lines = pdf.pages[0]!.lines.map((l) => squash(l.text));
    expect(lines[lines.indexOf('红榜') + 2]).toBe('本月无');
    expect(lines.filter((l) => l === '本月无')).toHaveLength(1);
    expect(squash(pdf.text)).toContain('（名单已定稿）');
    expect(squash(pdf.text)).not.toContain('公示期：');
  });

  it('runs a long list onto more pages, numbered, the table head repeated', async () => {
    const data = bulletin({ black: Array.from({ length: 60 }, (_, i) => line(`测试${'子丑寅卯辰巳'[i % 6]}${i}`)) });
    const { pdf } = await pdfOf(data);
    expect(pdf.pages.length).toBeGreaterThan(1);
    pdf.pages.forEach((page, i) => expect(page.text).toContain(`第 ${i + 1} 页 共 ${pdf.pages.length} 页`));
    for (const page of pdf.pages.slice(1)) expect(squash(page.lines[0]!.text)).toBe(squash(HEADERS.join('')));
    const text = squash(pdf.text);
    let last = -1;
    data.black.forEach((b, i) => {
      const at = text.indexOf(`${i + 1}${b.name}县`);
      expect(at).toBeGreaterThan(last);
      last = at;
    });
    expect(squash(pdf.pages[pdf.pages.length - 1]!.text)).toContain('青山镇人民政府2026年11月2日');
  });

  it('masks a phone or an ID number typed in, and prints a formula-looking reason as it is', async () => {
    const data = bulletin();
    data.red[0]!.reasons = '群众反映好，联系电话13800138000';
    data.red[1]!.unit = '县农业农村局（证号110105194912310021）';
    data.black[1]!.reasons = '=1+1';
    const text = squash((await pdfOf(data)).pdf.text);
    expect(text).not.toMatch(MOBILE_LIKE);
    expect(text).not.toMatch(ID_LIKE);
    expect(text).toContain('群众反映好，联系电话138****8000');
    expect(text).toContain('110105********0021');
    // The apostrophe is the workbook's guard only.
    expect(text).toContain('——=1+1—');
    expect(text).not.toContain("'=1+1");
  });
});
