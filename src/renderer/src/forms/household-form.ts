/**
 * The household form's editable model and its conversion to and from the contract. Inputs
 * bound with v-model need concrete values ('' rather than null), so the model is a little
 * looser than `HouseholdInput`; the shared schema remains the only judge of what is valid.
 */
import { HEAD_RELATIONSHIP, HEALTHY } from '../../../shared/domain';
import type { HouseholdDetail, MemberDetail } from '../../../shared/domain/registry.types';
import { checkDocumentNumber } from '../../../shared/rules/id-number';
import { checkInitialState } from '../../../shared/rules/status-machine';
import { householdInput, type HouseholdData } from '../../../shared/schemas/household.schema';
import { toFieldIssues } from '../../../shared/schemas/issues';
import type { FieldIssue } from '../../../shared/result';
import { thisMonthText } from '../format';

export interface MemberRow {
  /** Stable key for v-for while rows are added and removed; never sent. */
  rowKey: number;
  id: number | undefined;
  personNo: string;
  name: string;
  documentType: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relationship: string;
  ethnicity: string;
  politicalStatus: string;
  education: string;
  inSchool: string;
  /** 义务教育阶段未上学原因: only meaningful for school-age members who are not in school. */
  outOfSchoolReason: string;
  health: string[];
  disabilityType: string;
  labour: string;
  migrantWork: string;
  workMonths: number | null;
  phone: string;
  residentMedicalInsurance: boolean;
  employeeMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
  residentPension: boolean;
  dibao: boolean;
  tekun: boolean;
}

export interface HouseholdModel {
  id: number | undefined;
  householdNo: string;
  villageId: number | null;
  groupId: number | null;
  address: string;
  phone: string;
  bankName: string;
  bankAccount: string;
  identificationStandard: string;
  attribute: string;
  status: string;
  monitoringCategory: string;
  riskState: string;
  mainCause: string;
  otherCauses: string[];
  identifiedYear: number | null;
  liftedYear: number | null;
  militaryFamily: boolean;
  onlyChildFamily: boolean;
  twoDaughterFamily: boolean;
  relocated: boolean;
  note: string;
  /** New households only: the month (YYYY-MM) their status holds from; '' = this month. */
  statusSince: string;
  members: MemberRow[];
}

/** Flags shown as check boxes in a member's “更多” row, in the order of the national form. */
export const MEMBER_FLAGS = [
  ['residentMedicalInsurance', '参加城乡居民基本医疗保险'],
  ['employeeMedicalInsurance', '参加城镇职工基本医疗保险'],
  ['seriousIllnessInsurance', '参加大病保险'],
  ['residentPension', '参加城乡居民基本养老保险'],
  ['dibao', '享受低保'],
  ['tekun', '特困供养人员'],
] as const satisfies readonly (readonly [keyof MemberRow, string])[];

/** Household-level yes/no fields, same idea. */
export const HOUSEHOLD_FLAGS = [
  ['militaryFamily', '军烈属'],
  ['onlyChildFamily', '独生子女户'],
  ['twoDaughterFamily', '双女户'],
  ['relocated', '易地扶贫搬迁户'],
] as const satisfies readonly (readonly [keyof HouseholdModel, string])[];

let nextRowKey = 1;

export function newMemberRow(isFirst: boolean): MemberRow {
  return {
    rowKey: nextRowKey++,
    id: undefined,
    personNo: '',
    name: '',
    documentType: '1',
    idNumber: '',
    sex: '',
    birthDate: '',
    // The first person entered is nearly always the head; pre-choosing saves a step on every new household.
    relationship: isFirst ? HEAD_RELATIONSHIP : '',
    ethnicity: '01',
    politicalStatus: '',
    education: '',
    inSchool: '',
    outOfSchoolReason: '',
    health: [HEALTHY],
    disabilityType: '',
    labour: '',
    migrantWork: '',
    workMonths: null,
    phone: '',
    residentMedicalInsurance: false,
    employeeMedicalInsurance: false,
    seriousIllnessInsurance: false,
    residentPension: false,
    dibao: false,
    tekun: false,
  };
}

export function newHouseholdModel(villageId: number | null = null): HouseholdModel {
  return {
    id: undefined,
    householdNo: '',
    villageId,
    groupId: null,
    address: '',
    phone: '',
    bankName: '',
    bankAccount: '',
    identificationStandard: '1',
    attribute: '',
    status: '',
    monitoringCategory: '',
    riskState: '',
    mainCause: '',
    otherCauses: [],
    identifiedYear: null,
    liftedYear: null,
    militaryFamily: false,
    onlyChildFamily: false,
    twoDaughterFamily: false,
    relocated: false,
    note: '',
    statusSince: '',
    members: [newMemberRow(true)],
  };
}

