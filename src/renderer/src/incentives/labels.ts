/** How the points and red/black list area names its states and kinds on screen. */
import type { Criterion, LedgerKind, ListKind, RoundState } from '../../../shared/domain/incentive.types';

/** The evaluation's workflow, in order: what each step is called and what it records. */
export const ROUND_STEPS: readonly { state: RoundState; label: string; hint: string }[] = [
  { state: 'draft', label: '草稿', hint: '村两委和信息员填写评议表' },
  { state: 'reviewed', label: '民主评议', hint: '村民代表会议评议，记下会议日期' },
  { state: 'publicised', label: '公示', hint: '在村务公开栏公示，期间可提出异议' },
  { state: 'final', label: '定稿', hint: '积分记入积分台账，评议表不再修改' },
];

export function roundStateLabel(state: RoundState): string {
  return ROUND_STEPS.find((s) => s.state === state)?.label ?? state;
}

export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  EARNED: '评议积分',
  GIFTED: '赠予积分',
  REDEEMED: '兑换物品',
  REVOKED: '撤销',
  CORRECTION: '更正',
};

export function ledgerKindLabel(kind: string): string {
  return (LEDGER_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export const LIST_LABELS: Record<ListKind, string> = { RED: '红榜', BLACK: '黑榜' };

/** Reasons clerks pick from (domain.md §8.1); any other can be typed. */
export const RED_REASONS = ['勤劳致富', '自强脱贫', '孝老爱亲', '环境卫生', '热心公益', '邻里和睦', '移风易俗', '遵纪守法'] as const;
export const BLACK_REASONS = ['不赡养老人', '乱倒垃圾', '赌博', '大操大办', '破坏公共财物', '好吃懒做', '其他'] as const;

/** A signed number as points are read: “+5”, “-3”, “0”. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** What a criterion's header says under its item: “+5/次，月上限10”, “-10/次”, “-3/次，月最多扣6”. */
export function criterionRuleText(c: Pick<Criterion, 'points' | 'monthlyCap'>): string {
  const each = `${signedPoints(c.points)}/次`;
  if (c.monthlyCap === null) return each;
  return c.points > 0 ? `${each}，月上限${c.monthlyCap}` : `${each}，月最多扣${c.monthlyCap}`;
}
