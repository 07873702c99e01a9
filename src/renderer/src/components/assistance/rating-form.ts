/**
 * The rating a household gives its cadre (满意度), as the forms hold it and as tables show it.
 * Shared by the visit dialog, the rating dialog, the household's 满意度评价 list and the cadre page.
 */
import { labelOf } from '../../../../shared/domain/code-table';
import { RATING_ITEMS, ratingMethod, satisfaction } from '../../../../shared/domain/cadre-assessment.codes';
import type { CadreRating } from '../../../../shared/domain/cadre-assessment.types';

/** What the rating fields edit: codes as text, '' for “not answered”. */
export interface RatingDraft {
  overall: string;
  policy: string;
  delivery: string;
  frequency: string;
  comment: string;
}

export const blankRating = (): RatingDraft => ({ overall: '', policy: '', delivery: '', frequency: '', comment: '' });

/** The draft of an existing rating, for a correction that starts from what was recorded. */
export function draftOf(rating: Pick<CadreRating, 'overall' | 'policy' | 'delivery' | 'frequency' | 'comment'>): RatingDraft {
  return {
    overall: rating.overall,
    policy: rating.policy ?? '',
    delivery: rating.delivery ?? '',
    frequency: rating.frequency ?? '',
    comment: rating.comment ?? '',
  };
}

/**
 * The answers as the contract's `ratingAnswers` reads them. An unanswered overall verdict is left
 * out (so the schema says “请选择总体满意度”, not that '' is no code); unanswered items are null.
 */
export function answersOf(draft: RatingDraft) {
  return {
    overall: draft.overall || undefined,
    policy: draft.policy || null,
    delivery: draft.delivery || null,
    frequency: draft.frequency || null,
    comment: draft.comment,
  };
}

export const satisfactionLabel = (code: string | null | undefined): string => (code ? labelOf(satisfaction, code) : '');
export const ratingMethodLabel = (code: string | null | undefined): string => labelOf(ratingMethod, code);

/** “政策讲解：满意；帮扶落实：基本满意”, only the items the household answered. */
export function ratingItemsText(rating: Pick<CadreRating, 'policy' | 'delivery' | 'frequency'>): string {
  return RATING_ITEMS.filter((item) => rating[item.key])
    .map((item) => `${item.label}：${satisfactionLabel(rating[item.key])}`)
    .join('；');
}

/** 96.5 → “96.5%”; null → the given words. */
export function percentText(value: number | null | undefined, none = '—'): string {
  return value === null || value === undefined ? none : `${value}%`;
}
