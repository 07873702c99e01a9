/** What the assistance area's contract methods return. Money is integer fen, dates 'YYYY-MM-DD'. */
import type { VisitCadence } from '../schemas/assistance.schema';
import type { Page } from './registry.types';

/** A cadre as lists show it: the ID number only masked (domain.md §11), plus the current load. */
export interface CadreRow {
  id: number;
  name: string;
  sex: string;
  /** `110105********002X`; null when no ID number is on record. */
  maskedIdNumber: string | null;
  role: string;
  unit: string;
  affiliation: string;
  position: string | null;
  /** In full: it is printed on the households' contact cards. */
  phone: string | null;
  dispatchingUnit: string | null;
  teamName: string | null;
  villageId: number | null;
  villageName: string | null;
  postingStart: string | null;
  postingEnd: string | null;
  /** Households the cadre is responsible for now (open pairings). */
  openPairings: number;
  deletedAt: string | null;
}

/** One cadre for the edit form: the full ID number, which the list never returns. */
export interface CadreDetail extends Omit<CadreRow, 'maskedIdNumber'> {
  idNumber: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * One cadre ↔ household pairing. The period is [startDate, endDate): the day a pairing ends
 * is the day the next cadre starts, so on any date a household has at most one cadre.
 */
export interface Pairing {
  id: number;
  cadreId: number;
  cadreName: string;
  cadreUnit: string;
  cadrePhone: string | null;
  householdId: number;
  householdNo: string;
  headName: string;
  villageId: number;
  villageName: string;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  endNote: string | null;
}

export interface PairingAssignResult {
  /** The pairings opened by this call. */
  opened: Pairing[];
  /** Other cadres' pairings this call ended at the new start date. */
  ended: Pairing[];
  /** Households already paired with this cadre: left as they were. */
  unchanged: number[];
}

/** A live household without a cadre today. */
export interface UnpairedHousehold {
  id: number;
  householdNo: string;
  headName: string;
  villageId: number;
  villageName: string;
  groupName: string | null;
  status: string;
  monitored: boolean;
  memberCount: number;
}

/** Fields the ledger keeps on every measure and subsidy row. */
interface HouseholdRecordRow {
  id: number;
  householdId: number;
  householdNo: string;
  headName: string;
  villageId: number;
  villageName: string;
  createdAt: string;
  /** Set when the row was revoked as a correction; the row itself is kept. */
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface MeasureRow extends HouseholdRecordRow {
  category: string;
  item: string;
  date: string;
  amountFen: number | null;
  helpingUnit: string | null;
  note: string | null;
}

export interface SubsidyRow extends HouseholdRecordRow {
  category: string;
  amountFen: number;
  date: string;
  source: string;
  note: string | null;
}

/** A page of money rows with the sum of every row matching the filter (not just this page). */
export interface AmountPage<T> extends Page<T> {
  totalAmountFen: number;
}

export interface VisitRow {
  id: number;
  householdId: number;
  householdNo: string;
  headName: string;
  villageId: number;
  villageName: string;
  cadreId: number;
  cadreName: string;
  date: string;
  type: string;
  purposes: string[];
  findings: string | null;
  riskFlags: string[];
  measuresDelivered: string | null;
  nextVisitDate: string | null;
  /** Whether the visitor was the household's paired cadre on that day (any live cadre may visit). */
  byPairedCadre: boolean;
  createdAt: string;
}

/** A household whose last visit is older than its cadence, or that was never visited. */
export interface VisitDueRow {
  householdId: number;
  householdNo: string;
  headName: string;
  villageId: number;
  villageName: string;
  /** An active monitoring object: visited on the monitoring cadence. */
  monitored: boolean;
  cadenceMonths: number;
  lastVisitDate: string | null;
  /** Days by which the last visit is older than the cadence allows (≥ 1); null when never visited. */
  daysOverdue: number | null;
  cadreId: number | null;
  cadreName: string | null;
}

export interface VisitDuePage extends Page<VisitDueRow> {
  asOf: string;
  cadence: VisitCadence;
}
