/**
 * The export layouts, column by column: the national household table (53 columns), the national
 * member table (47), the 2022 list of lifted-out people (32) and our import template. Headers
 * are exactly the formats' (`../shared/formats/*.header.csv`); each value is text, built from
 * what the registry holds, and columns the registry has no data for stay empty.
 * Each layout's values are a record keyed by its headers, so a header without a value, or a
 * value for a header the layout does not have, is a compile error.
 */
import type { CodeTable } from '../../../shared/domain/code-table';
import {
  disabilityType, documentType, education, ethnicity, health, householdAttribute, householdStatus, houseGrade, identificationStandard,
  inSchool, labour, migrantWork, monitoringCategory, outOfSchoolReason, politicalStatus, povertyCause, relationship, riskState, sex,
} from '../../../shared/domain';
import type { ExportLayout } from '../../../shared/domain/export.types';
import { fenToYuanText } from '../../../shared/rules/money';
import { intToMonth } from '../dynamic/status.repo';
import type { ExportIncome, ExportStatusMonths, ExportSurvey, HouseholdExportRow, PersonExportRow } from './export-source';
import { columnWidth, TEMPLATE_COLUMNS, type TemplateHeader } from './template';

/** Everything one sheet row is built from. */
export interface RowContext<R extends HouseholdExportRow = HouseholdExportRow> {
  r: R;
  /** Province … township names from the settings. */
  place: { province: string; city: string; county: string; township: string };
  /** The year the household table's figures are for (its 年度). */
  year: number;
  /** Export date as YYYYMMDD (the 2022 list's 数据日期). */
  date: string;
  /** 1-based row number under the header (序号). */
  seq: number;
  income: ExportIncome | null;
  survey: ExportSurvey | null;
  months: ExportStatusMonths | null;
}

export interface ExportColumn<R extends HouseholdExportRow> {
  header: string;
  /** A long number (ID, household or person number, bank card, phone): formatted as text so edits keep every digit. */
  text: boolean;
  width: number;
  value: (c: RowContext<R>) => string;
  /** Shown as the header's comment (template layout). */
  note?: string;
}

/** What a layout needs read beside the rows; each is one indexed look-up per household. */
export interface LayoutNeeds {
  income: boolean;
  survey: boolean;
  months: boolean;
}

export interface LayoutSpec<R extends HouseholdExportRow> {
  layout: ExportLayout;
  sheetName: string;
  /** What the file is called after the township's name: 西江镇成员信息-2026-05-01.xlsx. */
  fileTitle: string;
  /** Summary of the audit entry: 导出成员信息（国家系统成员表格式）. */
  auditTitle: string;
  needs: LayoutNeeds;
  columns: readonly ExportColumn<R>[];
}

/* ---------- values ---------- */

const labelCache = new Map<CodeTable, Map<string, string>>();
/** labelOf for hot loops: one map per table instead of a search per cell. */
function label(table: CodeTable, code: string | null): string {
  if (code === null || code === '') return '';
  let byCode = labelCache.get(table);
  if (!byCode) {
    byCode = new Map(table.entries.map((e) => [e.code, e.label]));
    labelCache.set(table, byCode);
  }
  return byCode.get(code) ?? `未知代码(${code})`;
}
const labels = (table: CodeTable, codes: string, separator: string) =>
  codes === '' ? '' : codes.split(',').map((c) => label(table, c)).join(separator);
const yes = (v: number) => (v === 1 ? '是' : '否');
const yesOrEmpty = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? '是' : '否');
const text = (v: string | number | null) => (v === null ? '' : String(v));
const yuan = (fen: number | undefined) => (fen === undefined ? '' : fenToYuanText(fen));
/** YYYYMM → 202103 (the 2022 list) or 2021-03 (our template). */
const compactMonth = (m: number | null) => (m === null ? '' : String(m));
const dashedMonth = (m: number | null) => (m === null ? '' : intToMonth(m));
const isDilapidated = (s: ExportSurvey | null) => (s?.houseGrade ? (s.houseGrade === '02' || s.houseGrade === '03' ? '是' : '否') : '');
/** 风险是否消除: only a monitoring object has a risk to be eliminated. */
const perCapita = (i: ExportIncome | null) => (i === null || i.perCapitaFen === null ? '' : fenToYuanText(i.perCapitaFen));
const riskEliminated = (r: HouseholdExportRow) => (r.monitoring_category === null || r.risk_state === null ? '' : r.risk_state === 'ACTIVE' ? '否' : '是');

