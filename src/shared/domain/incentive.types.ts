/** Red/black lists and points (domain.md §8). Points are whole numbers; dates 'YYYY-MM-DD'; months 'YYYY-MM'. */

export interface Criterion {
  id: number;
  /** The same criterion across its versions. */
  ruleKey: string;
  version: number;
  dimension: string;
  item: string;
  /** Positive: earned; negative: a deduction. */
  points: number;
  /** Points a household can get (or lose) from this criterion in one month; null: no cap. */
  monthlyCap: number | null;
  evidenceRequired: boolean;
  sort: number;
  retiredAt: string | null;
}

export type RoundState = 'draft' | 'reviewed' | 'publicised' | 'final';

export interface EvaluationEntry {
  id: number;
  householdId: number;
  criterionId: number;
  times: number;
  /** The criterion's points × times, held to its monthly cap. */
  points: number;
  note: string | null;
  recordedBy: string;
}

export interface Objection {
  id: number;
  householdId: number | null;
  text: string;
  raisedOn: string;
  resolution: string | null;
  resolvedOn: string | null;
  resolvedBy: string | null;
}

/**
 * Where a month's list is in the workflow both lists share (households' points and the cadres'
 * red/black list): draft → reviewed at a meeting → publicised → final.
 */
export interface WorkflowRound {
  id: number | null;
  month: string;
  state: RoundState;
  meetingDate: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  reviewedBy: string | null;
  publicisedBy: string | null;
  finalisedBy: string | null;
  objections: { id: number; text: string; raisedOn: string; resolution: string | null; resolvedOn: string | null; resolvedBy: string | null }[];
}

/** A village's evaluation of one month: the grid (households × criteria) and where it is in the workflow. */
export interface EvaluationRound extends WorkflowRound {
  villageId: number;
  villageName: string;
  /** The criteria the grid's columns are: the versions the entries used, else the current ones. */
  criteria: Criterion[];
  households: { id: number; householdNo: string; headName: string; groupName: string | null; total: number }[];
  entries: EvaluationEntry[];
  objections: Objection[];
}

export type LedgerKind = 'EARNED' | 'GIFTED' | 'REDEEMED' | 'REVOKED' | 'CORRECTION';

export interface LedgerEntry {
  id: number;
  householdId: number;
  kind: LedgerKind;
  points: number;
  occurredOn: string;
  reason: string;
  reversesId: number | null;
  recordedBy: string;
  recordedAt: string;
}

export interface PointsBalance {
  householdId: number;
  asOf: string;
  balance: number;
  earned: number;
  gifted: number;
  redeemed: number;
  revoked: number;
}

export interface RankingRow {
  rank: number;
  householdId: number;
  householdNo: string;
  headName: string;
  /** Points of the month's final (or, before that, draft) evaluation. */
  monthPoints: number;
  balance: number;
}

export interface ShopItem {
  id: number;
  name: string;
  unit: string;
  pointsPrice: number;
  stock: number;
}

export interface Redemption {
  id: number;
  householdId: number;
  redeemedOn: string;
  points: number;
  lines: { itemId: number; name: string; qty: number; points: number }[];
  operator: string;
  balanceAfter: number;
}

export type ListKind = 'RED' | 'BLACK';

export interface RedBlackEntry {
  id: number;
  month: string;
  villageId: number;
  householdId: number;
  householdNo: string;
  headName: string;
  list: ListKind;
  reasonCategory: string;
  description: string;
  approver: string;
  approvedOn: string;
  published: boolean;
  rewardFen: number | null;
  rewardGoods: string | null;
  rewardPaidOn: string | null;
  sanction: string | null;
  sanctionStart: string | null;
  sanctionEnd: string | null;
  delistedOn: string | null;
  delistReason: string | null;
}

/** A household proposed for a list from the month's points, for the committee to confirm or change. */
export interface ListProposal {
  list: ListKind;
  householdId: number;
  householdNo: string;
  headName: string;
  monthPoints: number;
}

/**
 * What a red/black list publicity sheet prints (domain.md §8.1, §11): names and deeds on the red
 * list, names only on the black list; never an ID number, a phone, health or a photo. Entries
 * kept unpublished or delisted are not on it.
 */
export interface PublicityData {
  townshipName: string;
  villageName: string;
  month: string;
  /** The publicity period, when the month's evaluation has one. */
  publicityStart: string | null;
  publicityEnd: string | null;
  red: { name: string; groupName: string | null; reasonCategory: string; description: string }[];
  black: { name: string; groupName: string | null }[];
  /** The date printed at the foot: 村民委员会 and the date. */
  date: string;
}
