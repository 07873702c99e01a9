/**
 * Labels for values that are not code tables of the registry: the audit log's actions and the
 * kinds of record it names, the traffic lights of 两不愁三保障, and the two ways a monitoring
 * risk is eliminated (the contract's `eliminationMethod` has no code table of its own), and the
 * contact cards' print layouts.
 * Unknown values are shown as they are rather than hidden.
 */
import type { CardLayout } from '../../shared/domain/card.types';
import type { AuditEntry } from '../../shared/domain/registry.types';
import type { Light } from '../../shared/rules/guarantees';

const AUDIT_ACTIONS: Record<AuditEntry['action'], string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  migrate: '升级数据库',
  revoke: '撤销',
};

const AUDIT_ENTITIES: Record<string, string> = {
  household: '农户档案',
  member: '家庭成员',
  village: '行政村',
  group: '自然村（组）',
  settings: '设置',
  database: '数据库',
  seed: '演示数据',
  status_event: '状态变更',
  income: '年度收入',
  guarantee_survey: '住房饮水核查',
  poverty_line: '贫困（监测）标准',
  cadre: '帮扶责任人',
  pairing: '结对帮扶',
  measure: '帮扶措施',
  subsidy: '补贴资金',
  visit: '走访记录',
  export: '导出花名册',
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITIES[entity] ?? entity;
}

/** What each light says in words, so the colour is never the only signal. */
export const LIGHT_LABELS: Record<Light, string> = {
  ok: '有保障',
  problem: '存在问题',
  check: '请核实',
  unknown: '无法判断',
};

/** Element Plus's success / danger / warning / info colours, written out so the lamp keeps its colour outside the theme. */
export const LIGHT_COLORS: Record<Light, string> = {
  ok: '#67c23a',
  problem: '#f56c6c',
  check: '#e6a23c',
  unknown: '#909399',
};

export const ELIMINATION_METHODS = [
  { code: 'ASSISTED', label: '帮扶消除' },
  { code: 'NATURAL', label: '自然消除' },
] as const;
export type EliminationMethod = (typeof ELIMINATION_METHODS)[number]['code'];

export function eliminationMethodLabel(code: string | null | undefined): string {
  return ELIMINATION_METHODS.find((m) => m.code === code)?.label ?? '';
}

/** The contact cards' print layouts, in the order the print page offers them. */
export const CARD_LAYOUT_CHOICES: readonly { code: CardLayout; label: string; hint: string }[] = [
  { code: 'a4', label: 'A4 每页一张', hint: '字大，适合张贴' },
  { code: 'a4-2up', label: 'A4 每页两张（裁切）', hint: '每张 A4 纸印两户，沿虚线裁开' },
  { code: 'a5', label: 'A5 每页一张', hint: '用 A5 纸打印' },
];
