/** Contact cards: settings and the preview answer at once; the PDF is a job (see AsyncMethod in api.ts). */
export const CARD_METHODS = ['card:preview', 'cardSettings:get', 'cardSettings:update'] as const;
export const CARD_JOB_METHODS = ['card:start', 'card:pdf'] as const;

export type CardMethod = (typeof CARD_METHODS)[number] | (typeof CARD_JOB_METHODS)[number];
