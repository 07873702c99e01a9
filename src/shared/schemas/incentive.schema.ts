import { id, optionalDate, optionalText, requiredDate, requiredText, z } from './zod';
import { monthText } from './report.schema';

const points = (what: string) => z.number({ error: `请填写${what}` }).int({ error: `${what}应为整数` }).min(-1000, { error: `${what}不能小于 -1000` }).max(1000, { error: `${what}不能大于 1000` });

export const criterionInput = z.object({
  /** Given: a new version of that criterion (its earlier evaluations keep the old points). */
  ruleKey: z.string().trim().max(40).optional(),
  dimension: requiredText(20, '评议维度'),
  item: requiredText(50, '评议事项'),
  points: points('分值').refine((v) => v !== 0, { error: '分值不能为 0：加分填正数，扣分填负数' }),
  monthlyCap: z.number().int().positive({ error: '每月上限应为正整数' }).nullish().transform((v) => v ?? null),
  evidenceRequired: z.boolean().default(false),
  sort: z.number().int().default(0),
});
export const criterionRef = z.object({ ruleKey: z.string({ error: '缺少评议事项编号' }).trim().min(1) });
export const criteriaQuery = z.object({ includeRetired: z.boolean().default(false) });

export const roundRef = z.object({ month: monthText, villageId: id });

export const roundEntriesInput = roundRef.extend({
  entries: z
    .array(
      z.object({
        householdId: id,
        criterionId: id,
        /** 0 removes the entry. */
        times: z.number().int().min(0, { error: '次数不能为负' }).max(31, { error: '次数不能超过 31' }),
        note: optionalText(200, '备注'),
      }),
    )
    .max(5000, { error: '一次最多保存 5000 格' }),
});

export const ROUND_STATES = ['draft', 'reviewed', 'publicised', 'final'] as const;
export const roundAdvanceInput = roundRef.extend({
  to: z.enum(['reviewed', 'publicised', 'final'], { error: '请选择下一步：民主评议、公示或定稿' }),
  /** 民主评议 (reviewed): the meeting's date. */
  meetingDate: optionalDate('民主评议日期'),
  /** 公示 (publicised): the first day, and how many days (3 by default). */
  publicityStart: optionalDate('公示开始日期'),
  publicityDays: z.number().int().min(1, { error: '公示至少 1 天' }).max(30, { error: '公示不超过 30 天' }).default(3),
});

export const objectionInput = roundRef.extend({
  householdId: id.nullish().transform((v) => v ?? null),
  text: requiredText(300, '异议内容'),
  raisedOn: requiredDate('提出日期'),
});
export const objectionResolveInput = z.object({ objectionId: id, resolution: requiredText(300, '处理结果') });

export const householdPointsRef = z.object({ householdId: id, asOf: optionalDate('截至日期') });
export const rankingQuery = roundRef;
export const pointsAdjustInput = z.object({
  householdId: id,
  kind: z.enum(['GIFTED', 'CORRECTION'], { error: '请选择赠予积分或更正' }),
  points: points('积分').refine((v) => v !== 0, { error: '积分不能为 0' }),
  date: requiredDate('日期'),
  reason: requiredText(200, '原因'),
  /** A correction may name the ledger entry it reverses. */
  reversesId: id.optional(),
});

export const shopItemInput = z.object({
  id: id.optional(),
  name: requiredText(30, '物品名称'),
  unit: requiredText(6, '单位'),
  pointsPrice: z.number({ error: '请填写兑换所需积分' }).int().positive({ error: '兑换所需积分应为正整数' }),
});
export const stockInInput = z.object({
  itemId: id,
  qty: z.number({ error: '请填写数量' }).int().positive({ error: '入库数量应为正整数' }).max(100_000),
  source: requiredText(50, '来源（捐赠单位或个人）'),
  date: requiredDate('入库日期'),
});
export const redeemInput = z.object({
  householdId: id,
  /** The head's ID number, or its last 6 characters, as read from the card shown at the counter. */
  headId: z.string({ error: '请核对户主身份证号码' }).trim().toUpperCase().regex(/^(\d{5}[\dX]|\d{17}[\dX])$/, { error: '请输入户主身份证号码或其后 6 位' }),
  date: requiredDate('兑换日期'),
  lines: z
    .array(z.object({ itemId: id, qty: z.number().int().positive({ error: '数量应为正整数' }).max(1000) }), { error: '请选择兑换的物品' })
    .min(1, { error: '请选择兑换的物品' })
    .max(50),
});

export const proposeInput = roundRef.extend({
  redTop: z.number().int().min(0).max(50).default(3),
  blackBottom: z.number().int().min(0).max(50).default(3),
  /** Only households whose month's points are below this are proposed for the black list. */
  blackBelow: z.number().int().min(-1000).max(1000).default(0),
});

export const redBlackInput = roundRef.extend({
  id: id.optional(),
  householdId: id,
  list: z.enum(['RED', 'BLACK'], { error: '请选择红榜或黑榜' }),
  reasonCategory: requiredText(20, '事由类别'),
  description: requiredText(300, '事迹或情况说明'),
  approver: requiredText(20, '审批人'),
  approvedOn: requiredDate('审批日期'),
  published: z.boolean().default(true),
  rewardFen: z.number().int().positive().nullish().transform((v) => v ?? null),
  rewardGoods: optionalText(50, '实物奖励'),
  rewardPaidOn: optionalDate('奖励发放日期'),
  sanction: optionalText(50, '暂停的帮扶事项'),
  sanctionStart: optionalDate('暂停开始日期'),
  sanctionEnd: optionalDate('暂停结束日期'),
});
export const delistInput = z.object({ id, date: requiredDate('下榜日期'), reason: requiredText(200, '下榜原因') });
export const listQuery = z.object({ month: monthText, villageId: id.optional() });
export const publicityInput = roundRef.extend({ format: z.enum(['xlsx', 'pdf'], { error: '请选择 Excel 或 PDF' }) });
