import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findColumns } from '../../src/main/core/io/columns';
import { createRosterBuilder, dateFromCell, monthFromText, yearFromCell, type Places } from '../../src/main/core/io/roster-rows';
import { readTable, type Table } from '../../src/main/core/io/table-reader';
import { idFor } from '../support/temp-ledger';

const places: Places = {
  villageId: (name) => ({ 石桥村: 1, 柳溪村: 2 })[name],
  groupId: (villageId, name) => (villageId === 1 && name === '一组' ? 11 : undefined),
};

/** A synthetic roster in the 2022 已脱贫人口名单 layout (a subset of its columns), under a title row. */
async function roster(rows: unknown[][], header = ['序号', '县(市、区、旗)', '乡(镇)', '行政村', '自然村', '户编号', '姓名', '证件号码', '与户主关系', '民族', '健康状况', '户类型', '出生日期', '致贫原因1']): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('名单');
  s.addRow(['青山镇已脱贫人口名单']);
  s.addRow(header);
  for (const r of rows) s.addRow(r);
  return readTable(new Uint8Array(await wb.xlsx.writeBuffer()), '名单.xlsx');
}

function build(table: Table) {
  const map = findColumns(table.rows)!;
  const builder = createRosterBuilder(map, places);
  table.rows.forEach((cells, index) => builder.addRow(index, cells));
  return { map, ...builder.finish() };
}

