/**
 * What the roster export reads: the chosen households (the list's filters, or the ticked ones)
 * in the list's order, either one row per household or one row per current member with the
 * household's columns alongside, plus the few household facts kept in other ledgers (the
 * year's income, the latest housing and water survey, the months of the status events).
 * Rows are read a chunk of households at a time, never all at once, so a whole township stays
 * within bounded memory.
 */
import type { Statement } from 'better-sqlite3';
import type { ExportRosterQuery } from '../../../shared/schemas/export.schema';
import { computeIncome, type IncomeComponents, type IncomeFigures } from '../../../shared/rules/income';
import type { Db } from '../db/connection';
import { householdFilterSql } from '../registry/households.repo';

/** One household's columns, as every layout reads them. */
export interface HouseholdExportRow {
  household_id: number; household_no: string; village_name: string; group_name: string | null; address: string | null;
  household_phone: string | null; bank_name: string | null; bank_account: string | null; identification_standard: string;
  attribute: string | null; status: string; monitoring_category: string | null; risk_state: string | null; main_cause: string | null;
  other_causes: string; identified_year: number | null; lifted_year: number | null; military_family: number; only_child_family: number;
  two_daughter_family: number; relocated: number; note: string | null; head_name: string; head_id_number: string | null;
  member_count: number;
  /** The head's national person number (household layout only). */
  head_person_no?: string | null;
}

/** One current member's columns (person layouts), in the same row object as their household's. */
export interface MemberExportRow {
  person_no: string | null; name: string; sex: string; birth_date: string; document_type: string; id_number: string; ethnicity: string;
  member_phone: string | null; relationship: string; political_status: string | null; education: string | null; in_school: string | null;
  out_of_school_reason: string | null; health: string; disability_type: string | null; labour: string | null; migrant_work: string | null;
  work_months: number | null; resident_medical_insurance: number; employee_medical_insurance: number; serious_illness_insurance: number;
  resident_pension: number; dibao: number; tekun: number;
}

export type PersonExportRow = HouseholdExportRow & MemberExportRow;

/** A household's income for the export's year: the latest record of that year, as the income page shows it. */
export interface ExportIncome extends IncomeComponents, IncomeFigures {
  year: number;
  familySize: number;
}

export interface ExportSurvey {
  houseGrade: string | null;
  waterSafe: boolean | null;
}

/** YYYYMM months from the status events (null when there is no such event). */
export interface ExportStatusMonths {
  /** The month the household's current state (status, monitoring, risk) holds from. */
  since: number | null;
  /** The latest month it became a monitoring object. */
  riskFrom: number | null;
  /** The latest month its risk was eliminated. */
  riskTo: number | null;
}

const HOUSEHOLD_COLUMNS = `h.id AS household_id, h.household_no, v.name AS village_name, g.name AS group_name, h.address,
  h.phone AS household_phone, h.bank_name, h.bank_account, h.identification_standard, h.attribute, h.status, h.monitoring_category,
  h.risk_state, h.main_cause, h.other_causes, h.identified_year, h.lifted_year, h.military_family, h.only_child_family,
  h.two_daughter_family, h.relocated, h.note, h.head_name, h.head_id_number, h.member_count`;

const MEMBER_COLUMNS = `m.person_no, m.name, m.sex, m.birth_date, m.document_type, m.id_number, m.ethnicity, m.phone AS member_phone,
  m.relationship, m.political_status, m.education, m.in_school, m.out_of_school_reason, m.health, m.disability_type, m.labour,
  m.migrant_work, m.work_months, m.resident_medical_insurance, m.employee_medical_insurance, m.serious_illness_insurance,
  m.resident_pension, m.dibao, m.tekun`;

/** Current members only: those who died or moved out are former members, not on a roster. */
const CURRENT_MEMBER = 'm.deleted_at IS NULL AND m.left_on IS NULL';
const CHUNK_FROM = `FROM json_each(?) j CROSS JOIN households h ON h.id = j.value
  JOIN villages v ON v.id = h.village_id LEFT JOIN village_groups g ON g.id = h.group_id`;
/** The household list's default order (its index), so a file reads village by village, group by group. */
const ORDER = 'h.village_id, h.group_id, h.household_no';

