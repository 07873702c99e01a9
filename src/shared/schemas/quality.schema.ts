import { requiredText, z } from './zod';

export const qualityRunInput = z.object({
  trigger: z.enum(['manual', 'cli'], { error: '检查来源只能是“手动”或“命令行”' }).default('manual'),
  /** Only this household again (after an edit); the whole registry when absent. */
  householdId: z.number().int().positive({ error: '户的编号应为正整数' }).optional(),
});

export const qualityFindingsQuery = z.object({
  ruleId: z.string().trim().regex(/^[A-Z]\d{2}$/, { error: '规则编号应为一个大写字母加两位数字，如 A01' }).optional(),
  villageId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  severity: z.enum(['error', 'warning'], { error: '严重程度只能是“错误”或“提示”' }).optional(),
  /** Whether findings already marked "checked, correct" are listed too. */
  includeAcknowledged: z.boolean().default(false),
  page: z.number().int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z.number().int().min(1).max(500, { error: '每页最多 500 条' }).default(50),
});

export const qualityAcknowledgeInput = z.object({
  findingId: z.number({ error: '请指明要标记的疑点' }).int().positive({ error: '请指明要标记的疑点' }),
  note: requiredText(200, '核实说明'),
});

export const qualityUnacknowledgeInput = z.object({
  acknowledgementId: z.number({ error: '请指明要撤销的核实标记' }).int().positive({ error: '请指明要撤销的核实标记' }),
});

export const qualityWorkbookInput = z.object({
  villageId: z.number().int().positive().optional(),
  /** The county sees what was marked checked too, with the clerk's note, unless asked otherwise. */
  includeAcknowledged: z.boolean().default(true),
});
