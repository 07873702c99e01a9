import type {
  AmountPage, CadreDetail, CadreRow, MeasureRow, Pairing, PairingAssignResult, SubsidyRow, UnpairedHousehold, VisitDuePage, VisitRow,
} from '../domain/assistance.types';
import type { Page } from '../domain/registry.types';
import {
  cadreInput, cadreListQuery, cadreRef, measureInput, measureListQuery, pairingAssignInput, pairingEndInput, pairingHistoryQuery,
  revokeInput, subsidyInput, subsidyListQuery, unpairedQuery, visitCadenceInput, visitDueQuery, visitInput, visitListQuery,
  type VisitCadence,
} from '../schemas/assistance.schema';
import { empty } from '../schemas/settings.schema';
import { read, write } from './method';

export const assistanceApi = {
  'cadre:list': read<Page<CadreRow>>()(cadreListQuery, '帮扶责任人、驻村第一书记和工作队员列表（含帮扶户数）'),
  'cadre:get': read<CadreDetail>()(cadreRef, '帮扶责任人详情（含完整身份证号）'),
  'cadre:save': write<CadreDetail>()(cadreInput, '新增或修改帮扶责任人'),
  'cadre:delete': write<{ id: number }>()(cadreRef, '删除帮扶责任人（须先结束其全部结对）'),
  'pairing:assign': write<PairingAssignResult>()(pairingAssignInput, '结对帮扶：把一户或多户交给一名帮扶责任人'),
  'pairing:end': write<Pairing>()(pairingEndInput, '结束结对帮扶'),
  'pairing:history': read<Pairing[]>()(pairingHistoryQuery, '一户或一名帮扶责任人的结对记录'),
  'household:unpaired': read<Page<UnpairedHousehold>>()(unpairedQuery, '尚未落实帮扶责任人的农户'),
  'measure:list': read<AmountPage<MeasureRow>>()(measureListQuery, '帮扶措施列表'),
  'measure:save': write<MeasureRow>()(measureInput, '登记帮扶措施'),
  'measure:revoke': write<MeasureRow>()(revokeInput, '撤销帮扶措施（保留记录）'),
  'subsidy:list': read<AmountPage<SubsidyRow>>()(subsidyListQuery, '补贴资金发放列表'),
  'subsidy:save': write<SubsidyRow>()(subsidyInput, '登记补贴资金发放'),
  'subsidy:revoke': write<SubsidyRow>()(revokeInput, '撤销补贴资金记录（保留记录）'),
  'visit:list': read<Page<VisitRow>>()(visitListQuery, '走访记录列表'),
  'visit:save': write<VisitRow>()(visitInput, '登记走访记录'),
  'visit:due': read<VisitDuePage>()(visitDueQuery, '应走访未走访的农户（按走访周期）'),
  'visitCadence:get': read<VisitCadence>()(empty, '读取走访周期设置'),
  'visitCadence:update': write<VisitCadence>()(visitCadenceInput, '修改走访周期设置'),
};
