/**
 * The household status life-cycle of both eras (domain.md §1.3) as a pure state machine.
 * A state is the 户状态 plus, from 2021, the monitoring category and risk state. Every change
 * is an event dated to a month; the app keeps the events and derives the state from them.
 */
import { householdStatus, labelOf, monitoringCategory } from '../domain';
import { defineTable } from '../domain/code-table';

export interface StatusState {
  status: string;
  monitoringCategory: string | null;
  riskState: string | null;
}

export const statusEventKind = defineTable('statusEventKind', '状态变更', [
  { code: 'REGISTER', label: '建档录入' },
  { code: 'PLAN_EXIT', label: '列为预脱贫', era: 'legacy' },
  { code: 'CANCEL_PLAN', label: '取消预脱贫', era: 'legacy' },
  { code: 'EXIT', label: '脱贫退出', era: 'legacy' },
  { code: 'POLICY_END', label: '不再享受政策' },
  { code: 'RETURN', label: '返贫', era: 'legacy' },
  { code: 'TRANSITION', label: '转为过渡期脱贫户', era: 'monitoring' },
  { code: 'START_MONITORING', label: '纳入监测', era: 'monitoring' },
  { code: 'ELIMINATE_RISK', label: '风险消除', era: 'monitoring' },
  { code: 'REMOVE', label: '清退（识别不准）' },
]);

export type StatusEventKind =
  | 'REGISTER' | 'PLAN_EXIT' | 'CANCEL_PLAN' | 'EXIT' | 'POLICY_END' | 'RETURN'
  | 'TRANSITION' | 'START_MONITORING' | 'ELIMINATE_RISK' | 'REMOVE';

export interface StatusEventInput {
  kind: StatusEventKind;
  /** YYYY-MM */
  month: string;
  monitoringCategory?: string | null;
  /** For ELIMINATE_RISK: 帮扶消除 or 自然消除. */
  eliminationMethod?: 'ASSISTED' | 'NATURAL' | null;
  /** For REGISTER: the state as first recorded. */
  initial?: StatusState;
}

/** The first month of the monitoring era: legacy statuses end, monitoring begins. */
export const MONITORING_ERA_START = '2021-01';

const LEGACY_OPEN = ['NOT_LIFTED', 'RETURNED'];
const LEGACY_LIFTED = ['LIFTED_POLICY', 'LIFTED_NO_POLICY'];
const MONITORING_LIFTED = ['LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD_NO_POLICY'];

type Transition = (s: StatusState, e: StatusEventInput) => StatusState | string;

function era(status: string) {
  return householdStatus.entries.find((x) => x.code === status)?.era;
}

