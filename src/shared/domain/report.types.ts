/**
 * The monthly report (巩固脱贫成果月报, domain.md §9.2). Every figure is a sum over the month's
 * households of what each household contributes (a count, its people, an amount), computed
 * from one row of facts per household. Those rows are what a month-end snapshot freezes, so a
 * closed month's report is recomputed from exactly what was closed.
 */
import type { Light } from '../rules/guarantees';

/** A household's state in the status ledger at a month's end. */
export interface ReportState {
  status: string;
  monitoringCategory: string | null;
  riskState: string | null;
}

/** One household's facts for one month: everything a figure of the report is computed from. */
export interface ReportHousehold {
  householdId: number;
  householdNo: string;
  villageId: number;
  /** The state in force at the month's end, and at the previous month's end (null: not yet registered). */
  state: ReportState;
  previous: ReportState | null;
  /** Members at the month's end. */
  people: number;
  /** Members who joined (born, married in, moved in) and left (died, moved out) during the month. */
  joinedThisMonth: number;
  leftThisMonth: number;
  dibaoPeople: number;
  tekunPeople: number;
  disabledPeople: number;
  attribute: string | null;
  mainCause: string | null;
  /** Per-capita net income of the latest year recorded up to the month's year, and the line it is judged by. */
  incomeYear: number | null;
  perCapitaFen: number | null;
  lineFen: number | null;
  /** The two-no-worries / three-guarantees / water lights at the month's end. */
  guarantees: Record<'foodClothing' | 'education' | 'medical' | 'housing' | 'water', Light>;
  measuresMonth: number;
  measuresMonthFen: number;
  measuresYear: number;
  measuresYearFen: number;
  subsidiesMonthFen: number;
  subsidiesYearFen: number;
  visitsMonth: number;
  /** Not visited within its cadence at the month's end. */
  visitOverdue: boolean;
  /** On the month's red or black list (absent in snapshots closed before the incentives area existed). */
  redThisMonth?: boolean;
  blackThisMonth?: boolean;
  /** Points earned or gifted, and redeemed, in the month. */
  pointsIssuedMonth?: number;
  pointsRedeemedMonth?: number;
}

/** A village as the report names it (kept in the snapshot: a village renamed later keeps its old name there). */
export interface ReportVillage {
  id: number;
  name: string;
}

/** A column: its header path (merged across the columns that share a prefix) and how its cells print. */
export interface ReportColumn {
  key: string;
  header: string[];
  /** Amounts are fen and print as yuan with two decimals; counts print as integers. */
  kind: 'count' | 'fen';
  /** The figure has no source yet (red/black list before the incentives area): the cell stays empty. */
  pending?: boolean;
}

export interface ReportRow {
  villageId: number | null;
  /** The village's name, or 合计 for the township. */
  label: string;
  values: number[];
}

export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  /** One row per village in the registry's order. */
  rows: ReportRow[];
  /** The township: the sum of the village rows. */
  total: ReportRow;
}

export interface MonthlyReport {
  /** 'YYYY-MM' */
  month: string;
  townshipName: string;
  countyName: string | null;
  /** Live data for an open month; the month-end snapshot for a closed one. */
  source: 'live' | 'snapshot';
  closedAt: string | null;
  closedBy: string | null;
  /** When the figures were computed (live) or frozen (snapshot). */
  asOf: string;
  tables: ReportTable[];
}

/** One close of a month: who closed it and when; reopened with a reason, the snapshot is kept. */
export interface MonthClose {
  id: number;
  month: string;
  closedAt: string;
  closedBy: string;
  households: number;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  /** What the closer confirmed, e.g. closing with open data-quality errors. */
  confirmedNote: string | null;
}

/** A written report file. */
export interface ReportFile {
  fileName: string;
  contentBase64: string;
}

/** 首页: this month's counters and the charts' series. */
export interface Dashboard {
  month: string;
  counters: {
    households: number;
    people: number;
    monitoredActive: number;
    newMonitoringThisMonth: number;
    eliminatedThisMonth: number;
    visitsThisMonth: number;
    visitsOverdue: number;
  };
  /** Households by status per village (the current month). */
  statusByVillage: { villageId: number; villageName: string; counts: Record<string, number> }[];
  /** Monitoring objects at each of the last 12 months' ends: risk not yet eliminated, and eliminated. */
  monitoringTrend: { month: string; active: number; eliminated: number }[];
  /** Households by main cause of poverty. */
  causes: { code: string; households: number }[];
  /** Households overdue for a visit per village. */
  visitsDueByVillage: { villageId: number; villageName: string; overdue: number }[];
}
