/**
 * Inputs of the assistance area: cadres, pairings, measures, subsidies, visits, visit cadence.
 * Rules that need the clock or the database (dates not in the future, live households and
 * cadres, non-overlapping pairings) are checked in the core, with messages in the same style.
 */
import { labelOf } from '../domain/code-table';
import { sex } from '../domain/member.codes';
import {
  cadreAffiliation, cadreRole, fundSource, measureCategory, pairingEndReason, POSTED_ROLES, subsidyCategory,
  visitPurpose, visitRiskFlag, visitType,
} from '../domain/assistance.codes';
import { checkIdNumber, normalizeIdText } from '../rules/id-number';
import { ratingAnswers } from './cadre-assessment.schema';
import { codeOf, id, isValidDate, optionalDate, optionalPhone, optionalText, personName, requiredDate, requiredText, z } from './zod';

/** Assistance records start with 精准扶贫; anything earlier is a typo (2104 → 2014 is common). */
export const EARLIEST_ASSISTANCE_DATE = '2010-01-01';

const assistanceDate = (what: string) =>
  requiredDate(what).refine((v) => v >= EARLIEST_ASSISTANCE_DATE, { error: `${what}不能早于 ${EARLIEST_ASSISTANCE_DATE}` });

const householdId = z.number({ error: '请选择农户' }).int().positive({ error: '请选择农户' });
const cadreId = z.number({ error: '请选择帮扶责任人' }).int().positive({ error: '请选择帮扶责任人' });
const optionalPositiveId = z.number().int().positive().optional();

/** One amount of money, in fen; a single payment over one million yuan is a typing slip. */
export const MAX_SINGLE_AMOUNT_FEN = 100_000_000;
const amountFen = (what: string) =>
  z
    .number({ error: `请填写${what}` })
    .int({ error: `${what}应为整数分（精确到分）` })
    .positive({ error: `${what}应大于 0` })
    .max(MAX_SINGLE_AMOUNT_FEN, { error: `${what}过大：单笔不超过 100 万元，请核对` });

const page = z.number().int().min(1, { error: '页码从 1 开始' }).default(1);
const pageSize = z.number().int().min(1, { error: '每页至少 1 条' }).max(200, { error: '每页最多 200 条' }).default(20);

/** Refines `from ≤ to` on list queries that take a date range. */
function dateRange<T extends { from: string | null; to: string | null }>(v: T, ctx: z.core.$RefinementCtx<T>): void {
  if (v.from !== null && v.to !== null && v.from > v.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `截止日期 ${v.to} 不能早于起始日期 ${v.from}` });
  }
}

// ---- cadres ----

export const cadreInput = z
  .object({
    id: id.optional(),
    name: personName(30, '姓名'),
    sex: codeOf(sex, '性别'),
    /** Optional; list views show it masked (domain.md §11). */
    idNumber: optionalText(30, '身份证号').superRefine((value, ctx) => {
      if (value === null) return;
      const check = checkIdNumber(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: `身份证号${check.message}` });
    }),
    role: codeOf(cadreRole, '帮扶身份').default('PAIRED_CADRE'),
    unit: requiredText(60, '帮扶单位'),
    affiliation: codeOf(cadreAffiliation, '隶属关系'),
    position: optionalText(30, '职务'),
    /** Printed on the household's contact card, so it is stored and shown in full. */
    phone: optionalPhone('联系电话'),
    dispatchingUnit: optionalText(60, '派出单位'),
    teamName: optionalText(40, '工作队名称'),
    villageId: z.number().int().positive({ error: '请选择驻村所在行政村' }).nullish().transform((v) => v ?? null),
    postingStart: optionalDate('驻村开始日期'),
    postingEnd: optionalDate('驻村结束日期'),
    note: optionalText(200, '备注'),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.idNumber !== null) {
      const check = checkIdNumber(c.idNumber);
      if (check.ok && check.sex !== c.sex) issue('sex', `性别与身份证号不符（号码表示${labelOf(sex, check.sex)}性）`);
    }
    if (POSTED_ROLES.includes(c.role)) {
      if (c.villageId === null) issue('villageId', '驻村第一书记和驻村工作队员请选择驻村所在行政村');
      if (c.postingStart === null) issue('postingStart', '请填写驻村开始日期');
    }
    if (c.postingStart !== null && c.postingEnd !== null && c.postingEnd < c.postingStart) {
      issue('postingEnd', `驻村结束日期 ${c.postingEnd} 不能早于开始日期 ${c.postingStart}`);
    }
  })
  .transform((c) => ({ ...c, idNumber: c.idNumber === null ? null : normalizeId(c.idNumber) }));