/** Each kind: when it applies (a guard on the current state) and what it makes of it. */
const TRANSITIONS: Record<Exclude<StatusEventKind, 'REGISTER'>, { applies: (s: StatusState, month: string) => boolean; apply: Transition }> = {
  PLAN_EXIT: {
    applies: (s, m) => LEGACY_OPEN.includes(s.status) && m < MONITORING_ERA_START,
    apply: (s) => ({ ...s, status: 'PRE_LIFTED' }),
  },
  CANCEL_PLAN: {
    applies: (s, m) => s.status === 'PRE_LIFTED' && m < MONITORING_ERA_START,
    apply: (s) => ({ ...s, status: 'NOT_LIFTED' }),
  },
  EXIT: {
    applies: (s, m) => (s.status === 'PRE_LIFTED' || s.status === 'RETURNED') && m < MONITORING_ERA_START,
    apply: (s) => ({ ...s, status: 'LIFTED_POLICY' }),
  },
  POLICY_END: {
    applies: (s) => s.status === 'LIFTED_POLICY' || s.status === 'LIFTED_HOUSEHOLD',
    apply: (s) => ({ ...s, status: s.status === 'LIFTED_POLICY' ? 'LIFTED_NO_POLICY' : 'LIFTED_HOUSEHOLD_NO_POLICY' }),
  },
  RETURN: {
    applies: (s, m) => LEGACY_LIFTED.includes(s.status) && m < MONITORING_ERA_START,
    apply: (s) => ({ ...s, status: 'RETURNED' }),
  },
  TRANSITION: {
    // By the end of 2020 every registered household had exited; the transition period keeps them as 脱贫户.
    applies: (s, m) => era(s.status) === 'legacy' && s.status !== 'REMOVED' && m >= MONITORING_ERA_START,
    apply: (s) => ({ ...s, status: s.status === 'LIFTED_NO_POLICY' ? 'LIFTED_HOUSEHOLD_NO_POLICY' : 'LIFTED_HOUSEHOLD' }),
  },
  START_MONITORING: {
    applies: (s, m) => era(s.status) === 'monitoring' && s.riskState !== 'ACTIVE' && m >= MONITORING_ERA_START,
    apply: (s, e) => {
      const category = e.monitoringCategory ?? null;
      if (!category || !monitoringCategory.entries.some((c) => c.code === category)) return '纳入监测请选择监测对象类别';
      if (category === 'UNSTABLE' && !MONITORING_LIFTED.includes(s.status)) return '“脱贫不稳定户”只能是脱贫户；一般农户请选“边缘易致贫户”或“突发严重困难户”';
      if (category === 'MARGINAL' && s.status !== 'ORDINARY') return '“边缘易致贫户”只能是一般农户；脱贫户请选“脱贫不稳定户”或“突发严重困难户”';
      return { ...s, monitoringCategory: category, riskState: 'ACTIVE' };
    },
  },
  ELIMINATE_RISK: {
    applies: (s) => s.riskState === 'ACTIVE',
    apply: (s, e) => {
      if (e.eliminationMethod !== 'ASSISTED' && e.eliminationMethod !== 'NATURAL') return '风险消除请选择消除方式（帮扶消除或自然消除）';
      return { ...s, riskState: e.eliminationMethod === 'ASSISTED' ? 'ELIMINATED_ASSISTED' : 'ELIMINATED_NATURAL' };
    },
  },
  REMOVE: {
    applies: (s) => s.status !== 'REMOVED',
    apply: (s) => ({ ...s, status: 'REMOVED', riskState: s.riskState === 'ACTIVE' ? null : s.riskState }),
  },
};

/** The kinds of change open to a household in this state and month. */
export function allowedEvents(state: StatusState | null, month: string): StatusEventKind[] {
  if (state === null) return ['REGISTER'];
  return (Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]).filter((k) => TRANSITIONS[k].applies(state, month));
}

export function describeState(s: StatusState): string {
  const parts = [labelOf(householdStatus, s.status)];
  if (s.monitoringCategory) parts.push(`${labelOf(monitoringCategory, s.monitoringCategory)}${s.riskState === 'ACTIVE' ? '（风险未消除）' : s.riskState ? '（风险已消除）' : ''}`);
  return parts.join('，');
}

/** Applies one event; an illegal one is refused with the changes that are allowed instead. */
export function applyStatusEvent(state: StatusState | null, event: StatusEventInput): { ok: true; state: StatusState } | { ok: false; message: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(event.month)) return { ok: false, message: '变更月份应为“年-月”，如 2021-03' };
  if (event.kind === 'REGISTER') {
    if (state !== null) return { ok: false, message: '该户已建档，不能再次建档录入' };
    if (!event.initial) return { ok: false, message: '建档录入需要给出初始状态' };
    return { ok: true, state: event.initial };
  }
  if (state === null) return { ok: false, message: '该户还没有建档记录' };
  const transition = TRANSITIONS[event.kind];
  if (!transition.applies(state, event.month)) {
    const allowed = allowedEvents(state, event.month).map((k) => labelOf(statusEventKind, k));
    return {
      ok: false,
      message: `当前为“${describeState(state)}”，${event.month} 不能办理“${labelOf(statusEventKind, event.kind)}”；${allowed.length ? `可办理：${allowed.join('、')}` : '没有可办理的变更'}`,
    };
  }
  const next = transition.apply(state, event);
  return typeof next === 'string' ? { ok: false, message: next } : { ok: true, state: next };
}

/** Whether a household may start its history in this state in this month (the two eras do not mix). */
export function checkInitialState(state: StatusState, month: string): string | null {
  const stateEra = era(state.status);
  if (stateEra === 'legacy' && month >= MONITORING_ERA_START) {
    return `2021 年起不再使用“${labelOf(householdStatus, state.status)}”，请选择脱贫户或一般农户；录入历史档案时请把状态起始月份填在 2021 年以前`;
  }
  if (stateEra === 'monitoring' && month < MONITORING_ERA_START) {
    return `“${labelOf(householdStatus, state.status)}”是 2021 年起的户状态，状态起始月份不能早于 2021-01`;
  }
  return null;
}
