/** Cadre accountability: households' ratings of their cadre, the cadre's month, and the cadres' red/black list. */
import type { RoundState, WorkflowRound } from './incentive.types';

export interface CadreRating {
  id: number;
  householdId: number;
  householdNo: string;
  headName: string;
  villageName: string;
  cadreId: number;
  cadreName: string;
  /** The visit it was taken at, if any. */
  visitId: number | null;
  ratedOn: string;
  /** satisfaction codes: '1' 满意, '2' 基本满意, '3' 不满意. */
  overall: string;
  policy: string | null;
  delivery: string | null;
  frequency: string | null;
  comment: string | null;
  method: string;
  recordedBy: string;
  /** A correction names the rating it replaces, and why. */
  supersedesId: number | null;
  correctionReason: string | null;
  /** Set when a later correction replaced this one: it no longer counts. */
  supersededById: number | null;
  createdAt: string;
}

/** A household of the cadre that has gone a cadence or more without a visit. */
export interface OverdueHousehold {
  householdId: number;
  householdNo: string;
  headName: string;
  villageName: string;
  lastVisitDate: string | null;
  cadenceMonths: number;
  /** Whole cadences missed by the day of the figures: 1 = one cadence overdue, 2 = two or more. */
  cadencesMissed: number;
}

export interface CadreAttendance {
  /** Days in the village the month requires (settings). */
  requiredDays: number;
  /** Days recorded for the month; null when nobody has entered them yet. */
  days: number | null;
  note: string | null;
}

/** One cadre's figures for one month, counted as of the month's last day (or today, in the current month). */
export interface CadreMonthFigures {
  cadreId: number;
  cadreName: string;
  role: string;
  unit: string;
  /** The village a posted cadre works in. */
  villageName: string | null;
  month: string;
  asOf: string;
  householdsPaired: number;
  /** Households whose cadence asked for a visit in the month, and how many of them had one. */
  visitsDue: number;
  visitsDone: number;
  /** visitsDone / visitsDue in percent, one decimal; null when nothing was due. */
  visitRate: number | null;
  /** Visits the cadre made in the month, to any household. */
  ownVisits: number;
  measures: number;
  ratings: { satisfied: number; basic: number; unsatisfied: number; rated: number };
  /** (满意 + 基本满意) / rated in percent, one decimal; null when no household rated in the window. */
  satisfaction: number | null;
  attendance: CadreAttendance | null;
  overdue: OverdueHousehold[];
}

export type CadreListKind = 'RED' | 'BLACK';

export interface CadreProposal {
  list: CadreListKind | null;
  /** Why, in Chinese, one line per condition met. */
  reasons: string[];
}

export interface CadreRankingRow extends CadreMonthFigures {
  rank: number;
  proposal: CadreProposal;
}

export interface CadreRanking {
  month: string;
  asOf: string;
  rows: CadreRankingRow[];
}

/** The thresholds that propose the cadres' list (settings). */
export interface CadreAssessmentSettings {
  redMinVisitRate: number;
  redMinSatisfaction: number;
  blackBelowSatisfaction: number;
  blackOverdueCadences: number;
  ratingWindowMonths: number;
  requiredAttendanceDays: number;
  blackBelowAttendanceDays: number;
}

export interface CadreListEntry {
  cadreId: number;
  cadreName: string;
  role: string;
  unit: string;
  villageName: string | null;
  proposed: CadreListKind | null;
  proposalReasons: string[];
  /** The decision: what the list says once adjusted; null = on neither list. */
  list: CadreListKind | null;
  /** Required when the decision differs from the proposal. */
  adjustReason: string | null;
  approver: string | null;
  consequence: string | null;
  consequenceNote: string | null;
  /** On the black list last month too (两次连续黑榜). */
  consecutiveBlack: boolean;
  /** The figures the proposal was made from, frozen when the draft was made or refreshed. */
  figures: CadreMonthFigures;
}

export interface CadreObjection {
  id: number;
  cadreId: number | null;
  text: string;
  raisedOn: string;
  resolution: string | null;
  resolvedOn: string | null;
  resolvedBy: string | null;
}

/** The township's cadre list of one month and where it is in the workflow. */
export interface CadreListRound extends WorkflowRound {
  objections: CadreObjection[];
  entries: CadreListEntry[];
}

/** Everything the cadre page shows for one month. */
export interface CadreMonth {
  figures: CadreMonthFigures;
  proposal: CadreProposal;
  ratings: CadreRating[];
  /** The cadre's places on past lists, newest first. */
  listHistory: { month: string; list: CadreListKind; state: RoundState; consequence: string | null; consecutiveBlack: boolean }[];
  /** Figures of the twelve months up to this one, oldest first, for the trend. */
  trend: { month: string; visitRate: number | null; satisfaction: number | null; overdue: number }[];
}

/**
 * What the township's bulletin of the month's cadre list prints (通报): names, units, roles, the
 * figures behind the listing and the consequence. No ID numbers, phones or household names.
 */
export interface CadreBulletinData {
  townshipName: string;
  month: string;
  /** 公示中 or 已定稿, and the publicity period. */
  stateLabel: string;
  publicityStart: string | null;
  publicityEnd: string | null;
  red: CadreBulletinLine[];
  black: CadreBulletinLine[];
  /** How many cadres were assessed, and the thresholds, for the bulletin's opening line. */
  assessed: number;
  thresholds: CadreAssessmentSettings;
  date: string;
}

export interface CadreBulletinLine {
  name: string;
  unit: string;
  roleLabel: string;
  villageName: string | null;
  householdsPaired: number;
  visitRate: number | null;
  satisfaction: number | null;
  /** The proposal's reasons, or the adjustment's reason when the committee decided otherwise. */
  reasons: string;
  consequenceLabel: string | null;
  consecutiveBlack: boolean;
}