describe('roster rows to household drafts', () => {
  it('groups people into households, reads labels, dates and flags, and names each bad row and column', async () => {
    const head = idFor('522799', '19700312', 15);
    const wife = idFor('522799', '19720101', 26);
    const son = idFor('522799', '20050611', 37);
    const table = await roster([
      [1, '示范县', '青山镇', '石桥村', '一组', '522799001000001', '张三', head, '户主', '汉族', '健康', '脱贫户', '19700312', '因病'],
      [2, '示范县', '青山镇', '石桥村', '一组', '522799001000001', '李梅', wife, '配偶', '苗族', '长期慢性病,残疾', '脱贫户', new Date(Date.UTC(1972, 0, 1)), '因病'],
      [3, '示范县', '青山镇', '石桥村', '一组', '522799001000001', '张小军', son, '之子', '汉', '健康', '脱贫户', '2005/6/11', '因病'],
      [4, '示范县', '青山镇', '石桥村', '一组', '522799001000002', '王五', 5.22799197001011e17, '户主', '汉族', '健康', '脱贫户', '', '因病'],
      [5, '示范县', '青山镇', '云中村', '', '522799009000001', '赵六', idFor('522799', '19600101', 11), '户主', '汉族', '健康', '一般农户', '', '因病'],
      [6, '示范县', '青山镇', '柳溪村', '', '522799002000001', '钱七', idFor('522799', '19650101', 13), '邻居', '汉族', '健康', '脱贫户', '', '因病'],
    ]);
    const { map, layout, drafts, problems } = build(table);
    expect(map.headerRow).toBe(1);
    expect(layout).toBe('person');

    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ key: '522799001000001', row: 3, villageId: 1, groupId: 11, householdNo: '522799001000001' });
    expect(drafts[0]!.values).toEqual({ status: 'LIFTED_HOUSEHOLD', mainCause: '01' });
    expect(drafts[0]!.members.map((m) => [m.row, m.values.name, m.values.relationship, m.values.ethnicity, m.values.health, m.values.birthDate])).toEqual([
      [3, '张三', '01', '01', ['01'], '1970-03-12'],
      [4, '李梅', '02', '06', ['02', '04'], '1972-01-01'],
      [5, '张小军', '03', '01', ['01'], '2005-06-11'],
    ]);

    expect(problems).toEqual([
      { row: 6, column: 'H', message: '证件号码被 Excel 存成了数字，后几位已丢失（现为 522799197001011000）；请把该列设为文本，从原始资料重新录入' },
      { row: 7, column: 'D', message: '行政村“云中村”不在本乡镇的行政村列表中，请先在“设置”中添加' },
      { row: 8, column: 'I', message: '与户主关系“邻居”不是有效的取值' },
    ]);
  });

  it('a bad row sends its whole household back, each of its rows saying why', async () => {
    const table = await roster([
      ['1', '', '', '石桥村', '', '1001', '孙一', idFor('522799', '19700101', 15), '户主', '汉族', '健康', '脱贫户', '', '因病'],
      ['2', '', '', '石桥村', '', '1001', '孙二', idFor('522799', '19710101', 17), '户主', '汉族', '健康状况不明', '脱贫户', '', '因病'],
    ]);
    const { drafts, problems } = build(table);
    expect(drafts).toEqual([]);
    expect(problems).toEqual([
      { row: 3, column: null, message: '同户第 4 行有错误，这一户整户未导入' },
      { row: 4, column: 'K', message: '健康状况“健康状况不明”中有无效的取值' },
    ]);
  });

  it('reads the household export one household per row, the head as its only member', async () => {
    const head = idFor('522799', '19700312', 15);
    const table = await roster(
      [['石桥村', '8001', '张三', head, '3', '因学', '因病、缺技术', '中国农业银行', '6228480000000000001', '2014']],
      ['村', '户编号', '户主姓名', '户主证件号码', '家庭人口数', '主要致贫原因', '次要致贫原因', '开户银行名称', '银行卡号', '年度'],
    );
    const { layout, drafts, problems } = build(table);
    expect(problems).toEqual([]);
    expect(layout).toBe('household');
    expect(drafts[0]).toMatchObject({ key: '8001', statedFamilySize: 3, values: { mainCause: '03', otherCauses: ['01', '07'], bankName: '中国农业银行', bankAccount: '6228480000000000001' } });
    expect(drafts[0]!.members).toEqual([{ row: 3, values: { name: '张三', idNumber: head, relationship: '01' } }]);
  });

  it('takes a 20- or 22-digit number as a 残疾人证 number where the list has no 证件类型 column (the 2022 list)', async () => {
    const head = idFor('522799', '19700312', 15);
    const disabled = `${idFor('522799', '19950101', 26)}41`;
    const table = await roster([
      [1, '示范县', '青山镇', '石桥村', '一组', '522799001000001', '张三', head, '户主', '汉族', '健康', '脱贫户', '', '因残'],
      [2, '示范县', '青山镇', '石桥村', '一组', '522799001000001', '张小花', disabled, '之女', '汉族', '残疾', '脱贫户', '', '因残'],
    ]);
    const { drafts, problems } = build(table);
    expect(problems).toEqual([]);
    expect(drafts[0]!.members.map((m) => [m.values.idNumber, m.values.documentType])).toEqual([[head, undefined], [disabled, '2']]);
  });

  it('reads dates, years and months as offices type them', () => {
    const d = (text: string, numeric = false) => dateFromCell({ text, numeric });
    expect(d('1980-03-12')).toBe('1980-03-12');
    expect(d('1980/3/2')).toBe('1980-03-02');
    expect(d('1980年3月12日')).toBe('1980-03-12');
    expect(d('19800312')).toBe('1980-03-12');
    expect(d('29292', true)).toBe('1980-03-12');
    expect(d('19800230')).toBeUndefined();
    expect(d('三月')).toBeUndefined();
    const y = (text: string, numeric = false) => yearFromCell({ text, numeric });
    expect([y('2014'), y('201403'), y('2014-03'), y('2014年'), y('2014-03-12'), y('41710', true), y('十四年')]).toEqual([2014, 2014, 2014, 2014, 2014, 2014, undefined]);
    expect([monthFromText('2016-03'), monthFromText('201603'), monthFromText('2016年3月'), monthFromText('2016-13'), monthFromText('20163')]).toEqual(['2016-03', '2016-03', '2016-03', undefined, undefined]);
  });
});
