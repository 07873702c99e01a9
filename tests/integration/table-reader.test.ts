import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findColumns, foldHeader } from '../../src/main/core/io/columns';
import { decodeText, parseCsv, readTable } from '../../src/main/core/io/table-reader';
import { idFor } from '../support/temp-ledger';

const FORMATS = join(__dirname, '..', 'fixtures', 'formats');
const headerRow = (file: string) => decodeText(readFileSync(join(FORMATS, file))).text.trim().split(',').map((text) => ({ text, numeric: false }));

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('脱贫户信息'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('reading files as offices save them', () => {
  it('decodes UTF-8 with and without BOM, and GBK/GB18030 from Excel and WPS', () => {
    expect(decodeText(Buffer.from('\ufeff姓名,证件号码', 'utf8'))).toEqual({ text: '姓名,证件号码', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('姓名,证件号码', 'utf8')).encoding).toBe('utf-8');
    // 姓名,证件号码\r\n张三,110 in GBK
    const gbk = Buffer.from('D0D5C3FB2CD6A4BCFEBAC5C2EB0D0AD5C5C8FD2C313130', 'hex');
    expect(decodeText(gbk)).toEqual({ text: '姓名,证件号码\r\n张三,110', encoding: 'gb18030' });
  });

  it('parses quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,1","say ""hi""","two\nlines"\r\nc,,d\n')).toEqual([['a', 'b,1', 'say "hi"', 'two\nlines'], ['c', '', 'd']]);
  });

  it('reads an xlsx with a merged title row, keeps long numbers as text and flags those Excel stored as numbers', async () => {
    const id = idFor('522701', '19800312', 15);
    const bytes = await xlsx((s) => {
      s.addRow(['青山镇脱贫户信息']);
      s.mergeCells('A1:D1');
      s.addRow(['户编号', '姓名', '证件号码', '出生日期']);
      s.addRow(['522799001000001', '张三', id, new Date(Date.UTC(1980, 2, 12))]);
      s.addRow([522799001000002, '李四', 5.22701198003121e17, '19800312']);
    });
    const table = await readTable(bytes, '花名册.xlsx');
    expect(table).toMatchObject({ kind: 'xlsx', sheetName: '脱贫户信息' });
    expect(table.rows[2]!.map((c) => c.text)).toEqual(['522799001000001', '张三', id, '1980-03-12']);
    // What Excel kept of an 18-digit ID typed as a number: 15 significant digits, the rest zeros.
    expect(table.rows[3]![2]).toEqual({ text: '522701198003121000', numeric: true, lostDigits: true });
    expect(table.rows[3]![0]).toEqual({ text: '522799001000002', numeric: true });
    expect(findColumns(table.rows)).toMatchObject({ headerRow: 1, columns: { householdNo: 0, name: 1, idNumber: 2, birthDate: 3 } });
  });

  it('keeps Chinese text whole in a large sheet, where a character falls across two chunks of the compressed stream', async () => {
    // exceljs's streaming reader decoded each chunk on its own (exceljs issue #2084); patches/ fixes it.
    const names = ['张三丰', '李秀英', '王小明', '欧阳建国', '诸葛亮'];
    const bytes = await xlsx((s) => {
      s.addRow(['姓名', '住址', '备注']);
      for (let i = 0; i < 20_000; i++) s.addRow([names[i % names.length]!, `石桥村一组${i}号`, '小学文化，务工在外省']);
    });
    const table = await readTable(bytes, '大表.xlsx');
    expect(table.rows).toHaveLength(20_001);
    const broken = table.rows.flat().filter((c) => c.text.includes('\ufffd'));
    expect(broken).toEqual([]);
    expect(table.rows[20_000]!.map((c) => c.text)).toEqual(['诸葛亮', '石桥村一组19999号', '小学文化，务工在外省']);
  });

  it('refuses .xls and broken files with a Chinese message telling the clerk what to do', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readTable(xls, '花名册.xls')).rejects.toThrow('请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入');
    await expect(readTable(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), '坏文件.xlsx')).rejects.toThrow('不是有效的 Excel 工作簿，可能已损坏');
    await expect(readTable(new Uint8Array([1, 2, 3]), '照片.jpg')).rejects.toThrow('请选择 Excel 工作簿（.xlsx）或 CSV 文件');
  });
});

describe('recognising the national layouts’ columns', () => {
  it('maps the household export (53 columns)', () => {
    const map = findColumns([headerRow('national__household_export_53cols.header.csv')])!;
    expect(map.columns).toMatchObject({ householdNo: expect.any(Number), headName: 6 + 1, headIdNumber: 8, familySize: 9, bankAccount: 17, mainCause: 19, otherCauses: 20 });
    expect(map.duplicates).toEqual([]);
    // Production and living conditions are not imported yet: they are reported, not silently dropped.
    expect(map.unknown.map((u) => u.header)).toContain('耕地面积（亩）');
  });

  it('maps the member export (47 columns) and the 2022 list of lifted-out people', () => {
    const members = findColumns([headerRow('national__member_export_47cols.header.csv')])!;
    expect(members.columns).toMatchObject({ name: 7, sex: 8, birthDate: 9, documentType: 10, idNumber: 11, relationship: 16, headName: 41, headIdNumber: 42 });
    const list2022 = findColumns([headerRow('national2022__yituopin_renkou_mingdan.header.csv')])!;
    expect(list2022.columns).toMatchObject({ village: 4, group: 5, householdNo: 6, name: 8, idNumber: 9, familySize: 10, relationship: 11, status: 27, monitoringCategory: 28 });
    expect(list2022.unknown.map((u) => u.header)).not.toContain('县(市、区、旗)');
  });

  it('ignores spaces, line breaks and full-width forms in headers, and finds the header under title rows', () => {
    expect(foldHeader(' 证件\n号码 ')).toBe('证件号码');
    expect(foldHeader('务工时间（月）')).toBe('务工时间(月)');
    const rows = [[{ text: '××乡脱贫户信息', numeric: false }], [], ['公民身份\n号码', '姓 名', '与户主关系', '备用列'].map((text) => ({ text, numeric: false }))];
    expect(findColumns(rows)).toEqual({ headerRow: 2, columns: { idNumber: 0, name: 1, relationship: 2 }, unknown: [{ header: '备用列', column: 'D' }], duplicates: [] });
    expect(findColumns([[{ text: '随便写的表', numeric: false }]])).toBeUndefined();
  });
});
