import type { HouseholdData, MemberData } from '../../../shared/schemas/household.schema';
import type { HouseholdDetail, HouseholdRow, MemberDetail, Page } from '../../../shared/domain/registry.types';
import type { ApiParsed } from '../../../shared/api';
import { HEAD_RELATIONSHIP } from '../../../shared/domain/member.codes';
import type { Db } from '../db/connection';
import { householdSearchText, likePattern } from './search-text';

interface HouseholdDbRow {
  id: number; household_no: string; village_id: number; village_name: string; group_id: number | null; group_name: string | null;
  address: string | null; phone: string | null; bank_name: string | null; bank_account: string | null;
  identification_standard: string; attribute: string | null; status: string; monitoring_category: string | null;
  risk_state: string | null; main_cause: string | null; other_causes: string; identified_year: number | null;
  lifted_year: number | null; military_family: number; only_child_family: number; two_daughter_family: number;
  relocated: number; note: string | null; head_name: string; head_id_number: string | null; member_count: number;
  created_at: string; updated_at: string; deleted_at: string | null;
}

interface MemberDbRow {
  id: number; household_id: number; person_no: string | null; name: string; document_type: string; id_number: string;
  sex: string; birth_date: string; relationship: string; ethnicity: string; political_status: string | null;
  education: string | null; in_school: string | null; out_of_school_reason: string | null; health: string; disability_type: string | null; labour: string | null;
  migrant_work: string | null; work_months: number | null; phone: string | null; resident_medical_insurance: number;
  employee_medical_insurance: number; serious_illness_insurance: number; resident_pension: number; dibao: number; tekun: number;
}

const SORT_SQL: Record<ApiParsed<'household:list'>['sort'], string> = {
  // Index order (households_place): villages and groups in the order they were created.
  village: 'h.village_id, h.group_id, h.household_no',
  householdNo: 'h.household_no',
  headName: 'h.head_name',
  memberCount: 'h.member_count',
  updatedAt: 'h.updated_at',
};

