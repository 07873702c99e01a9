/**
 * The month's households as the report counts them: one row of facts per household registered
 * by the month's end (a status in force then) and not deleted, read in a few whole-township
 * queries rather than household by household. The guarantee lights go through the same
 * assessment as the household page (shared/rules/guarantees).
 */
import type { ReportHousehold, ReportState, ReportVillage } from '../../../shared/domain/report.types';
import { assessGuarantees, type GuaranteeMember, type GuaranteeSurvey } from '../../../shared/rules/guarantees';
import { computeIncome } from '../../../shared/rules/income';
import type { VisitCadence } from '../../../shared/schemas/assistance.schema';
import type { Db } from '../db/connection';
import { addDays, addMonths } from '../assistance/dates';
import type { PovertyLines } from '../dynamic/income.service';

interface StateRow { household_id: number; status: string; monitoring_category: string | null; risk_state: string | null }
interface HouseholdRow { id: number; household_no: string; village_id: number; attribute: string | null; main_cause: string | null; identification_standard: string }
interface MemberCountsRow { household_id: number; people: number; joined: number; left_: number; dibao: number; tekun: number; disabled: number }
interface MemberRow {
  household_id: number; name: string; birth_date: string; in_school: string | null; out_of_school_reason: string | null;
  resident_medical_insurance: number; employee_medical_insurance: number;
}
interface FamilySizeRow { household_id: number; year: number; n: number }
interface IncomeRow {
  household_id: number; year: number; wage_fen: number; operating_fen: number; property_dividend_fen: number; property_other_fen: number;
  family_planning_fen: number; dibao_fen: number; tekun_fen: number; pension_fen: number; eco_compensation_fen: number; other_transfer_fen: number;
  operating_cost_fen: number; family_size_override: number | null; excluded_json: string;
}
interface SurveyRow { household_id: number; house_grade: string | null; water_safe: number | null; water_hard: number | null; recorded_on: string }
interface MoneyRow { household_id: number; month_n: number; month_fen: number; year_n: number; year_fen: number }
interface VisitRow { household_id: number; month_n: number; last_visit: string }

/** Members on the day: joined by then (or always there) and not yet left. */
const MEMBER_ON = (day: string) => `(m.joined_on IS NULL OR m.joined_on <= ${day}) AND (m.left_on IS NULL OR m.left_on > ${day})`;

/** 'YYYY-MM' → its first and last day, as 'YYYY-MM-DD'. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

export const monthInt = (month: string) => Number(month.replace('-', ''));
/** 202603 (as the tables store months) → '2026-03'. */
export const monthOfInt = (m: number) => `${String(m).slice(0, 4)}-${String(m).slice(4)}`;
export const previousMonth = (month: string) => addMonths(`${month}-01`, -1).slice(0, 7);


