import { defineTable } from './code-table';

/**
 * The layouts the registry can be exported in: the county's three (household table, member table,
 * the 2022 list of lifted-out people) and our own import template, which re-imports unchanged.
 */
export const exportLayout = defineTable('exportLayout', '导出格式', [
  { code: 'national-household', label: '国家系统户表（53列）' },
  { code: 'national-member', label: '国家系统成员表（47列）' },
  { code: 'national-2022', label: '2022年已脱贫人口名单' },
  { code: 'template', label: '本系统导入模板格式' },
]);
export const EXPORT_LAYOUTS = ['national-household', 'national-member', 'national-2022', 'template'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

/** A written roster: the file, and how many households and sheet rows (people or households) it holds. */
export interface ExportFile {
  fileName: string;
  contentBase64: string;
  households: number;
  rows: number;
}

/** Which households an export took, as the clerk chose them (kept in the register). */
export interface ExportFilter {
  villageId?: number;
  groupId?: number;
  status?: string;
  attribute?: string;
  mainCause?: string;
  monitoringCategory?: string;
  q?: string;
  /** How many households were ticked; the ids themselves are in the register's household list. */
  selected?: number;
}

/** One line of the export register (导出登记). */
export interface ExportLogEntry {
  id: number;
  exportedAt: string;
  operator: string;
  layout: ExportLayout;
  filter: ExportFilter;
  /** The filter in words, for the register's table and the CLI: 行政村：石桥村；户状态：脱贫户. */
  scope: string;
  fileName: string;
  households: number;
  rows: number;
}

/** The households one export took, in the order they were written. */
export interface ExportLogHouseholds {
  exportId: number;
  householdIds: number[];
}