/** Prepared statements for households and members; no transactions here (the service owns them). */
export function createHouseholdsRepo(db: Db) {
  const stmt = {
    byId: db.prepare<[number]>(
      `SELECT h.*, v.name AS village_name, g.name AS group_name FROM households h
       JOIN villages v ON v.id = h.village_id LEFT JOIN village_groups g ON g.id = h.group_id WHERE h.id = ?`,
    ),
    idByNo: db.prepare<[string]>('SELECT id FROM households WHERE household_no = ?'),
    // Current members only: those who died or moved out are kept as former members (member:former).
    members: db.prepare<[number]>('SELECT * FROM members WHERE household_id = ? AND deleted_at IS NULL AND left_on IS NULL ORDER BY sort, id'),
    personOwner: db.prepare<[string]>(
      `SELECT m.id, m.household_id, h.household_no, h.head_name, h.deleted_at AS household_deleted_at
       FROM members m JOIN households h ON h.id = m.household_id
       WHERE substr(m.id_number, 1, 18) = ? AND m.deleted_at IS NULL AND (m.left_on IS NULL OR m.leave_reason = '01')`,
    ),
    insertHousehold: db.prepare(
      `INSERT INTO households (household_no, village_id, group_id, address, phone, bank_name, bank_account,
         identification_standard, attribute, status, monitoring_category, risk_state, main_cause, other_causes,
         identified_year, lifted_year, military_family, only_child_family, two_daughter_family, relocated, note,
         created_at, updated_at)
       VALUES (@householdNo, @villageId, @groupId, @address, @phone, @bankName, @bankAccount,
         @identificationStandard, @attribute, @status, @monitoringCategory, @riskState, @mainCause, @otherCauses,
         @identifiedYear, @liftedYear, @militaryFamily, @onlyChildFamily, @twoDaughterFamily, @relocated, @note,
         @at, @at)`,
    ),
    updateHousehold: db.prepare(
      `UPDATE households SET household_no = @householdNo, village_id = @villageId, group_id = @groupId,
         address = @address, phone = @phone, bank_name = @bankName, bank_account = @bankAccount,
         identification_standard = @identificationStandard, attribute = @attribute, status = @status,
         monitoring_category = @monitoringCategory, risk_state = @riskState, main_cause = @mainCause,
         other_causes = @otherCauses, identified_year = @identifiedYear, lifted_year = @liftedYear,
         military_family = @militaryFamily, only_child_family = @onlyChildFamily, two_daughter_family = @twoDaughterFamily,
         relocated = @relocated, note = @note, updated_at = @at
       WHERE id = @id`,
    ),
    setHouseholdNo: db.prepare<[string, number]>('UPDATE households SET household_no = ? WHERE id = ?'),
    refreshSummary: db.prepare('UPDATE households SET head_name = ?, head_id_number = ?, member_count = ? WHERE id = ?'),
    putSearchText: db.prepare<[number, string]>('INSERT OR REPLACE INTO household_search (household_id, text) VALUES (?, ?)'),
    setDeleted: db.prepare<[string | null, string, number]>('UPDATE households SET deleted_at = ?, updated_at = ? WHERE id = ?'),
    insertMember: db.prepare(
      `INSERT INTO members (household_id, person_no, name, document_type, id_number, sex, birth_date, relationship,
         ethnicity, political_status, education, in_school, out_of_school_reason, health, disability_type, labour, migrant_work, work_months,
         phone, resident_medical_insurance, employee_medical_insurance, serious_illness_insurance, resident_pension,
         dibao, tekun, sort, joined_on, join_reason, created_at, updated_at)
       VALUES (@householdId, @personNo, @name, @documentType, @idNumber, @sex, @birthDate, @relationship,
         @ethnicity, @politicalStatus, @education, @inSchool, @outOfSchoolReason, @health, @disabilityType, @labour, @migrantWork, @workMonths,
         @phone, @residentMedicalInsurance, @employeeMedicalInsurance, @seriousIllnessInsurance, @residentPension,
         @dibao, @tekun, @sort, @joinedOn, @joinReason, @at, @at)`,
    ),
    updateMember: db.prepare(
      `UPDATE members SET person_no = @personNo, name = @name, document_type = @documentType, id_number = @idNumber,
         sex = @sex, birth_date = @birthDate, relationship = @relationship, ethnicity = @ethnicity,
         political_status = @politicalStatus, education = @education, in_school = @inSchool,
         out_of_school_reason = @outOfSchoolReason, health = @health,
         disability_type = @disabilityType, labour = @labour, migrant_work = @migrantWork, work_months = @workMonths,
         phone = @phone, resident_medical_insurance = @residentMedicalInsurance,
         employee_medical_insurance = @employeeMedicalInsurance, serious_illness_insurance = @seriousIllnessInsurance,
         resident_pension = @residentPension, dibao = @dibao, tekun = @tekun, sort = @sort, updated_at = @at
       WHERE id = @id AND household_id = @householdId`,
    ),
    deleteMember: db.prepare<[string, number]>('UPDATE members SET deleted_at = ? WHERE id = ?'),
  };
  const listStatements = new Map<string, { count: import('better-sqlite3').Statement; rows: import('better-sqlite3').Statement }>();

  function householdParams(h: HouseholdData, householdNo: string, at: string) {
    return {
      householdNo,
      villageId: h.villageId,
      groupId: h.groupId,
      address: h.address,
      phone: h.phone,
      bankName: h.bankName,
      bankAccount: h.bankAccount,
      identificationStandard: h.identificationStandard,
      attribute: h.attribute,
      status: h.status,
      monitoringCategory: h.monitoringCategory,
      riskState: h.riskState,
      mainCause: h.mainCause,
      otherCauses: h.otherCauses.join(','),
      identifiedYear: h.identifiedYear,
      liftedYear: h.liftedYear,
      militaryFamily: Number(h.militaryFamily),
      onlyChildFamily: Number(h.onlyChildFamily),
      twoDaughterFamily: Number(h.twoDaughterFamily),
      relocated: Number(h.relocated),
      note: h.note,
      at,
    };
  }

  function memberParams(householdId: number, m: MemberData, sort: number, at: string) {
    return {
      householdId,
      personNo: m.personNo,
      name: m.name,
      documentType: m.documentType,
      idNumber: m.idNumber,
      sex: m.sex,
      birthDate: m.birthDate,
      relationship: m.relationship,
      ethnicity: m.ethnicity,
      politicalStatus: m.politicalStatus,
      education: m.education,
      inSchool: m.inSchool,
      outOfSchoolReason: m.outOfSchoolReason,
      health: m.health.join(','),
      disabilityType: m.disabilityType,
      labour: m.labour,
      migrantWork: m.migrantWork,
      workMonths: m.workMonths,
      phone: m.phone,
      residentMedicalInsurance: Number(m.residentMedicalInsurance),
      employeeMedicalInsurance: Number(m.employeeMedicalInsurance),
      seriousIllnessInsurance: Number(m.seriousIllnessInsurance),
      residentPension: Number(m.residentPension),
      dibao: Number(m.dibao),
      tekun: Number(m.tekun),
      sort,
      at,
    };
  }

  function listStatementsFor(whereSql: string, orderSql: string, searching: boolean) {
    const key = `${whereSql}#${orderSql}`;
    let s = listStatements.get(key);
    if (!s) {
      const from = `FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN village_groups g ON g.id = h.group_id WHERE ${whereSql}`;
      s = {
        count: db.prepare(`SELECT count(*) AS n FROM households h WHERE ${whereSql}`),
        // A search scans household_search anyway: its window count rides on that one scan.
        // Without a search the page comes straight off an index and the count from another.
        rows: db.prepare(
          `SELECT ${searching ? 'count(*) OVER ()' : 'NULL'} AS total_rows, h.id, h.household_no, h.village_id, v.name AS village_name, h.group_id, g.name AS group_name,
                  h.head_name, h.head_id_number, h.member_count, h.status, h.attribute, h.main_cause,
                  h.monitoring_category, h.risk_state, h.phone, h.updated_at, h.deleted_at
           ${from} ORDER BY ${orderSql}, h.id LIMIT @limit OFFSET @offset`,
        ),
      };
      listStatements.set(key, s);
    }
    return s;
  }

  return {
    get(id: number): HouseholdDetail | undefined {
      const h = stmt.byId.get(id) as HouseholdDbRow | undefined;
      if (!h) return undefined;
      return toDetail(h, (stmt.members.all(id) as MemberDbRow[]).map(toMember));
    },
    idByHouseholdNo(no: string): number | undefined {
      return (stmt.idByNo.get(no) as { id: number } | undefined)?.id;
    },
    /** The live member holding this person's ID (first 18 characters), with their household. */
    personOwner(idNumber: string) {
      return stmt.personOwner.get(idNumber.slice(0, 18)) as
        | { id: number; household_id: number; household_no: string; head_name: string; household_deleted_at: string | null }
        | undefined;
    },
    insert(h: HouseholdData, householdNo: string, at: string): number {
      return Number(stmt.insertHousehold.run(householdParams(h, householdNo, at)).lastInsertRowid);
    },
    update(id: number, h: HouseholdData, householdNo: string, at: string): void {
      stmt.updateHousehold.run({ ...householdParams(h, householdNo, at), id });
    },
    setHouseholdNo(id: number, no: string): void {
      stmt.setHouseholdNo.run(no, id);
    },
    insertMember(householdId: number, m: MemberData, sort: number, at: string, joined?: { on: string; reason: string }): number {
      return Number(stmt.insertMember.run({ ...memberParams(householdId, m, sort, at), joinedOn: joined?.on ?? null, joinReason: joined?.reason ?? null }).lastInsertRowid);
    },
    updateMember(householdId: number, id: number, m: MemberData, sort: number, at: string): void {
      stmt.updateMember.run({ ...memberParams(householdId, m, sort, at), id });
    },
    deleteMember(id: number, at: string): void {
      stmt.deleteMember.run(at, id);
    },
    setDeleted(id: number, deletedAt: string | null, at: string): void {
      stmt.setDeleted.run(deletedAt, at, id);
    },
    /** Keeps the list's denormalised columns in step with the members. */
    refreshSummary(id: number, householdNo: string, phone: string | null, members: MemberData[]): void {
      const head = members.find((m) => m.relationship === HEAD_RELATIONSHIP);
      stmt.refreshSummary.run(head?.name ?? '', head?.idNumber ?? null, members.length, id);
      stmt.putSearchText.run(id, householdSearchText(householdNo, phone, members));
    },
    list(q: ApiParsed<'household:list'>): Page<HouseholdRow> {
      const { where, params } = householdFilterSql(q);
      const order = SORT_SQL[q.sort]
        .split(', ')
        .map((c) => `${c} ${q.order === 'desc' ? 'DESC' : 'ASC'}`)
        .join(', ');
      const s = listStatementsFor(where.join(' AND '), order, q.q !== undefined && q.q !== '');
      const found = s.rows.all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as (HouseholdDbRow & { total_rows: number | null })[];
      const total = found[0]?.total_rows ?? (s.count.get(params) as { n: number }).n;
      return { rows: found.map(toRow), total };
    },
  };
}
export type HouseholdsRepo = ReturnType<typeof createHouseholdsRepo>;

