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
  health: readonly string[];
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
  /** The number's check, kept on the person once made (several rules ask). */
  idCheck?: IdCheck;
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

/** The events that open or close something: 建档, 返贫, 脱贫, 纳入监测, 风险消除. */
export interface QEvent { householdId: number; kind: string; month: number; status: string; riskState: string | null }
export interface QSurvey { householdId: number; recordedOn: string; houseGrade: string | null; waterSafe: number | null; waterHard: number | null }
export interface QMeasure {
  householdId: number; category: string; date: string;
  /** What the item's wording names: 低保/特困/五保 (兜底), or 残疾. */
  namesSafetyNet: boolean; namesDisability: boolean;
}
export interface QSubsidy { householdId: number; category: string; amountFen: number; paidDate: string }
export interface QPairing { householdId: number; cadreId: number }
export interface QCadre { id: number; name: string; idNumber: string | null; phone: string | null; role: string; villageId: number | null; postingEnd: string | null }

/** Not in school: 非在校生, 学龄前儿童 (2021+), or nothing recorded. */
export const NOT_STUDYING = new Set<string | null>([null, '01', '21']);
export const isStudying = (m: QMember) => !NOT_STUDYING.has(m.inSchool);
export const LIFTED_STATUSES = new Set(['LIFTED_POLICY', 'LIFTED_NO_POLICY', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD_NO_POLICY']);
/** Households of the registry proper (建档立卡): everyone but 一般农户 and the removed. */
export const isRegistered = (h: QHousehold) => h.status !== 'ORDINARY' && h.status !== 'REMOVED';
export const isActiveMonitoring = (h: QHousehold) => h.monitoringCategory !== null && h.riskState === 'ACTIVE';
export const isEliminated = (h: QHousehold) => h.monitoringCategory !== null && (h.riskState ?? '').startsWith('ELIMINATED');

/** 就业 and 公益岗位 measures, both eras. */
export const JOB_MEASURES = new Set(['M_EMPLOYMENT', 'M_PUBLIC_JOB', 'L_EMPLOYMENT', 'L_PUBLIC_JOB']);
const JOB_MEASURE_CODES = [...JOB_MEASURES].map((c) => `'${c}'`).join(', ');
/**
 * Code values (户状态, 与户主关系, 类别 …) come back as a fresh string per row; handing out one
 * shared string per distinct value lets the fresh ones die young, which the garbage collector
 * finds far cheaper than moving 1.5 million small survivors.
 */
function createInterner() {
  const seen = new Map<string, string>();
  return (v: string | null | undefined): string | null => {
    if (v === null || v === undefined) return null;
    const known = seen.get(v);
    if (known !== undefined) return known;
    seen.set(v, v);
    return v;
  };
}

const HEALTHY_ONLY: readonly string[] = Object.freeze(['01']);
const int = (v: string | null | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/**
 * Rows as arrays of text (NULL as null), each row fetched as one string and split here. The
 * driver builds every row and value through the V8 API, about 0.5 µs a row and 0.2 µs a value:
 * for the 167,000 members of a 50,000-household township that was 0.9 s, as one packed string a
 * row 0.3 s. Should a value hold the separator (a control character no form produces), the rows
 * are read again the ordinary way.
 */
function readRows(db: Db, from: string, columns: readonly string[], params: Record<string, unknown> = {}): (string | null)[][] {
  // concat_ws builds each row in one pass; a chain of || copies the growing row once per column.
  const packed = `concat_ws(char(31), ${columns.map((c) => `coalesce(${c}, char(0))`).join(', ')})`;
  // A column may itself be several fields joined by the separator (see the members' ID number).
  const joined = columns.map((c) => c.match(/char\(31\)/g)?.length ?? 0);
  const fields = joined.reduce((n, k) => n + 1 + k, 0);
  const rows = (db.prepare(`SELECT ${packed} ${from}`).pluck().all(params) as string[]).map((row) => row.split('\x1f'));
  if (rows.some((r) => r.length !== fields)) {
    return (db.prepare(`SELECT ${columns.join(', ')} ${from}`).raw().all(params) as unknown[][]).map((r) =>
      r.flatMap((v, i) => (v === null ? [null, ...Array<null>(joined[i]!).fill(null)] : joined[i] ? String(v).split('\x1f') : [String(v)])),
    );
  }
  for (const r of rows) for (let i = 0; i < r.length; i++) if (r[i] === '\0') (r as (string | null)[])[i] = null;
  return rows;
}

/** What a loader returns, read on first use and kept for the run (rules ask for it per household). */
function lazy<T>(load: () => T): () => T {
  let loaded = false;
  let value: T;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value;
  };
}

function groupBy<T extends { householdId: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.householdId);
    if (list) list.push(r);
    else map.set(r.householdId, [r]);
  }
  return map;
}

