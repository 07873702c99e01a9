import type { ApiParsed } from '../../../shared/api';
import type { HouseholdDetail } from '../../../shared/domain/registry.types';
import type { HouseholdData } from '../../../shared/schemas/household.schema';
import type { FieldIssue } from '../../../shared/result';
import { LedgerError } from '../../../shared/result';
import { checkInitialState } from '../../../shared/rules/status-machine';
import { currentMonth } from '../clock';
import type { AuditRepo } from '../audit/audit.repo';
import type { Db } from '../db/connection';
import { describeHouseholdChange } from './household-diff';
import type { HouseholdsRepo } from './households.repo';
import type { PlacesService } from './places.service';

/** Households without a national number yet get a temporary one the clerk can replace later. */
export const TEMPORARY_NO_PREFIX = 'LS';

/** The household's status is owned by its status events; the registry only opens the first one. */
export interface StatusKeeper {
  register(householdId: number, state: { status: string; monitoringCategory: string | null; riskState: string | null }, month: string): void;
}

export function createRegistryService(db: Db, repo: HouseholdsRepo, places: PlacesService, audit: AuditRepo, now: () => Date, statuses: StatusKeeper) {
  function mustGet(id: number): HouseholdDetail {
    const h = repo.get(id);
    if (!h) throw new LedgerError('NOT_FOUND', `没有编号为 ${id} 的农户档案`);
    return h;
  }

  /** The registry-wide rules the schema cannot see: places exist, numbers and IDs are unique. */
  function checkAgainstRegistry(h: HouseholdData, existing: HouseholdDetail | undefined): void {
    places.liveVillage(h.villageId);
    if (h.groupId !== null) {
      const g = places.liveGroup(h.groupId);
      if (g.village_id !== h.villageId) {
        throw new LedgerError('VALIDATION', `“${g.name}”不属于所选行政村`, { issues: [{ path: 'groupId', message: `“${g.name}”不属于所选行政村` }] });
      }
    }
    if (h.householdNo !== null) {
      const owner = repo.idByHouseholdNo(h.householdNo);
      if (owner !== undefined && owner !== existing?.id) {
        const message = `户编号 ${h.householdNo} 已被其他农户使用`;
        throw new LedgerError('CONFLICT', message, { issues: [{ path: 'householdNo', message }] });
      }
    }
    const ownIds = new Set(existing?.members.map((m) => m.id) ?? []);
    const issues: FieldIssue[] = [];
    h.members.forEach((m, i) => {
      if (m.id !== undefined && !ownIds.has(m.id)) {
        issues.push({ path: `members.${i}.id`, message: `第 ${i + 1} 名成员不属于这一户，请刷新后重试` });
        return;
      }
      const holder = repo.personOwner(m.idNumber);
      if (holder && holder.id !== m.id) {
        const where = holder.household_id === existing?.id ? '本户另一名成员' : `户编号 ${holder.household_no}（户主 ${holder.head_name}）`;
        const trash = holder.household_deleted_at ? '，该户在回收站中，可恢复后修改' : '';
        issues.push({ path: `members.${i}.idNumber`, message: `第 ${i + 1} 名成员（${m.name}）的证件号码已登记在${where}${trash}` });
      }
    });
    if (issues.length > 0) throw new LedgerError('CONFLICT', issues[0]!.message, { issues });
  }

  const save = db.transaction((h: HouseholdData): HouseholdDetail => {
    const existing = h.id !== undefined ? mustGet(h.id) : undefined;
    if (existing?.deletedAt) throw new LedgerError('CONFLICT', '该档案已删除，请先在回收站中恢复再修改');
    if (existing && (existing.status !== h.status || existing.monitoringCategory !== h.monitoringCategory || existing.riskState !== h.riskState)) {
      const message = '户状态、监测对象类别和风险状态请在“状态变更”中办理，以便留下带月份的变更记录';
      throw new LedgerError('CONFLICT', message, { issues: [{ path: 'status', message }] });
    }
    checkAgainstRegistry(h, existing);
    const at = now().toISOString();
    const thisMonth = currentMonth(now());
    const since = h.statusSince ?? thisMonth;
    if (!existing) {
      const problem = since > thisMonth ? `状态起始月份 ${since} 还没有到` : checkInitialState({ status: h.status, monitoringCategory: h.monitoringCategory, riskState: h.riskState }, since);
      if (problem) throw new LedgerError('VALIDATION', problem, { issues: [{ path: h.statusSince ? 'statusSince' : 'status', message: problem }] });
    }

    let id: number;
    let householdNo: string;
    if (existing) {
      id = existing.id;
      householdNo = h.householdNo ?? existing.householdNo;
      repo.update(id, h, householdNo, at);
    } else {
      // The temporary number is built from the row id, so it is set right after the insert.
      id = repo.insert(h, h.householdNo ?? `${TEMPORARY_NO_PREFIX}-provisional`, at);
      householdNo = h.householdNo ?? `${TEMPORARY_NO_PREFIX}${String(id).padStart(9, '0')}`;
      if (h.householdNo === null) repo.setHouseholdNo(id, householdNo);
      statuses.register(id, { status: h.status, monitoringCategory: h.monitoringCategory, riskState: h.riskState }, since);
    }

    const kept = new Set<number>();
    // Removed members first, so a person moved between rows never collides with themselves.
    for (const old of existing?.members ?? []) {
      if (!h.members.some((m) => m.id === old.id)) repo.deleteMember(old.id, at);
    }
    h.members.forEach((m, sort) => {
      if (m.id !== undefined) {
        repo.updateMember(id, m.id, m, sort, at);
        kept.add(m.id);
      } else {
        kept.add(repo.insertMember(id, m, sort, at));
      }
    });
    repo.refreshSummary(id, householdNo, h.phone, h.members);

    const after = mustGet(id);
    const head = after.members.find((m) => m.relationship === '01');
    audit.record({
      action: existing ? 'update' : 'create',
      entity: 'household',
      entityId: id,
      summary: existing
        ? `修改农户档案：户编号 ${householdNo}，户主 ${head?.name ?? ''}（${describeHouseholdChange(existing, after)}）`
        : `新增农户档案：户编号 ${householdNo}，户主 ${head?.name ?? ''}，${after.members.length} 人`,
      before: existing,
      after,
    });
    return after;
  });

  return {
    get(id: number): HouseholdDetail {
      return mustGet(id);
    },
    list(q: ApiParsed<'household:list'>) {
      return repo.list(q);
    },
    save,
    delete: db.transaction(({ id }: { id: number }) => {
      const h = mustGet(id);
      if (h.deletedAt) throw new LedgerError('CONFLICT', '该档案已在回收站中');
      const at = now().toISOString();
      repo.setDeleted(id, at, at);
      audit.record({ action: 'delete', entity: 'household', entityId: id, summary: `删除农户档案：户编号 ${h.householdNo}，户主 ${headName(h)}`, before: h });
      return { id };
    }),
    restore: db.transaction(({ id }: { id: number }): HouseholdDetail => {
      const h = mustGet(id);
      if (!h.deletedAt) throw new LedgerError('CONFLICT', '该档案没有被删除，无需恢复');
      for (const m of h.members) {
        const holder = repo.personOwner(m.idNumber);
        if (holder && holder.id !== m.id) {
          throw new LedgerError('CONFLICT', `不能恢复：成员 ${m.name} 的证件号码已登记在户编号 ${holder.household_no}（户主 ${holder.head_name}）`);
        }
      }
      const at = now().toISOString();
      repo.setDeleted(id, null, at);
      const after = mustGet(id);
      audit.record({ action: 'restore', entity: 'household', entityId: id, summary: `恢复农户档案：户编号 ${h.householdNo}，户主 ${headName(h)}`, before: h, after });
      return after;
    }),
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;

function headName(h: HouseholdDetail): string {
  return h.members.find((m) => m.relationship === '01')?.name ?? h.members[0]?.name ?? '';
}
