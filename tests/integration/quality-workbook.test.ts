/**
 * 疑点数据工作簿, written from hand-made data (no ledger, no rules engine) and read back with
 * exceljs. Every name and ID number here is invented; the ID numbers carry a valid GB 11643
 * check character so they look like what the registry holds.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { localMinute, ruleSheetName, writeQualityWorkbook, type QualityWorkbookData } from '../../src/main/core/io/quality-xlsx';
import type { QualityFinding, QualityRuleInfo } from '../../src/shared/domain/quality.types';
import { checkCharacter, checkIdNumber } from '../../src/shared/rules/id-number';

/** A synthetic 18-digit number: area, birth date, sequence, and its check character. */
function syntheticId(area: string, birth: string, sequence: number): string {
  const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const LONG_TITLE = '适龄儿童[6-16岁]既无在校情况/也无失学原因:请到户核实*?\\并补录';
/** `C13 ` and the title without [ ] / : * ? \, cut at 31 characters. */
const LONG_SHEET = 'C13 适龄儿童6-16岁既无在校情况也无失学原因请到户核实并';

const rule = (id: string, group: QualityRuleInfo['group'], title: string, severity: QualityRuleInfo['severity'], scope: QualityRuleInfo['scope']): QualityRuleInfo => ({
  id,
  group,
  title,
  severity,
  scope,
  explanation: `${title}：请核对档案（测试说明）`,
  source: 'domain.md §10',
});

/** Given out of order: the summary sorts errors first, then by id. */
const RULES: QualityRuleInfo[] = [
  rule('X01', 'X', '脱贫户人均纯收入明显偏高', 'warning', 'household'),
  rule('C13', 'C', LONG_TITLE, 'warning', 'member'),
  rule('B09', 'B', '家庭人口数与在册成员不符', 'error', 'household'),
  rule('V01', 'V', '行政村未填写村级代码', 'warning', 'village'),
  rule('A01', 'A', '证件号码无效', 'error', 'member'),
];

const ID_A = syntheticId('520102', '19800101', 11);
const ID_B = syntheticId('520102', '19850707', 22);
const ID_C = syntheticId('520102', '20150301', 33);
const ID_D = syntheticId('520102', '20120909', 44);
/** Long household numbers: as numbers Excel would show 5.20102E+17 and lose the last digits. */
const HH_1 = '520102001001000123';
const HH_2 = '520102001002000045';
const HH_3 = '520102002001000007';

let nextId = 1;
function finding(ruleId: string, over: Partial<QualityFinding>): QualityFinding {
  const r = RULES.find((x) => x.id === ruleId)!;
  return {
    id: nextId++,
    ruleId,
    severity: r.severity,
    scope: r.scope,
    householdId: null,
    householdNo: null,
    villageId: 1,
    villageName: '石桥村',
    groupName: null,
    headName: null,
    memberId: null,
    memberName: null,
    idNumber: null,
    message: '测试疑点',
    acknowledgement: null,
    ...over,
  };
}

const FINDINGS: QualityFinding[] = [
  finding('A01', {
    householdId: 1, householdNo: HH_1, groupName: '一组', headName: '张测甲', memberId: 11, memberName: '张测甲', idNumber: ID_A,
    message: '证件号码校验位错误：最后一位应为“7”',
  }),
  finding('A01', {
    householdId: 2, householdNo: HH_2, groupName: '二组', headName: '李测乙', memberId: 21, memberName: '王测丙', idNumber: ID_B,
    message: '出生日期不是有效日期',
    acknowledgement: { id: 5, note: '户口本已核对，号码无误', by: '赵会计', at: '2025-06-16T10:30:00' },
  }),
  finding('B09', { householdId: 3, householdNo: HH_3, villageId: 2, villageName: '河湾村', groupName: '一组', headName: '陈测丁', message: '家庭人口数 5 人，在册成员 4 人' }),
  finding('C13', { householdId: 1, householdNo: HH_1, groupName: '一组', headName: '张测甲', memberId: 12, memberName: '张小测', idNumber: ID_C, message: '10 岁，在校情况和失学原因都未填' }),
  finding('C13', { householdId: 2, householdNo: HH_2, groupName: '二组', headName: '李测乙', memberId: 22, memberName: '李小测', idNumber: ID_D, message: '=13 岁，在校情况和失学原因都未填' }),
  finding('V01', { villageId: 2, villageName: '河湾村', message: '村级代码为空' }),
];

const DATA: QualityWorkbookData = {
  townshipName: '青山镇',
  run: { id: 7, ranAt: '2025-06-15T09:05:00', trigger: 'manual', operator: '赵会计', durationMs: 812, households: 400, errors: 2, warnings: 3, acknowledged: 1 },
  rules: RULES,
  findings: FINDINGS,
};

async function readBack(data: QualityWorkbookData): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeQualityWorkbook(data)) as unknown as ArrayBuffer);
  return wb;
}

