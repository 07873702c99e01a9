/**
 * What the rules read, loaded once per run in a few whole-township queries and shared: at
 * 50,000 households a rule that filters these arrays costs milliseconds, where a query per rule
 * would cost a table scan each. Everything is loaded on first use, so a run of one rule (the
 * tests) reads only what that rule needs.
 */
import { checkDocumentNumber, type IdCheck } from '../../../shared/rules/id-number';
import { computeIncome, type IncomeFigures } from '../../../shared/rules/income';
import { localDateText } from '../assistance/dates';
import type { Db } from '../db/connection';
import type { PovertyLines } from '../dynamic/income.service';

export interface QHousehold {
  id: number;
  householdNo: string;
  villageId: number;
  groupId: number | null;
  status: string;
  attribute: string | null;
  monitoringCategory: string | null;
  riskState: string | null;
  mainCause: string | null;
  otherCauses: string[];
  identifiedYear: number | null;
  liftedYear: number | null;
  phone: string | null;
  bankAccount: string | null;
  memberCount: number;
  identificationStandard: string;
  headName: string;
}

export interface QMember {
  id: number;
  householdId: number;
  name: string;
  documentType: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  /** Whole years today; NaN when the birth date is unreadable. */
  age: number;
  relationship: string;
  ethnicity: string;
  education: string | null;
  inSchool: string | null;
  outOfSchoolReason: string | null;
  health: string[];
  disabilityType: string | null;
  labour: string | null;
  migrantWork: string | null;
  workMonths: number | null;
  phone: string | null;
  residentMedicalInsurance: boolean;
  employeeMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
  dibao: boolean;
  tekun: boolean;
  joinedOn: string | null;
  leftOn: string | null;
  leaveReason: string | null;
}

export interface QIncome {
  id: number;
  householdId: number;
  year: number;
  wageFen: number;
  operatingFen: number;
  operatingCostFen: number;
  dibaoFen: number;
  tekunFen: number;
  pensionFen: number;
  familyPlanningFen: number;
  otherTransferFen: number;
  /** 不计入 items recorded with the year's income. */
  excludedFen: number;
  figures: IncomeFigures;
  familySize: number;
  /** The year's line for the household's standard, or null when none is set. */
  lineFen: number | null;
}

export interface QEvent { householdId: number; kind: string; month: number; status: string; monitoringCategory: string | null; riskState: string | null; eliminationMethod: string | null }
export interface QSurvey { householdId: number; recordedOn: string; houseGrade: string | null; waterSafe: number | null; waterHard: number | null }
export interface QMeasure { householdId: number; category: string; item: string; date: string; amountFen: number | null }
export interface QSubsidy { householdId: number; category: string; amountFen: number; paidDate: string }
export interface QPairing { householdId: number; cadreId: number; cadreName: string; cadreIdNumber: string | null; cadrePhone: string | null; startDate: string }
export interface QCadre { id: number; name: string; idNumber: string | null; phone: string | null; role: string; villageId: number | null; postingEnd: string | null }

/** Not in school: 非在校生, 学龄前儿童 (2021+), or nothing recorded. */
export const NOT_STUDYING = new Set<string | null>([null, '01', '21']);
export const isStudying = (m: QMember) => !NOT_STUDYING.has(m.inSchool);
export const LIFTED_STATUSES = new Set(['LIFTED_POLICY', 'LIFTED_NO_POLICY', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD_NO_POLICY']);
/** Households of the registry proper (建档立卡): everyone but 一般农户 and the removed. */
export const isRegistered = (h: QHousehold) => h.status !== 'ORDINARY' && h.status !== 'REMOVED';
export const isActiveMonitoring = (h: QHousehold) => h.monitoringCategory !== null && h.riskState === 'ACTIVE';
export const isEliminated = (h: QHousehold) => h.monitoringCategory !== null && (h.riskState ?? '').startsWith('ELIMINATED');

function groupBy<T extends { householdId: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.householdId);
    if (list) list.push(r);
    else map.set(r.householdId, [r]);
  }
  return map;
}