type Values<H extends string, R extends HouseholdExportRow> = Record<H, (c: RowContext<R>) => string>;

function columnsOf<H extends string, R extends HouseholdExportRow>(
  headers: readonly H[],
  values: Values<H, R>,
  longNumbers: readonly H[],
): ExportColumn<R>[] {
  return headers.map((header) => {
    const isText = longNumbers.includes(header);
    return { header, text: isText, width: isText ? 22 : columnWidth({ header }), value: values[header] };
  });
}

/* ---------- 国家系统户表（53 列） ---------- */

export const NATIONAL_HOUSEHOLD_HEADERS = [
  '省', '市', '县', '乡', '村', '户编号', '户主编号', '户主姓名', '户主证件号码', '家庭人口数', '是否危房户', '人均纯收入', '年收入',
  '是否解决安全饮用水', '年度', '村办公电话', '开户银行名称', '银行卡号', '识别标准', '主要致贫原因', '次要致贫原因', '工资性收入',
  '生产经营性收入', '财产性收入', '转移性收入', '计划生育金', '低保金', '五保金', '养老保险金', '生态补偿金', '其他转移性收入',
  '生产经营性支出', '纯收入', '资产收益扶贫分红收入', '其他财产性收入', '耕地面积（亩）', '水面面积', '是否加入农民专业合作组织',
  '退耕还林面积（亩）', '林果面积（亩）', '牧草地面积', '林地面积（亩）', '是否通生产用电', '是否通生活用电', '是否通广播电视',
  '与村主干路距离', '入户路类型', '住房面积', '是否有卫生厕所', '主要燃料类型', '危房级别', '是否有龙头企业带动', '是否有创业致富带头人带动',
] as const;
type NationalHouseholdHeader = (typeof NATIONAL_HOUSEHOLD_HEADERS)[number];

/** Production and living conditions (land, roads, power…) are not in the registry yet: empty. */
const none = () => '';

const nationalHouseholdValues: Values<NationalHouseholdHeader, HouseholdExportRow> = {
  省: (c) => c.place.province, 市: (c) => c.place.city, 县: (c) => c.place.county, 乡: (c) => c.place.township, 村: (c) => c.r.village_name,
  户编号: (c) => c.r.household_no, 户主编号: (c) => text(c.r.head_person_no ?? null), 户主姓名: (c) => c.r.head_name,
  户主证件号码: (c) => text(c.r.head_id_number), 家庭人口数: (c) => String(c.r.member_count), 是否危房户: (c) => isDilapidated(c.survey),
  人均纯收入: (c) => perCapita(c.income), 年收入: (c) => yuan(c.income?.grossFen),
  是否解决安全饮用水: (c) => yesOrEmpty(c.survey?.waterSafe), 年度: (c) => String(c.year), 村办公电话: none,
  开户银行名称: (c) => text(c.r.bank_name), 银行卡号: (c) => text(c.r.bank_account),
  识别标准: (c) => label(identificationStandard, c.r.identification_standard), 主要致贫原因: (c) => label(povertyCause, c.r.main_cause),
  次要致贫原因: (c) => labels(povertyCause, c.r.other_causes, ','),
  工资性收入: (c) => yuan(c.income?.wageFen), 生产经营性收入: (c) => yuan(c.income?.operatingFen), 财产性收入: (c) => yuan(c.income?.propertyFen),
  转移性收入: (c) => yuan(c.income?.transferFen), 计划生育金: (c) => yuan(c.income?.familyPlanningFen), 低保金: (c) => yuan(c.income?.dibaoFen),
  五保金: (c) => yuan(c.income?.tekunFen), 养老保险金: (c) => yuan(c.income?.pensionFen), 生态补偿金: (c) => yuan(c.income?.ecoCompensationFen),
  其他转移性收入: (c) => yuan(c.income?.otherTransferFen), 生产经营性支出: (c) => yuan(c.income?.operatingCostFen), 纯收入: (c) => yuan(c.income?.netFen),
  资产收益扶贫分红收入: (c) => yuan(c.income?.propertyDividendFen), 其他财产性收入: (c) => yuan(c.income?.propertyOtherFen),
  '耕地面积（亩）': none, 水面面积: none, 是否加入农民专业合作组织: none, '退耕还林面积（亩）': none, '林果面积（亩）': none, 牧草地面积: none,
  '林地面积（亩）': none, 是否通生产用电: none, 是否通生活用电: none, 是否通广播电视: none, 与村主干路距离: none, 入户路类型: none, 住房面积: none,
  是否有卫生厕所: none, 主要燃料类型: none,
  危房级别: (c) => (c.survey?.houseGrade === '02' || c.survey?.houseGrade === '03' ? label(houseGrade, c.survey.houseGrade) : ''),
  是否有龙头企业带动: none, 是否有创业致富带头人带动: none,
};