/** A row's cell texts from column 1 to `width`. */
const rowTexts = (sheet: ExcelJS.Worksheet, row: number, width: number) => Array.from({ length: width }, (_, k) => sheet.getCell(row, k + 1).text);

describe('疑点数据工作簿', () => {
  it('the synthetic ID numbers are valid ones', () => {
    for (const id of [ID_A, ID_B, ID_C, ID_D]) expect(checkIdNumber(id, new Date('2025-06-15')).ok).toBe(true);
  });

  it('opens with 疑点数据统计表: title, check time, every rule (errors first, then by id) with its counts, and the total', async () => {
    const wb = await readBack(DATA);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('疑点数据统计表');
    expect(sheet.getCell('A1').text).toBe('青山镇疑点数据统计表');
    expect(sheet.getCell('A1').isMerged && sheet.getCell('G1').isMerged).toBe(true);
    expect(sheet.getCell('A2').text).toContain('检查时间：2025-06-15 09:05');
    expect(sheet.getCell('A2').text).toContain('400 户');
    expect(rowTexts(sheet, 3, 7)).toEqual(['规则编号', '类别', '规则名称', '严重程度', '疑点数', '已核实', '说明']);
    expect(sheet.getCell('A3').font.bold).toBe(true);
    expect(sheet.getCell('A3').border.top?.style).toBe('thin');

    const body = [4, 5, 6, 7, 8].map((r) => rowTexts(sheet, r, 6));
    expect(body).toEqual([
      ['A01', '身份与重复', '证件号码无效', '错误', '1', '1'],
      ['B09', '家庭结构', '家庭人口数与在册成员不符', '错误', '1', '0'],
      ['C13', '教育、年龄与劳动力', LONG_TITLE, '提示', '2', '0'],
      ['V01', '行政村', '行政村未填写村级代码', '提示', '1', '0'],
      ['X01', '虚假脱贫与优亲厚友疑点', '脱贫户人均纯收入明显偏高', '提示', '0', '0'],
    ]);
    // Counts are numbers, so the county can sum them.
    expect(sheet.getCell('E4').value).toBe(1);
    expect(sheet.getCell('G4').text).toBe('证件号码无效：请核对档案（测试说明）');
    expect(rowTexts(sheet, 9, 6)).toEqual(['合计', '合计', '合计', '合计', '5', '1']);
    expect(sheet.getCell('E9').value).toBe(5);
    expect(sheet.getCell('A9').isMerged).toBe(true);
    expect(sheet.getCell('A10').text).toBe('');

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
  });

  it('has a sheet per rule with findings, in the summary’s order, and none for a rule without', async () => {
    const wb = await readBack(DATA);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['疑点数据统计表', 'A01 证件号码无效', 'B09 家庭人口数与在册成员不符', LONG_SHEET, 'V01 行政村未填写村级代码']);
    expect(wb.worksheets.some((s) => s.name.startsWith('X01'))).toBe(false);
    for (const s of wb.worksheets) {
      expect([...s.name].length).toBeLessThanOrEqual(31);
      expect(s.name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('lists a rule’s findings with the household, the member and the full ID number as text cells', async () => {
    const wb = await readBack(DATA);
    const a01 = wb.getWorksheet('A01 证件号码无效')!;
    expect(a01.getCell('A1').text).toContain('A01 证件号码无效');
    expect(rowTexts(a01, 3, 9)).toEqual(['序号', '行政村', '村民小组', '户编号', '户主姓名', '成员姓名', '证件号码', '疑点说明', '核实情况']);
    expect(rowTexts(a01, 4, 9)).toEqual(['1', '石桥村', '一组', HH_1, '张测甲', '张测甲', ID_A, '证件号码校验位错误：最后一位应为“7”', '']);
    expect(rowTexts(a01, 5, 9)).toEqual(['2', '石桥村', '二组', HH_2, '李测乙', '王测丙', ID_B, '出生日期不是有效日期', '已核实：户口本已核对，号码无误（赵会计 2025-06-16）']);
    expect(a01.getCell('A6').text).toBe('');
    for (const r of [4, 5]) {
      for (const col of [4, 7]) {
        const cell = a01.getCell(r, col);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(typeof cell.value).toBe('string');
        expect(cell.numFmt).toBe('@');
      }
    }
    expect(a01.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(a01.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
    expect(a01.getCell('D3').font.bold).toBe(true);
    expect(a01.getCell('G4').border.left?.style).toBe('thin');
    expect(a01.getColumn(7).width).toBeGreaterThanOrEqual(20);

    // A household rule: no member, and the household number still text.
    const b09 = wb.getWorksheet('B09 家庭人口数与在册成员不符')!;
    expect(rowTexts(b09, 4, 9)).toEqual(['1', '河湾村', '一组', HH_3, '陈测丁', '', '', '家庭人口数 5 人，在册成员 4 人', '']);
    expect(b09.getCell('D4').numFmt).toBe('@');
    expect(b09.getCell('D4').value).toBe(HH_3);

    // A text that would read as a formula stays text.
    const c13 = wb.getWorksheet(LONG_SHEET)!;
    expect(rowTexts(c13, 5, 8).slice(3)).toEqual([HH_2, '李测乙', '李小测', ID_D, "'=13 岁，在校情况和失学原因都未填"]);
    expect(c13.getCell('H5').type).toBe(ExcelJS.ValueType.String);

    // A village rule: no household.
    const v01 = wb.getWorksheet('V01 行政村未填写村级代码')!;
    expect(rowTexts(v01, 4, 9)).toEqual(['1', '河湾村', '', '', '', '', '', '村级代码为空', '']);
  });

  it('with no findings at all it is the summary alone, every rule at 0', async () => {
    const wb = await readBack({ ...DATA, findings: [] });
    expect(wb.worksheets.map((s) => s.name)).toEqual(['疑点数据统计表']);
    const sheet = wb.worksheets[0]!;
    expect([4, 5, 6, 7, 8].map((r) => sheet.getCell(r, 5).value)).toEqual([0, 0, 0, 0, 0]);
    expect(sheet.getCell('A9').text).toBe('合计');
    expect(sheet.getCell('E9').value).toBe(0);
  });

  it('sheet names: forbidden characters stripped, 31 characters at most, distinct', () => {
    const taken = new Set<string>(['疑点数据统计表']);
    expect(ruleSheetName({ id: 'A01', title: '证件号码无效' }, taken)).toBe('A01 证件号码无效');
    expect(ruleSheetName({ id: 'C13', title: LONG_TITLE }, taken)).toBe(LONG_SHEET);
    expect(ruleSheetName({ id: 'D01', title: "[务工]:地点/月数*?\\'" }, taken)).toBe('D01 务工地点月数');
    // The same name again (two rules cut to the same 31 characters) gets a number.
    const again = ruleSheetName({ id: 'C13', title: LONG_TITLE }, taken);
    expect(again).not.toBe(LONG_SHEET);
    expect([...again].length).toBeLessThanOrEqual(31);
    expect(again.endsWith('_2')).toBe(true);
  });

  it('prints the check time in local time', () => {
    const at = '2025-06-15T01:02:00.000Z';
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(localMinute(at)).toBe(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`);
  });
});
