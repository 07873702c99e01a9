/**
 * From a roster's rows to household drafts. Rows arrive one at a time as the file streams in:
 * one person per row (the national member export, the 2022 list of lifted-out people, our own
 * template) or one household per row (the national household export, which names only the head).
 * Codes are read from labels or codes, dates from text, Excel dates or YYYYMMDD; people are grouped
 * into households by 户编号 (or the head's ID). A draft holds only what the file says — a blank
 * cell says nothing — so a re-import can update a household without erasing what the file lacks.
 * Every problem names its sheet row and column in Chinese; nothing here touches the registry.
 */
import { codeFromText, type CodeTable } from '../../../shared/domain/code-table';
import {
  disabilityType, documentType, education, ethnicity, health, householdAttribute, householdStatus, identificationStandard, inSchool, labour,
  migrantWork, monitoringCategory, outOfSchoolReason, politicalStatus, povertyCause, relationship, riskState, sex, HEAD_RELATIONSHIP,
} from '../../../shared/domain';
import type { HouseholdInput, MemberInput } from '../../../shared/schemas/household.schema';
import type { ImportLayout, ImportProblem } from '../../../shared/domain/import.types';
import { columnLetter, fieldLabel, type ColumnMap, type ImportField } from './columns';
import type { TableCell } from './table-reader';
import { cutShort, formulaNameProblem, hiddenCharacterProblem } from '../../../shared/rules/hidden-text';
import { documentTypeOfNumber } from '../../../shared/rules/id-number';

export type RowProblem = ImportProblem;

export type MemberValues = Partial<Omit<MemberInput, 'id'>>;
export type HouseholdValues = Partial<Omit<HouseholdInput, 'id' | 'members' | 'villageId' | 'groupId' | 'householdNo'>>;

export interface MemberDraft {
  /** 1-based sheet row. */
  row: number;
  values: MemberValues & { name: string; idNumber: string };
}

export interface HouseholdDraft {
  /** 户编号, or the head's ID when the file has no household numbers. */
  key: string;
  householdNo: string | null;
  /** The first row the household appeared on; household-level problems are reported there. */
  row: number;
  villageId: number;
  /** undefined: the file did not say; null: the file says no group. */
  groupId: number | null | undefined;
  /** What the file says about the household itself (non-blank cells only). */
  values: HouseholdValues;
  /** Which household cells came from which row, so a refusal can point at the right cell. */
  cells: Partial<Record<keyof HouseholdValues, { row: number; column: string }>>;
  /** 风险是否消除 = 是 without the way it was eliminated: the importer decides (see import.service). */
  riskEliminatedUnspecified: boolean;
  members: MemberDraft[];
  /** 家庭人口数 as the file states it (the household export lists only the head). */
  statedFamilySize: number | null;
}

export interface Places {
  villageId(name: string): number | undefined;
  groupId(villageId: number, name: string): number | undefined;
}

const MULTI_LINE: ReadonlySet<ImportField> = new Set(['address', 'note']);


/**
 * Why a cell cannot be taken as it stands, or undefined: a value the reader could not trust
 * (a formula never calculated, an error, a missing shared string, too long), a number that lost
 * its last digits, an invisible character, or a name that is not text.
 */
function distrust(field: ImportField, cell: TableCell): string | undefined {
  const label = fieldLabel(field);
  if (cell.unreadable) return `${label}${cell.unreadable}`;
  if (cell.lostDigits) return `${label}被 Excel 存成了数字，后几位已丢失（现为 ${cell.text}）；请把该列设为文本，从原始资料重新录入`;
  const text = cell.text.trim();
  const hidden = hiddenCharacterProblem(label, text, MULTI_LINE.has(field));
  if (hidden) return hidden;
  if (field === 'name' || field === 'headName') {
    if (cell.numeric || cell.kind) return `${label}应为文字，这里是${cell.kind === 'date' ? '日期' : cell.kind === 'boolean' ? '“是/否”值' : '数字'}（${cutShort(text)}）`;
    const formula = formulaNameProblem(label, text);
    if (formula) return formula;
  }
  return undefined;
}