/* ---------- 国家系统成员表（47 列） ---------- */

export const NATIONAL_MEMBER_HEADERS = [
  '省', '市', '县', '乡', '村', '户编号', '人口编号', '姓名', '性别', '出生日期', '证件类型', '证件号码', '民族', '户联系电话', '成员联系电话', '年度',
  '与户主关系', '文化程度', '在校生状况', '劳动技能', '务工时间（月）', '健康状况', '政治面貌', '务工企业名称', '是否享受低保',
  '是否参加城镇职工基本养老保险', '是否参加大病保险', '是否参加新型农村合作医疗（城乡居民基本医疗保险）', '是否参加城乡居民基本养老保险',
  '失学或辍学原因', '是否会讲普通话', '是否参加商业补充医疗保险', '是否国外务工', '产业分类', '是否接受大病医疗救助', '是否接受其他健康扶贫',
  '公益性岗位类型', '公益性岗位(月数)', '就业渠道', '残疾类别', '务工所在地', '户主姓名', '户主证件号码', '是否参加城镇职工基本医疗保险',
  '是否特困供养人员', '残疾证办证年度', '识别标准',
] as const;
type NationalMemberHeader = (typeof NATIONAL_MEMBER_HEADERS)[number];

const nationalMemberValues: Values<NationalMemberHeader, PersonExportRow> = {
  省: (c) => c.place.province, 市: (c) => c.place.city, 县: (c) => c.place.county, 乡: (c) => c.place.township, 村: (c) => c.r.village_name,
  户编号: (c) => c.r.household_no, 人口编号: (c) => text(c.r.person_no), 姓名: (c) => c.r.name, 性别: (c) => label(sex, c.r.sex),
  出生日期: (c) => c.r.birth_date, 证件类型: (c) => label(documentType, c.r.document_type), 证件号码: (c) => c.r.id_number,
  民族: (c) => label(ethnicity, c.r.ethnicity), 户联系电话: (c) => text(c.r.household_phone), 成员联系电话: (c) => text(c.r.member_phone),
  年度: (c) => String(c.year), 与户主关系: (c) => label(relationship, c.r.relationship), 文化程度: (c) => label(education, c.r.education),
  在校生状况: (c) => label(inSchool, c.r.in_school), 劳动技能: (c) => label(labour, c.r.labour), '务工时间（月）': (c) => text(c.r.work_months),
  健康状况: (c) => labels(health, c.r.health, ','), 政治面貌: (c) => label(politicalStatus, c.r.political_status), 务工企业名称: none,
  是否享受低保: (c) => yes(c.r.dibao), 是否参加城镇职工基本养老保险: none, 是否参加大病保险: (c) => yes(c.r.serious_illness_insurance),
  '是否参加新型农村合作医疗（城乡居民基本医疗保险）': (c) => yes(c.r.resident_medical_insurance),
  是否参加城乡居民基本养老保险: (c) => yes(c.r.resident_pension), 失学或辍学原因: (c) => label(outOfSchoolReason, c.r.out_of_school_reason),
  是否会讲普通话: none, 是否参加商业补充医疗保险: none, 是否国外务工: none, 产业分类: none, 是否接受大病医疗救助: none, 是否接受其他健康扶贫: none,
  公益性岗位类型: none, '公益性岗位(月数)': none, 就业渠道: none, 残疾类别: (c) => label(disabilityType, c.r.disability_type), 务工所在地: none,
  户主姓名: (c) => c.r.head_name, 户主证件号码: (c) => text(c.r.head_id_number),
  是否参加城镇职工基本医疗保险: (c) => yes(c.r.employee_medical_insurance), 是否特困供养人员: (c) => yes(c.r.tekun), 残疾证办证年度: none,
  识别标准: (c) => label(identificationStandard, c.r.identification_standard),
};

