import type { QualityRuleInfo } from '../../../shared/domain/quality.types';
import type { CheckContext, QHousehold, QMember } from './check-context';

/** One complaint: the record it is about and what is wrong, with the values the rule saw. */
export interface RuleFinding {
  householdId: number | null;
  memberId?: number | null;
  villageId?: number | null;
  /** Distinguishes two findings of one rule on one record (e.g. which phone number is shared). */
  key?: string;
  message: string;
}

export interface QualityRule extends QualityRuleInfo {
  check(ctx: CheckContext): RuleFinding[];
  /** Set on rules about one person at a time: the run asks every such rule while it holds that person. */
  testMember?: (m: QMember, ctx: CheckContext) => string | null;
  /** Set on rules about one household at a time, likewise. */
  testHousehold?: (h: QHousehold, members: readonly QMember[], ctx: CheckContext) => string | null;
}

type Info = Omit<QualityRuleInfo, 'scope'>;

/** A rule on each person of a live household today: `test` returns what is wrong, or null. */
export function memberRule(info: Info, test: (m: QMember, ctx: CheckContext) => string | null): QualityRule {
  return {
    ...info,
    scope: 'member',
    testMember: test,
    check(ctx) {
      const out: RuleFinding[] = [];
      for (const m of ctx.members()) {
        const message = test(m, ctx);
        if (message !== null) out.push({ householdId: m.householdId, memberId: m.id, message });
      }
      return out;
    },
  };
}

/** A rule on each live household, given its people today. */
export function householdRule(info: Info, test: (h: QHousehold, members: readonly QMember[], ctx: CheckContext) => string | null): QualityRule {
  return {
    ...info,
    scope: 'household',
    testHousehold: test,
    check(ctx) {
      const out: RuleFinding[] = [];
      const people = ctx.membersOf();
      for (const h of ctx.households()) {
        const message = test(h, people.get(h.id) ?? [], ctx);
        if (message !== null) out.push({ householdId: h.id, message });
      }
      return out;
    },
  };
}

/** Rules that compare records with each other (duplicates, shared numbers) write their own check. */
export function customRule(info: Info & { scope: QualityRuleInfo['scope'] }, check: (ctx: CheckContext) => RuleFinding[]): QualityRule {
  return { ...info, check };
}

// One formatter for the run: toLocaleString builds a new one at every call (0.3 ms each).
const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const yuan = (fen: number) => YUAN.format(fen / 100);
export const names = (ms: readonly { name: string }[]) => ms.map((m) => m.name).join('、');
