/**
 * Our own import template: one person per row, a comment on each header saying what it takes,
 * and the long-number columns formatted as text so Excel keeps every digit the clerk types.
 */
import ExcelJS from 'exceljs';
import type { CodeTable } from '../../../shared/domain/code-table';
import {
  documentType, education, health, householdAttribute, householdStatus, inSchool, labour, povertyCause, relationship, sex,
} from '../../../shared/domain';

interface TemplateColumn {
  header: string;
  note: string;
  /** Typed numbers in these columns must stay text (IDs, household numbers, phones). */
  text?: boolean;
  width?: number;
}

const choices = (table: CodeTable) => `可填：${table.entries.map((e) => e.label).join('、')}`;

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: '行政村', note: '必填。须与“设置”中的行政村名称完全一致' },
  { header: '自然村', note: '可不填。须与“设置”中该村的自然村（组）名称一致' },
  { header: '户编号', note: '同一户的成员填相同的户编号；没有国家户编号的可不填，按户主证件号码归户', text: true, width: 20 },
  { header: '户类型', note: `户主所在行必填。${choices(householdStatus)}` },
  { header: '贫困户属性', note: choices(householdAttribute) },
  { header: '致贫原因1', note: `主要致贫原因，一般农户可不填。${choices(povertyCause)}` },
  { header: '户联系电话', note: '11 位手机号或带区号的固定电话', text: true, width: 16 },
  { header: '姓名', note: '必填，与身份证一致' },
  { header: '证件类型', note: `不填按身份证。${choices(documentType)}` },
  { header: '证件号码', note: '必填。18 位身份证号（或 20 位残疾人证号）；请保持文本格式，不要让 Excel 变成科学计数法', text: true, width: 22 },
  { header: '与户主关系', note: `必填，每户只能有一名户主。${choices(relationship)}` },
  { header: '性别', note: `可不填，按证件号码自动判断。${choices(sex)}` },
  { header: '出生日期', note: '可不填，按证件号码自动判断；填写时如 1980-03-12 或 19800312' },
  { header: '民族', note: '不填按汉族。填民族名称，如 汉族、苗族、布依族' },
  { header: '文化程度', note: choices(education) },
  { header: '在校生状况', note: choices(inSchool) },
  { header: '健康状况', note: `不填按健康；多项用逗号分开，如“残疾,长期慢性病”。${choices(health)}` },
  { header: '劳动技能', note: choices(labour) },
  { header: '务工时间（月）', note: '0–12 的整数' },
  { header: '成员联系电话', note: '11 位手机号', text: true, width: 16 },
  { header: '是否参加大病保险', note: '是 / 否' },
  { header: '是否参加城乡居民基本医疗保险', note: '是 / 否' },
  { header: '是否享受低保', note: '是 / 否' },
  { header: '是否特困供养人员', note: '是 / 否' },
];

/** Rows prepared with the text format; a roster longer than this still imports, the format just stops. */
const FORMATTED_ROWS = 2000;

export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.note = c.note;
    sheet.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 2);
    if (c.text) for (let r = 2; r <= FORMATTED_ROWS; r++) sheet.getCell(r, i + 1).numFmt = '@';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
