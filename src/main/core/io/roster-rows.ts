/**
 * From a roster's rows to household drafts, one person per row (the national member export, the
 * 2022 list of lifted-out people, our own template): codes read from labels or codes, dates from
 * text, Excel dates or YYYYMMDD, members grouped into households by 户编号 (or the head's ID).
 * Every problem names its sheet row and column in Chinese; nothing here writes to the registry.
 */
import { codeFromText, type CodeTable } from '../../../shared/domain/code-table';
import {
  education, ethnicity, health, householdAttribute, householdStatus, identificationStandard, inSchool, labour,
  monitoringCategory, outOfSchoolReason, politicalStatus, povertyCause, relationship, sex, documentType,
} from '../../../shared/domain';
import { householdInput, type HouseholdInput } from '../../../shared/schemas/household.schema';
import { toFieldIssues } from '../../../shared/schemas/issues';
import { columnLetter, type ColumnMap, type ImportField } from './columns';
import type { Table, TableCell } from './table-reader';

export interface RowProblem {
  /** 1-based, as the clerk sees it in Excel. */
  row: number;
  column: string | null;
  message: string;
}

export interface HouseholdDraft {
  /** 户编号, or the head's ID when the file has no household numbers. */
  key: string;
  /** The sheet rows (1-based) its members came from, in member order. */
  rows: number[];
  input: HouseholdInput;
}

export interface Places {
  villageId(name: string): number | undefined;
  groupId(villageId: number, name: string): number | undefined;
}

const MEMBER_CODES: Partial<Record<ImportField, CodeTable>> = {
  sex, documentType, relationship, ethnicity, politicalStatus, education, inSchool, outOfSchoolReason, labour,
};
const FLAGS: ImportField[] = ['seriousIllnessInsurance', 'residentMedicalInsurance', 'employeeMedicalInsurance', 'residentPension', 'dibao', 'tekun'];

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

function yesNo(text: string): boolean | undefined {
  const t = text.trim();
  if (['是', 'Y', 'y', '1', '参加', '享受'].includes(t)) return true;
  if (['否', 'N', 'n', '0', '未参加', '不享受', ''].includes(t)) return false;
  return undefined;
}

