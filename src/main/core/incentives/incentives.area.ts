import type { IncentiveMethod } from '../../../shared/api/incentive.methods';
import type { PublicityData } from '../../../shared/domain/incentive.types';
import type { ReportFile } from '../../../shared/domain/report.types';
import { monthLabel } from '../../../shared/reports/monthly-report';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import type { AreaHandlers } from '../../../shared/api';
import { createEvaluationsService } from './evaluations.service';
import { createListsService } from './lists.service';
import { createPointsLedger } from './points.ledger';

export interface PublicityWriters {
  xlsx(data: PublicityData): Promise<Buffer>;
  pdf(data: PublicityData): Promise<Buffer>;
}

/** 红黑榜与积分: criteria, monthly evaluations, the points ledger, the supermarket, the lists. */
export function createIncentivesArea(deps: AreaDeps, writers: PublicityWriters): { handlers: AreaHandlers<IncentiveMethod> } {
  const ledger = createPointsLedger(deps);
  const evaluations = createEvaluationsService(deps, ledger);
  const lists = createListsService(deps, evaluations);

  async function publicity(month: string, villageId: number, format: 'xlsx' | 'pdf'): Promise<ReportFile> {
    const township = deps.places.getSettings();
    if (!township) throw new LedgerError('VALIDATION', '请先在“设置”中填写乡（镇）名称');
    const data = lists.publicity(month, villageId, township.townshipName);
    const content = format === 'xlsx' ? await writers.xlsx(data) : await writers.pdf(data);
    return { fileName: `${data.villageName}${monthLabel(month)}红黑榜公示.${format}`, contentBase64: content.toString('base64') };
  }

  return {
    handlers: {
      'criteria:list': ({ includeRetired }) => evaluations.criteria(includeRetired),
      'criteria:save': (input) => evaluations.saveCriterion(input),
      'criteria:retire': (input) => evaluations.retireCriterion(input),
      'round:get': ({ month, villageId }) => evaluations.get(month, villageId),
      'round:saveEntries': (input) => evaluations.saveEntries(input),
      'round:advance': (input) => evaluations.advance(input),
      'round:objection': (input) => evaluations.objection(input),
      'round:resolveObjection': (input) => evaluations.resolveObjection(input),
      'points:balance': ({ householdId, asOf }) => ledger.balance(householdId, asOf ?? undefined),
      'points:ledger': ({ householdId }) => ledger.list(householdId),
      'points:ranking': ({ month, villageId }) => lists.ranking(month, villageId),
      'points:adjust': (input) => ledger.adjust(input),
      'shop:items': () => ledger.items(),
      'shop:saveItem': (input) => ledger.saveItem(input),
      'shop:stockIn': (input) => ledger.stockIn(input),
      'shop:redeem': (input) => ledger.redeem(input),
      'redblack:propose': (input) => lists.propose(input),
      'redblack:save': (input) => lists.save(input),
      'redblack:delist': (input) => lists.delist(input),
      'redblack:list': (input) => lists.list(input),
      'redblack:publicity': ({ month, villageId, format }) => publicity(month, villageId, format),
      'incentives:household': ({ householdId }) => ({ balance: ledger.balance(householdId), ledger: ledger.list(householdId), lists: lists.ofHousehold(householdId) }),
    },
  };
}