/** Memoised code lookups: a roster repeats the same few labels tens of thousands of times. */
function codeReader() {
  const caches = new Map<CodeTable, Map<string, string | undefined>>();
  return (table: CodeTable, text: string): string | undefined => {
    let cache = caches.get(table);
    if (!cache) caches.set(table, (cache = new Map()));
    if (!cache.has(text)) cache.set(text, codeFromText(table, text));
    return cache.get(text);
  };
}

const MEMBER_CODES: [ImportField, keyof MemberValues, CodeTable][] = [
  ['sex', 'sex', sex], ['documentType', 'documentType', documentType], ['relationship', 'relationship', relationship],
  ['ethnicity', 'ethnicity', ethnicity], ['politicalStatus', 'politicalStatus', politicalStatus], ['education', 'education', education],
  ['inSchool', 'inSchool', inSchool], ['outOfSchoolReason', 'outOfSchoolReason', outOfSchoolReason], ['disabilityType', 'disabilityType', disabilityType],
  ['labour', 'labour', labour], ['migrantWork', 'migrantWork', migrantWork],
];
const MEMBER_FLAGS: [ImportField, keyof MemberValues][] = [
  ['seriousIllnessInsurance', 'seriousIllnessInsurance'], ['residentMedicalInsurance', 'residentMedicalInsurance'],
  ['employeeMedicalInsurance', 'employeeMedicalInsurance'], ['residentPension', 'residentPension'], ['dibao', 'dibao'], ['tekun', 'tekun'],
];
const HOUSEHOLD_CODES: [ImportField, keyof HouseholdValues, CodeTable, string][] = [
  ['identificationStandard', 'identificationStandard', identificationStandard, '识别标准'],
  ['attribute', 'attribute', householdAttribute, '贫困户属性'],
  ['status', 'status', householdStatus, '户类型'],
  ['monitoringCategory', 'monitoringCategory', monitoringCategory, '监测对象类别'],
  ['riskState', 'riskState', riskState, '风险状态'],
  ['mainCause', 'mainCause', povertyCause, '主要致贫原因'],
];
const HOUSEHOLD_TEXTS: [ImportField, keyof HouseholdValues][] = [
  ['householdPhone', 'phone'], ['bankName', 'bankName'], ['bankAccount', 'bankAccount'], ['address', 'address'], ['note', 'note'],
];
const HOUSEHOLD_FLAGS: [ImportField, keyof HouseholdValues][] = [
  ['militaryFamily', 'militaryFamily'], ['onlyChildFamily', 'onlyChildFamily'], ['twoDaughterFamily', 'twoDaughterFamily'], ['relocated', 'relocated'],
];

/** Excel's day 1 is 1900-01-01, with its 1900 leap-year bug: serial 61 is 1900-03-01. */
function excelSerialToDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 61 || serial > 80000) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

