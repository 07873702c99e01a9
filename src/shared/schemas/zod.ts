import { z } from 'zod';
import { hasCode, type CodeTable } from '../domain/code-table';
import { formulaNameProblem, hiddenCharacterProblem } from '../rules/hidden-text';

// Messages zod writes for us (wrong type, missing key) are Chinese everywhere the schemas run.
z.config(z.locales.zhCN());

export { z };

export function codeOf(table: CodeTable, what = table.title) {
  return z
    .string({ error: `请选择${what}` })
    .refine((v) => hasCode(table, v), { error: (iss) => `“${String(iss.input)}”不是有效的${what}代码` });
}

export function optionalCodeOf(table: CodeTable, what = table.title) {
  return z
    .union([codeOf(table, what), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));
}

/** Refuses hidden characters (controls, zero-width, direction marks) in any text; line breaks only where `multiLine` is false. */
const noHiddenCharacters = (what: string, multiLine: boolean) => (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = hiddenCharacterProblem(what, value, multiLine);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** Free text: a note, a reason, an address. Line breaks are kept; hidden characters are refused. */
export const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what}不能超过 ${max} 个字` })
    .superRefine(noHiddenCharacters(what, true))
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (max: number, what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` })
    .superRefine(noHiddenCharacters(what, true));

/** A person's name: one line of text, never something Excel would run as a formula (as the import refuses). */
export const personName = (max: number, what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` })
    .superRefine((value, ctx) => {
      const problem = hiddenCharacterProblem(what, value, false) ?? formulaNameProblem(what, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const optionalDate = (what: string) =>
  z
    .union([z.string().trim(), z.null()])
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isValidDate(v), { error: `${what}应为“年-月-日”格式的有效日期，如 1980-01-31` });

export const requiredDate = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .refine(isValidDate, { error: `${what}应为“年-月-日”格式的有效日期，如 2024-05-01` });

export const optionalYear = (what: string) =>
  z
    .union([z.number().int({ error: `${what}应为整数年份` }).min(1949, { error: `${what}不能早于 1949 年` }).max(2100, { error: `${what}不能晚于 2100 年` }), z.null()])
    .optional()
    .transform((v) => v ?? null);

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}$/;

export const optionalPhone = (what: string) =>
  optionalText(20, what).refine((v) => v === null || MOBILE_RE.test(v) || LANDLINE_RE.test(v), {
    error: `${what}应为 11 位手机号或带区号的固定电话`,
  });

export const id = z.number({ error: '缺少编号' }).int().positive();