export function draftsFromRows(table: Table, map: ColumnMap, places: Places): { drafts: HouseholdDraft[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const households = new Map<string, HouseholdDraft & { members: Record<string, unknown>[] }>();

  for (let r = map.headerRow + 1; r < table.rows.length; r++) {
    const cells = table.rows[r] ?? [];
    if (cells.every((c) => c.text.trim() === '')) continue;
    const sheetRow = r + 1;
    const rowProblems: RowProblem[] = [];
    const at = (field: ImportField): TableCell | undefined => {
      const index = map.columns[field];
      return index === undefined ? undefined : cells[index];
    };
    const text = (field: ImportField) => at(field)?.text.trim() ?? '';
    const problem = (field: ImportField, message: string) => {
      const index = map.columns[field];
      rowProblems.push({ row: sheetRow, column: index === undefined ? null : columnLetter(index), message });
    };
    const code = (field: ImportField, table: CodeTable, what: string): string | null => {
      const value = text(field);
      if (value === '') return null;
      const found = codeFromText(table, value);
      if (found === undefined) problem(field, `${what}“${value}”不是有效的取值`);
      return found ?? null;
    };

    const idCell = at('idNumber');
    if (idCell?.lostDigits) {
      problem('idNumber', `证件号码被 Excel 存成了数字，后几位已丢失（现为 ${idCell.text}）；请把该列设为文本，从原始资料重新录入`);
    }
    const member: Record<string, unknown> = { name: text('name'), idNumber: idCell?.lostDigits ? '' : text('idNumber') };
    for (const [field, tableOf] of Object.entries(MEMBER_CODES) as [ImportField, CodeTable][]) {
      const value = code(field, tableOf, tableOf.title);
      if (value !== null) member[field] = value;
    }
    const healthText = text('health');
    if (healthText) {
      const codes = healthText.split(/[,，、;；]/).map((h) => h.trim()).filter(Boolean).map((h) => codeFromText(health, h));
      if (codes.some((c) => c === undefined)) problem('health', `健康状况“${healthText}”中有无效的取值`);
      else member.health = codes;
    }
    const birth = at('birthDate');
    if (birth && birth.text.trim() !== '') {
      const iso = dateFromCell(birth);
      if (!iso) problem('birthDate', `出生日期“${birth.text}”看不懂，请写成 1980-03-12 或 19800312`);
      else member.birthDate = iso;
    }
    const months = text('workMonths');
    if (months !== '') {
      const n = Number(months);
      if (!Number.isInteger(n)) problem('workMonths', `务工时间“${months}”应为 0–12 的整数`);
      else member.workMonths = n;
    }
    const phone = at('memberPhone');
    if (phone?.text.trim()) member.phone = phone.text.trim();
    for (const field of FLAGS) {
      const value = text(field);
      if (value === '') continue;
      const flag = yesNo(value);
      if (flag === undefined) problem(field, `“${value}”应为“是”或“否”`);
      else member[field] = flag;
    }

    const householdNo = text('householdNo');
    const headId = text('headIdNumber') || (member.relationship === '01' ? String(member.idNumber) : '');
    const key = householdNo || headId;
    if (!key) problem('householdNo', '缺少户编号和户主证件号码，无法确定这个人属于哪一户');
    const villageName = text('village');
    const villageId = villageName ? places.villageId(villageName) : undefined;
    if (!villageName) problem('village', '缺少行政村');
    else if (villageId === undefined) problem('village', `行政村“${villageName}”不在本乡镇的行政村列表中，请先在“设置”中添加`);
    const groupName = text('group');
    const groupId = villageId !== undefined && groupName ? places.groupId(villageId, groupName) : undefined;
    if (villageId !== undefined && groupName && groupId === undefined) problem('group', `“${villageName}”下没有“${groupName}”，请先在“设置”中添加`);

    if (rowProblems.length > 0 || !key || villageId === undefined) {
      problems.push(...rowProblems);
      continue;
    }
    let household = households.get(key);
    if (!household) {
      const status = code('status', householdStatus, '户状态');
      household = {
        key,
        rows: [],
        members: [],
        input: {
          householdNo: householdNo || null,
          villageId,
          groupId: groupId ?? null,
          phone: text('householdPhone') || null,
          bankName: text('bankName') || null,
          bankAccount: text('bankAccount') || null,
          identificationStandard: code('identificationStandard', identificationStandard, '识别标准') ?? '1',
          attribute: code('attribute', householdAttribute, '贫困户属性'),
          status: status ?? '',
          monitoringCategory: code('monitoringCategory', monitoringCategory, '监测对象类别'),
          mainCause: code('mainCause', povertyCause, '主要致贫原因'),
          members: [],
        },
      };
      households.set(key, household);
      problems.push(...rowProblems);
    }
    household.rows.push(sheetRow);
    household.members.push(member);
  }

  const drafts: HouseholdDraft[] = [];
  for (const h of households.values()) {
    const input = { ...h.input, members: h.members } as HouseholdInput;
    const parsed = householdInput.safeParse(input);
    if (parsed.success) {
      drafts.push({ key: h.key, rows: h.rows, input });
      continue;
    }
    // A household is taken whole or not at all; each issue is returned on the row it came from.
    for (const issue of toFieldIssues(parsed.error, input)) {
      const [first, index] = issue.path.split('.');
      const row = first === 'members' && index !== undefined ? h.rows[Number(index)] ?? h.rows[0]! : h.rows[0]!;
      problems.push({ row, column: null, message: `户 ${h.key}：${issue.message}` });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { drafts, problems };
}