/** The list's filters; the roster export takes the same ones, so "当前筛选" exports what the list shows. */
export interface HouseholdFilter {
  deleted?: boolean;
  villageId?: number | undefined;
  groupId?: number | undefined;
  status?: string | undefined;
  attribute?: string | undefined;
  mainCause?: string | undefined;
  monitoringCategory?: string | undefined;
  q?: string | undefined;
}

/** SQL conditions on `households h` for a filter, with their named parameters. */
export function householdFilterSql(q: HouseholdFilter): { where: string[]; params: Record<string, unknown> } {
  const where = [q.deleted ? 'h.deleted_at IS NOT NULL' : 'h.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  const filters: [keyof HouseholdFilter, string][] = [
    ['villageId', 'h.village_id'],
    ['groupId', 'h.group_id'],
    ['status', 'h.status'],
    ['attribute', 'h.attribute'],
    ['mainCause', 'h.main_cause'],
    ['monitoringCategory', 'h.monitoring_category'],
  ];
  for (const [key, column] of filters) {
    if (q[key] !== undefined) {
      where.push(`${column} = @${key}`);
      params[key] = q[key];
    }
  }
  if (q.q) {
    where.push(`h.id IN (SELECT household_id FROM household_search WHERE text LIKE @q ESCAPE '\\')`);
    params.q = likePattern(q.q);
  }
  return { where, params };
}

