import { householdFieldLabels, memberFieldLabels } from '../../../shared/domain/field-labels';
import type { HouseholdDetail, MemberDetail } from '../../../shared/domain/registry.types';

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, labels: Record<string, string>): string[] {
  return Object.keys(labels).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).map((key) => labels[key]!);
}

/** What an edit changed, in words a clerk reads in the audit log: “户状态；成员 张晓明：姓名、成员联系电话”. */
export function describeHouseholdChange(before: HouseholdDetail, after: HouseholdDetail): string {
  const parts: string[] = [];
  const own = changedFields(before as never, after as never, householdFieldLabels);
  if (own.length > 0) parts.push(own.join('、'));
  const old = new Map<number, MemberDetail>(before.members.map((m) => [m.id, m]));
  for (const m of after.members) {
    const was = old.get(m.id);
    if (!was) parts.push(`新增成员 ${m.name}`);
    else {
      const fields = changedFields(was as never, m as never, memberFieldLabels);
      if (fields.length > 0) parts.push(`成员 ${m.name}：${fields.join('、')}`);
    }
    old.delete(m.id);
  }
  for (const m of old.values()) parts.push(`移除成员 ${m.name}`);
  return parts.length > 0 ? parts.join('；') : '无内容变化';
}
