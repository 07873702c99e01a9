import type { IncomeComponents, IncomeFigures } from '../rules/income';
import type { Indicator } from '../rules/guarantees';
import type { StatusEventKind, StatusState } from '../rules/status-machine';

export interface StatusEvent extends StatusState {
  id: number;
  householdId: number;
  kind: StatusEventKind;
  /** YYYY-MM */
  month: string;
  eliminationMethod: 'ASSISTED' | 'NATURAL' | null;
  reason: string | null;
  recordedAt: string;
  operator: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface StatusHistory {
  householdId: number;
  current: StatusState | null;
  events: StatusEvent[];
  /** What may be done next this month (for the UI's buttons). */
  allowed: StatusEventKind[];
}

export interface StatusCount {
  status: string;
  households: number;
  people: number;
}

export interface MonitoringCount {
  monitoringCategory: string;
  riskState: string;
  households: number;
  people: number;
}

export interface StatusAsOf {
  month: string;
  households: number;
  people: number;
  byStatus: StatusCount[];
  byMonitoring: MonitoringCount[];
}

export interface FormerMember {
  id: number;
  name: string;
  idNumber: string;
  relationship: string;
  leftOn: string;
  leftReason: string;
}

export interface PovertyLine {
  id: number;
  year: number;
  level: string;
  kind: string;
  amountFen: number;
  region: string | null;
  source: string | null;
}

export interface IncomeYear extends IncomeComponents, IncomeFigures {
  id: number;
  householdId: number;
  year: number;
  /** The divisor used: the override when given, else members on record at the end of the year. */
  familySize: number;
  familySizeOverride: number | null;
  excluded: { category: string; amountFen: number; note: string | null }[];
  note: string | null;
  recordedAt: string;
  operator: string;
  /** How many times this year was recorded (earlier versions are kept). */
  versions: number;
  /** The line this year's figure is compared with, and the verdict; null when none is set. */
  line: PovertyLine | null;
  lineLabel: string | null;
  belowLine: boolean | null;
}

export interface GuaranteeReport {
  householdId: number;
  asOf: string;
  indicators: Indicator[];
  survey: { houseGrade: string | null; waterSafe: boolean | null; waterHard: boolean | null; recordedOn: string; note: string | null } | null;
}
