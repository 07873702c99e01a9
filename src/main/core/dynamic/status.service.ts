import type { ApiParsed } from '../../../shared/api';
import { labelOf } from '../../../shared/domain';
import type { StatusAsOf, StatusHistory } from '../../../shared/domain/dynamic.types';
import { LedgerError } from '../../../shared/result';
import { allowedEvents, applyStatusEvent, describeState, statusEventKind, type StatusState } from '../../../shared/rules/status-machine';
import type { AreaDeps } from '../area';
import type { StatusRepo } from './status.repo';

import { currentMonth } from '../clock';

export function createStatusService({ db, audit, places, now }: AreaDeps, repo: StatusRepo, liveHousehold: (id: number) => void) {
  function history(householdId: number): StatusHistory {
    const events = repo.all(householdId);
    const latest = repo.latest(householdId);
    const current = latest ? stateOf(latest) : null;
    return { householdId, current, events, allowed: current ? allowedEvents(current, currentMonth(now())) : [] };
  }

  return {
    history(householdId: number): StatusHistory {
      liveHousehold(householdId);
      return history(householdId);
    },

    /** The first event, written with the household itself (its audit entry covers both). */
    register(householdId: number, state: StatusState, month = currentMonth(now())): void {
      repo.insert(householdId, 'REGISTER', month, state, { eliminationMethod: null, reason: null, recordedAt: now().toISOString(), operator: places.operatorName() });
    },

    change: db.transaction((input: ApiParsed<'status:change'>): StatusHistory => {
      liveHousehold(input.householdId);
      const latest = repo.latest(input.householdId);
      if (latest && input.month < latest.month) {
        throw new LedgerError('VALIDATION', `变更月份 ${input.month} 早于上一次变更（${latest.month}）；如上一次有误，请先撤销它`, { issues: [{ path: 'month', message: `变更月份不能早于 ${latest.month}` }] });
      }
      const thisMonth = currentMonth(now());
      if (input.month > thisMonth) {
        throw new LedgerError('VALIDATION', `变更月份 ${input.month} 还没有到`, { issues: [{ path: 'month', message: `变更月份不能晚于本月（${thisMonth}）` }] });
      }
      const before = latest ? stateOf(latest) : null;
      const result = applyStatusEvent(before, input);
      if (!result.ok) throw new LedgerError('CONFLICT', result.message, { issues: [{ path: 'kind', message: result.message }] });
      const at = now().toISOString();
      const id = repo.insert(input.householdId, input.kind, input.month, result.state, { eliminationMethod: input.eliminationMethod, reason: input.reason, recordedAt: at, operator: places.operatorName() });
      repo.setHouseholdState(input.householdId, result.state, at);
      audit.record({
        action: 'create', entity: 'status_event', entityId: id, householdId: input.householdId,
        summary: `状态变更（${input.month}）：${labelOf(statusEventKind, input.kind)}，${before ? describeState(before) : ''} → ${describeState(result.state)}${input.reason ? `；原因：${input.reason}` : ''}`,
        before, after: { ...result.state, kind: input.kind, month: input.month },
      });
      return history(input.householdId);
    }),

    /** Corrections never erase: the latest event is marked revoked, with who, when and why. */
    revoke: db.transaction((input: ApiParsed<'status:revoke'>): StatusHistory => {
      liveHousehold(input.householdId);
      const latest = repo.latest(input.householdId);
      if (!latest) throw new LedgerError('NOT_FOUND', '该户没有可撤销的状态变更');
      if (latest.kind === 'REGISTER') throw new LedgerError('CONFLICT', '建档记录不能撤销；如整户识别不准，请办理“清退”');
      const at = now().toISOString();
      repo.revoke(latest.id, input.householdId, at, input.reason);
      const previous = repo.latest(input.householdId)!;
      repo.setHouseholdState(input.householdId, stateOf(previous), at);
      audit.record({
        action: 'revoke', entity: 'status_event', entityId: latest.id, householdId: input.householdId,
        summary: `撤销状态变更（${latest.month} ${labelOf(statusEventKind, latest.kind)}）：${input.reason}；恢复为 ${describeState(stateOf(previous))}`,
        before: latest, after: stateOf(previous),
      });
      return history(input.householdId);
    }),

    asOf(input: ApiParsed<'status:asOf'>): StatusAsOf {
      const { byStatus, byMonitoring } = repo.countsAsOf(input.month, input.villageId ?? null);
      return {
        month: input.month,
        households: byStatus.reduce((s, x) => s + x.households, 0),
        people: byStatus.reduce((s, x) => s + x.people, 0),
        byStatus,
        byMonitoring,
      };
    },

    householdAsOf(input: ApiParsed<'status:householdAsOf'>): StatusState | null {
      liveHousehold(input.householdId);
      const e = repo.latest(input.householdId, input.month);
      return e ? stateOf(e) : null;
    },
  };
}
export type StatusService = ReturnType<typeof createStatusService>;

function stateOf(e: StatusState): StatusState {
  return { status: e.status, monitoringCategory: e.monitoringCategory, riskState: e.riskState };
}
