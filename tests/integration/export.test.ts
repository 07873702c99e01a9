import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../src/main/core';
import { decodeText } from '../../src/main/core/io/table-reader';
import type { Result } from '../../src/shared/result';
import { tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

describe('export in the national member layout', () => {
  it('writes the 47 headers in order, one row per current member, every long number as text', async () => {
    t = tempLedger();
    t.ledger.seed({ households: 25, seed: 3 });
    const r = (await dispatchAsync(t.ledger, 'export:nationalMembers', {})) as Result<{ fileName: string; contentBase64: string; rows: number }>;
    if (!r.ok) throw new Error(r.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;

    const expected = decodeText(readFileSync(join(__dirname, '..', 'fixtures', 'formats', 'national__member_export_47cols.header.csv'))).text.trim().split(',');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(expected);

    const members = t.ledger.db.prepare('SELECT id_number, name FROM members WHERE deleted_at IS NULL AND left_on IS NULL ORDER BY id').all() as { id_number: string; name: string }[];
    expect(r.data.rows).toBe(members.length);
    expect(sheet.rowCount).toBe(members.length + 1);
    const idColumn = expected.indexOf('证件号码') + 1;
    const exportedIds = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const id = row.getCell(idColumn).value;
      expect(typeof id).toBe('string');
      exportedIds.add(id as string);
    });
    expect(exportedIds).toEqual(new Set(members.map((m) => m.id_number)));
    const first = sheet.getRow(2);
    expect(first.getCell(expected.indexOf('乡') + 1).value).toBe('青山镇');
    expect(first.getCell(expected.indexOf('与户主关系') + 1).value).toBe('户主');
    expect(['男', '女']).toContain(first.getCell(expected.indexOf('性别') + 1).value);
    expect(t.must('audit:list', { entity: 'export' }).rows[0]!.summary).toContain(`导出成员信息（国家系统格式）：${members.length} 人`);
  });
});
