import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../src/main/core';
import { runCli } from '../../src/main/doors/cli';
import { restoreNeutralised } from '../../src/main/core/io/cell-text';
import type { ExportFile, ExportLayout } from '../../src/shared/domain/export.types';
import type { Result } from '../../src/shared/result';
import type { ExportRosterInput } from '../../src/shared/schemas/export.schema';
import { idFor, sampleHousehold, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

/** A fixed "today" so months, the income year and the file's date never drift. */
const TODAY = new Date('2024-06-15T09:00:00+08:00');

const FORMAT_FILES: Record<Exclude<ExportLayout, 'template'>, string> = {
  'national-household': 'national__household_export_53cols.header.csv',
  'national-member': 'national__member_export_47cols.header.csv',
  'national-2022': 'national2022__yituopin_renkou_mingdan.header.csv',
};

/** The header row of a real layout, as shipped in the formats folder (UTF-8 with BOM). */
function formatHeaders(layout: keyof typeof FORMAT_FILES): string[] {
  return readFileSync(join(__dirname, '..', 'fixtures', 'formats', FORMAT_FILES[layout]), 'utf8').replace(/^\uFEFF/, '').trim().split(',');
}

/** Exactly the template headers the importer recognises, household columns first. */
const TEMPLATE_HEADERS = [
  '行政村', '自然村', '户编号', '户类型', '状态起始月份', '监测对象类别', '风险状态', '贫困户属性', '识别标准', '致贫原因1', '次要致贫原因',
  '识别年度', '脱贫年度', '户联系电话', '开户银行名称', '银行卡号', '家庭住址', '是否军烈属', '是否独生子女户', '是否双女户',
  '是否易地扶贫搬迁户', '备注', '人编号', '姓名', '证件类型', '证件号码', '与户主关系', '性别', '出生日期', '民族', '政治面貌', '文化程度',
  '在校生状况', '失学或辍学原因', '健康状况', '残疾类别', '劳动技能', '务工状况', '务工时间（月）', '成员联系电话', '是否参加大病保险',
  '是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险', '是否参加城乡居民基本养老保险', '是否享受低保', '是否特困供养人员',
];

const HEAD_ID = '110101198001019998';
const LONG_HOUSEHOLD_NO = '522799001000100001';
const BANK_CARD = '6228480402564890018';
/** Free text a clerk might paste: each would run as a formula if written as one. */
const BANK_NAME = '=HYPERLINK("http://x.invalid","点我")';
const ADDRESS = '+86 石桥村口';
const NOTE = '@SUM(1+1)';

interface Township {
  stoneBridge: number;
  cloud: number;
  /** 石桥村 一组: monitored from 2024-03, risk eliminated 2024-05, income for 2023, a survey. */
  a: number;
  /** 云中村: an ordinary household. */
  b: number;
  /** 石桥村, no group: lifted out, not monitored. */
  c: number;
}

function setUp(): Township {
  t = tempLedger({ now: () => TODAY });
  t.must('settings:update', {
    provinceName: '贵州省', cityName: '黔东南苗族侗族自治州', countyName: '雷山县', townshipName: '西江镇', operatorName: '王小丽',
  });
  const stoneBridge = t.must('village:save', { name: '石桥村' }).id;
  const cloud = t.must('village:save', { name: '云中村' }).id;
  const group = t.must('group:save', { villageId: stoneBridge, name: '一组' }).id;
  const base = sampleHousehold(stoneBridge);
  const members = base.members.map((m, i) =>
    i === 0 ? { ...m, phone: '13912345678' } : i === 1 ? { ...m, health: ['02', '04'], disabilityType: '4' } : m,
  );
  const a = t.must('household:save', {
    ...base, members, groupId: group, householdNo: LONG_HOUSEHOLD_NO, phone: '13800138000', bankName: BANK_NAME, bankAccount: BANK_CARD,
    address: ADDRESS, note: NOTE, otherCauses: ['07', '09'], identifiedYear: 2014, liftedYear: 2019, statusSince: '2021-01',
  }).id;
  t.must('status:change', { householdId: a, kind: 'START_MONITORING', month: '2024-03', monitoringCategory: 'UNSTABLE' });
  t.must('status:change', { householdId: a, kind: 'ELIMINATE_RISK', month: '2024-05', eliminationMethod: 'ASSISTED' });
  t.must('income:save', {
    householdId: a, year: 2023, wageFen: 1_200_000, operatingFen: 300_050, propertyDividendFen: 0, propertyOtherFen: 0, familyPlanningFen: 0,
    dibaoFen: 100_000, tekunFen: 0, pensionFen: 0, ecoCompensationFen: 0, otherTransferFen: 0, operatingCostFen: 50_000,
  });
  t.must('guarantee:save', { householdId: a, recordedOn: '2024-04-01', houseGrade: '02', waterSafe: true, waterHard: false });
  const b = t.must('household:save', {
    villageId: cloud, householdNo: '2001', status: 'ORDINARY', members: [{ name: '周七', idNumber: idFor('522799', '19660606', 31), relationship: '01' }],
  }).id;
  const c = t.must('household:save', {
    villageId: stoneBridge, householdNo: '1003', status: 'LIFTED_HOUSEHOLD', mainCause: '02',
    members: [
      { name: '吴八', idNumber: idFor('522799', '19700101', 11), relationship: '01' },
      { name: '吴小九', idNumber: idFor('522799', '20100202', 22), relationship: '04' },
    ],
  }).id;
  return { stoneBridge, cloud, a, b, c };
}

interface Exported {
  file: ExportFile;
  sheet: ExcelJS.Worksheet;
  headers: string[];
  /** Data rows as header → cell value. */
  rows: Record<string, unknown>[];
}

async function exportRoster(input: ExportRosterInput): Promise<Exported> {
  const r = (await dispatchAsync(t.ledger, 'export:roster', input)) as Result<ExportFile>;
  if (!r.ok) throw new Error(r.error.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.data.contentBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { file: r.data, sheet, headers, rows };
}

/** The cell under a header in the first data row that matches. */
function cellOf(e: Exported, where: (row: Record<string, unknown>) => boolean, header: string): ExcelJS.Cell {
  const index = e.rows.findIndex(where);
  if (index < 0) throw new Error('no such row');
  return e.sheet.getRow(index + 2).getCell(e.headers.indexOf(header) + 1);
}

describe('roster export layouts', () => {
  it('writes each national layout with its header row exactly as the format has it, and the template with its own', async () => {
    setUp();
    for (const layout of Object.keys(FORMAT_FILES) as (keyof typeof FORMAT_FILES)[]) {
      expect((await exportRoster({ layout })).headers, layout).toEqual(formatHeaders(layout));
    }
    expect((await exportRoster({ layout: 'template' })).headers).toEqual(TEMPLATE_HEADERS);
  });

  it('keeps IDs, household numbers, bank cards and phones as text cells with every digit, formatted as text', async () => {
    const { a } = setUp();
    const members = await exportRoster({ layout: 'national-member', householdIds: [a] });
    const head = (row: Record<string, unknown>) => row['证件号码'] === HEAD_ID;
    for (const [header, value] of [['证件号码', HEAD_ID], ['户编号', LONG_HOUSEHOLD_NO], ['户联系电话', '13800138000'], ['成员联系电话', '13912345678'], ['户主证件号码', HEAD_ID]]) {
      const cell = cellOf(members, head, header!);
      expect(cell.value, header).toBe(value);
      expect(cell.type, header).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt, header).toBe('@');
    }
    // A column that is not a long number keeps the general format.
    expect(cellOf(members, head, '姓名').numFmt).toBeUndefined();
    expect(members.sheet.getColumn(members.headers.indexOf('证件号码') + 1).numFmt).toBe('@');

    const households = await exportRoster({ layout: 'national-household', householdIds: [a] });
    expect(cellOf(households, () => true, '银行卡号').value).toBe(BANK_CARD);
    expect(cellOf(households, () => true, '户主证件号码').value).toBe(HEAD_ID);
    const list2022 = await exportRoster({ layout: 'national-2022', householdIds: [a] });
    expect(list2022.rows.map((r) => r['证件号码'])).toContain(HEAD_ID);
  });

  it('neutralises text that would run as a formula, and the importer’s helper gets the registry’s value back', async () => {
    const { a } = setUp();
    const e = await exportRoster({ layout: 'template', householdIds: [a] });
    const first = e.rows[0]!;
    expect(first['开户银行名称']).toBe(`'${BANK_NAME}`);
    expect(first['家庭住址']).toBe(`'${ADDRESS}`);
    expect(first['备注']).toBe(`'${NOTE}`);
    expect([BANK_NAME, ADDRESS, NOTE].map((v) => restoreNeutralised(`'${v}`))).toEqual([BANK_NAME, ADDRESS, NOTE]);
    e.sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(typeof cell.value).toBe('string');
      }),
    );
    // Plain numbers are not formulas: nothing is added to them.
    expect(first['识别年度']).toBe('2014');
  });

  it('fills the national household table from the registry, the income ledger and the latest survey', async () => {
    const { a } = setUp();
    const [row] = (await exportRoster({ layout: 'national-household', householdIds: [a] })).rows;
    expect(row).toMatchObject({
      省: '贵州省', 市: '黔东南苗族侗族自治州', 县: '雷山县', 乡: '西江镇', 村: '石桥村', 户编号: LONG_HOUSEHOLD_NO, 户主姓名: '张三',
      户主证件号码: HEAD_ID, 家庭人口数: '3', 是否危房户: '是', 危房级别: '危房C级', 是否解决安全饮用水: '是',
      // The latest year with income up to this year; 纯收入 ÷ 3 people, half up to the fen.
      年度: '2023', 年收入: '16000.50', 纯收入: '15500.50', 人均纯收入: '5166.83', 工资性收入: '12000.00', 生产经营性收入: '3000.50',
      转移性收入: '1000.00', 低保金: '1000.00', 生产经营性支出: '500.00', 财产性收入: '0.00',
      开户银行名称: `'${BANK_NAME}`, 银行卡号: BANK_CARD, 识别标准: '国家标准', 主要致贫原因: '因病', 次要致贫原因: '缺技术,缺资金',
    });
    // What the registry does not hold stays empty rather than guessed.
    expect(row!['耕地面积（亩）']).toBeNull();
    expect(row!['村办公电话']).toBeNull();
  });

  it('writes the 2022 list with running numbers, the export date and the monitoring months', async () => {
    const { a, c } = setUp();
    const e = await exportRoster({ layout: 'national-2022', householdIds: [a, c] });
    expect(e.rows.map((r) => r['序号'])).toEqual(['1', '2', '3', '4', '5']);
    expect(e.rows.every((r) => r['数据日期'] === '20240615')).toBe(true);
    // The list's order: by village, then group (households without one first), then household number.
    expect(e.rows.map((r) => r['户编号'])).toEqual(['1003', '1003', LONG_HOUSEHOLD_NO, LONG_HOUSEHOLD_NO, LONG_HOUSEHOLD_NO]);
    expect(e.rows[2]).toMatchObject({
      '县(市、区、旗)': '雷山县', '乡(镇)': '西江镇', 行政村: '石桥村', 自然村: '一组', 人数: '3', 户类型: '脱贫户',
      '易返贫致贫户(监测对象)类型': '脱贫不稳定户', 风险是否消除: '是', 风险识别时间: '202403', 风险消除时间: '202405', 首次识别时间: '2014',
      危房户: '是', 是否解决安全饮用水: '是', 人均纯收入: '5166.83', 户联系电话: '13800138000', 致贫原因1: '因病',
    });
    const notMonitored = e.rows.find((r) => r['户编号'] === '1003')!;
    expect([notMonitored['易返贫致贫户(监测对象)类型'], notMonitored['风险是否消除'], notMonitored['风险识别时间']]).toEqual([null, null, null]);
  });

  it('writes every stored household and member field in the template layout, the household on each member’s row', async () => {
    const { a } = setUp();
    const e = await exportRoster({ layout: 'template', householdIds: [a] });
    expect(e.rows).toHaveLength(3);
    for (const row of e.rows) {
      expect(row).toMatchObject({
        行政村: '石桥村', 自然村: '一组', 户编号: LONG_HOUSEHOLD_NO, 户类型: '脱贫户', 状态起始月份: '2024-05', 监测对象类别: '脱贫不稳定户',
        风险状态: '风险已消除（帮扶消除）', 贫困户属性: '一般贫困户', 识别标准: '国家标准', 致贫原因1: '因病', 次要致贫原因: '缺技术、缺资金',
        识别年度: '2014', 脱贫年度: '2019', 户联系电话: '13800138000', 银行卡号: BANK_CARD, 是否军烈属: '否',
      });
    }
    expect(e.rows[1]).toMatchObject({ 姓名: '李秀英', 与户主关系: '配偶', 性别: '女', 出生日期: '1982-03-15', 健康状况: '长期慢性病,残疾', 残疾类别: '肢体残疾' });
    expect(e.rows[0]).toMatchObject({ 姓名: '张三', 证件类型: '身份证', 证件号码: HEAD_ID, 民族: '汉族', 成员联系电话: '13912345678', 是否享受低保: '否' });
  });
});

