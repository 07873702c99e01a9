/**
 * 数据质量检查 (疑点数据, domain.md §10): rules, their findings, and the clerk's "checked,
 * correct" marks. A finding is one rule's complaint about one record (member, household or
 * village); its `basis` is what the rule saw, so a mark stays quiet only while that is unchanged.
 */
export type QualitySeverity = 'error' | 'warning';
export type QualityScope = 'member' | 'household' | 'village';

/** Groups A–I follow domain.md §10; J is the life-cycle group; X the fake-exit patterns. */
export const QUALITY_GROUPS = {
  A: '身份与重复',
  B: '家庭结构',
  C: '教育、年龄与劳动力',
  D: '务工就业',
  E: '保险与社会保障',
  F: '致贫原因',
  G: '收入',
  H: '住房与饮水',
  I: '监测帮扶过程',
  X: '虚假脱贫与优亲厚友疑点',
  V: '行政村',
} as const;
export type QualityGroup = keyof typeof QUALITY_GROUPS;

export interface QualityRuleInfo {
  /** Stable id, e.g. `A01`; the CLI's JSON and the workbook's sheet names use it. */
  id: string;
  group: QualityGroup;
  title: string;
  /** Why it matters and what to check, in Chinese. */
  explanation: string;
  severity: QualitySeverity;
  scope: QualityScope;
  /** Where the rule comes from (domain.md §10 item and the real tools' ids). */
  source: string;
}

export interface QualityFinding {
  id: number;
  ruleId: string;
  severity: QualitySeverity;
  scope: QualityScope;
  householdId: number | null;
  householdNo: string | null;
  villageId: number | null;
  villageName: string | null;
  groupName: string | null;
  headName: string | null;
  memberId: number | null;
  memberName: string | null;
  /** The member's 证件号码, for member rules (clerk's screens and the CLI only, never printed for the public). */
  idNumber: string | null;
  /** What is wrong, with the values the rule saw. */
  message: string;
  /** Set when a clerk has marked this finding "checked, correct" and the data has not changed since. */
  acknowledgement: QualityAcknowledgement | null;
}

export interface QualityAcknowledgement {
  id: number;
  note: string;
  by: string;
  at: string;
}

export type QualityTrigger = 'manual' | 'import' | 'month-close' | 'cli';

export interface QualityRuleCount {
  ruleId: string;
  /** Findings not marked checked. */
  open: number;
  /** Findings marked "checked, correct" (quiet). */
  acknowledged: number;
}

export interface QualityRun {
  id: number;
  ranAt: string;
  trigger: QualityTrigger;
  operator: string;
  durationMs: number;
  households: number;
  /** Open findings by severity (marked ones are not counted). */
  errors: number;
  warnings: number;
  acknowledged: number;
}

export interface QualitySummary {
  /** The latest run, or null before the first. */
  run: QualityRun | null;
  rules: QualityRuleInfo[];
  counts: QualityRuleCount[];
}
