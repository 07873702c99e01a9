/** The evaluation's next step as the workflow bar offers it. */
import type { EvaluationRound, RoundState } from '../../../shared/domain/incentive.types';

export type NextStep = 'reviewed' | 'publicised' | 'final';

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

export const NEXT_STEP_ACTIONS: Record<NextStep, string> = {
  reviewed: '记为已民主评议',
  publicised: '开始公示',
  final: '定稿',
};

/** The last day of a publicity that starts on `start` and lasts `days` days (the first day counts). */
export function publicityEndOf(start: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m || !Number.isInteger(days) || days < 1) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days - 1));
  return date.toISOString().slice(0, 10);
}

/** Each step's line under the workflow bar: the meeting's date, the publicity's days, who finalised. */
export function stepDescriptions(round: EvaluationRound): Record<RoundState, string> {
  return {
    draft: round.state === 'draft' ? '填写中' : '已填写',
    reviewed: round.meetingDate ? `${round.meetingDate} 评议` : '',
    publicised: round.publicityStart ? `${round.publicityStart} 至 ${round.publicityEnd ?? ''}` : '',
    final: round.state === 'final' ? `${round.finalisedBy ?? ''} 定稿`.trim() : '',
  };
}

export function openObjections(round: Pick<EvaluationRound, 'objections'>): number {
  return round.objections.filter((o) => !o.resolvedOn).length;
}