/** `householdId` narrows every read to one household (re-checking it after an edit). */
export function createCheckContext(db: Db, lines: PovertyLines, now: () => Date, householdId?: number) {
  const scope = householdId === undefined ? {} : { hid: householdId };
  const only = (column: string) => (householdId === undefined ? '' : ` AND ${column} = @hid`);
  const today = localDateText(now());
  const year = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(0, 7).replace('-', ''));
  const code = createInterner();

  const households = lazy(() =>
      readRows(db, `FROM households WHERE deleted_at IS NULL${only('id')}`, [
        'id', 'household_no', 'village_id', 'group_id', 'status', 'attribute', 'monitoring_category', 'risk_state', 'main_cause', 'other_causes',
        'identified_year', 'lifted_year', 'phone', 'bank_account', 'member_count', 'identification_standard',
      ], scope).map((r): QHousehold => ({
        id: Number(r[0]), householdNo: r[1]!, villageId: Number(r[2]), groupId: int(r[3]), status: code(r[4])!, attribute: code(r[5]), monitoringCategory: code(r[6]),
        riskState: code(r[7]), mainCause: code(r[8]), otherCauses: r[9] ? r[9].split(',') : [], identifiedYear: int(r[10]), liftedYear: int(r[11]),
        phone: r[12]!, bankAccount: r[13]!, memberCount: Number(r[14]), identificationStandard: code(r[15])!,
      })),
    );
  const householdById = lazy(() => new Map(households().map((h) => [h.id, h])));

  /** Every member of a live household, those who left included (the rules on the deceased need them). */
  const allMembers = lazy(() => {
      const live = householdById();
      const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
      const out: QMember[] = [];
      // Table (id) order: a household's people in the order they were entered; sorting 167,000 packed rows cost more than reading them.
      const from = `FROM members WHERE deleted_at IS NULL${only('household_id')} ORDER BY id`;
      const rows = readRows(db, from, [
        // The number in two halves: a piece of 13 characters or more would be a slice that keeps the whole row's string alive.
        'id', 'household_id', "'' /* name: read below */", 'document_type', "substr(id_number, 1, 9) || char(31) || substr(id_number, 10)", 'sex', 'birth_date', 'relationship',
        'ethnicity', 'education', 'in_school', 'out_of_school_reason', 'health', 'disability_type', 'labour', 'migrant_work', 'work_months', 'phone',
        // The five yes/no columns as one number: 670,000 fewer values to carry across.
        'resident_medical_insurance + 2 * employee_medical_insurance + 4 * serious_illness_insurance + 8 * dibao + 16 * tekun',
        'joined_on', 'left_on', 'leave_reason',
      ], scope);
      // Names on their own, in the same order: a Chinese name would make every packed row a two-byte string, twice the size.
      const names = db.prepare(`SELECT name ${from}`).pluck().all(scope) as string[];
      if (names.length !== rows.length) throw new Error('members changed while the checks read them');
      let index = -1;
      for (const r of rows) {
        index++;
        const householdId = Number(r[1]);
        if (!live.has(householdId)) continue;
        const birthDate = r[7] ?? '';
        const bm = Number(birthDate.slice(5, 7));
        const bd = Number(birthDate.slice(8, 10));
        const health = r[13] ?? '';
        const flags = Number(r[19]);
        out.push({
          id: Number(r[0]), householdId, name: names[index] ?? '', documentType: code(r[3]) ?? '', idNumber: r[4] === null ? '' : r[4] + (r[5] ?? ''), sex: code(r[6]) ?? '', birthDate,
          age: ty - Number(birthDate.slice(0, 4)) - (tm < bm || (tm === bm && td < bd) ? 1 : 0),
          relationship: code(r[8]) ?? '', ethnicity: code(r[9]) ?? '', education: code(r[10]), inSchool: code(r[11]), outOfSchoolReason: code(r[12]),
          health: health === HEALTHY_ONLY[0] ? HEALTHY_ONLY : health ? health.split(',').map((x) => code(x)!) : [],
          disabilityType: code(r[14]), labour: code(r[15]), migrantWork: code(r[16]), workMonths: int(r[17]), phone: r[18]!,
          residentMedicalInsurance: (flags & 1) !== 0, employeeMedicalInsurance: (flags & 2) !== 0, seriousIllnessInsurance: (flags & 4) !== 0,
          dibao: (flags & 8) !== 0, tekun: (flags & 16) !== 0, joinedOn: r[20]!, leftOn: r[21]!, leaveReason: r[22]!,
          // A place for the check from the start: added later, it cost every person a second block of properties.
          idCheck: undefined,
        });
      }
      return out;
    });
  /** The household's people today: not left. */
  const members = lazy(() => allMembers().filter((m) => m.leftOn === null || m.leftOn > today));
  const membersOf = lazy(() => groupBy(members()));
  /**
   * A household nobody has left shares its list with `membersOf` (neither is ever changed): after
   * a first import, when no one has left yet, that is every household (some 10 MB at 50,000).
   */
  const allMembersOf = lazy(() => {
    const current = membersOf();
    if (members().length === allMembers().length) return current;
    const everyone = groupBy(allMembers());
    for (const [id, list] of everyone) {
      const stayed = current.get(id);
      if (stayed && stayed.length === list.length) everyone.set(id, stayed);
    }
    return everyone;
  });

  const lineCache = new Map<string, number | null>();
  const lineFen = (y: number, standard: string) => {
    const key = `${y}|${standard}`;
    if (!lineCache.has(key)) lineCache.set(key, lines.lineFor(y, standard)?.amountFen ?? null);
    return lineCache.get(key)!;
  };

  /** Each household's income by year (the latest record of each year), oldest year first. */
  const incomes = lazy(() => {
      const rows = readRows(db, `FROM income_records r WHERE r.id IN (SELECT max(id) FROM income_records WHERE 1${only('household_id')} GROUP BY household_id, year)`, [
        'id', 'household_id', 'year', 'wage_fen', 'operating_fen', 'property_dividend_fen', 'property_other_fen', 'family_planning_fen', 'dibao_fen',
        'tekun_fen', 'pension_fen', 'eco_compensation_fen', 'other_transfer_fen', 'operating_cost_fen', 'family_size_override', 'excluded_json',
      ], scope);
      const byId = householdById();
      const people = allMembersOf();
      const out: QIncome[] = [];
      for (const r of rows) {
        const h = byId.get(Number(r[1]));
        if (!h) continue;
        const n = (i: number) => Number(r[i]);
        const [id, year, wageFen, operatingFen, propertyDividendFen, propertyOtherFen, familyPlanningFen, dibaoFen, tekunFen, pensionFen,
          ecoCompensationFen, otherTransferFen, operatingCostFen] = [n(0), n(2), n(3), n(4), n(5), n(6), n(7), n(8), n(9), n(10), n(11), n(12), n(13)];
        const yearEnd = `${year}-12-31`;
        let familySize = int(r[14]);
        if (familySize === null) {
          familySize = 0;
          for (const m of people.get(h.id) ?? []) if ((m.joinedOn === null || m.joinedOn <= yearEnd) && (m.leftOn === null || m.leftOn > yearEnd)) familySize++;
        }
        const excludedJson = r[15] ?? '[]';
        const excluded = excludedJson === '[]' ? [] : (JSON.parse(excludedJson) as { amountFen?: number }[]).map((x) => ({ amountFen: Number(x.amountFen) || 0 }));
        const figures = computeIncome(
          { wageFen, operatingFen, propertyDividendFen, propertyOtherFen, familyPlanningFen, dibaoFen, tekunFen, pensionFen, ecoCompensationFen, otherTransferFen, operatingCostFen },
          familySize,
          excluded,
        );
        out.push({
          id, householdId: h.id, year, wageFen, operatingFen, operatingCostFen, dibaoFen, tekunFen, pensionFen, familyPlanningFen, otherTransferFen,
          excludedFen: figures.excludedFen, figures, familySize, lineFen: lineFen(year, h.identificationStandard),
        });
      }
      const byHousehold = groupBy(out);
      for (const list of byHousehold.values()) if (list.length > 1) list.sort((x, y) => x.year - y.year);
      return byHousehold;
    });
  /** The most recent year's income, or undefined. */
  const latestIncome = (householdId: number) => incomes().get(householdId)?.at(-1);

  const surveys = lazy(() => {
      const latest = new Map<number, QSurvey>();
      for (const r of readRows(db, `FROM guarantee_surveys WHERE 1${only('household_id')} ORDER BY household_id, recorded_on, id`, ['household_id', 'recorded_on', 'house_grade', 'water_safe', 'water_hard'], scope)) {
        latest.set(Number(r[0]), { householdId: Number(r[0]), recordedOn: r[1]!, houseGrade: r[2]!, waterSafe: int(r[3]), waterHard: int(r[4]) });
      }
      return latest;
    });

  const events = lazy(() => {
      // Table order is the order they were recorded; each household's few events are put in month order here.
      const byHousehold = groupBy(readRows(
        db,
        `FROM status_events WHERE revoked_at IS NULL AND kind IN ('REGISTER', 'RETURN', 'EXIT', 'START_MONITORING', 'ELIMINATE_RISK')${only('household_id')}`,
        ['household_id', 'kind', 'month', 'status', 'risk_state'],
        scope,
      ).map((r): QEvent => ({ householdId: Number(r[0]), kind: code(r[1])!, month: Number(r[2]), status: code(r[3])!, riskState: code(r[4]) })));
      // A stable sort: events of one month keep the order they were recorded in.
      for (const list of byHousehold.values()) if (list.length > 1) list.sort((x, y) => x.month - y.month);
      return byHousehold;
    });

  const measures = lazy(() =>
      // The item's wording is read in SQL: 125,000 Chinese texts would cost more to carry over than the two answers.
      // Only what a rule reads: every measure of a monitoring object, and job measures (G07) of anyone.
      groupBy(readRows(db, `FROM measures WHERE revoked_at IS NULL AND (category IN (${JOB_MEASURE_CODES}) OR household_id IN (
          SELECT id FROM households WHERE deleted_at IS NULL AND monitoring_category IS NOT NULL))${only('household_id')}`, [
        'household_id', 'category', 'measure_date',
        "(item LIKE '%低保%' OR item LIKE '%特困%' OR item LIKE '%五保%') + 2 * (item LIKE '%残疾%')",
      ], scope).map((r): QMeasure => ({ householdId: Number(r[0]), category: code(r[1])!, date: r[2]!, namesSafetyNet: (Number(r[3]) & 1) !== 0, namesDisability: (Number(r[3]) & 2) !== 0 }))),
    );

  const subsidies = lazy(() =>
      groupBy(readRows(db, `FROM subsidies WHERE revoked_at IS NULL${only('household_id')}`, ['household_id', 'category', 'amount_fen', 'paid_date'], scope)
        .map((r): QSubsidy => ({ householdId: Number(r[0]), category: code(r[1])!, amountFen: Number(r[2]), paidDate: r[3]! }))),
    );

  const openPairings = lazy(() =>
      new Map(readRows(db, `FROM pairings WHERE end_date IS NULL${only('household_id')}`, ['household_id', 'cadre_id'], scope)
        .map((r): [number, QPairing] => [Number(r[0]), { householdId: Number(r[0]), cadreId: Number(r[1]) }])),
    );

  /** Every cadre, deleted ones too (an open pairing may outlive a cadre's record); `deleted` says which. */
  const allCadres = lazy(() =>
      new Map((db.prepare(
        `SELECT id, name, id_number AS idNumber, phone, role, village_id AS villageId, posting_end AS postingEnd, deleted_at IS NOT NULL AS deleted
         FROM cadres`,
      ).all() as (QCadre & { deleted: number })[]).map((c) => [c.id, c])),
    );
  const cadres = lazy(() => [...allCadres().values()].filter((c) => !c.deleted));

  const villages = lazy(() => db.prepare('SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY sort, id').all() as { id: number; name: string }[]);

  /**
   * The month the household's current monitoring spell began: its latest 纳入监测, or its 建档
   * when it was registered as an active monitoring object. Null when there is neither.
   */
  function monitoringSince(householdId: number): number | null {
    let since: number | null = null;
    for (const e of events().get(householdId) ?? []) {
      if (e.kind === 'START_MONITORING' || (e.kind === 'REGISTER' && e.riskState === 'ACTIVE')) since = e.month;
    }
    return since;
  }

  /** Today's people by the 18-character ID their number stands for (a 15-digit one upgraded). */
  const people = lazy(() => {
      const index = new Map<string, QMember[]>();
      for (const m of members()) {
        const check = idCheck(m);
        if (!check.ok) continue;
        const key = check.value.slice(0, 18);
        const list = index.get(key);
        if (list) list.push(m);
        else index.set(key, [m]);
      }
      return index;
    });

  /** Each member's number checked once per run: six rules ask. */
  const checkDay = now();
  const idCheck = (m: QMember): IdCheck => (m.idCheck ??= checkDocumentNumber(m.idNumber, m.documentType, checkDay));

  return {
    today, year, thisMonth, idCheck, people,
    households, householdById, members, allMembers, membersOf, allMembersOf, allCadres,
    incomes, latestIncome, surveys, events, measures, subsidies, openPairings, cadres, villages,
    lineFen, monitoringSince,
  };
}

export type CheckContext = ReturnType<typeof createCheckContext>;

/** Whole months from a YYYYMM month to another (later minus earlier). */
export function monthsBetween(from: number, to: number): number {
  return (Math.floor(to / 100) - Math.floor(from / 100)) * 12 + ((to % 100) - (from % 100));
}
