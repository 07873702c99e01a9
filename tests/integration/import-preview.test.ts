import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../src/shared/domain/import.types';
import type { Result } from '../../src/shared/result';
import { dispatchAsync } from '../../src/main/core';
import { runCli } from '../../src/main/doors/cli';
import { startHttpDoor, type HttpDoor } from '../../src/main/doors/http';
import { idFor, sampleHousehold, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
let door: HttpDoor | undefined;
afterEach(async () => {
  await door?.close();
  door = undefined;
  t?.cleanup();
});

async function rosterBytes(extraRows = 0): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('花名册');
  s.addRow(['青山镇脱贫人口花名册']);
  s.addRow(['行政村', '户编号', '姓名', '证件号码', '与户主关系', '户类型', '致贫原因1', '说明']);
  s.addRow(['石桥村', '1001', '张三', '110101198001019998', '户主', '脱贫户', '因病', '']);
  s.addRow(['石桥村', '2001', '孙一', idFor('522799', '19700101', 15), '户主', '脱贫户', '因学', '']);
  s.addRow(['石桥村', '2001', '孙二', idFor('522799', '19710202', 26), '配偶', '脱贫户', '因学', '']);
  s.addRow(['云中村', '3001', '赵六', idFor('522799', '19600101', 11), '户主', '一般农户', '', '']);
  // Notes that do not compress, so the workbook really is several MB.
  for (let i = 0; i < extraRows; i++) s.addRow(['石桥村', `9${i}`, '填充', '', '户主', '脱贫户', '因病', randomBytes(120).toString('hex')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function setUp() {
  t = tempLedger();
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  t.must('household:save', sampleHousehold(village.id, { householdNo: '1001' }));
}

describe('import preview (dry run)', () => {
  it('counts new and existing households, lists problems by row, and writes nothing', async () => {
    setUp();
    const before = t.ledger.db.prepare('SELECT count(*) AS n FROM households').get();
    const r = (await dispatchAsync(t.ledger, 'import:preview', { fileName: '花名册.xlsx', contentBase64: (await rosterBytes()).toString('base64') })) as Result<ImportPreview>;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({
      sheetName: '花名册', layout: 'person', headerRow: 2, households: 2, people: 3, newHouseholds: 1, updatedHouseholds: 0, unchangedHouseholds: 1, rejectedRows: 1, needsDefaultStatus: false,
      unknownColumns: [{ header: '说明', column: 'H' }],
      problems: [{ row: 6, column: 'A', message: '行政村“云中村”不在本乡镇的行政村列表中，请先在“设置”中添加' }],
    });
    expect(r.data.columns).toMatchObject({ village: '行政村', idNumber: '证件号码', mainCause: '致贫原因1' });
    expect(t.ledger.db.prepare('SELECT count(*) AS n FROM households').get()).toEqual(before);
  });

  it('refuses a file without the required columns or without a header, in Chinese', async () => {
    setUp();
    const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const noId = await dispatchAsync(t.ledger, 'import:preview', { fileName: 'a.csv', contentBase64: csv('行政村,姓名,与户主关系\n石桥村,张三,户主\n') });
    expect(!noId.ok && noId.error.message).toBe('“a.csv”缺少必需的列：证件号码；请对照导入模板补齐列名后再导入');
    const noHeader = await dispatchAsync(t.ledger, 'import:preview', { fileName: 'b.csv', contentBase64: csv('随便,写写\n1,2\n') });
    expect(!noHeader.ok && noHeader.error.message).toContain('找不到表头');
    const notBase64 = await dispatchAsync(t.ledger, 'import:preview', { fileName: 'c.csv', contentBase64: '这不是base64' });
    expect(!notBase64.ok && notBase64.error).toMatchObject({ code: 'VALIDATION', message: '文件内容不是有效的 base64 编码' });
  });

  it('the HTTP door takes a file of several MB for import but keeps the 1 MB limit elsewhere', async () => {
    setUp();
    door = await startHttpDoor({ ledger: t.ledger });
    const big = (await rosterBytes(15_000)).toString('base64');
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const post = (method: string, body: unknown) =>
      fetch(`${door!.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post('import:preview', { fileName: '大花名册.xlsx', contentBase64: big });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Result<ImportPreview>).ok).toBe(true);
    const refused = await post('household:list', { q: big.slice(0, 1_100_000) });
    expect(refused.status).toBe(413);
  });

  it('is on the CLI as import FILE --dry-run', async () => {
    setUp();
    const file = join(t.dir, '花名册.xlsx');
    writeFileSync(file, await rosterBytes());
    t.ledger.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    expect(await runCli(['--db', t.dbPath, 'import', file, '--dry-run'], io)).toBe(0);
    expect(out.join('\n')).toContain('可导入 2 户 3 人：新增 1 户，更新 0 户，无变化 1 户；有问题的行 1 行');
    expect(out.join('\n')).toContain('第 6 行 A 列：行政村“云中村”不在本乡镇的行政村列表中');
    expect(await runCli(['--db', t.dbPath, 'import', file], io)).toBe(0);
    expect(out.join('\n')).toContain('导入完成：新增 1 户，更新 0 户，无变化 1 户，新增 2 人；未导入 1 行');
    expect(out.join('\n')).toContain(`导入前的台账已备份到：${join(t.dir, 'backups')}`);
    expect(out.join('\n')).toContain(`未导入的行及原因已写入：${join(t.dir, '花名册-未导入的行.xlsx')}`);
  });
});

describe('import commit', () => {
  it('writes the good new households in one go, leaves existing ones alone and returns the rest highlighted in an error workbook', async () => {
    setUp();
    const r = (await dispatchAsync(t.ledger, 'import:commit', { fileName: '花名册.xlsx', contentBase64: (await rosterBytes()).toString('base64') })) as Result<ImportResult>;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data).toMatchObject({ created: 1, updated: 0, unchanged: 1, people: 2, rejectedRows: 1 });
    expect(existsSync(r.data.backupFile!)).toBe(true);
    const created = t.must('household:list', { q: '2001' }).rows;
    expect(created).toMatchObject([{ householdNo: '2001', headName: '孙一', memberCount: 2, status: 'LIFTED_HOUSEHOLD', mainCause: '03' }]);
    expect(t.must('audit:list', { entity: 'import' }).rows[0]!.summary).toBe('导入“花名册.xlsx”：新增 1 户，更新 0 户，无变化 1 户，新增 2 人；未导入 1 行');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data.errorWorkbook!.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('未导入的行')!;
    expect(r.data.errorWorkbook!.fileName).toBe('花名册-未导入的行.xlsx');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['行政村', '户编号', '姓名', '证件号码', '与户主关系', '户类型', '致贫原因1', '说明', '原行号', '未导入原因']);
    const row = sheet.getRow(2);
    expect(row.getCell(3).value).toBe('赵六');
    expect(row.getCell(4).value).toBe(idFor('522799', '19600101', 11));
    expect(row.getCell(9).value).toBe(6);
    expect(row.getCell(10).value).toBe('行政村“云中村”不在本乡镇的行政村列表中，请先在“设置”中添加');
    expect(row.getCell(1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect((row.getCell(2).fill as { pattern?: string } | undefined)?.pattern).not.toBe('solid');
  });

  it('a household the registry refuses goes to the error workbook on its rows, and the others are still written', async () => {
    setUp();
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('花名册');
    s.addRow(['行政村', '户编号', '姓名', '证件号码', '与户主关系', '户类型', '致贫原因1']);
    // 李秀英 is already a member of household 1001 (sampleHousehold): registering her again is refused.
    s.addRow(['石桥村', '4001', '李秀英', idFor('110101', '19820315', 2), '户主', '脱贫户', '因病']);
    s.addRow(['石桥村', '5001', '周七', idFor('522799', '19660606', 31), '户主', '脱贫户', '因病']);
    const r = (await dispatchAsync(t.ledger, 'import:commit', { fileName: 'b.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') })) as Result<ImportResult>;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data).toMatchObject({ created: 1, rejectedRows: 1, problems: [{ row: 2, column: 'D', message: expect.stringContaining('证件号码已登记在户编号 1001（户主 张三）') }] });
    expect(t.must('household:list', { q: '5001' }).total).toBe(1);
    expect(t.must('household:list', { q: '4001' }).total).toBe(0);
  });
});

describe('the import template', () => {
  it('explains every column, keeps long numbers as text, and a filled copy imports', async () => {
    setUp();
    const r = (await dispatchAsync(t.ledger, 'import:template', {})) as Result<{ fileName: string; contentBase64: string }>;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.fileName).toBe('帮扶台账花名册导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    headers.forEach((_, i) => expect(sheet.getRow(1).getCell(i + 1).note, headers[i]).toBeTruthy());
    const idColumn = headers.indexOf('证件号码') + 1;
    expect(sheet.getCell(2, idColumn).numFmt).toBe('@');

    const values: Record<string, string> = { 行政村: '石桥村', 户编号: '7001', 户类型: '一般农户', 姓名: '吴八', 证件号码: idFor('522799', '19880808', 19), 与户主关系: '户主', 健康状况: '健康' };
    sheet.addRow(headers.map((h) => values[h] ?? null));
    const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = (await dispatchAsync(t.ledger, 'import:preview', { fileName: '模板.xlsx', contentBase64: filled })) as Result<ImportPreview>;
    expect(preview.ok && preview.data).toMatchObject({ unknownColumns: [], households: 1, newHouseholds: 1, rejectedRows: 0 });
    const done = (await dispatchAsync(t.ledger, 'import:commit', { fileName: '模板.xlsx', contentBase64: filled })) as Result<ImportResult>;
    expect(done.ok && done.data).toMatchObject({ created: 1, errorWorkbook: null });
    expect(t.must('household:list', { q: '吴八' }).rows).toMatchObject([{ householdNo: '7001', status: 'ORDINARY' }]);
  });
});
