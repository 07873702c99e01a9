import { CARD_LAYOUTS } from '../domain/card.types';
import { exportRosterInput } from './export.schema';
import { optionalPhone, optionalText, z } from './zod';

/** Which households get cards: the household list's filters or its ticked rows, and the year of support printed. */
export const cardScope = exportRosterInput.omit({ layout: true }).extend({
  /** Measures and subsidies of this year are printed; the current year when left out. */
  year: z.number().int({ error: '年度应为整数年份' }).min(2014, { error: '年度不能早于 2014 年' }).max(2100, { error: '年度不能晚于 2100 年' }).optional(),
});

export const cardPreviewInput = cardScope.extend({
  /** How many of the chosen households' cards to return in full. */
  limit: z.number().int().min(1).max(20, { error: '预览最多 20 张' }).default(4),
});

export const cardPdfInput = cardScope.extend({
  layout: z.enum(CARD_LAYOUTS, { error: '请选择版式：A4 每页一张、A4 每页两张或 A5 每页一张' }).default('a4-2up'),
});
export type CardPdfInput = z.input<typeof cardPdfInput>;
export type CardPdfQuery = z.output<typeof cardPdfInput>;

export const cardSettingsInput = z.object({
  title: optionalText(40, '联系卡标题'),
  townshipContactName: optionalText(20, '乡镇联系人姓名'),
  townshipContactPhone: optionalPhone('乡镇联系人电话'),
  householdPhone: z.enum(['masked', 'hidden'], { error: '户联系电话应选择“隐去中间四位”或“不印”' }).default('masked'),
  showHealthSupportNames: z.boolean({ error: '请选择是否写明医疗、残疾类帮扶名称' }).default(false),
  footerNote: optionalText(100, '卡片底部说明'),
});
export type CardSettingsInput = z.input<typeof cardSettingsInput>;
