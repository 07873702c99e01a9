/**
 * The workflow bar's rules, shared by every list that goes draft → reviewed at a meeting →
 * publicised → final: the villages' points evaluation (民主评议) and the cadres' red/black list
 * (考核评议).
 */
import type { RoundState, WorkflowRound } from '../../../shared/domain/incentive.types';

export type NextStep = 'reviewed' | 'publicised' | 'final';

/** What the bar asks the page to send to the core's `…:advance`. */
export interface AdvanceRequest {
  to: NextStep;
  meetingDate?: string;
  publicityStart?: string;
  publicityDays?: number;
}

/** One step of the bar: its state, its title and the line under it before it is reached. */
export interface WorkflowStep {
  state: RoundState;
  label: string;
  hint: string;
}

export function nextStepOf(state: RoundState): NextStep | null {
  switch (state) {
    case 'draft':
      return 'reviewed';
    case 'reviewed':
      return 'publicised';
    case 'publicised':
      return 'final';
    default:
      return null;
  }
}

/** The points evaluation's actions (its meeting is 民主评议). */
export const NEXT_STEP_ACTIONS: Record<NextStep, string> = {
  reviewed: '记为已民主评议',
  publicised: '开始公示',
  final: '定稿',
};

/** The button's words for a step, with the list's own meeting: “记为已考核评议”. */
export function nextStepAction(to: NextStep, meetingLabel = '民主评议'): string {
  return to === 'reviewed' ? `记为已${meetingLabel}` : NEXT_STEP_ACTIONS[to];
}

/** The four steps of a list whose meeting is called `meetingLabel`, with the hints under them. */
export function workflowSteps(meetingLabel: string, hints: Record<RoundState, string>): WorkflowStep[] {
  return [
    { state: 'draft', label: '草稿', hint: hints.draft },
    { state: 'reviewed', label: meetingLabel, hint: hints.reviewed },
    { state: 'publicised', label: '公示', hint: hints.publicised },
    { state: 'final', label: '定稿', hint: hints.final },
  ];
}

/** A state's name on a list whose meeting is called `meetingLabel`. */
export function workflowStateLabel(state: RoundState, meetingLabel = '民主评议'): string {
  const labels: Record<RoundState, string> = { draft: '草稿', reviewed: meetingLabel, publicised: '公示', final: '定稿' };
  return labels[state] ?? state;
}

/** The last day of a publicity that starts on `start` and lasts `days` days (the first day counts). */
export function publicityEndOf(start: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m || !Number.isInteger(days) || days < 1) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days - 1));
  return date.toISOString().slice(0, 10);
}

/** Each step's line under the workflow bar: the meeting's date, the publicity's days, who finalised. */
export function stepDescriptions(round: WorkflowRound): Record<RoundState, string> {
  return {
    draft: round.state === 'draft' ? '填写中' : '已填写',
    reviewed: round.meetingDate ? `${round.meetingDate} 评议` : '',
    publicised: round.publicityStart ? `${round.publicityStart} 至 ${round.publicityEnd ?? ''}` : '',
    final: round.state === 'final' ? `${round.finalisedBy ?? ''} 定稿`.trim() : '',
  };
}

export function openObjections(round: Pick<WorkflowRound, 'objections'>): number {
  return round.objections.filter((o) => !o.resolvedOn).length;
}
