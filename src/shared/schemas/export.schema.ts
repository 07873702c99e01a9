import { householdAttribute, householdStatus, monitoringCategory, povertyCause } from '../domain';
import { EXPORT_LAYOUTS } from '../domain/export.types';
import { codeOf, id, z } from './zod';

/** The list's selection is one page (at most 200); this bounds a scripted call within the door's 1 MB. */
export const MAX_EXPORT_SELECTION = 20_000;

/** Which households to export: the household list's filters, or the ticked households. */
export const exportRosterInput = z.object({
  layout: z.enum(EXPORT_LAYOUTS, { error: '请选择导出格式：国家系统户表、国家系统成员表、2022年已脱贫人口名单或本系统导入模板' }),
  q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字' }).optional(),
  villageId: id.optional(),
  groupId: id.optional(),
  status: codeOf(householdStatus, '户状态').optional(),
  attribute: codeOf(householdAttribute, '贫困户属性').optional(),
  mainCause: codeOf(povertyCause, '主要致贫原因').optional(),
  monitoringCategory: codeOf(monitoringCategory, '监测对象类别').optional(),
  /** The ticked households; combined with the filters above when both are given. */
  householdIds: z
    .array(id, { error: '已勾选的农户应为编号列表' })
    .min(1, { error: '没有勾选农户' })
    .max(MAX_EXPORT_SELECTION, { error: `一次最多导出勾选的 ${MAX_EXPORT_SELECTION} 户，请改用筛选条件` })
    .optional(),
});
export type ExportRosterInput = z.input<typeof exportRosterInput>;
export type ExportRosterQuery = z.output<typeof exportRosterInput>;

export const exportRegisterQuery = z.object({
  page: z.number().int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z.number().int().min(1).max(200, { error: '每页最多 200 条' }).default(20),
  /** Only the exports that took this household. */
  householdId: id.optional(),
});

export const exportRef = z.object({ exportId: id });
