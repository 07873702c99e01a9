/** 红黑榜与积分: everything answers at once but the publicity sheets, which are written files. */
export const INCENTIVE_METHODS = [
  'criteria:list', 'criteria:save', 'criteria:retire',
  'round:get', 'round:saveEntries', 'round:advance', 'round:objection', 'round:resolveObjection',
  'points:balance', 'points:ledger', 'points:ranking', 'points:adjust',
  'shop:items', 'shop:saveItem', 'shop:stockIn', 'shop:redeem',
  'redblack:propose', 'redblack:save', 'redblack:delist', 'redblack:list', 'incentives:household',
] as const;
export const INCENTIVE_FILE_METHODS = ['redblack:publicity'] as const;

export type IncentiveMethod = (typeof INCENTIVE_METHODS)[number] | (typeof INCENTIVE_FILE_METHODS)[number];
