import type { ApiParsed } from '../../../shared/api';
import { cadreRole, pairingEndReason, POSTED_ROLES } from '../../../shared/domain/assistance.codes';
import type { CadreDetail, Pairing, PairingAssignResult } from '../../../shared/domain/assistance.types';
import { labelOf } from '../../../shared/domain/code-table';
import { LedgerError, type FieldIssue } from '../../../shared/result';
import type { AreaDeps } from '../area';
import type { CadresRepo } from './cadres.repo';
import { localDateText } from './dates';
import { fieldError, fieldErrors } from './errors';
import type { HouseholdRef, HouseholdIssue, LiveHouseholds } from './live-households';
import type { PairingsRepo } from './pairings.repo';

type BatchIssue = HouseholdIssue | (FieldIssue & { code: 'VALIDATION' });

/** Cadres and who is responsible for which household, over time. */
export function createCadresService({ db, audit, places, now }: AreaDeps, cadres: CadresRepo, pairings: PairingsRepo, households: LiveHouseholds) {
  const today = () => localDateText(now());

  function mustGetCadre(id: number, path = 'id'): CadreDetail {
    const c = cadres.get(id);
    if (!c) throw fieldError('NOT_FOUND', path, `没有编号为 ${id} 的帮扶责任人`);
    return c;
  }

  /** A cadre who may take on work: on record and not deleted. */
  function liveCadre(id: number, path = 'cadreId'): CadreDetail {
    const c = mustGetCadre(id, path);
    if (c.deletedAt) throw fieldError('CONFLICT', path, `帮扶责任人“${c.name}”已删除，不能再安排帮扶或走访`);
    return c;
  }

  function checkAgainstLedger(c: ApiParsed<'cadre:save'>): void {
    if (c.villageId !== null) places.liveVillage(c.villageId);
    if (c.idNumber !== null) {
      const holder = cadres.liveByIdNumber(c.idNumber);
      if (holder && holder.id !== c.id) throw fieldError('CONFLICT', 'idNumber', `身份证号已登记在帮扶责任人“${holder.name}”名下`);
    }
    // A village has one first secretary in post at a time; the previous one's posting must end first.
    if (c.role === 'FIRST_SECRETARY' && c.villageId !== null && c.postingEnd === null) {
      const sitting = cadres.openFirstSecretary(c.villageId);
      if (sitting && sitting.id !== c.id) {
        throw fieldError('CONFLICT', 'villageId', `该村已有在任驻村第一书记“${sitting.name}”，请先填写其驻村结束日期`);
      }
    }
  }

  const save = db.transaction((c: ApiParsed<'cadre:save'>): CadreDetail => {
    const existing = c.id !== undefined ? mustGetCadre(c.id) : undefined;
    if (existing?.deletedAt) throw new LedgerError('CONFLICT', '该帮扶责任人已删除，不能修改');
    checkAgainstLedger(c);
    // Posted roles carry a village; a plain 帮扶责任人 does not, whatever the form sent.
    const data = POSTED_ROLES.includes(c.role) ? c : { ...c, villageId: null, postingStart: null, postingEnd: null };
    const at = now().toISOString();
    let id: number;
    if (existing) {
      id = existing.id;
      cadres.update(id, data, at);
    } else {
      id = cadres.insert(data, at);
    }
    const after = mustGetCadre(id);
    const role = labelOf(cadreRole, after.role);
    audit.record({
      action: existing ? 'update' : 'create',
      entity: 'cadre',
      entityId: id,
      summary: existing ? `修改${role}：${existing.name}（${after.unit}）` : `新增${role}：${after.name}（${after.unit}）`,
      before: existing,
      after,
    });
    return after;
  });

  const remove = db.transaction(({ id }: { id: number }) => {
    const c = mustGetCadre(id);
    if (c.deletedAt) throw new LedgerError('CONFLICT', `帮扶责任人“${c.name}”已删除`);
    const open = pairings.openCountOfCadre(id);
    if (open.n > 0) {
      const binned = open.binned > 0 ? `（其中 ${open.binned} 户在回收站中）` : '';
      throw new LedgerError('CONFLICT', `帮扶责任人“${c.name}”还在结对帮扶 ${open.n} 户${binned}，不能删除；请先结束这些结对或改派给其他帮扶责任人`);
    }
    cadres.setDeleted(id, now().toISOString());
    audit.record({ action: 'delete', entity: 'cadre', entityId: id, summary: `删除帮扶责任人：${c.name}（${c.unit}）`, before: c });
    return { id };
  });

  const assign = db.transaction((input: ApiParsed<'pairing:assign'>): PairingAssignResult => {
    if (input.startDate > today()) {
      throw fieldError('VALIDATION', 'startDate', `结对开始日期 ${input.startDate} 晚于今天，请在结对生效后再登记`);
    }
    const cadre = liveCadre(input.cadreId);

    // Check every household first, so the clerk sees all problems of a batch at once.
    const issues: BatchIssue[] = [];
    const plan: { household: HouseholdRef; open: Pairing | undefined }[] = [];
    for (const [i, householdId] of input.householdIds.entries()) {
      const path = `householdIds.${i}`;
      const found = households.find(householdId, path);
      if ('issue' in found) {
        issues.push(found.issue);
        continue;
      }
      const { household } = found;
      const open = pairings.openOfHousehold(householdId);
      // History is never rewritten: a new period starts on or after the last recorded day.
      const coveredUntil = open?.cadreId === cadre.id ? null : pairings.historyEnd(householdId);
      if (coveredUntil !== null && input.startDate < coveredUntil) {
        issues.push({
          code: 'VALIDATION',
          path,
          message: `户编号 ${household.householdNo}（户主 ${household.headName}）的结对记录已记到 ${coveredUntil}，新的结对开始日期不能早于这一天`,
        });
        continue;
      }
      plan.push({ household, open });
    }
    if (issues.length > 0) {
      throw fieldErrors(issues[0]!.code, issues.map(({ path, message }) => ({ path, message })));
    }

    const at = now().toISOString();
    const result: PairingAssignResult = { opened: [], ended: [], unchanged: [] };
    for (const { household, open } of plan) {
      const who = `户编号 ${household.householdNo}（户主 ${household.headName}）`;
      if (open?.cadreId === cadre.id) {
        result.unchanged.push(household.id);
        continue;
      }
      if (open) {
        pairings.end(open.id, input.startDate, 'REASSIGNED', null, at);
        const ended = pairings.get(open.id)!;
        audit.record({
          action: 'update', entity: 'pairing', entityId: open.id, householdId: household.id,
          summary: `结束结对：${who}，原帮扶责任人 ${open.cadreName}，${input.startDate} 起改由 ${cadre.name} 帮扶`,
          before: open, after: ended,
        });
        result.ended.push(ended);
      }
      const opened = pairings.get(pairings.insert(cadre.id, household.id, input.startDate, at))!;
      audit.record({
        action: 'create', entity: 'pairing', entityId: opened.id, householdId: household.id,
        summary: `结对帮扶：${who}由 ${cadre.name}（${cadre.unit}）帮扶，自 ${input.startDate} 起`,
        after: opened,
      });
      result.opened.push(opened);
    }
    return result;
  });

  const end = db.transaction((input: ApiParsed<'pairing:end'>): Pairing => {
    const before = pairings.get(input.id);
    if (!before) throw fieldError('NOT_FOUND', 'id', `没有编号为 ${input.id} 的结对记录`);
    if (before.endDate !== null) throw new LedgerError('CONFLICT', `该结对已于 ${before.endDate} 结束，不能再次结束`);
    if (input.endDate < before.startDate) {
      throw fieldError('VALIDATION', 'endDate', `结对结束日期 ${input.endDate} 不能早于开始日期 ${before.startDate}`);
    }
    if (input.endDate > today()) throw fieldError('VALIDATION', 'endDate', `结对结束日期 ${input.endDate} 晚于今天，请到时再登记`);
    pairings.end(before.id, input.endDate, input.reason, input.note, now().toISOString());
    const after = pairings.get(before.id)!;
    audit.record({
      action: 'update', entity: 'pairing', entityId: before.id, householdId: before.householdId,
      summary: `结束结对：户编号 ${before.householdNo}（户主 ${before.headName}），帮扶责任人 ${before.cadreName}，${input.endDate} 结束（${labelOf(pairingEndReason, input.reason)}）`,
      before, after,
    });
    return after;
  });

  return {
    liveCadre,
    list: (q: ApiParsed<'cadre:list'>) => cadres.list(q),
    get: (id: number) => mustGetCadre(id),
    save,
    remove,
    assign,
    end,
    history: (q: ApiParsed<'pairing:history'>) => pairings.history(q),
    unpaired: (q: ApiParsed<'household:unpaired'>) => pairings.unpaired(q),
  };
}
export type CadresService = ReturnType<typeof createCadresService>;
