import type { HouseholdData, MemberData } from '../schemas/household.schema';

export interface VillageGroup {
  id: number;
  villageId: number;
  name: string;
  code: string | null;
  sort: number;
  householdCount: number;
}

export interface Village {
  id: number;
  name: string;
  code: string | null;
  sort: number;
  householdCount: number;
  groups: VillageGroup[];
}

/** One row of the household list. */
export interface HouseholdRow {
  id: number;
  householdNo: string;
  villageId: number;
  villageName: string;
  groupId: number | null;
  groupName: string | null;
  headName: string;
  headIdNumber: string | null;
  memberCount: number;
  status: string;
  attribute: string | null;
  mainCause: string | null;
  monitoringCategory: string | null;
  riskState: string | null;
  phone: string | null;
  updatedAt: string;
  deletedAt: string | null;
}

export type MemberDetail = Omit<MemberData, 'id' | 'sex' | 'birthDate'> & {
  id: number;
  sex: string;
  birthDate: string;
};

export type HouseholdDetail = Omit<HouseholdData, 'id' | 'householdNo' | 'members' | 'statusSince'> & {
  id: number;
  householdNo: string;
  villageName: string;
  groupName: string | null;
  members: MemberDetail[];
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export interface AuditEntry {
  id: number;
  at: string;
  operator: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'migrate' | 'revoke';
  entity: string;
  entityId: number | null;
  summary: string;
  before: unknown;
  after: unknown;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dbPath: string;
}