export type CadreInput = z.input<typeof cadreInput>;
export type CadreData = z.output<typeof cadreInput>;

/** 15-digit numbers are upgraded to 18, as for members. */
function normalizeId(raw: string): string {
  const check = checkIdNumber(raw);
  return check.ok ? check.value : normalizeIdText(raw);
}

export const cadreSortKeys = ['name', 'load'] as const;
export const cadreListQuery = z.object({
  q: z.string().trim().max(30, { error: '搜索词不能超过 30 个字' }).optional(),
  role: codeOf(cadreRole, '帮扶身份').optional(),
  villageId: optionalPositiveId,
  deleted: z.boolean().default(false),
  sort: z.enum(cadreSortKeys, { error: '排序方式应为按姓名或按帮扶户数' }).default('name'),
  page,
  pageSize,
});
export type CadreListQuery = z.input<typeof cadreListQuery>;

export const cadreRef = z.object({ id: z.number({ error: '缺少帮扶责任人编号' }).int().positive({ error: '缺少帮扶责任人编号' }) });

// ---- pairings ----

/** One cadre to one or many households: a single assignment is a batch of one. */
export const MAX_BATCH_HOUSEHOLDS = 500;
export const pairingAssignInput = z.object({
  cadreId,
  householdIds: z
    .array(householdId, { error: '请选择要结对的农户' })
    .min(1, { error: '请至少选择 1 户' })
    .max(MAX_BATCH_HOUSEHOLDS, { error: `一次最多结对 ${MAX_BATCH_HOUSEHOLDS} 户` })
    .refine((ids) => new Set(ids).size === ids.length, { error: '所选农户有重复' }),
  startDate: assistanceDate('结对开始日期'),
});
export type PairingAssignInput = z.input<typeof pairingAssignInput>;

export const pairingEndInput = z
  .object({
    id: z.number({ error: '缺少结对记录编号' }).int().positive({ error: '缺少结对记录编号' }),
    endDate: assistanceDate('结对结束日期'),
    reason: codeOf(pairingEndReason, '结束原因'),
    note: optionalText(200, '结束说明'),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'OTHER' && v.note === null) ctx.addIssue({ code: 'custom', path: ['note'], message: '结束原因选“其他”时请填写结束说明' });
  });
export type PairingEndInput = z.input<typeof pairingEndInput>;

export const pairingHistoryQuery = z
  .object({ householdId: optionalPositiveId, cadreId: optionalPositiveId })
  .refine((v) => v.householdId !== undefined || v.cadreId !== undefined, { error: '请选择农户或帮扶责任人' });
export type PairingHistoryQuery = z.input<typeof pairingHistoryQuery>;

export const unpairedQuery = z.object({ villageId: optionalPositiveId, page, pageSize });
export type UnpairedQuery = z.input<typeof unpairedQuery>;

// ---- measures and subsidies ----

const listFilters = {
  householdId: optionalPositiveId,
  villageId: optionalPositiveId,
  from: optionalDate('起始日期'),
  to: optionalDate('截止日期'),
  /** Revoked rows stay in the ledger; lists leave them out unless asked. */
  includeRevoked: z.boolean().default(false),
  page,
  pageSize,
};

/** The first day of the monitoring era: measures from then on use its groups. */
export const MONITORING_ERA_START = '2021-01-01';

export const measureInput = z
  .object({
    householdId,
    category: codeOf(measureCategory, '帮扶措施类别'),
    item: requiredText(100, '帮扶内容'),
    date: assistanceDate('帮扶日期'),
    amountFen: amountFen('帮扶金额').nullish().transform((v) => v ?? null),
    helpingUnit: optionalText(60, '帮扶单位'),
    note: optionalText(200, '备注'),
  })
  .superRefine((m, ctx) => {
    // A category of the other era is almost always a slip in the drop-down.
    const entry = measureCategory.entries.find((e) => e.code === m.category);
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['category'], message });
    if (entry?.era === 'legacy' && m.date >= MONITORING_ERA_START) {
      issue(`“${entry.label}”是 2014–2020 年扶贫手册的类别，2021 年起的措施请选“产业帮扶”“就业帮扶”等类别`);
    } else if (entry?.era === 'monitoring' && m.date < MONITORING_ERA_START) {
      issue(`“${entry.label}”是 2021 年起防返贫监测的类别，${m.date} 的措施请选扶贫手册的类别`);
    }
  });