function toRow(h: HouseholdDbRow): HouseholdRow {
  return {
    id: h.id,
    householdNo: h.household_no,
    villageId: h.village_id,
    villageName: h.village_name,
    groupId: h.group_id,
    groupName: h.group_name,
    headName: h.head_name,
    headIdNumber: h.head_id_number,
    memberCount: h.member_count,
    status: h.status,
    attribute: h.attribute,
    mainCause: h.main_cause,
    monitoringCategory: h.monitoring_category,
    riskState: h.risk_state,
    phone: h.phone,
    updatedAt: h.updated_at,
    deletedAt: h.deleted_at,
  };
}

function toMember(m: MemberDbRow): MemberDetail {
  return {
    id: m.id,
    personNo: m.person_no,
    name: m.name,
    documentType: m.document_type,
    idNumber: m.id_number,
    sex: m.sex,
    birthDate: m.birth_date,
    relationship: m.relationship,
    ethnicity: m.ethnicity,
    politicalStatus: m.political_status,
    education: m.education,
    inSchool: m.in_school,
    outOfSchoolReason: m.out_of_school_reason,
    health: m.health.split(','),
    disabilityType: m.disability_type,
    labour: m.labour,
    migrantWork: m.migrant_work,
    workMonths: m.work_months,
    phone: m.phone,
    residentMedicalInsurance: m.resident_medical_insurance === 1,
    employeeMedicalInsurance: m.employee_medical_insurance === 1,
    seriousIllnessInsurance: m.serious_illness_insurance === 1,
    residentPension: m.resident_pension === 1,
    dibao: m.dibao === 1,
    tekun: m.tekun === 1,
  };
}

function toDetail(h: HouseholdDbRow, members: MemberDetail[]): HouseholdDetail {
  return {
    id: h.id,
    householdNo: h.household_no,
    villageId: h.village_id,
    villageName: h.village_name,
    groupId: h.group_id,
    groupName: h.group_name,
    address: h.address,
    phone: h.phone,
    bankName: h.bank_name,
    bankAccount: h.bank_account,
    identificationStandard: h.identification_standard,
    attribute: h.attribute,
    status: h.status,
    monitoringCategory: h.monitoring_category,
    riskState: h.risk_state,
    mainCause: h.main_cause,
    otherCauses: h.other_causes ? h.other_causes.split(',') : [],
    identifiedYear: h.identified_year,
    liftedYear: h.lifted_year,
    militaryFamily: h.military_family === 1,
    onlyChildFamily: h.only_child_family === 1,
    twoDaughterFamily: h.two_daughter_family === 1,
    relocated: h.relocated === 1,
    note: h.note,
    members,
    createdAt: h.created_at,
    updatedAt: h.updated_at,
    deletedAt: h.deleted_at,
  };
}
