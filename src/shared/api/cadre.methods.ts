/** 干部考核: ratings, attendance, monthly figures, ranking and the cadres' red/black list; the bulletin is a written file. */
export const CADRE_METHODS = [
  'rating:record', 'rating:list', 'attendance:save', 'cadre:month', 'cadre:ranking',
  'cadreAssessment:get', 'cadreAssessment:update',
  'cadreList:get', 'cadreList:draft', 'cadreList:adjust', 'cadreList:advance', 'cadreList:objection', 'cadreList:resolveObjection',
] as const;
export const CADRE_FILE_METHODS = ['cadreList:bulletin'] as const;

export type CadreMethod = (typeof CADRE_METHODS)[number] | (typeof CADRE_FILE_METHODS)[number];
