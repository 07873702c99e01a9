/** How the data-quality pages name severities and triggers, group the rules, and read their filters from a link. */
import type { LocationQuery } from 'vue-router';
import { QUALITY_GROUPS, type QualityGroup, type QualityRuleInfo, type QualitySeverity, type QualitySummary, type QualityTrigger } from '../../../shared/domain/quality.types';
import type { LedgerErrorBody } from '../../../shared/result';
import { qualityFindingsQuery } from '../../../shared/schemas/quality.schema';
import { idFromQuery } from '../route-query';

export const SEVERITY_LABELS: Record<QualitySeverity, string> = { error: '错误', warning: '提示' };
/** Element Plus tag types: 错误 red, 提示 orange. */
export const SEVERITY_TAG_TYPES = { error: 'danger', warning: 'warning' } as const satisfies Record<QualitySeverity, string>;

export const TRIGGER_LABELS: Record<QualityTrigger, string> = {
  manual: '手动运行',
  import: '导入花名册后自动检查',
  'month-close': '月末结账时检查',
  cli: '命令行运行',
};

export function triggerLabel(trigger: string): string {
  return (TRIGGER_LABELS as Record<string, string>)[trigger] ?? trigger;
}

/** 850 → “0.9 秒”, 2840 → “2.8 秒”, 65000 → “1 分 5 秒”. */
export function durationText(ms: number): string {
  if (ms < 60_000) return `${(Math.max(ms, 100) / 1000).toFixed(1)} 秒`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`;
}

export interface RuleRow {
  rule: QualityRuleInfo;
  open: number;
  acknowledged: number;
}

export interface RuleGroupRows {
  group: QualityGroup;
  title: string;
  rules: RuleRow[];
  /** Open findings of the group's rules shown. */
  open: number;
}

export interface RuleListOptions {
  /** Also list rules that found nothing (显示无疑点的规则). */
  showEmpty: boolean;
  /** Only rules of this severity. */
  severity: QualitySeverity | null;
  /** A rule whose findings are all marked checked still counts as having some (显示已核实). */
  includeAcknowledged: boolean;
}

/** The rules in QUALITY_GROUPS order, each with its counts; rules with nothing to show are left out unless asked for, and so are groups left empty. */
export function groupRules(summary: Pick<QualitySummary, 'rules' | 'counts'>, options: RuleListOptions): RuleGroupRows[] {
  const counts = new Map(summary.counts.map((c) => [c.ruleId, c]));
  const groups: RuleGroupRows[] = [];
  for (const group of Object.keys(QUALITY_GROUPS) as QualityGroup[]) {
    const rules = summary.rules
      .filter((r) => r.group === group && (options.severity === null || r.severity === options.severity))
      .map((rule) => ({ rule, open: counts.get(rule.id)?.open ?? 0, acknowledged: counts.get(rule.id)?.acknowledged ?? 0 }))
      .filter((row) => options.showEmpty || row.open > 0 || (options.includeAcknowledged && row.acknowledged > 0))
      .sort((a, b) => a.rule.id.localeCompare(b.rule.id));
    if (rules.length === 0) continue;
    groups.push({ group, title: QUALITY_GROUPS[group], rules, open: rules.reduce((sum, r) => sum + r.open, 0) });
  }
  return groups;
}

export interface QualityFilters {
  ruleId: string | null;
  villageId: number | null;
  severity: QualitySeverity | null;
}

/** The filters a link names (`/quality?ruleId=B01&villageId=3&severity=error`); values that are not valid are left out. */
export function qualityFiltersFromQuery(query: LocationQuery): QualityFilters {
  const ruleId = qualityFindingsQuery.shape.ruleId.safeParse(query.ruleId);
  const severity = qualityFindingsQuery.shape.severity.safeParse(query.severity);
  return {
    ruleId: typeof query.ruleId === 'string' && ruleId.success ? (ruleId.data ?? null) : null,
    villageId: idFromQuery(query.villageId),
    severity: typeof query.severity === 'string' && severity.success ? (severity.data ?? null) : null,
  };
}

/** The filters as the page's address carries them, leaving out those not set. */
export function qualityQuery(filters: QualityFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.ruleId) query.ruleId = filters.ruleId;
  if (filters.villageId) query.villageId = String(filters.villageId);
  if (filters.severity) query.severity = filters.severity;
  return query;
}

/** The open error findings a 月末结账 refusal names (`details.qualityErrors`), or null when it is refused for another reason. */
export function qualityErrorsOf(error: LedgerErrorBody): number | null {
  const n = error.details?.qualityErrors;
  return error.code === 'CONFLICT' && typeof n === 'number' && n > 0 ? n : null;
}