export function createReportSource(db: Db, lines: PovertyLines) {
  const stmt = {
    villages: db.prepare('SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY sort, id'),
    states: db.prepare<[number, number]>(
      `SELECT household_id, status, monitoring_category, risk_state FROM status_events
       WHERE revoked_at IS NULL AND month <= ? AND (until_month IS NULL OR until_month > ?)`,
    ),
    households: db.prepare('SELECT id, household_no, village_id, attribute, main_cause, identification_standard FROM households WHERE deleted_at IS NULL'),
    // Counted in SQL: a township has three members a household, and reading each one into an object cost half a second.
    memberCounts: db.prepare<{ start: string; end: string }>(
      `SELECT m.household_id,
              sum(${MEMBER_ON('@end')}) AS people,
              sum(m.joined_on BETWEEN @start AND @end) AS joined, sum(m.left_on BETWEEN @start AND @end) AS left_,
              sum(${MEMBER_ON('@end')} AND m.dibao = 1) AS dibao, sum(${MEMBER_ON('@end')} AND m.tekun = 1) AS tekun,
              sum(${MEMBER_ON('@end')} AND (',' || m.health || ',') LIKE '%,04,%') AS disabled
       FROM members m WHERE m.deleted_at IS NULL GROUP BY m.household_id`,
    ),
    /*
     * Only the members who can change a guarantee light: those of compulsory-school age on the
     * day (education), and those with no or with both medical insurances (medical). The lights
     * depend on no one else; the test compares them with the household page's full assessment.
     */
    guaranteeMembers: db.prepare<{ end: string; oldest: string; youngest: string }>(
      `SELECT m.household_id, m.name, m.birth_date, m.in_school, m.out_of_school_reason, m.resident_medical_insurance, m.employee_medical_insurance
       FROM members m
       WHERE m.deleted_at IS NULL AND ${MEMBER_ON('@end')}
         AND ((m.birth_date > @oldest AND m.birth_date <= @youngest) OR m.resident_medical_insurance = m.employee_medical_insurance)`,
    ),
    familySizes: db.prepare<{ year: number }>(
      `SELECT r.household_id, r.year, (SELECT count(*) FROM members m WHERE m.household_id = r.household_id AND m.deleted_at IS NULL
                                          AND ${MEMBER_ON("(r.year || '-12-31')")}) AS n
       FROM (SELECT household_id, max(year) AS year FROM income_records WHERE year <= @year GROUP BY household_id) r`,
    ),
    // The latest record of each (household, year) up to the report's year.
    incomes: db.prepare<[number]>(
      `SELECT r.* FROM income_records r
       WHERE r.id IN (SELECT max(id) FROM income_records WHERE year <= ? GROUP BY household_id, year)
       ORDER BY r.household_id, r.year`,
    ),
    surveys: db.prepare<[string]>(
      `SELECT household_id, house_grade, water_safe, water_hard, recorded_on FROM guarantee_surveys
       WHERE recorded_on <= ? ORDER BY household_id, recorded_on, id`,
    ),
    measures: db.prepare<{ yearStart: string; start: string; end: string }>(
      `SELECT household_id, sum(measure_date >= @start) AS month_n,
              sum(CASE WHEN measure_date >= @start THEN coalesce(amount_fen, 0) ELSE 0 END) AS month_fen,
              count(*) AS year_n, sum(coalesce(amount_fen, 0)) AS year_fen
       FROM measures WHERE revoked_at IS NULL AND measure_date BETWEEN @yearStart AND @end GROUP BY household_id`,
    ),
    subsidies: db.prepare<{ yearStart: string; start: string; end: string }>(
      `SELECT household_id, sum(paid_date >= @start) AS month_n,
              sum(CASE WHEN paid_date >= @start THEN amount_fen ELSE 0 END) AS month_fen,
              count(*) AS year_n, sum(amount_fen) AS year_fen
       FROM subsidies WHERE revoked_at IS NULL AND paid_date BETWEEN @yearStart AND @end GROUP BY household_id`,
    ),
    monitoringAt: db.prepare<[number, number]>(
      `SELECT coalesce(sum(e.risk_state = 'ACTIVE'), 0) AS active, coalesce(sum(e.risk_state LIKE 'ELIMINATED%'), 0) AS eliminated
       FROM status_events e JOIN households h ON h.id = e.household_id
       WHERE e.revoked_at IS NULL AND e.month <= ? AND (e.until_month IS NULL OR e.until_month > ?)
         AND e.monitoring_category IS NOT NULL AND h.deleted_at IS NULL`,
    ),
    lists: db.prepare<[number]>(
      `SELECT household_id, max(list = 'RED') AS red, max(list = 'BLACK') AS black FROM red_black_entries WHERE month = ? GROUP BY household_id`,
    ),
    points: db.prepare<{ start: string; end: string }>(
      `SELECT household_id, coalesce(sum(CASE WHEN kind IN ('EARNED', 'GIFTED') AND points > 0 THEN points END), 0) AS issued,
              coalesce(-sum(CASE WHEN kind = 'REDEEMED' THEN points END), 0) AS redeemed
       FROM points_ledger WHERE occurred_on BETWEEN @start AND @end GROUP BY household_id`,
    ),
    visits: db.prepare<{ start: string; end: string }>(
      `SELECT household_id, sum(visit_date >= @start) AS month_n, max(visit_date) AS last_visit
       FROM visits WHERE visit_date <= @end GROUP BY household_id`,
    ),
  };

  function statesAt(month: string): Map<number, ReportState> {
    const m = monthInt(month);
    const rows = stmt.states.all(m, m) as StateRow[];
    return new Map(rows.map((r) => [r.household_id, { status: r.status, monitoringCategory: r.monitoring_category, riskState: r.risk_state }]));
  }

  function byHousehold<R extends { household_id: number }>(rows: R[]): Map<number, R[]> {
    const map = new Map<number, R[]>();
    for (const r of rows) {
      const list = map.get(r.household_id);
      if (list) list.push(r);
      else map.set(r.household_id, [r]);
    }
    return map;
  }

  return {
    villages: (): ReportVillage[] => stmt.villages.all() as ReportVillage[],

    /** Monitoring objects at a month's end: risk not eliminated, and eliminated. */
    monitoringAt(month: string): { active: number; eliminated: number } {
      const m = monthInt(month);
      return stmt.monitoringAt.get(m, m) as { active: number; eliminated: number };
    },

    /**
     * The households of `month`. `today` bounds the look at visits for the month under way:
     * a household is overdue when its last visit is older than its cadence on the month's last
     * day, or today if that is earlier.
     */
    households(month: string, today: string, cadence: VisitCadence): ReportHousehold[] {
      const { start, end } = monthBounds(month);
      const year = Number(month.slice(0, 4));
      const yearStart = `${year}-01-01`;
      const asOf = end < today ? end : today;
      const states = statesAt(month);
      const previous = statesAt(previousMonth(month));
      const counts = new Map((stmt.memberCounts.all({ start, end }) as MemberCountsRow[]).map((r) => [r.household_id, r]));
      // Ages 6–16 on the month's last day (shared/rules/guarantees), with a few days' margin: the assessment checks the age exactly.
      const ages = { oldest: addDays(addMonths(end, -17 * 12), -3), youngest: addDays(addMonths(end, -6 * 12), 3) };
      const members = byHousehold(stmt.guaranteeMembers.all({ end, ...ages }) as MemberRow[]);
      const familySizes = new Map((stmt.familySizes.all({ year }) as FamilySizeRow[]).map((r) => [r.household_id, r.n]));
      const incomes = new Map<number, IncomeRow>();
      for (const r of stmt.incomes.all(year) as IncomeRow[]) incomes.set(r.household_id, r); // ordered by year: the latest wins
      const surveys = new Map<number, SurveyRow>();
      for (const r of stmt.surveys.all(end) as SurveyRow[]) surveys.set(r.household_id, r);
      const range = { yearStart, start, end };
      const measures = new Map((stmt.measures.all(range) as MoneyRow[]).map((r) => [r.household_id, r]));
      const subsidies = new Map((stmt.subsidies.all(range) as MoneyRow[]).map((r) => [r.household_id, r]));
      const visits = new Map((stmt.visits.all({ start, end: asOf }) as VisitRow[]).map((r) => [r.household_id, r]));
      const lists = new Map((stmt.lists.all(monthInt(month)) as { household_id: number; red: number; black: number }[]).map((r) => [r.household_id, r]));
      const points = new Map((stmt.points.all({ start, end }) as { household_id: number; issued: number; redeemed: number }[]).map((r) => [r.household_id, r]));
      const cutoff = { monitored: addMonths(asOf, -cadence.monitoredMonths), other: addMonths(asOf, -cadence.otherMonths) };
      const lineCache = new Map<string, number | null>();
      const lineOf = (y: number, standard: string) => {
        const key = `${y}|${standard}`;
        if (!lineCache.has(key)) lineCache.set(key, lines.lineFor(y, standard)?.amountFen ?? null);
        return lineCache.get(key)!;
      };

      const out: ReportHousehold[] = [];
      for (const h of stmt.households.all() as HouseholdRow[]) {
        const state = states.get(h.id);
        if (!state) continue; // registered after the month
        const current = members.get(h.id) ?? [];
        const c = counts.get(h.id);
        const income = incomes.get(h.id);
        let perCapitaFen: number | null = null;
        let lineFen: number | null = null;
        if (income) {
          const familySize = income.family_size_override ?? familySizes.get(h.id) ?? 0;
          const figures = computeIncome(
            {
              wageFen: income.wage_fen, operatingFen: income.operating_fen, propertyDividendFen: income.property_dividend_fen,
              propertyOtherFen: income.property_other_fen, familyPlanningFen: income.family_planning_fen, dibaoFen: income.dibao_fen,
              tekunFen: income.tekun_fen, pensionFen: income.pension_fen, ecoCompensationFen: income.eco_compensation_fen,
              otherTransferFen: income.other_transfer_fen, operatingCostFen: income.operating_cost_fen,
            },
            familySize,
          );
          perCapitaFen = figures.perCapitaFen;
          lineFen = lineOf(income.year, h.identification_standard);
        }
        const s = surveys.get(h.id);
        const survey: GuaranteeSurvey | null = s
          ? { houseGrade: s.house_grade, waterSafe: s.water_safe === null ? null : s.water_safe === 1, waterHard: s.water_hard === null ? null : s.water_hard === 1, recordedOn: s.recorded_on }
          : null;
        const guaranteeMembers: GuaranteeMember[] = current.map((m) => ({
          name: m.name, birthDate: m.birth_date, inSchool: m.in_school, outOfSchoolReason: m.out_of_school_reason,
          residentMedicalInsurance: m.resident_medical_insurance === 1, employeeMedicalInsurance: m.employee_medical_insurance === 1,
        }));
        const lights = assessGuarantees({ asOf: end, members: guaranteeMembers, survey, perCapitaFen, lineFen, lineLabel: null, incomeYear: income?.year ?? null });
        const light = (key: string) => lights.find((l) => l.key === key)!.light;
        const monitored = state.monitoringCategory !== null && state.riskState === 'ACTIVE';
        const visit = visits.get(h.id);
        const m = measures.get(h.id);
        const sub = subsidies.get(h.id);
        out.push({
          householdId: h.id,
          householdNo: h.household_no,
          villageId: h.village_id,
          state,
          previous: previous.get(h.id) ?? null,
          people: c?.people ?? 0,
          joinedThisMonth: c?.joined ?? 0,
          leftThisMonth: c?.left_ ?? 0,
          dibaoPeople: c?.dibao ?? 0,
          tekunPeople: c?.tekun ?? 0,
          disabledPeople: c?.disabled ?? 0,
          attribute: h.attribute,
          mainCause: h.main_cause,
          incomeYear: income?.year ?? null,
          perCapitaFen,
          lineFen,
          guarantees: {
            foodClothing: light('foodClothing'), education: light('education'), medical: light('medical'), housing: light('housing'), water: light('water'),
          },
          measuresMonth: m?.month_n ?? 0,
          measuresMonthFen: m?.month_fen ?? 0,
          measuresYear: m?.year_n ?? 0,
          measuresYearFen: m?.year_fen ?? 0,
          subsidiesMonthFen: sub?.month_fen ?? 0,
          subsidiesYearFen: sub?.year_fen ?? 0,
          visitsMonth: visit?.month_n ?? 0,
          visitOverdue: !visit || visit.last_visit < (monitored ? cutoff.monitored : cutoff.other),
          redThisMonth: lists.get(h.id)?.red === 1,
          blackThisMonth: lists.get(h.id)?.black === 1,
          pointsIssuedMonth: points.get(h.id)?.issued ?? 0,
          pointsRedeemedMonth: points.get(h.id)?.redeemed ?? 0,
        });
      }
      return out;
    },
  };
}

export type ReportSource = ReturnType<typeof createReportSource>;