/** Dates as offices type them: 1980-03-12, 1980/3/12, 1980年3月12日, 19800312, or an Excel date number. */
export function dateFromCell(cell: TableCell): string | undefined {
  const text = cell.text.trim();
  if (cell.numeric && !/^\d{8}$/.test(text)) return excelSerialToDate(Number(text));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

/** A year as exports write it: 2014, 201403, 2014-03, 2014年, 2014-03-12, or an Excel date. */
export function yearFromCell(cell: TableCell): number | undefined {
  const text = cell.text.trim();
  if (/^\d{4}(年)?$/.test(text)) return Number(text.slice(0, 4));
  if (/^\d{4}(\d{2}|[-/.年]\d{1,2}月?)$/.test(text)) return Number(text.slice(0, 4));
  const date = dateFromCell(cell);
  return date ? Number(date.slice(0, 4)) : undefined;
}

/** A month as 2016-03, 2016/3, 201603 or 2016年3月. */
export function monthFromText(text: string): string | undefined {
  const m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(text.trim());
  if (!m || (m[2]!.length === 1 && !/[-/.年]/.test(text))) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined;
}

function yesNo(text: string): boolean | undefined {
  const t = text.trim();
  if (['是', 'Y', 'y', '1', '参加', '享受', '有'].includes(t)) return true;
  if (['否', 'N', 'n', '0', '未参加', '不享受', '无'].includes(t)) return false;
  return undefined;
}

/** Which layout the header describes: a file naming people's own IDs is one person per row. */
export function layoutOf(map: ColumnMap): ImportLayout {
  return map.columns.idNumber === undefined && map.columns.headIdNumber !== undefined ? 'household' : 'person';
}

export function createRosterBuilder(map: ColumnMap, places: Places) {
  const layout = layoutOf(map);
  const code = codeReader();
  const problems: RowProblem[] = [];
  /** Rows after the header with anything in them: none at all means a file of headers only. */
  let dataRows = 0;
  const households = new Map<string, HouseholdDraft>();
  /** Households with a bad row are taken whole or not at all: their key is remembered here. */
  const rejected = new Map<string, number[]>();
  const columnOf = (field: ImportField) => {
    const index = map.columns[field];
    return index === undefined ? null : columnLetter(index);
  };

  function addRow(index: number, cells: readonly TableCell[]): void {
    if (index <= map.headerRow || cells.every((c) => c.text.trim() === '' && !c.unreadable)) return;
    dataRows++;
    const sheetRow = index + 1;
    const rowProblems: RowProblem[] = [];
    /** Fields whose cell was refused: read as blank, and no second complaint about them. */
    const refused = new Set<ImportField>();
    const trusted = new Set<ImportField>();
    const at = (field: ImportField): TableCell | undefined => {
      const i = map.columns[field];
      const cell = i === undefined ? undefined : cells[i];
      if (!cell || trusted.has(field)) return cell;
      if (refused.has(field)) return undefined;
      const why = distrust(field, cell);
      if (why === undefined) {
        trusted.add(field);
        return cell;
      }
      refused.add(field);
      rowProblems.push({ row: sheetRow, column: columnOf(field), message: why });
      return undefined;
    };
    const text = (field: ImportField) => at(field)?.text.trim() ?? '';
    const problem = (field: ImportField, message: string) => {
      if (!refused.has(field)) rowProblems.push({ row: sheetRow, column: columnOf(field), message });
    };
    const codeOf = (field: ImportField, table: CodeTable, what: string): string | undefined => {
      const value = text(field);
      if (value === '') return undefined;
      const found = code(table, value);
      if (found === undefined) problem(field, `${what}“${cutShort(value)}”不是有效的取值`);
      return found;
    };
    const flagOf = (field: ImportField): boolean | undefined => {
      const value = text(field);
      if (value === '') return undefined;
      const flag = yesNo(value);
      if (flag === undefined) problem(field, `“${cutShort(value)}”应为“是”或“否”`);
      return flag;
    };

    const member = layout === 'person' ? memberOf() : headOf();

    function memberOf(): MemberDraft['values'] {
      // A refused cell (lost digits, invisible characters…) reads as blank and says why itself.
      const values: MemberDraft['values'] = { name: text('name'), idNumber: text('idNumber') };
      const record = values as Record<string, unknown>;
      if (!values.name) problem('name', '缺少姓名');
      if (!values.idNumber) problem('idNumber', '缺少证件号码');
      if (text('relationship') === '') problem('relationship', '缺少与户主关系');
      for (const [field, key, table] of MEMBER_CODES) {
        const value = codeOf(field, table, table.title);
        if (value !== undefined) record[key] = value;
      }
      // The national lists have no 证件类型 column: there a 20- or 22-character number is a 残疾人证 number.
      if (record.documentType === undefined && documentTypeOfNumber(values.idNumber) === '2') record.documentType = '2';
      const healthText = text('health');
      if (healthText) {
        const codes = healthText.split(/[,，、;；]/).map((h) => h.trim()).filter(Boolean).map((h) => code(health, h));
        if (codes.some((c) => c === undefined)) problem('health', `健康状况“${cutShort(healthText)}”中有无效的取值`);
        else values.health = codes as string[];
      }
      const birth = at('birthDate');
      if (birth && birth.text.trim() !== '') {
        const iso = dateFromCell(birth);
        if (!iso) problem('birthDate', `出生日期“${cutShort(birth.text)}”看不懂，请写成 1980-03-12 或 19800312`);
        else if (iso < '1900-01-01' || iso > '2100-12-31') problem('birthDate', `出生日期“${iso}”不在 1900—2100 年之间`);
        else values.birthDate = iso;
      }
      const months = text('workMonths');
      if (months !== '') {
        const n = Number(months);
        if (!Number.isInteger(n)) problem('workMonths', `务工时间“${cutShort(months)}”应为 0–12 的整数`);
        else values.workMonths = n;
      }
      const phone = text('memberPhone');
      if (phone) values.phone = phone;
      const personNo = text('personNo');
      if (personNo) values.personNo = personNo;
      for (const [field, key] of MEMBER_FLAGS) {
        const flag = flagOf(field);
        if (flag !== undefined) record[key] = flag;
      }
      return values;
    }

    /** The household export names the head only: the head is the one member it can give. */
    function headOf(): MemberDraft['values'] {
      const values = { name: text('headName'), idNumber: text('headIdNumber'), relationship: HEAD_RELATIONSHIP };
      if (!values.name) problem('headName', '缺少户主姓名');
      if (!values.idNumber) problem('headIdNumber', '缺少户主证件号码');
      return documentTypeOfNumber(values.idNumber) === '2' ? { ...values, documentType: '2' } : values;
    }

    const householdNo = text('householdNo');
    // In a person-per-row file the head's ID only finds the household when 户编号 is missing: an unusable one (lost digits…) is passed over there, as before.
    const headIdAt = map.columns.headIdNumber;
    const headIdCell = headIdAt === undefined ? undefined : cells[headIdAt];
    const headIdText = layout === 'household' ? text('headIdNumber') : headIdCell && !distrust('headIdNumber', headIdCell) ? headIdCell.text.trim() : '';
    const headId = headIdText || (member.relationship === HEAD_RELATIONSHIP ? member.idNumber : '');
    const key = householdNo || headId;
    if (!key) problem('householdNo', '缺少户编号和户主证件号码，无法确定这个人属于哪一户');
    if (householdNo && !/^[0-9A-Za-z-]+$/.test(householdNo)) problem('householdNo', `户编号“${cutShort(householdNo)}”只能包含数字、字母和“-”`);
    const villageName = text('village');
    const villageId = villageName ? places.villageId(villageName) : undefined;
    if (!villageName) problem('village', '缺少行政村');
    else if (villageId === undefined) problem('village', `行政村“${cutShort(villageName)}”不在本乡镇的行政村列表中，请先在“设置”中添加`);
    const groupName = text('group');
    const groupId = villageId !== undefined && groupName ? places.groupId(villageId, groupName) : undefined;
    if (villageId !== undefined && groupName && groupId === undefined) problem('group', `“${villageName}”下没有“${cutShort(groupName)}”，请先在“设置”中添加`);

    let household = key ? households.get(key) : undefined;
    if (!household && key && villageId !== undefined) {
      household = {
        key, householdNo: householdNo || null, row: sheetRow, villageId,
        groupId: map.columns.group === undefined ? undefined : (groupId ?? null),
        values: {}, cells: {}, riskEliminatedUnspecified: false, members: [], statedFamilySize: null,
      };
      households.set(key, household);
    }
    if (household) readHouseholdCells(household);

    function readHouseholdCells(h: HouseholdDraft): void {
      const values = h.values as Record<string, unknown>;
      const take = (field: ImportField, key: keyof HouseholdValues, value: unknown) => {
        if (value === undefined || values[key] !== undefined) return;
        values[key] = value;
        h.cells[key] = { row: sheetRow, column: columnOf(field) ?? '' };
      };
      for (const [field, key, table, what] of HOUSEHOLD_CODES) if (values[key] === undefined) take(field, key, codeOf(field, table, what));
      for (const [field, key] of HOUSEHOLD_TEXTS) take(field, key, text(field) || undefined);
      for (const [field, key] of HOUSEHOLD_FLAGS) if (values[key] === undefined) take(field, key, flagOf(field));
      const others = text('otherCauses');
      if (others && values.otherCauses === undefined) {
        const codes = others.split(/[,，、;；]/).map((c) => c.trim()).filter(Boolean).map((c) => code(povertyCause, c));
        if (codes.some((c) => c === undefined)) problem('otherCauses', `次要致贫原因“${cutShort(others)}”中有无效的取值`);
        else take('otherCauses', 'otherCauses', codes);
      }
      const identified = at('identifiedAt');
      if (identified && identified.text.trim() && values.identifiedYear === undefined) {
        const year = yearFromCell(identified);
        if (year === undefined) problem('identifiedAt', `识别时间“${cutShort(identified.text)}”看不懂，请写年份（如 2014）或日期`);
        else take('identifiedAt', 'identifiedYear', year);
      }
      const lifted = at('liftedYear');
      if (lifted && lifted.text.trim() && values.liftedYear === undefined) {
        const year = yearFromCell(lifted);
        if (year === undefined) problem('liftedYear', `脱贫年度“${cutShort(lifted.text)}”应为年份，如 2019`);
        else take('liftedYear', 'liftedYear', year);
      }
      const since = text('statusSince');
      if (since && values.statusSince === undefined) {
        const month = monthFromText(since);
        if (!month) problem('statusSince', `状态起始月份“${cutShort(since)}”应写成 2016-03`);
        else if (month < '1949-01' || month > '2100-12') problem('statusSince', `状态起始月份“${month}”不在 1949—2100 年之间`);
        else take('statusSince', 'statusSince', month);
      }
      readRisk(h, take);
      const size = text('familySize');
      if (size && h.statedFamilySize === null && /^\d{1,2}$/.test(size)) h.statedFamilySize = Number(size);
    }

    /** 风险是否消除 (是/否) with or without 风险消除方式, where the file has no 风险状态 column. */
    function readRisk(h: HouseholdDraft, take: (field: ImportField, key: keyof HouseholdValues, value: unknown) => void): void {
      if (h.values.riskState !== undefined) return;
      const eliminated = text('riskEliminated');
      if (!eliminated) return;
      const flag = yesNo(eliminated);
      if (flag === undefined) return void problem('riskEliminated', `风险是否消除“${cutShort(eliminated)}”应为“是”或“否”`);
      if (!flag) return take('riskEliminated', 'riskState', 'ACTIVE');
      const method = text('riskEliminationMethod');
      if (method) {
        const state = code(riskState, method);
        if (!state || state === 'ACTIVE') return void problem('riskEliminationMethod', `风险消除方式“${cutShort(method)}”应为“帮扶消除”或“自然消除”`);
        return take('riskEliminationMethod', 'riskState', state);
      }
      h.riskEliminatedUnspecified = true;
    }

    if (rowProblems.length > 0 || !household) {
      problems.push(...rowProblems);
      if (key) rejected.set(key, [...(rejected.get(key) ?? []), sheetRow]);
      return;
    }
    household.members.push({ row: sheetRow, values: member });
  }

  /** The drafts of households none of whose rows was refused, and every problem in row order. */
  function finish(): { layout: ImportLayout; drafts: HouseholdDraft[]; problems: RowProblem[]; dataRows: number } {
    const drafts: HouseholdDraft[] = [];
    for (const h of households.values()) {
      const bad = rejected.get(h.key);
      if (!bad) {
        drafts.push(h);
        continue;
      }
      // The household's other rows go back with it, each saying why, so the clerk fixes one file.
      for (const m of h.members) problems.push({ row: m.row, column: null, message: `同户第 ${bad.join('、')} 行有错误，这一户整户未导入` });
    }
    problems.sort((a, b) => a.row - b.row);
    return { layout, drafts, problems, dataRows };
  }

  return { layout, addRow, finish };
}
