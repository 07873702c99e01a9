import { optionalText, requiredText, z } from './zod';

const adminCode = (what: string) =>
  optionalText(12, what).refine((v) => v === null || /^\d{6}(\d{3})?(\d{3})?$/.test(v), {
    error: `${what}应为 6、9 或 12 位数字的统计用区划代码`,
  });

export const settingsInput = z.object({
  provinceName: optionalText(30, '省'),
  provinceCode: adminCode('省代码'),
  cityName: optionalText(30, '市'),
  cityCode: adminCode('市代码'),
  countyName: optionalText(30, '县（市、区、旗）'),
  countyCode: adminCode('县代码'),
  townshipName: requiredText(30, '乡（镇）名称'),
  townshipCode: adminCode('乡（镇）代码'),
  operatorName: requiredText(20, '操作员姓名'),
});
export type SettingsInput = z.input<typeof settingsInput>;
export type Settings = z.output<typeof settingsInput>;

export const villageInput = z.object({
  id: z.number().int().positive().optional(),
  name: requiredText(30, '行政村名称'),
  code: adminCode('行政村代码'),
  sort: z.number().int().default(0),
});
export type VillageInput = z.input<typeof villageInput>;

export const groupInput = z.object({
  id: z.number().int().positive().optional(),
  villageId: z.number({ error: '请选择所属行政村' }).int().positive(),
  name: requiredText(30, '自然村（组）名称'),
  code: adminCode('自然村（组）代码'),
  sort: z.number().int().default(0),
});
export type GroupInput = z.input<typeof groupInput>;

export const byId = z.object({ id: z.number({ error: '缺少编号' }).int().positive({ error: '编号应为正整数' }) });
export const empty = z.object({}).strict();