export type MeasureInput = z.input<typeof measureInput>;

export const measureListQuery = z.object({ ...listFilters, category: codeOf(measureCategory, '帮扶措施类别').optional() }).superRefine(dateRange);
export type MeasureListQuery = z.input<typeof measureListQuery>;

export const subsidyInput = z.object({
  householdId,
  category: codeOf(subsidyCategory, '补贴资金类别'),
  amountFen: amountFen('金额'),
  date: assistanceDate('发放日期'),
  source: codeOf(fundSource, '资金来源'),
  note: optionalText(200, '备注'),
});
export type SubsidyInput = z.input<typeof subsidyInput>;

export const subsidyListQuery = z
  .object({ ...listFilters, category: codeOf(subsidyCategory, '补贴资金类别').optional(), source: codeOf(fundSource, '资金来源').optional() })
  .superRefine(dateRange);
export type SubsidyListQuery = z.input<typeof subsidyListQuery>;

/** Corrections never delete: the row is marked revoked with the reason, and stays in the ledger. */
export const revokeInput = z.object({
  id: z.number({ error: '缺少记录编号' }).int().positive({ error: '缺少记录编号' }),
  reason: requiredText(200, '撤销原因'),
});
export type RevokeInput = z.input<typeof revokeInput>;

// ---- visits ----

export const visitInput = z
  .object({
    householdId,
    cadreId: z.number({ error: '请选择走访人' }).int().positive({ error: '请选择走访人' }),
    date: assistanceDate('走访日期'),
    type: codeOf(visitType, '走访方式'),
    purposes: z
      .array(codeOf(visitPurpose, '走访事由'), { error: '请选择走访事由' })
      .min(1, { error: '请至少选择一项走访事由' })
      .refine((v) => new Set(v).size === v.length, { error: '走访事由有重复项' }),
    findings: optionalText(1000, '走访情况'),
    riskFlags: z
      .array(codeOf(visitRiskFlag, '发现风险'), { error: '发现风险应为列表' })
      .refine((v) => new Set(v).size === v.length, { error: '发现风险有重复项' })
      .default([]),
    measuresDelivered: optionalText(500, '落实的帮扶措施'),
    nextVisitDate: optionalDate('下次走访日期'),
    /** The household's rating of its current cadre, taken at this visit (recorded with it, in one transaction). */
    rating: ratingAnswers.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.nextVisitDate !== null && v.nextVisitDate < v.date) {
      ctx.addIssue({ code: 'custom', path: ['nextVisitDate'], message: `下次走访日期 ${v.nextVisitDate} 不能早于本次走访日期 ${v.date}` });
    }
  });
export type VisitInput = z.input<typeof visitInput>;

export const visitListQuery = z
  .object({
    householdId: optionalPositiveId,
    cadreId: optionalPositiveId,
    villageId: optionalPositiveId,
    from: optionalDate('起始日期'),
    to: optionalDate('截止日期'),
    riskFlag: codeOf(visitRiskFlag, '发现风险').optional(),
    page,
    pageSize,
  })
  .superRefine(dateRange);
export type VisitListQuery = z.input<typeof visitListQuery>;

export const visitDueQuery = z.object({
  /** The day the coverage is judged on; today when left out. */
  asOf: optionalDate('统计日期'),
  villageId: optionalPositiveId,
  cadreId: optionalPositiveId,
  page,
  pageSize,
});
export type VisitDueQuery = z.input<typeof visitDueQuery>;

const cadenceMonths = (what: string) =>
  z
    .number({ error: `请填写${what}` })
    .int({ error: `${what}应为整数月` })
    .min(1, { error: `${what}至少 1 个月` })
    .max(12, { error: `${what}最多 12 个月` });

/** How often households are to be visited (domain.md §6.3: key households monthly, others quarterly). */
export const visitCadenceInput = z.object({
  monitoredMonths: cadenceMonths('监测对象走访周期'),
  otherMonths: cadenceMonths('其他农户走访周期'),
});
export type VisitCadence = z.output<typeof visitCadenceInput>;
export const DEFAULT_VISIT_CADENCE: VisitCadence = { monitoredMonths: 1, otherMonths: 3 };
