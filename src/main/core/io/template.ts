/**
 * Our own import template: one person per row, the household's columns repeated on each of its
 * members' rows, every field the registry stores, a comment on each header saying what it takes,
 * and the long-number columns formatted as text so Excel keeps every digit the clerk types.
 * The roster export writes the same columns (layout `template`), so an exported file re-imports.
 */
import ExcelJS from 'exceljs';
import type { CodeTable } from '../../../shared/domain/code-table';
import {
  disabilityType, documentType, education, health, householdAttribute, householdStatus, identificationStandard, inSchool, labour,
  migrantWork, monitoringCategory, outOfSchoolReason, politicalStatus, povertyCause, relationship, riskState, sex,
} from '../../../shared/domain';

export interface TemplateColumn {
  header: string;
  note: string;
  /** Typed numbers in these columns must stay text (IDs, household numbers, bank cards, phones). */
  text?: boolean;
  width?: number;
}

const choices = (table: CodeTable) => `可填：${table.entries.map((e) => e.label).join('、')}`;
const YES_NO = '是 / 否，不填按“否”';
const SAME_FOR_HOUSEHOLD = '同一户各行相同，以户主所在行为准。';

/**
 * Household columns first, then the member's. The importer recognises exactly these header
 * texts; keep them in step with its column aliases when one changes.
 */
export const TEMPLATE_COLUMNS = [
  { header: '行政村', note: '必填。须与“设置”中的行政村名称完全一致' },
  { header: '自然村', note: '可不填。须与“设置”中该村的自然村（组）名称一致' },
  { header: '户编号', note: '同一户的成员填相同的户编号；没有国家户编号的可不填，按户主证件号码归户', text: true, width: 20 },
  { header: '户类型', note: `户主所在行必填。${choices(householdStatus)}` },
  { header: '状态起始月份', note: `新户的户类型从哪个月起算，如 2016-03；不填按本月。${SAME_FOR_HOUSEHOLD}` },
  { header: '监测对象类别', note: `不是监测对象的不填。${choices(monitoringCategory)}` },
  { header: '风险状态', note: `监测对象必填，其他户不填。${choices(riskState)}` },
  { header: '贫困户属性', note: choices(householdAttribute) },
  { header: '识别标准', note: `不填按国家标准。${choices(identificationStandard)}` },
  { header: '致贫原因1', note: `主要致贫原因，一般农户可不填。${choices(povertyCause)}` },
  { header: '次要致贫原因', note: '最多 2 项，用顿号分开，如“缺技术、缺资金”；不能与致贫原因1相同', width: 16 },
  { header: '识别年度', note: '四位年份，如 2014' },
  { header: '脱贫年度', note: '四位年份，如 2019；不能早于识别年度' },
  { header: '户联系电话', note: '11 位手机号或带区号的固定电话', text: true, width: 16 },
  { header: '开户银行名称', note: '如 农村信用社、邮政储蓄银行', width: 18 },
  { header: '银行卡号', note: '8–30 位数字；请保持文本格式，不要让 Excel 变成科学计数法', text: true, width: 24 },
  { header: '家庭住址', note: '100 字以内', width: 24 },
  { header: '是否军烈属', note: YES_NO },
  { header: '是否独生子女户', note: YES_NO },
  { header: '是否双女户', note: YES_NO },
  { header: '是否易地扶贫搬迁户', note: YES_NO },
  { header: '备注', note: '500 字以内', width: 20 },
  { header: '人编号', note: '国家系统的人口编号，没有的可不填', text: true, width: 20 },
  { header: '姓名', note: '必填，与身份证一致' },
  { header: '证件类型', note: `不填按身份证。${choices(documentType)}` },
  { header: '证件号码', note: '必填。18 位身份证号（或 20 位残疾人证号）；请保持文本格式，不要让 Excel 变成科学计数法', text: true, width: 22 },
  { header: '与户主关系', note: `必填，每户只能有一名户主。${choices(relationship)}` },
  { header: '性别', note: `可不填，按证件号码自动判断。${choices(sex)}` },
  { header: '出生日期', note: '可不填，按证件号码自动判断；填写时如 1980-03-12 或 19800312', width: 12 },
  { header: '民族', note: '不填按汉族。填民族名称，如 汉族、苗族、布依族' },
  { header: '政治面貌', note: choices(politicalStatus) },
  { header: '文化程度', note: choices(education) },
  { header: '在校生状况', note: choices(inSchool) },
  { header: '失学或辍学原因', note: `义务教育阶段未上学的填写。${choices(outOfSchoolReason)}` },
  { header: '健康状况', note: `不填按健康；多项用逗号分开，如“残疾,长期慢性病”。${choices(health)}` },
  { header: '残疾类别', note: `健康状况含“残疾”的填写。${choices(disabilityType)}` },
  { header: '劳动技能', note: choices(labour) },
  { header: '务工状况', note: `填了务工时间的必填。${choices(migrantWork)}` },
  { header: '务工时间（月）', note: '0–12 的整数' },
  { header: '成员联系电话', note: '11 位手机号', text: true, width: 16 },
  { header: '是否参加大病保险', note: YES_NO },
  { header: '是否参加城乡居民基本医疗保险', note: YES_NO },
  { header: '是否参加城镇职工基本医疗保险', note: YES_NO },
  { header: '是否参加城乡居民基本养老保险', note: YES_NO },
  { header: '是否享受低保', note: YES_NO },
  { header: '是否特困供养人员', note: YES_NO },
] as const satisfies readonly TemplateColumn[];

export type TemplateHeader = (typeof TEMPLATE_COLUMNS)[number]['header'];

/** A header's width in Excel characters: CJK characters are about two wide. */
export function columnWidth(c: { header: string; width?: number }): number {
  return c.width ?? Math.min(30, Math.max(10, c.header.length * 2 + 2));
}

/** Rows prepared with the text format; a roster longer than this still imports, the format just stops. */
const FORMATTED_ROWS = 2000;

export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c: TemplateColumn, i) => {
    const cell = head.getCell(i + 1);
    cell.note = c.note;
    sheet.getColumn(i + 1).width = columnWidth(c);
    if (c.text) for (let r = 2; r <= FORMATTED_ROWS; r++) sheet.getCell(r, i + 1).numFmt = '@';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
