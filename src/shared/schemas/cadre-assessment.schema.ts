/**
 * Inputs of cadre accountability. Rules that need the database (the household's current cadre,
 * a rating already replaced, the list's state) are checked in the core, in the same style.
 */
import { cadreConsequence, ratingMethod, satisfaction } from '../domain/cadre-assessment.codes';
import type { CadreAssessmentSettings } from '../domain/cadre-assessment.types';
import { ROUND_STATES } from './incentive.schema';
import { monthText } from './report.schema';
import { codeOf, id, optionalCodeOf, optionalDate, optionalText, requiredDate, requiredText, z } from './zod';

/** What the household says: the overall verdict, the three items, a comment. */
export const ratingAnswers = z.object({
  overall: codeOf(satisfaction, '总体满意度'),
  policy: optionalCodeOf(satisfaction, '政策讲解满意度'),
  delivery: optionalCodeOf(satisfaction, '帮扶落实满意度'),
  frequency: optionalCodeOf(satisfaction, '走访频次满意度'),
  comment: optionalText(300, '群众意见'),
});
export type RatingAnswers = z.input<typeof ratingAnswers>;

export const ratingInput = ratingAnswers
  .extend({
    householdId: z.number({ error: '请选择农户' }).int().positive({ error: '请选择农户' }),
    cadreId: z.number({ error: '请选择被评价的帮扶责任人' }).int().positive({ error: '请选择被评价的帮扶责任人' }),
    ratedOn: requiredDate('评价日期'),
    method: codeOf(ratingMethod, '评价方式'),
    recordedBy: requiredText(30, '记录人'),
    /** A correction: the rating it replaces (which then no longer counts), and why. */
    supersedesId: id.optional(),
    correctionReason: optionalText(200, '更正原因'),
  })
  .superRefine((v, ctx) => {
    if (v.supersedesId !== undefined && v.correctionReason === null) {
      ctx.addIssue({ code: 'custom', path: ['correctionReason'], message: '更正评价时请写明更正原因（原评价保留备查）' });
    }
  });
export type RatingInput = z.input<typeof ratingInput>;

export const ratingListQuery = z
  .object({ householdId: id.optional(), cadreId: id.optional(), includeSuperseded: z.boolean().default(false) })
  .refine((v) => v.householdId !== undefined || v.cadreId !== undefined, { error: '请选择农户或帮扶责任人' });

export const attendanceInput = z.object({
  cadreId: z.number({ error: '请选择驻村干部' }).int().positive({ error: '请选择驻村干部' }),
  month: monthText,
  days: z.number({ error: '请填写在村天数' }).int({ error: '在村天数应为整数' }).min(0, { error: '在村天数不能为负' }).max(31, { error: '在村天数不能超过 31 天' }),
  note: optionalText(200, '备注'),
});
export type AttendanceInput = z.input<typeof attendanceInput>;

export const cadreMonthQuery = z.object({ cadreId: id, month: monthText });
export const cadreRankingQuery = z.object({ month: monthText, villageId: id.optional() });
export const cadreListRef = z.object({ month: monthText });

const percent = (what: string) => z.number({ error: `请填写${what}` }).min(0, { error: `${what}不能小于 0` }).max(100, { error: `${what}不能大于 100` });
export const cadreAssessmentInput = z
  .object({
    redMinVisitRate: percent('红榜走访完成率'),
    redMinSatisfaction: percent('红榜满意率'),
    blackBelowSatisfaction: percent('黑榜满意率'),
    blackOverdueCadences: z.number({ error: '请填写黑榜未走访周期数' }).int().min(1, { error: '未走访周期数至少为 1' }).max(12, { error: '未走访周期数不超过 12' }),
    ratingWindowMonths: z.number({ error: '请填写满意度统计月数' }).int().min(1, { error: '满意度至少统计 1 个月' }).max(12, { error: '满意度最多统计 12 个月' }),
    requiredAttendanceDays: z.number({ error: '请填写每月应在村天数' }).int().min(0).max(31, { error: '每月应在村天数不超过 31 天' }),
    blackBelowAttendanceDays: z.number({ error: '请填写黑榜在村天数' }).int().min(0).max(31, { error: '在村天数不超过 31 天' }),
  })
  .superRefine((v, ctx) => {
    if (v.blackBelowSatisfaction > v.redMinSatisfaction) {
      ctx.addIssue({ code: 'custom', path: ['blackBelowSatisfaction'], message: '黑榜的满意率线不能高于红榜的满意率线' });
    }
    if (v.blackBelowAttendanceDays > v.requiredAttendanceDays) {
      ctx.addIssue({ code: 'custom', path: ['blackBelowAttendanceDays'], message: '黑榜的在村天数线不能高于每月应在村天数' });
    }
  });

/** Common practice: every visit done and 90% satisfied for red; a household two cadences unvisited or under 60% for black; 20 days a month in the village. */
export const DEFAULT_CADRE_ASSESSMENT: CadreAssessmentSettings = {
  redMinVisitRate: 100,
  redMinSatisfaction: 90,
  blackBelowSatisfaction: 60,
  blackOverdueCadences: 2,
  ratingWindowMonths: 3,
  requiredAttendanceDays: 20,
  blackBelowAttendanceDays: 10,
};

export const cadreListAdjustInput = z
  .object({
    month: monthText,
    cadreId: id,
    /** null: on neither list. */
    list: z.enum(['RED', 'BLACK'], { error: '榜单应为红榜、黑榜或不上榜' }).nullable(),
    reason: optionalText(200, '调整理由'),
    approver: optionalText(30, '审批人'),
    consequence: optionalCodeOf(cadreConsequence, '奖惩措施'),
    consequenceNote: optionalText(200, '奖惩说明'),
  })
  .superRefine((v, ctx) => {
    if (v.list === null && v.consequence !== null) ctx.addIssue({ code: 'custom', path: ['consequence'], message: '未上榜的不记奖惩措施' });
  });
export type CadreListAdjustInput = z.input<typeof cadreListAdjustInput>;

export const cadreListAdvanceInput = z.object({
  month: monthText,
  to: z.enum(ROUND_STATES.filter((s) => s !== 'draft') as ['reviewed', 'publicised', 'final'], { error: '请选择下一步：评议、公示或定稿' }),
  meetingDate: optionalDate('评议会议日期'),
  publicityStart: optionalDate('公示开始日期'),
  publicityDays: z.number().int().min(1, { error: '公示至少 1 天' }).max(30, { error: '公示不超过 30 天' }).default(5),
});

export const cadreObjectionInput = z.object({
  month: monthText,
  cadreId: id.nullish().transform((v) => v ?? null),
  text: requiredText(300, '异议内容'),
  raisedOn: requiredDate('提出日期'),
});
export const cadreObjectionResolveInput = z.object({ objectionId: id, resolution: requiredText(300, '处理结果') });

export const cadreBulletinInput = z.object({ month: monthText, format: z.enum(['xlsx', 'pdf'], { error: '请选择 Excel 或 PDF' }) });
