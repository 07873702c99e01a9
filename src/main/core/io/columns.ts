/**
 * Column recognition for the rosters offices hold: the header row is found under title rows, and
 * each header is matched by its text after folding spaces, line breaks and full-width forms, so
 * “证件号码”, “身份证号码” and “公民身份号码” all land on the same field.
 */
import type { TableCell } from './table-reader';
import { cutShort } from '../../../shared/rules/hidden-text';

export type ImportField =
  | 'householdNo' | 'village' | 'group' | 'headName' | 'headIdNumber' | 'familySize' | 'householdPhone' | 'bankName' | 'bankAccount'
  | 'identificationStandard' | 'attribute' | 'status' | 'statusSince' | 'monitoringCategory' | 'riskState' | 'riskEliminated'
  | 'riskEliminationMethod' | 'mainCause' | 'otherCauses' | 'identifiedAt' | 'liftedYear' | 'address' | 'militaryFamily'
  | 'onlyChildFamily' | 'twoDaughterFamily' | 'relocated' | 'note'
  | 'personNo' | 'name' | 'sex' | 'birthDate' | 'documentType' | 'idNumber' | 'relationship' | 'ethnicity' | 'politicalStatus' | 'education'
  | 'inSchool' | 'outOfSchoolReason' | 'health' | 'disabilityType' | 'labour' | 'migrantWork' | 'workMonths' | 'memberPhone'
  | 'seriousIllnessInsurance' | 'residentMedicalInsurance' | 'employeeMedicalInsurance' | 'residentPension' | 'dibao' | 'tekun';

/** Header texts as real exports write them (S3, S5, S6 layouts), folded by `foldHeader`. */
const ALIASES: Record<ImportField, readonly string[]> = {
  householdNo: ['户编号', '户码'],
  village: ['行政村', '村', '所在村'],
  group: ['自然村', '组', '村民小组', '自然村(组)', '自然村(组、屯)'],
  headName: ['户主姓名', '户主'],
  headIdNumber: ['户主证件号码', '户主身份证号码', '户主身份证号'],
  familySize: ['家庭人口数', '人数', '家庭人口', '年末家庭人口数'],
  householdPhone: ['户联系电话', '联系电话', '家庭联系电话'],
  bankName: ['开户银行名称', '开户银行'],
  bankAccount: ['银行卡号', '银行账号'],
  identificationStandard: ['识别标准'],
  attribute: ['贫困户属性', '脱贫户属性', '贫困类型'],
  status: ['户类型', '贫困状态', '脱贫属性', '脱贫标志', '户状态'],
  statusSince: ['状态起始月份'],
  monitoringCategory: ['易返贫致贫户(监测对象)类型', '监测对象类别', '监测对象类型'],
  riskState: ['风险状态'],
  riskEliminated: ['风险是否消除', '风险是否已消除'],
  riskEliminationMethod: ['风险消除方式'],
  mainCause: ['主要致贫原因', '致贫原因1', '致贫原因'],
  otherCauses: ['次要致贫原因', '其他致贫原因'],
  identifiedAt: ['首次识别时间', '识别年度', '识别时间'],
  liftedYear: ['脱贫年度'],
  address: ['家庭住址', '住址'],
  militaryFamily: ['是否军烈属'],
  onlyChildFamily: ['是否独生子女户'],
  twoDaughterFamily: ['是否双女户'],
  relocated: ['是否易地扶贫搬迁户', '是否易地搬迁户'],
  note: ['备注'],
  personNo: ['人编号', '人口编号'],
  name: ['姓名', '成员姓名'],
  sex: ['性别'],
  birthDate: ['出生日期'],
  documentType: ['证件类型'],
  idNumber: ['证件号码', '身份证号码', '公民身份号码', '身份证号', '公民身份号码或残疾证号码'],
  relationship: ['与户主关系'],
  ethnicity: ['民族'],
  politicalStatus: ['政治面貌'],
  education: ['文化程度'],
  inSchool: ['在校生状况', '在校情况'],
  outOfSchoolReason: ['失学或辍学原因', '义务教育阶段未上学原因'],
  health: ['健康状况'],
  disabilityType: ['残疾类别'],
  labour: ['劳动技能', '劳动能力'],
  migrantWork: ['务工状况'],
  workMonths: ['务工时间(月)', '务工时间'],
  memberPhone: ['成员联系电话', '人联系电话', '家庭成员联系电话'],
  seriousIllnessInsurance: ['是否参加大病保险'],
  residentMedicalInsurance: ['是否参加新型农村合作医疗(城乡居民基本医疗保险)', '是否参加城乡居民基本医疗保险'],
  employeeMedicalInsurance: ['是否参加城镇职工基本医疗保险'],
  residentPension: ['是否参加城乡居民基本养老保险'],
  dibao: ['是否享受低保'],
  tekun: ['是否特困供养人员'],
};

/** Spaces, line breaks, full-width forms and bracket styles do not make a different header. */
export function foldHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[【〔]/g, '(').replace(/[】〕]/g, ')');
}

const FIELD_BY_HEADER = new Map<string, ImportField>(
  (Object.entries(ALIASES) as [ImportField, readonly string[]][]).flatMap(([field, headers]) => headers.map((h) => [foldHeader(h), field] as const)),
);

/** The field's name as our template writes it, for messages. */
export function fieldLabel(field: ImportField): string {
  return ALIASES[field][0]!;
}

export function fieldOfHeader(text: string): ImportField | undefined {
  return FIELD_BY_HEADER.get(foldHeader(text));
}

/**
 * Headers the national exports carry that describe where or when rather than what: read past
 * without complaint (the township and county are the ledger's own settings).
 */
const CONTEXT_HEADERS = new Set(
  ['序号', '数据日期', '年度', '省', '市', '县', '县(市、区、旗)', '乡', '乡(镇)', '户主编号'].map(foldHeader),
);

export interface ColumnMap {
  /** 0-based index of the header row within the sheet. */
  headerRow: number;
  columns: Partial<Record<ImportField, number>>;
  /** Headers no field claims, with their column letters, reported before anything is written. */
  unknown: { header: string; column: string }[];
  /** Fields named twice (e.g. two “姓名” columns): the first wins, the rest are reported. */
  duplicates: { header: string; column: string }[];
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The header row is the row among the first 30 that names the most known fields (at least 3). */
export function findColumns(rows: readonly (readonly TableCell[])[]): ColumnMap | undefined {
  let best: { row: number; score: number } | undefined;
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const score = new Set((rows[r] ?? []).map((c) => fieldOfHeader(c.text)).filter(Boolean)).size;
    if (score >= 3 && (!best || score > best.score)) best = { row: r, score };
  }
  if (!best) return undefined;
  const map: ColumnMap = { headerRow: best.row, columns: {}, unknown: [], duplicates: [] };
  (rows[best.row] ?? []).forEach((cell, index) => {
    // A hostile header may be 32,767 characters long; the preview shows a short one.
    const header = cutShort(cell.text.trim(), 40);
    if (header === '') return;
    const field = fieldOfHeader(header);
    if (!field && CONTEXT_HEADERS.has(foldHeader(header))) return;
    if (!field) map.unknown.push({ header, column: columnLetter(index) });
    else if (map.columns[field] !== undefined) map.duplicates.push({ header, column: columnLetter(index) });
    else map.columns[field] = index;
  });
  return map;
}
