import { excludedIncome, houseGrade, memberChange, MEMBER_JOINING_CODES, MEMBER_LEAVING_CODES, monitoringCategory, povertyLineKind, povertyLineLevel } from '../domain';
import { memberInput } from './household.schema';
import { codeOf, optionalCodeOf, optionalText, requiredDate, requiredText, z } from './zod';

const householdId = z.number({ error: '缺少农户编号' }).int().positive({ error: '缺少农户编号' });

export const monthText = (what: string) =>
  z.string({ error: `请填写${what}` }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: `${what}应为“年-月”，如 2021-03` });

const fen = (what: string) =>
  z.number({ error: `${what}应为金额（分）` }).int({ error: `${what}应精确到分` }).min(0, { error: `${what}不能为负数` }).max(10_000_000_000, { error: `${what}过大，请核对` }).default(0);

export const statusChangeInput = z.object({
  householdId,
  kind: z.enum(['PLAN_EXIT', 'CANCEL_PLAN', 'EXIT', 'POLICY_END', 'RETURN', 'TRANSITION', 'START_MONITORING', 'ELIMINATE_RISK', 'REMOVE'], { error: '请选择要办理的状态变更' }),
  month: monthText('变更月份'),
  monitoringCategory: optionalCodeOf(monitoringCategory, '监测对象类别'),
  eliminationMethod: z.enum(['ASSISTED', 'NATURAL'], { error: '风险消除方式应为帮扶消除或自然消除' }).nullish().transform((v) => v ?? null),
  reason: optionalText(200, '变更原因'),
}).superRefine((v, ctx) => {
  if ((v.kind === 'RETURN' || v.kind === 'REMOVE') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '返贫和清退须填写原因' });
});
export type StatusChangeInput = z.input<typeof statusChangeInput>;

export const statusRevokeInput = z.object({ householdId, reason: requiredText(200, '撤销原因') });
export const householdRef = z.object({ householdId });
export const statusAsOfInput = z.object({ month: monthText('月份'), villageId: z.number().int().positive().optional() });
export const householdStatusAsOfInput = z.object({ householdId, month: monthText('月份') });

export const memberLeaveInput = z.object({
  householdId,
  memberId: z.number({ error: '请选择成员' }).int().positive(),
  kind: z.enum(MEMBER_LEAVING_CODES, { error: '请选择减少原因（死亡、嫁出、出国定居、判刑收监、其他转出）' }),
  date: requiredDate('变更日期'),
  /** Required when the member leaving is the head. */
  newHeadMemberId: z.number().int().positive().nullish().transform((v) => v ?? null),
  note: optionalText(200, '备注'),
});
export type MemberLeaveInput = z.input<typeof memberLeaveInput>;

export const memberJoinInput = z.object({
  householdId,
  kind: z.enum(MEMBER_JOINING_CODES, { error: '请选择增加原因（嫁入、新生儿、其他转入）' }),
  date: requiredDate('变更日期'),
  member: memberInput,
  note: optionalText(200, '备注'),
});
export type MemberJoinInput = z.input<typeof memberJoinInput>;
export { memberChange };

export const incomeInput = z.object({
  householdId,
  year: z.number({ error: '请填写年度' }).int().min(2013, { error: '年度不能早于 2013 年' }).max(2100, { error: '年度不能晚于 2100 年' }),
  wageFen: fen('工资性收入'),
  operatingFen: fen('生产经营性收入'),
  propertyDividendFen: fen('资产收益扶贫分红收入'),
  propertyOtherFen: fen('其他财产性收入'),
  familyPlanningFen: fen('计划生育金'),
  dibaoFen: fen('低保金'),
  tekunFen: fen('特困供养金'),
  pensionFen: fen('养老保险金'),
  ecoCompensationFen: fen('生态补偿金'),
  otherTransferFen: fen('其他转移性收入'),
  operatingCostFen: fen('生产经营性支出'),
  /** 年末家庭人口数 when it differs from the members on record; null = counted from members. */
  familySize: z.number().int().min(1, { error: '家庭人口数至少为 1' }).max(50).nullish().transform((v) => v ?? null),
  excluded: z
    .array(z.object({ category: codeOf(excludedIncome, '不计入项目'), amountFen: fen('不计入金额').pipe(z.number().min(1, { error: '不计入金额应大于 0' })), note: optionalText(100, '说明') }))
    .max(30)
    .default([]),
  note: optionalText(200, '备注'),
});
export type IncomeInput = z.input<typeof incomeInput>;
export const incomeRef = z.object({ householdId, year: z.number().int().min(2013).max(2100) });

export const povertyLineInput = z.object({
  id: z.number().int().positive().optional(),
  year: z.number({ error: '请填写年度' }).int().min(2010, { error: '年度不能早于 2010 年' }).max(2100),
  level: codeOf(povertyLineLevel, '标准级别'),
  kind: codeOf(povertyLineKind, '标准类型'),
  amountFen: z.number({ error: '请填写标准金额' }).int().min(1, { error: '标准金额应大于 0' }).max(100_000_00, { error: '标准金额过大，请核对（单位：分）' }),
  region: optionalText(30, '适用地区'),
  source: optionalText(200, '依据文件'),
});
export type PovertyLineInput = z.input<typeof povertyLineInput>;
export const byLineId = z.object({ id: z.number().int().positive() });

export const guaranteeInput = z.object({
  householdId,
  recordedOn: requiredDate('核查日期'),
  houseGrade: optionalCodeOf(houseGrade, '住房安全'),
  waterSafe: z.boolean().nullish().transform((v) => v ?? null),
  waterHard: z.boolean().nullish().transform((v) => v ?? null),
  note: optionalText(200, '备注'),
});
export type GuaranteeInput = z.input<typeof guaranteeInput>;
export const guaranteeRef = z.object({ householdId, asOf: requiredDate('核查日期').optional() });
