import type { ApiParsed } from '../../../shared/api';
import { HEAD_RELATIONSHIP, labelOf, memberChange } from '../../../shared/domain';
import type { FormerMember } from '../../../shared/domain/dynamic.types';
import type { HouseholdDetail } from '../../../shared/domain/registry.types';
import { LedgerError } from '../../../shared/result';
import { householdInput } from '../../../shared/schemas/household.schema';
import { toFieldIssues } from '../../../shared/schemas/issues';
import type { AreaDeps } from '../area';
import type { HouseholdsRepo } from '../registry/households.repo';

/**
 * 人员变更 as events: a member who dies or moves out keeps their row with the date and reason and
 * leaves the family size from that date; one who is born or moves in joins from a date.
 */
export function createMembersService({ db, audit, now }: AreaDeps, households: HouseholdsRepo) {
  const stmt = {
    leave: db.prepare<[string, string, string, number]>('UPDATE members SET left_on = ?, leave_reason = ?, updated_at = ? WHERE id = ?'),
    makeHead: db.prepare<[string, number]>(`UPDATE members SET relationship = '${HEAD_RELATIONSHIP}', updated_at = ? WHERE id = ?`),
    joinedOn: db.prepare<[number]>('SELECT joined_on FROM members WHERE id = ?'),
    former: db.prepare<[number]>(
      'SELECT id, name, id_number, relationship, left_on, leave_reason FROM members WHERE household_id = ? AND deleted_at IS NULL AND left_on IS NOT NULL ORDER BY left_on, id',
    ),
    familySizeAt: db.prepare<[number, string, string]>(
      `SELECT count(*) AS n FROM members WHERE household_id = ? AND deleted_at IS NULL
         AND (joined_on IS NULL OR joined_on <= ?) AND (left_on IS NULL OR left_on > ?)`,
    ),
  };

  function liveDetail(householdId: number): HouseholdDetail {
    const h = households.get(householdId);
    if (!h) throw new LedgerError('NOT_FOUND', `没有编号为 ${householdId} 的农户档案`);
    if (h.deletedAt) throw new LedgerError('CONFLICT', '该档案已删除，请先在回收站中恢复');
    return h;
  }

  const today = () => now().toISOString().slice(0, 10);

  return {
    familySizeAt(householdId: number, date: string): number {
      return (stmt.familySizeAt.get(householdId, date, date) as { n: number }).n;
    },

    former(householdId: number): FormerMember[] {
      liveDetail(householdId);
      return (stmt.former.all(householdId) as { id: number; name: string; id_number: string; relationship: string; left_on: string; leave_reason: string }[]).map((r) => ({
        id: r.id, name: r.name, idNumber: r.id_number, relationship: r.relationship, leftOn: r.left_on, leftReason: r.leave_reason,
      }));
    },

    leave: db.transaction((input: ApiParsed<'member:leave'>): HouseholdDetail => {
      const before = liveDetail(input.householdId);
      const member = before.members.find((m) => m.id === input.memberId);
      if (!member) throw new LedgerError('NOT_FOUND', '该成员不是这一户的在册成员', { issues: [{ path: 'memberId', message: '该成员不是这一户的在册成员' }] });
      if (input.date > today()) throw new LedgerError('VALIDATION', '变更日期不能晚于今天', { issues: [{ path: 'date', message: '变更日期不能晚于今天' }] });
      const joined = (stmt.joinedOn.get(member.id) as { joined_on: string | null }).joined_on;
      if (input.date < member.birthDate || (joined && input.date < joined)) {
        throw new LedgerError('VALIDATION', '变更日期早于该成员出生或迁入的日期', { issues: [{ path: 'date', message: '变更日期早于该成员出生或迁入的日期' }] });
      }
      const why = labelOf(memberChange, input.kind);
      let newHead: string | undefined;
      if (member.relationship === HEAD_RELATIONSHIP) {
        const successor = before.members.find((m) => m.id === input.newHeadMemberId && m.id !== member.id);
        if (!successor) {
          const message = before.members.length > 1 ? `户主${member.name}${why}后，须从其他在册成员中指定新户主` : `户主${member.name}是该户唯一在册成员；${why}后该户将无人在册，请改为删除或清退该户`;
          throw new LedgerError('VALIDATION', message, { issues: [{ path: 'newHeadMemberId', message }] });
        }
        stmt.makeHead.run(now().toISOString(), successor.id);
        newHead = successor.name;
      }
      const at = now().toISOString();
      stmt.leave.run(input.date, input.kind, at, member.id);
      const after = households.get(input.householdId)!;
      households.refreshSummary(after.id, after.householdNo, after.phone, after.members);
      audit.record({
        action: 'update', entity: 'member', entityId: member.id, householdId: input.householdId,
        summary: `成员减少：${member.name}（${why}，${input.date}）${newHead ? `；新户主：${newHead}，请核对其他成员的与户主关系` : ''}${input.note ? `；${input.note}` : ''}`,
        before: member, after: { leftOn: input.date, leaveReason: input.kind, newHeadMemberId: input.newHeadMemberId },
      });
      return households.get(input.householdId)!;
    }),

    join: db.transaction((input: ApiParsed<'member:join'>): HouseholdDetail => {
      const before = liveDetail(input.householdId);
      if (input.date > today()) throw new LedgerError('VALIDATION', '变更日期不能晚于今天', { issues: [{ path: 'date', message: '变更日期不能晚于今天' }] });
      if (input.member.relationship === HEAD_RELATIONSHIP) {
        const message = '新增成员不能直接设为户主；变更户主请在原户主减少时指定';
        throw new LedgerError('VALIDATION', message, { issues: [{ path: 'member.relationship', message }] });
      }
      // The whole family with the newcomer goes through the form's rules (one head, spouse, sex, IDs).
      const family = { ...before, groupId: before.groupId, members: [...before.members, input.member] };
      const parsed = householdInput.safeParse(family);
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error, family).map((i) => ({ ...i, path: i.path.replace(`members.${before.members.length}.`, 'member.') }));
        throw new LedgerError('VALIDATION', issues[0]?.message ?? '新增成员有误', { issues });
      }
      const newcomer = parsed.data.members[parsed.data.members.length - 1]!;
      if (input.kind === '06' && newcomer.birthDate !== null && input.date < newcomer.birthDate) {
        throw new LedgerError('VALIDATION', '新生儿的变更日期不能早于出生日期', { issues: [{ path: 'date', message: '新生儿的变更日期不能早于出生日期' }] });
      }
      const holder = households.personOwner(newcomer.idNumber);
      if (holder) {
        const message = `证件号码已登记在户编号 ${holder.household_no}（户主 ${holder.head_name}）；如是迁入，请先在原户办理迁出`;
        throw new LedgerError('CONFLICT', message, { issues: [{ path: 'member.idNumber', message }] });
      }
      const at = now().toISOString();
      const id = households.insertMember(input.householdId, newcomer, before.members.length, at, { on: input.date, reason: input.kind });
      const after = households.get(input.householdId)!;
      households.refreshSummary(after.id, after.householdNo, after.phone, after.members);
      audit.record({
        action: 'create', entity: 'member', entityId: id, householdId: input.householdId,
        summary: `成员增加：${newcomer.name}（${labelOf(memberChange, input.kind)}，${input.date}）${input.note ? `；${input.note}` : ''}`,
        after: newcomer,
      });
      return after;
    }),
  };
}
export type MembersService = ReturnType<typeof createMembersService>;
