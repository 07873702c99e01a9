/**
 * Code tables of cadre accountability: how a household rates its cadre (满意度), how the rating
 * was taken, and what follows a cadre's place on the month's red or black list.
 */
import { defineTable, labelOf } from './code-table';

/** 满意 and 基本满意 count as satisfied in the satisfaction share; 不满意 does not. */
export const satisfaction = defineTable('satisfaction', '满意度', [
  { code: '1', label: '满意', aliases: ['非常满意', '很满意'] },
  { code: '2', label: '基本满意', aliases: ['比较满意', '一般'] },
  { code: '3', label: '不满意', aliases: ['不太满意', '很不满意'] },
]);
export const SATISFIED_CODES: readonly string[] = ['1', '2'];

/** The items a household rates besides the overall verdict. */
export const RATING_ITEMS = [
  { key: 'policy', label: '政策讲解' },
  { key: 'delivery', label: '帮扶落实' },
  { key: 'frequency', label: '走访频次' },
] as const;
export type RatingItemKey = (typeof RATING_ITEMS)[number]['key'];

export const ratingMethod = defineTable('ratingMethod', '评价方式', [
  { code: 'IN_PERSON', label: '入户当面评价', aliases: ['当面', '入户'] },
  { code: 'PHONE', label: '电话回访', aliases: ['电话'] },
  { code: 'MEETING', label: '群众座谈会', aliases: ['座谈'] },
]);

/** How a rating taken at a visit was taken, by the visit's type (走访方式). */
export const RATING_METHOD_OF_VISIT: Readonly<Record<string, string>> = { HOME: 'IN_PERSON', PHONE: 'PHONE', GATHERING: 'MEETING' };

export const cadreListKind = defineTable('cadreListKind', '榜单', [
  { code: 'RED', label: '红榜' },
  { code: 'BLACK', label: '黑榜' },
]);

/** 红榜, 黑榜, or 不上榜 for a cadre on neither list. */
export function cadreListLabel(list: string | null): string {
  return list ? labelOf(cadreListKind, list) : '不上榜';
}

/** What follows a listing (domain.md §8.1). Red: commendation; black: a talk, an admonition, a new cadre. */
export const cadreConsequence = defineTable('cadreConsequence', '奖惩措施', [
  { code: 'COMMEND', label: '通报表扬' },
  { code: 'COMMEND_ASSESS', label: '通报表扬并在年度考核中加分' },
  { code: 'TALK', label: '约谈' },
  { code: 'ADMONISH', label: '诫勉谈话' },
  { code: 'REPLACE', label: '调整帮扶责任人' },
  { code: 'NOTICE_CRITICISM', label: '通报批评' },
]);
export const RED_CONSEQUENCES: readonly string[] = ['COMMEND', 'COMMEND_ASSESS'];
export const BLACK_CONSEQUENCES: readonly string[] = ['TALK', 'ADMONISH', 'REPLACE', 'NOTICE_CRITICISM'];