describe('what the export takes', () => {
  it('takes all live households, a village, a status, a search or the ticked households', async () => {
    const { cloud, a, b, c } = setUp();
    const all = await exportRoster({ layout: 'national-household' });
    expect(all.rows.map((r) => r['户编号'])).toEqual(['1003', LONG_HOUSEHOLD_NO, '2001']);
    expect(all.file).toMatchObject({ households: 3, rows: 3 });

    const village = await exportRoster({ layout: 'national-member', villageId: cloud });
    expect(village.rows.map((r) => r['姓名'])).toEqual(['周七']);
    expect(village.file).toMatchObject({ households: 1, rows: 1, fileName: '西江镇云中村成员信息（国家系统成员表）-2024-06-15.xlsx' });

    expect((await exportRoster({ layout: 'template', status: 'ORDINARY' })).rows.map((r) => r['户编号'])).toEqual(['2001']);
    // A search finds households, as the list does: the whole household of 吴小九 goes out.
    expect((await exportRoster({ layout: 'template', q: 'wxj' })).rows.map((r) => r['姓名'])).toEqual(['吴八', '吴小九']);
    expect((await exportRoster({ layout: 'template', householdIds: [c, a] })).file).toMatchObject({ households: 2, rows: 5 });
    // Selection and filters together: only the ticked households that pass the filter.
    expect((await exportRoster({ layout: 'template', householdIds: [a, b], villageId: cloud })).file).toMatchObject({ households: 1, rows: 1 });

    t.must('household:delete', { id: b });
    expect((await exportRoster({ layout: 'national-household' })).file.households).toBe(2);
  });

  it('refuses a village that does not exist, an empty selection and a filter nobody matches', async () => {
    setUp();
    const missing = (await dispatchAsync(t.ledger, 'export:roster', { layout: 'template', villageId: 999 })) as Result<ExportFile>;
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', message: '所选行政村不存在或已删除' });
    const empty = (await dispatchAsync(t.ledger, 'export:roster', { layout: 'template', householdIds: [] })) as Result<ExportFile>;
    expect(!empty.ok && empty.error.message).toBe('没有勾选农户');
    const wrong = (await dispatchAsync(t.ledger, 'export:roster', { layout: 'xls' })) as Result<ExportFile>;
    expect(!wrong.ok && wrong.error.message).toContain('请选择导出格式');
    const nobody = (await dispatchAsync(t.ledger, 'export:roster', { layout: 'national-2022', status: 'RETURNED' })) as Result<ExportFile>;
    expect(!nobody.ok && nobody.error).toMatchObject({ code: 'NOT_FOUND', message: '没有符合条件的农户（户状态：返贫），没有导出文件' });
    // A refused export hands nothing out and is not registered.
    expect(t.must('export:register', {}).total).toBe(0);
  });
});