const text = (v: string | null | undefined): string => v ?? '';

function memberFromDetail(m: MemberDetail): MemberRow {
  return {
    rowKey: nextRowKey++,
    id: m.id,
    personNo: text(m.personNo),
    name: m.name,
    documentType: m.documentType,
    idNumber: m.idNumber,
    sex: m.sex,
    birthDate: m.birthDate,
    relationship: m.relationship,
    ethnicity: m.ethnicity,
    politicalStatus: text(m.politicalStatus),
    education: text(m.education),
    inSchool: text(m.inSchool),
    outOfSchoolReason: text(m.outOfSchoolReason),
    health: [...m.health],
    disabilityType: text(m.disabilityType),
    labour: text(m.labour),
    migrantWork: text(m.migrantWork),
    workMonths: m.workMonths,
    phone: text(m.phone),
    residentMedicalInsurance: m.residentMedicalInsurance,
    employeeMedicalInsurance: m.employeeMedicalInsurance,
    seriousIllnessInsurance: m.seriousIllnessInsurance,
    residentPension: m.residentPension,
    dibao: m.dibao,
    tekun: m.tekun,
  };
}

export function householdModelFromDetail(d: HouseholdDetail): HouseholdModel {
  return {
    id: d.id,
    householdNo: d.householdNo,
    villageId: d.villageId,
    groupId: d.groupId,
    address: text(d.address),
    phone: text(d.phone),
    bankName: text(d.bankName),
    bankAccount: text(d.bankAccount),
    identificationStandard: d.identificationStandard,
    attribute: text(d.attribute),
    status: d.status,
    monitoringCategory: text(d.monitoringCategory),
    riskState: text(d.riskState),
    mainCause: text(d.mainCause),
    otherCauses: [...d.otherCauses],
    identifiedYear: d.identifiedYear,
    liftedYear: d.liftedYear,
    militaryFamily: d.militaryFamily,
    onlyChildFamily: d.onlyChildFamily,
    twoDaughterFamily: d.twoDaughterFamily,
    relocated: d.relocated,
    note: text(d.note),
    // Only a new household's history can start in an earlier month; later changes go through 状态变更.
    statusSince: '',
    members: d.members.map(memberFromDetail),
  };
}

/** Empty strings become “missing”, so a required select left blank reads “请选择…” rather than ““”不是有效的代码”. */
function blankToUndefined<T extends object>(record: T): { [K in keyof T]: T[K] | undefined } {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === '' || v === null ? undefined : v])) as {
    [K in keyof T]: T[K] | undefined;
  };
}

/** One member row in the shape `memberInput` reads; also used alone by the 成员增加 dialog. */
export function memberDraft(member: MemberRow): Record<string, unknown> {
  const { rowKey: _rowKey, ...fields } = member;
  return blankToUndefined(fields);
}

/** What the form holds, in the shape the schema reads (before its defaults and normalisation). */
export function toDraft(model: HouseholdModel): Record<string, unknown> {
  const { members, ...household } = model;
  return {
    ...blankToUndefined(household),
    members: members.map(memberDraft),
  };
}

export type ValidationOutcome = { ok: true; data: HouseholdData } | { ok: false; issues: FieldIssue[] };

/**
 * The same schema the doors use, so the clerk sees here exactly the message the server would give.
 * A new household is also checked against the shared era rule: its first status must belong to
 * the era of the month it starts in (a legacy 已脱贫 cannot start in 2025).
 */
export function validateHousehold(model: HouseholdModel, thisMonth: string = thisMonthText()): ValidationOutcome {
  const draft = toDraft(model);
  const parsed = householdInput.safeParse(draft);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, draft) };
  if (parsed.data.id === undefined) {
    const { status, monitoringCategory, riskState } = parsed.data;
    const problem = checkInitialState({ status, monitoringCategory, riskState }, parsed.data.statusSince ?? thisMonth);
    if (problem) return { ok: false, issues: [{ path: parsed.data.statusSince ? 'statusSince' : 'status', message: problem }] };
  }
  return { ok: true, data: parsed.data };
}


/** Typing a valid document number fills birth date and sex, which the number already states. */
export function fillFromDocumentNumber(member: MemberRow): void {
  const check = checkDocumentNumber(member.idNumber, member.documentType);
  if (!check.ok) return;
  member.birthDate = check.birthDate;
  member.sex = check.sex;
}

/**
 * `toFieldIssues` prefixes member issues with “第 N 名成员（姓名）：” so a message read alone still
 * says where; inside that member's own row the prefix only repeats what the row already shows.
 */
export function withoutRowPrefix(message: string): string {
  return message.replace(/^第 \d+ 名成员(（[^）]*）)?：/, '');
}