export function createExportSource(db: Db) {
  const idStatements = new Map<string, Statement>();
  const stmt = {
    incomeYear: db.prepare<[number]>('SELECT max(year) AS year FROM income_records WHERE year <= ?'),
    income: db.prepare(
      `SELECT r.*, coalesce(r.family_size_override, (
         SELECT count(*) FROM members m WHERE m.household_id = r.household_id AND m.deleted_at IS NULL
           AND (m.joined_on IS NULL OR m.joined_on <= @yearEnd) AND (m.left_on IS NULL OR m.left_on > @yearEnd))) AS family_size
       FROM income_records r WHERE r.household_id = @householdId AND r.year = @year ORDER BY r.id DESC LIMIT 1`,
    ),
    survey: db.prepare<[number, string]>(
      'SELECT house_grade, water_safe FROM guarantee_surveys WHERE household_id = ? AND recorded_on <= ? ORDER BY recorded_on DESC, id DESC LIMIT 1',
    ),
    statusMonths: db.prepare(
      `SELECT
         (SELECT month FROM status_events WHERE household_id = @id AND revoked_at IS NULL ORDER BY month DESC, id DESC LIMIT 1) AS since,
         (SELECT month FROM status_events WHERE household_id = @id AND revoked_at IS NULL
            AND (kind = 'START_MONITORING' OR (kind = 'REGISTER' AND monitoring_category IS NOT NULL)) ORDER BY month DESC, id DESC LIMIT 1) AS risk_from,
         (SELECT month FROM status_events WHERE household_id = @id AND revoked_at IS NULL
            AND (kind = 'ELIMINATE_RISK' OR (kind = 'REGISTER' AND risk_state LIKE 'ELIMINATED%')) ORDER BY month DESC, id DESC LIMIT 1) AS risk_to`,
    ),
  };

  // A chunk's households are looked up by id (CROSS JOIN keeps json_each first): an IN list
  // instead made SQLite walk the whole place index for every chunk, a third slower overall.
  const chunkStatements = {
    households: db.prepare<[string]>(
      `SELECT ${HOUSEHOLD_COLUMNS},
         (SELECT m.person_no FROM members m WHERE m.household_id = h.id AND m.relationship = '01' AND ${CURRENT_MEMBER} LIMIT 1) AS head_person_no
       ${CHUNK_FROM} WHERE h.deleted_at IS NULL ORDER BY ${ORDER}`,
    ),
    people: db.prepare<[string]>(
      `SELECT ${HOUSEHOLD_COLUMNS}, ${MEMBER_COLUMNS} ${CHUNK_FROM} JOIN members m ON m.household_id = h.id AND ${CURRENT_MEMBER}
       WHERE h.deleted_at IS NULL ORDER BY ${ORDER}, m.sort, m.id`,
    ),
  };

  /** Prepared once per shape of filter, as the household list does. */
  function idsStatement(where: string): Statement {
    let s = idStatements.get(where);
    if (!s) {
      s = db.prepare(`SELECT h.id FROM households h WHERE ${where} ORDER BY ${ORDER}`).pluck();
      idStatements.set(where, s);
    }
    return s;
  }

  return {
    /**
     * The chosen households' ids in the list's order. The rows are then read a chunk of
     * households at a time: no statement stays open while the workbook writer catches up, so
     * the registry stays writable for other clerks during a long export.
     */
    householdIds(q: ExportRosterQuery): number[] {
      const { where, params } = householdFilterSql(q);
      if (q.householdIds) {
        where.push('h.id IN (SELECT value FROM json_each(@householdIds))');
        params.householdIds = JSON.stringify(q.householdIds);
      }
      return idsStatement(where.join(' AND ')).all(params) as number[];
    },
    /** One row per household, in the list's order; a household deleted meanwhile is left out. */
    households(ids: readonly number[]): HouseholdExportRow[] {
      return chunkStatements.households.all(JSON.stringify(ids)) as HouseholdExportRow[];
    },
    /** One row per current member, a household's members together and in their order. */
    people(ids: readonly number[]): PersonExportRow[] {
      return chunkStatements.people.all(JSON.stringify(ids)) as PersonExportRow[];
    },
    /** The latest year with any income recorded, up to `year`; the household table reports that year. */
    incomeYear(year: number): number | null {
      return (stmt.incomeYear.get(year) as { year: number | null }).year;
    },
    income(householdId: number, year: number): ExportIncome | null {
      const r = stmt.income.get({ householdId, year, yearEnd: `${year}-12-31` }) as IncomeDbRow | undefined;
      if (!r) return null;
      const components: IncomeComponents = {
        wageFen: r.wage_fen, operatingFen: r.operating_fen, propertyDividendFen: r.property_dividend_fen, propertyOtherFen: r.property_other_fen,
        familyPlanningFen: r.family_planning_fen, dibaoFen: r.dibao_fen, tekunFen: r.tekun_fen, pensionFen: r.pension_fen,
        ecoCompensationFen: r.eco_compensation_fen, otherTransferFen: r.other_transfer_fen, operatingCostFen: r.operating_cost_fen,
      };
      // The same formula as the income page, so the file and the screen never disagree.
      return { year, familySize: r.family_size, ...components, ...computeIncome(components, r.family_size) };
    },
    survey(householdId: number, asOf: string): ExportSurvey | null {
      const r = stmt.survey.get(householdId, asOf) as { house_grade: string | null; water_safe: number | null } | undefined;
      return r ? { houseGrade: r.house_grade, waterSafe: r.water_safe === null ? null : r.water_safe === 1 } : null;
    },
    statusMonths(householdId: number): ExportStatusMonths {
      const r = stmt.statusMonths.get({ id: householdId }) as { since: number | null; risk_from: number | null; risk_to: number | null };
      return { since: r.since, riskFrom: r.risk_from, riskTo: r.risk_to };
    },
  };
}
export type ExportSource = ReturnType<typeof createExportSource>;

interface IncomeDbRow {
  wage_fen: number; operating_fen: number; property_dividend_fen: number; property_other_fen: number; family_planning_fen: number;
  dibao_fen: number; tekun_fen: number; pension_fen: number; eco_compensation_fen: number; other_transfer_fen: number;
  operating_cost_fen: number; family_size: number;
}