describe('a sheet ready to work with and to print', () => {
  it('freezes the header, sizes the columns and prints A4 landscape, one page wide, the header on every page', async () => {
    setUp();
    for (const layout of ['national-household', 'national-member', 'national-2022', 'template'] as const) {
      const { sheet, headers } = await exportRoster({ layout });
      expect(sheet.views[0], layout).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.pageSetup, layout).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(sheet.getRow(1).getCell(1).font, layout).toMatchObject({ bold: true });
      headers.forEach((h, i) => expect(sheet.getColumn(i + 1).width, `${layout} ${h}`).toBeGreaterThanOrEqual(8));
    }
    const template = await exportRoster({ layout: 'template' });
    expect(template.sheet.getRow(1).getCell(TEMPLATE_HEADERS.indexOf('风险状态') + 1).note).toContain('风险未消除');
  });
});

describe('the export register', () => {
  it('records who exported which households, when, in which layout, in the same transaction as the audit entry', async () => {
    const { stoneBridge, a, c } = setUp();
    await exportRoster({ layout: 'national-member', villageId: stoneBridge, status: 'LIFTED_HOUSEHOLD' });
    await exportRoster({ layout: 'template', householdIds: [a, c] });

    const register = t.must('export:register', {});
    expect(register.total).toBe(2);
    expect(register.rows[0]).toMatchObject({
      operator: '王小丽', layout: 'template', households: 2, rows: 5, scope: '勾选的 2 户', filter: { selected: 2 }, exportedAt: TODAY.toISOString(),
      fileName: '西江镇花名册（导入模板格式）-2024-06-15.xlsx',
    });
    expect(register.rows[1]).toMatchObject({
      layout: 'national-member', households: 2, rows: 5, scope: '行政村：石桥村；户状态：脱贫户', filter: { villageId: stoneBridge, status: 'LIFTED_HOUSEHOLD' },
    });
    // In the file's order (the list's: village, group, household number), not the ticking order.
    expect(t.must('export:registerHouseholds', { exportId: register.rows[0]!.id })).toEqual({ exportId: register.rows[0]!.id, householdIds: [c, a] });
    expect(t.must('export:register', { householdId: c }).total).toBe(2);
    expect(t.must('export:register', { page: 2, pageSize: 1 }).rows.map((r) => r.layout)).toEqual(['national-member']);

    const audit = t.must('audit:list', { entity: 'export' }).rows;
    expect(audit.map((e) => e.entityId)).toEqual(register.rows.map((r) => r.id));
    expect(audit[0]!.summary).toBe('导出花名册（本系统导入模板格式）：2 户 5 人，范围：勾选的 2 户，文件“西江镇花名册（导入模板格式）-2024-06-15.xlsx”');

    const missing = t.call('export:registerHouseholds', { exportId: 99 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});

describe('a whole township', () => {
  it('writes one row per current member in the national member layout, every ID whole', async () => {
    t = tempLedger();
    t.ledger.seed({ households: 25, seed: 3 });
    const e = await exportRoster({ layout: 'national-member' });
    const members = t.ledger.db.prepare('SELECT id_number FROM members WHERE deleted_at IS NULL AND left_on IS NULL').pluck().all() as string[];
    expect(e.file.rows).toBe(members.length);
    expect(e.file.households).toBe(25);
    expect(e.sheet.rowCount).toBe(members.length + 1);
    expect(new Set(e.rows.map((r) => r['证件号码']))).toEqual(new Set(members));
    expect(e.rows[0]).toMatchObject({ 乡: '青山镇', 与户主关系: '户主' });
    expect(t.must('export:registerHouseholds', { exportId: t.must('export:register', {}).rows[0]!.id }).householdIds).toHaveLength(25);
  });
});

describe('export then import', () => {
  it('re-creates the same households from the template layout in an empty registry, and a second import changes nothing', async () => {
    t = tempLedger();
    t.ledger.seed({ households: 30, seed: 11 });
    const source = t;
    const { file } = await exportRoster({ layout: 'template' });

    const target = tempLedger();
    try {
      target.must('settings:update', source.must('settings:get', {})!);
      for (const v of source.must('village:list', {})) {
        const village = target.must('village:save', { name: v.name });
        for (const g of v.groups) target.must('group:save', { villageId: village.id, name: g.name });
      }
      const payload = { fileName: file.fileName, contentBase64: file.contentBase64 };
      const done = await dispatchAsync(target.ledger, 'import:commit', payload);
      expect(done.ok && done.data).toMatchObject({ created: 30, rejectedRows: 0 });

      /** A household as the registry holds it, without what differs between two registries (row ids, times). */
      const comparable = (registry: typeof t, id: number) => {
        const { id: _id, villageId: _v, groupId: _g, createdAt: _c, updatedAt: _u, members, ...rest } = registry.must('household:get', { id });
        const history = registry.must('status:history', { householdId: id });
        // The current state and the month it holds from (the template's 状态起始月份); earlier history is not in a roster.
        const since = history.events.filter((e) => e.revokedAt === null).at(-1)?.month;
        return { ...rest, members: members.map(({ id: _m, ...m }) => m), status: history.current, since };
      };
      for (const row of source.must('household:list', { pageSize: 100 }).rows) {
        const twin = target.must('household:list', { q: row.householdNo }).rows;
        expect(twin, row.householdNo).toHaveLength(1);
        expect(comparable(target, twin[0]!.id), row.householdNo).toEqual(comparable(source, row.id));
      }
      const again = await dispatchAsync(target.ledger, 'import:preview', payload);
      expect(again.ok && again.data).toMatchObject({ newHouseholds: 0, updatedHouseholds: 0, unchangedHouseholds: 30, rejectedRows: 0 });
    } finally {
      target.cleanup();
    }
  });
});

describe('the CLI export command', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
  };

  it('writes the chosen layout for a village to --out, says what it wrote, and registers it', async () => {
    setUp();
    const file = join(t.dir, '石桥村成员.xlsx');
    const c = capture();
    expect(await runCli(['--db', t.dbPath, 'export', '--layout', 'national-member', '--village', '石桥村', '--out', file], c.io)).toBe(0);
    expect(c.out.join('\n')).toBe(`已导出 2 户 5 人（国家系统成员表（47列）），已写入：${file}\n本次导出已记入导出登记。`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0]!.rowCount).toBe(6);

    const json = capture();
    expect(await runCli(['--db', t.dbPath, '--json', 'export', '--layout', '国家系统户表（53列）', '--out', file], json.io)).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ ok: true, data: { layout: 'national-household', households: 3, rows: 3, file } });
    expect(t.must('export:register', {}).rows.map((r) => r.layout)).toEqual(['national-household', 'national-member']);
  });

  it('refuses a missing --out, an unknown layout or village, and a folder that does not exist, with exit code 1', async () => {
    setUp();
    const cases: [string[], string][] = [
      [['--layout', 'template'], '请用 --out 指定导出文件'],
      [['--layout', 'xls', '--out', join(t.dir, 'a.xlsx')], '请选择导出格式'],
      [['--layout', 'template', '--village', '云上村', '--out', join(t.dir, 'a.xlsx')], '没有名为“云上村”的行政村'],
      [['--layout', 'template', '--out', join(t.dir, 'no-such-folder', 'a.xlsx')], '文件夹不存在'],
    ];
    for (const [args, message] of cases) {
      const c = capture();
      expect(await runCli(['--db', t.dbPath, 'export', ...args], c.io), message).toBe(1);
      expect(c.err.join('\n')).toContain(message);
    }
  });
});
