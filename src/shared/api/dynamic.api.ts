import type { FormerMember, GuaranteeReport, IncomeYear, PovertyLine, StatusAsOf, StatusHistory } from '../domain/dynamic.types';
import type { AuditEntry, HouseholdDetail } from '../domain/registry.types';
import type { StatusState } from '../rules/status-machine';
import {
  byLineId, guaranteeInput, guaranteeRef, householdRef, householdStatusAsOfInput, incomeInput, memberJoinInput, memberLeaveInput,
  povertyLineInput, statusAsOfInput, statusChangeInput, statusRevokeInput,
} from '../schemas/dynamic.schema';
import { empty } from '../schemas/settings.schema';
import { read, write } from './method';

export const dynamicApi = {
  'status:history': read<StatusHistory>()(householdRef, '户状态变更记录'),
  'status:change': write<StatusHistory>()(statusChangeInput, '办理户状态变更（识别、脱贫、返贫、监测、风险消除等）'),
  'status:revoke': write<StatusHistory>()(statusRevokeInput, '撤销最近一次状态变更（保留记录）'),
  'status:asOf': read<StatusAsOf>()(statusAsOfInput, '某月末各状态的户数和人数'),
  'status:householdAsOf': read<StatusState | null>()(householdStatusAsOfInput, '某户在某月末的状态'),
  'member:leave': write<HouseholdDetail>()(memberLeaveInput, '成员减少（死亡、嫁出、迁出等）'),
  'member:join': write<HouseholdDetail>()(memberJoinInput, '成员增加（嫁入、新生儿、迁入）'),
  'member:former': read<FormerMember[]>()(householdRef, '已减少的成员'),
  'income:list': read<IncomeYear[]>()(householdRef, '各年度收入及人均纯收入'),
  'income:save': write<IncomeYear>()(incomeInput, '录入某年度收入（保留历次记录）'),
  'povertyLine:list': read<PovertyLine[]>()(empty, '各年度贫困（监测）标准'),
  'povertyLine:save': write<PovertyLine>()(povertyLineInput, '新增或修改标准'),
  'povertyLine:delete': write<{ id: number }>()(byLineId, '删除标准'),
  'guarantee:get': read<GuaranteeReport>()(guaranteeRef, '两不愁三保障及饮水安全'),
  'guarantee:save': write<GuaranteeReport>()(guaranteeInput, '录入住房和饮水核查结果'),
  'household:history': read<AuditEntry[]>()(householdRef, '一户的全部变更记录'),
};
