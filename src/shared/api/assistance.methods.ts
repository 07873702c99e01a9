export const ASSISTANCE_METHODS = [
  'cadre:list',
  'cadre:get',
  'cadre:save',
  'cadre:delete',
  'pairing:assign',
  'pairing:end',
  'pairing:history',
  'household:unpaired',
  'measure:list',
  'measure:save',
  'measure:revoke',
  'subsidy:list',
  'subsidy:save',
  'subsidy:revoke',
  'visit:list',
  'visit:save',
  'visit:due',
  'visitCadence:get',
  'visitCadence:update',
] as const;

export type AssistanceMethod = (typeof ASSISTANCE_METHODS)[number];