/* ---------- 2022 年已脱贫人口名单（32 列） ---------- */

export const NATIONAL_2022_HEADERS = [
  '序号', '数据日期', '县(市、区、旗)', '乡(镇)', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '民族',
  '文化程度', '在校生状况', '健康状况', '劳动技能', '务工时间（月）', '是否参加大病保险', '致贫原因1', '危房户', '是否解决安全饮用水',
  '人均纯收入', '户联系电话', '人联系电话', '首次识别时间', '人员识别时间', '户类型', '易返贫致贫户(监测对象)类型', '风险是否消除',
  '风险识别时间', '风险消除时间',
] as const;
type National2022Header = (typeof NATIONAL_2022_HEADERS)[number];

const national2022Values: Values<National2022Header, PersonExportRow> = {
  序号: (c) => String(c.seq), 数据日期: (c) => c.date, '县(市、区、旗)': (c) => c.place.county, '乡(镇)': (c) => c.place.township,
  行政村: (c) => c.r.village_name, 自然村: (c) => text(c.r.group_name), 户编号: (c) => c.r.household_no, 人编号: (c) => text(c.r.person_no),
  姓名: (c) => c.r.name, 证件号码: (c) => c.r.id_number, 人数: (c) => String(c.r.member_count), 与户主关系: (c) => label(relationship, c.r.relationship),
  民族: (c) => label(ethnicity, c.r.ethnicity), 文化程度: (c) => label(education, c.r.education), 在校生状况: (c) => label(inSchool, c.r.in_school),
  健康状况: (c) => labels(health, c.r.health, ','), 劳动技能: (c) => label(labour, c.r.labour), '务工时间（月）': (c) => text(c.r.work_months),
  是否参加大病保险: (c) => yes(c.r.serious_illness_insurance), 致贫原因1: (c) => label(povertyCause, c.r.main_cause),
  危房户: (c) => isDilapidated(c.survey), 是否解决安全饮用水: (c) => yesOrEmpty(c.survey?.waterSafe),
  人均纯收入: (c) => perCapita(c.income),
  户联系电话: (c) => text(c.r.household_phone), 人联系电话: (c) => text(c.r.member_phone), 首次识别时间: (c) => text(c.r.identified_year),
  // When each person was identified is not kept apart from the household's identification.
  人员识别时间: none,
  户类型: (c) => label(householdStatus, c.r.status), '易返贫致贫户(监测对象)类型': (c) => label(monitoringCategory, c.r.monitoring_category),
  风险是否消除: (c) => riskEliminated(c.r),
  风险识别时间: (c) => (c.r.monitoring_category === null ? '' : compactMonth(c.months?.riskFrom ?? null)),
  风险消除时间: (c) => (riskEliminated(c.r) === '是' ? compactMonth(c.months?.riskTo ?? null) : ''),
};

/* ---------- 本系统导入模板 ---------- */

