/**
 * Labels for values that are not code tables of the registry: the audit log's actions and the
 * kinds of record it names. Unknown values are shown as they are rather than hidden.
 */
import type { AuditEntry } from '../../shared/domain/registry.types';

const AUDIT_ACTIONS: Record<AuditEntry['action'], string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  migrate: '升级数据库',
};

const AUDIT_ENTITIES: Record<string, string> = {
  household: '农户档案',
  member: '家庭成员',
  village: '行政村',
  group: '自然村（组）',
  settings: '乡镇设置',
  database: '数据库',
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITIES[entity] ?? entity;
}