export function createCheckContext(db: Db, lines: PovertyLines, now: () => Date) {
  const today = localDateText(now());
  const year = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(0, 7).replace('-', ''));
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, load: () => T): T => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as T;
  };

  const households = () =>
    once('households', () =>
      (db.prepare(
        `SELECT id, household_no, village_id, group_id, status, attribute, monitoring_category, risk_state, main_cause, other_causes,
                identified_year, lifted_year, phone, bank_account, member_count, identification_standard, head_name
         FROM households WHERE deleted_at IS NULL`,
      ).raw().all() as unknown[][]).map((r): QHousehold => ({
        id: r[0] as number, householdNo: r[1] as string, villageId: r[2] as number, groupId: r[3] as number | null, status: r[4] as string,
        attribute: r[5] as string | null, monitoringCategory: r[6] as string | null, riskState: r[7] as string | null, mainCause: r[8] as string | null,
        otherCauses: r[9] ? (r[9] as string).split(',') : [], identifiedYear: r[10] as number | null, liftedYear: r[11] as number | null,
        phone: r[12] as string | null, bankAccount: r[13] as string | null, memberCount: r[14] as number, identificationStandard: r[15] as string,
        headName: r[16] as string,
      })),
    );
  const householdById = () => once('householdById', () => new Map(households().map((h) => [h.id, h])));

  /**
   * Every member of a live household, those who left included (the rules on the deceased need
   * them). Read as raw rows: building 175,000 keyed objects in the driver cost three times this.
   */
  const allMembers = () =>
    once('allMembers', () => {
      const rows = db.prepare(
        `SELECT m.id, m.household_id, m.name, m.document_type, m.id_number, m.sex, m.birth_date, m.relationship, m.ethnicity,
                m.education, m.in_school, m.out_of_school_reason, m.health, m.disability_type, m.labour, m.migrant_work, m.work_months,
                m.phone, m.resident_medical_insurance, m.employee_medical_insurance, m.serious_illness_insurance, m.dibao, m.tekun,
                m.joined_on, m.left_on, m.leave_reason
         FROM members m JOIN households h ON h.id = m.household_id
         WHERE m.deleted_at IS NULL AND h.deleted_at IS NULL ORDER BY m.household_id, m.sort, m.id`,
      ).raw().all() as unknown[][];
      const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
      return rows.map((r): QMember => {
        const birthDate = r[6] as string;
        const by = Number(birthDate.slice(0, 4));
        const bm = Number(birthDate.slice(5, 7));
        const bd = Number(birthDate.slice(8, 10));
        const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
        const health = r[12] as string;
        return {
          id: r[0] as number, householdId: r[1] as number, name: r[2] as string, documentType: r[3] as string, idNumber: r[4] as string,
          sex: r[5] as string, birthDate, age, relationship: r[7] as string, ethnicity: r[8] as string,
          education: r[9] as string | null, inSchool: r[10] as string | null, outOfSchoolReason: r[11] as string | null,
          health: health ? health.split(',') : [], disabilityType: r[13] as string | null, labour: r[14] as string | null,
          migrantWork: r[15] as string | null, workMonths: r[16] as number | null, phone: r[17] as string | null,
          residentMedicalInsurance: r[18] === 1, employeeMedicalInsurance: r[19] === 1, seriousIllnessInsurance: r[20] === 1,
          dibao: r[21] === 1, tekun: r[22] === 1, joinedOn: r[23] as string | null, leftOn: r[24] as string | null, leaveReason: r[25] as string | null,
        };
      });
    });
  /** The household's people today: not left. */
  const members = () => once('members', () => allMembers().filter((m) => m.leftOn === null || m.leftOn > today));
  const membersOf = () => once('membersOf', () => groupBy(members()));
  const allMembersOf = () => once('allMembersOf', () => groupBy(allMembers()));

  const lineCache = new Map<string, number | null>();
  const lineFen = (y: number, standard: string) => {
    const key = `${y}|${standard}`;
    if (!lineCache.has(key)) lineCache.set(key, lines.lineFor(y, standard)?.amountFen ?? null);
    return lineCache.get(key)!;
  };

  /** Each household's income by year (the latest record of each year), oldest year first. */
  const incomes = () =>
    once('incomes', () => {
      type Row = {
        id: number; household_id: number; year: number; wage_fen: number; operating_fen: number; property_dividend_fen: number; property_other_fen: number;
        family_planning_fen: number; dibao_fen: number; tekun_fen: number; pension_fen: number; eco_compensation_fen: number;
        other_transfer_fen: number; operating_cost_fen: number; family_size_override: number | null; excluded_json: string;
      };
      const rows = db.prepare(
        `SELECT r.* FROM income_records r
         WHERE r.id IN (SELECT max(id) FROM income_records GROUP BY household_id, year) ORDER BY r.household_id, r.year`,
      ).all() as Row[];
      const byId = householdById();
      const people = allMembersOf();
      const out: QIncome[] = [];
      for (const r of rows) {
        const h = byId.get(r.household_id);
        if (!h) continue;
        const yearEnd = `${r.year}-12-31`;
        const familySize = r.family_size_override
          ?? (people.get(h.id) ?? []).filter((m) => (m.joinedOn === null || m.joinedOn <= yearEnd) && (m.leftOn === null || m.leftOn > yearEnd)).length;
        const excluded = (JSON.parse(r.excluded_json) as { amountFen?: number }[]).map((x) => ({ amountFen: Number(x.amountFen) || 0 }));
        const figures = computeIncome(
          {
            wageFen: r.wage_fen, operatingFen: r.operating_fen, propertyDividendFen: r.property_dividend_fen, propertyOtherFen: r.property_other_fen,
            familyPlanningFen: r.family_planning_fen, dibaoFen: r.dibao_fen, tekunFen: r.tekun_fen, pensionFen: r.pension_fen,
            ecoCompensationFen: r.eco_compensation_fen, otherTransferFen: r.other_transfer_fen, operatingCostFen: r.operating_cost_fen,
          },
          familySize,
          excluded,
        );
        out.push({
          id: r.id, householdId: h.id, year: r.year, wageFen: r.wage_fen, operatingFen: r.operating_fen, operatingCostFen: r.operating_cost_fen,
          dibaoFen: r.dibao_fen, tekunFen: r.tekun_fen, pensionFen: r.pension_fen, familyPlanningFen: r.family_planning_fen,
          otherTransferFen: r.other_transfer_fen, excludedFen: figures.excludedFen, figures, familySize,
          lineFen: lineFen(r.year, h.identificationStandard),
        });
      }
      return groupBy(out);
    });
  /** The most recent year's income, or undefined. */
  const latestIncome = (householdId: number) => incomes().get(householdId)?.at(-1);

  const surveys = () =>
    once('surveys', () => {
      const rows = db.prepare(
        `SELECT household_id AS householdId, recorded_on AS recordedOn, house_grade AS houseGrade, water_safe AS waterSafe, water_hard AS waterHard
         FROM guarantee_surveys ORDER BY household_id, recorded_on, id`,
      ).all() as QSurvey[];
      const latest = new Map<number, QSurvey>();
      for (const r of rows) latest.set(r.householdId, r);
      return latest;
    });

  const events = () =>
    once('events', () =>
      groupBy(db.prepare(
        `SELECT household_id AS householdId, kind, month, status, monitoring_category AS monitoringCategory, risk_state AS riskState,
                elimination_method AS eliminationMethod
         FROM status_events WHERE revoked_at IS NULL ORDER BY household_id, month, id`,
      ).all() as QEvent[]),
    );

  const measures = () =>
    once('measures', () =>
      groupBy(db.prepare(
        `SELECT household_id AS householdId, category, item, measure_date AS date, amount_fen AS amountFen
         FROM measures WHERE revoked_at IS NULL ORDER BY household_id, measure_date`,
      ).all() as QMeasure[]),
    );

  const subsidies = () =>
    once('subsidies', () =>
      groupBy(db.prepare(
        `SELECT household_id AS householdId, category, amount_fen AS amountFen, paid_date AS paidDate
         FROM subsidies WHERE revoked_at IS NULL ORDER BY household_id, paid_date`,
      ).all() as QSubsidy[]),
    );

  const openPairings = () =>
    once('openPairings', () =>
      new Map((db.prepare(
        `SELECT p.household_id AS householdId, p.cadre_id AS cadreId, c.name AS cadreName, c.id_number AS cadreIdNumber, c.phone AS cadrePhone,
                p.start_date AS startDate
         FROM pairings p JOIN cadres c ON c.id = p.cadre_id WHERE p.end_date IS NULL`,
      ).all() as QPairing[]).map((p) => [p.householdId, p])),
    );

  const cadres = () =>
    once('cadres', () =>
      db.prepare(
        `SELECT id, name, id_number AS idNumber, phone, role, village_id AS villageId, posting_end AS postingEnd
         FROM cadres WHERE deleted_at IS NULL`,
      ).all() as QCadre[],
    );

  const villages = () =>
    once('villages', () => db.prepare('SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY sort, id').all() as { id: number; name: string }[]);

  /**
   * The month the household's current monitoring spell began: the first event of the latest run
   * of events that carry a monitoring category. Null when it is not a monitoring object.
   */
  function monitoringSince(householdId: number): number | null {
    const list = events().get(householdId) ?? [];
    let since: number | null = null;
    for (const e of list) {
      if (e.monitoringCategory === null) since = null;
      else if (since === null) since = e.month;
    }
    return since;
  }

  /** Each member's number checked once per run: six rules ask. */
  const idChecks = new Map<number, IdCheck>();
  const idCheck = (m: QMember): IdCheck => {
    let check = idChecks.get(m.id);
    if (!check) idChecks.set(m.id, (check = checkDocumentNumber(m.idNumber, m.documentType)));
    return check;
  };

  return {
    today, year, thisMonth, idCheck,
    households, householdById, members, allMembers, membersOf, allMembersOf,
    incomes, latestIncome, surveys, events, measures, subsidies, openPairings, cadres, villages,
    lineFen, monitoringSince,
  };
}

export type CheckContext = ReturnType<typeof createCheckContext>;

/** Whole months from a YYYYMM month to another (later minus earlier). */
export function monthsBetween(from: number, to: number): number {
  return (Math.floor(to / 100) - Math.floor(from / 100)) * 12 + ((to % 100) - (from % 100));
}