const templateValues: Values<TemplateHeader, PersonExportRow> = {
  行政村: (c) => c.r.village_name, 自然村: (c) => text(c.r.group_name), 户编号: (c) => c.r.household_no,
  户类型: (c) => label(householdStatus, c.r.status), 状态起始月份: (c) => dashedMonth(c.months?.since ?? null),
  监测对象类别: (c) => label(monitoringCategory, c.r.monitoring_category), 风险状态: (c) => label(riskState, c.r.risk_state),
  贫困户属性: (c) => label(householdAttribute, c.r.attribute), 识别标准: (c) => label(identificationStandard, c.r.identification_standard),
  致贫原因1: (c) => label(povertyCause, c.r.main_cause), 次要致贫原因: (c) => labels(povertyCause, c.r.other_causes, '、'),
  识别年度: (c) => text(c.r.identified_year), 脱贫年度: (c) => text(c.r.lifted_year), 户联系电话: (c) => text(c.r.household_phone),
  开户银行名称: (c) => text(c.r.bank_name), 银行卡号: (c) => text(c.r.bank_account), 家庭住址: (c) => text(c.r.address),
  是否军烈属: (c) => yes(c.r.military_family), 是否独生子女户: (c) => yes(c.r.only_child_family), 是否双女户: (c) => yes(c.r.two_daughter_family),
  是否易地扶贫搬迁户: (c) => yes(c.r.relocated), 备注: (c) => text(c.r.note),
  人编号: (c) => text(c.r.person_no), 姓名: (c) => c.r.name, 证件类型: (c) => label(documentType, c.r.document_type), 证件号码: (c) => c.r.id_number,
  与户主关系: (c) => label(relationship, c.r.relationship), 性别: (c) => label(sex, c.r.sex), 出生日期: (c) => c.r.birth_date,
  民族: (c) => label(ethnicity, c.r.ethnicity), 政治面貌: (c) => label(politicalStatus, c.r.political_status),
  文化程度: (c) => label(education, c.r.education), 在校生状况: (c) => label(inSchool, c.r.in_school),
  失学或辍学原因: (c) => label(outOfSchoolReason, c.r.out_of_school_reason), 健康状况: (c) => labels(health, c.r.health, ','),
  残疾类别: (c) => label(disabilityType, c.r.disability_type), 劳动技能: (c) => label(labour, c.r.labour),
  务工状况: (c) => label(migrantWork, c.r.migrant_work), '务工时间（月）': (c) => text(c.r.work_months), 成员联系电话: (c) => text(c.r.member_phone),
  是否参加大病保险: (c) => yes(c.r.serious_illness_insurance), 是否参加城乡居民基本医疗保险: (c) => yes(c.r.resident_medical_insurance),
  是否参加城镇职工基本医疗保险: (c) => yes(c.r.employee_medical_insurance), 是否参加城乡居民基本养老保险: (c) => yes(c.r.resident_pension),
  是否享受低保: (c) => yes(c.r.dibao), 是否特困供养人员: (c) => yes(c.r.tekun),
};

const templateColumns: ExportColumn<PersonExportRow>[] = TEMPLATE_COLUMNS.map((col) => ({
  header: col.header,
  text: 'text' in col && col.text === true,
  width: columnWidth(col),
  note: col.note,
  value: templateValues[col.header],
}));

/* ---------- the four layouts ---------- */

export const NATIONAL_HOUSEHOLD: LayoutSpec<HouseholdExportRow> = {
  layout: 'national-household',
  sheetName: '户信息',
  fileTitle: '户信息（国家系统户表）',
  auditTitle: '户信息（国家系统户表格式）',
  needs: { income: true, survey: true, months: false },
  columns: columnsOf(NATIONAL_HOUSEHOLD_HEADERS, nationalHouseholdValues, ['户编号', '户主编号', '户主证件号码', '村办公电话', '银行卡号']),
};

export const NATIONAL_MEMBER: LayoutSpec<PersonExportRow> = {
  layout: 'national-member',
  sheetName: '成员信息',
  fileTitle: '成员信息（国家系统成员表）',
  auditTitle: '成员信息（国家系统成员表格式）',
  needs: { income: false, survey: false, months: false },
  columns: columnsOf(NATIONAL_MEMBER_HEADERS, nationalMemberValues, ['户编号', '人口编号', '证件号码', '户联系电话', '成员联系电话', '户主证件号码']),
};

export const NATIONAL_2022: LayoutSpec<PersonExportRow> = {
  layout: 'national-2022',
  sheetName: '已脱贫人口名单',
  fileTitle: '已脱贫人口名单（2022年格式）',
  auditTitle: '已脱贫人口名单（2022 年格式）',
  needs: { income: true, survey: true, months: true },
  columns: columnsOf(NATIONAL_2022_HEADERS, national2022Values, ['户编号', '人编号', '证件号码', '户联系电话', '人联系电话']),
};

export const TEMPLATE: LayoutSpec<PersonExportRow> = {
  layout: 'template',
  sheetName: '花名册',
  fileTitle: '花名册（导入模板格式）',
  auditTitle: '花名册（本系统导入模板格式）',
  needs: { income: false, survey: false, months: true },
  columns: templateColumns,
};
