/**
 * The income form: amounts are typed in yuan as text ("1,234.5") and become integer fen only
 * through the shared `yuanToFen`; the shared `incomeInput` schema then judges the fen values.
 * Field keys are the contract's names without the `Fen` suffix (`wageFen` → `wage`), which is
 * also how the form's fields, issue paths and `data-test` attributes are named.
 */
import type { IncomeYear } from '../../../shared/domain/dynamic.types';
import type { IncomeComponents } from '../../../shared/rules/income';
import { fenToYuanText, yuanToFen } from '../../../shared/rules/money';
import type { FieldIssue } from '../../../shared/result';
import { incomeInput } from '../../../shared/schemas/dynamic.schema';
import { toFieldIssues } from '../../../shared/schemas/issues';
import type { z } from '../../../shared/schemas/zod';

/** The components in the order of the national form, grouped as the form prints them (domain.md §4.1). */
export const INCOME_FIELDS = [
  { key: 'wage', label: '工资性收入', group: '收入' },
  { key: 'operating', label: '生产经营性收入', group: '收入' },
  { key: 'propertyDividend', label: '资产收益扶贫分红收入', group: '财产性收入' },
  { key: 'propertyOther', label: '其他财产性收入', group: '财产性收入' },
  { key: 'familyPlanning', label: '计划生育金', group: '转移性收入' },
  { key: 'dibao', label: '低保金', group: '转移性收入' },
  { key: 'tekun', label: '特困供养金', group: '转移性收入' },
  { key: 'pension', label: '养老保险金', group: '转移性收入' },
  { key: 'ecoCompensation', label: '生态补偿金', group: '转移性收入' },
  { key: 'otherTransfer', label: '其他转移性收入', group: '转移性收入' },
  { key: 'operatingCost', label: '生产经营性支出', group: '支出' },
] as const;

export type IncomeFieldKey = (typeof INCOME_FIELDS)[number]['key'];
export const INCOME_GROUPS = ['收入', '财产性收入', '转移性收入', '支出'] as const;

export interface ExcludedRow {
  /** Stable key for v-for; never sent. */
  rowKey: number;
  category: string;
  amount: string;
  note: string;
}

export interface IncomeForm {
  year: number | null;
  amounts: Record<IncomeFieldKey, string>;
  /** null = counted from the members on record at the end of the year. */
  familySize: number | null;
  excluded: ExcludedRow[];
  note: string;
}

let nextRowKey = 1;

export function newExcludedRow(): ExcludedRow {
  return { rowKey: nextRowKey++, category: '', amount: '', note: '' };
}

const blankAmounts = (): Record<IncomeFieldKey, string> =>
  Object.fromEntries(INCOME_FIELDS.map((f) => [f.key, ''])) as Record<IncomeFieldKey, string>;

export function newIncomeForm(year: number | null): IncomeForm {
  return { year, amounts: blankAmounts(), familySize: null, excluded: [], note: '' };
}

const fenKey = (key: IncomeFieldKey) => `${key}Fen` as keyof IncomeComponents;

/** A year already recorded, as the starting point of its next version. Zero shows as empty, so the clerk types over nothing. */
export function incomeFormFromYear(y: IncomeYear): IncomeForm {
  const amounts = blankAmounts();
  for (const f of INCOME_FIELDS) {
    const fen = y[fenKey(f.key)];
    amounts[f.key] = fen === 0 ? '' : fenToYuanText(fen);
  }
  return {
    year: y.year,
    amounts,
    familySize: y.familySizeOverride,
    excluded: y.excluded.map((x) => ({ rowKey: nextRowKey++, category: x.category, amount: fenToYuanText(x.amountFen), note: x.note ?? '' })),
    note: y.note ?? '',
  };
}

/** Schema paths name fen (`wageFen`, `excluded.0.amountFen`); the form's fields do not. */
export function formPathOf(path: string): string {
  return path.replace(/Fen$/, '');
}

function amountMessage(what: string): string {
  return `${what}应为金额（元），如 1234.50，最多两位小数`;
}

/** Empty is 0 for a component, but missing for a 不计入 item, which exists only to hold an amount. */
function parseAmount(text: string, emptyAs: number | undefined): number | undefined | 'invalid' {
  if (text.trim() === '') return emptyAs;
  return yuanToFen(text) ?? 'invalid';
}

export type IncomeOutcome = { ok: true; data: z.output<typeof incomeInput> } | { ok: false; issues: FieldIssue[] };

/** Yuan text → the contract's fen, then the shared schema; every problem is reported at its form field. */
export function toIncomeInput(form: IncomeForm, householdId: number): IncomeOutcome {
  const issues: FieldIssue[] = [];
  const draft: Record<string, unknown> = {
    householdId,
    year: form.year ?? undefined,
    familySize: form.familySize,
    note: form.note,
  };
  for (const f of INCOME_FIELDS) {
    const fen = parseAmount(form.amounts[f.key], 0);
    if (fen === 'invalid') issues.push({ path: f.key, message: amountMessage(f.label) });
    else draft[fenKey(f.key)] = fen;
  }
  draft.excluded = form.excluded.map((row, i) => {
    const fen = parseAmount(row.amount, undefined);
    if (fen === undefined) issues.push({ path: `excluded.${i}.amount`, message: '请填写不计入金额' });
    if (fen === 'invalid') issues.push({ path: `excluded.${i}.amount`, message: amountMessage(`第 ${i + 1} 项不计入金额`) });
    return { category: row.category || undefined, amountFen: fen === 'invalid' ? 0 : fen, note: row.note };
  });
  const parsed = incomeInput.safeParse(draft);
  if (parsed.success && issues.length === 0) return { ok: true, data: parsed.data };
  const schemaIssues = parsed.success
    ? []
    : toFieldIssues(parsed.error, draft)
        .map((i) => ({ ...i, path: formPathOf(i.path) }))
        // An amount missing or not a number was already reported in yuan terms; the schema's “应大于 0” would only confuse.
        .filter((i) => !issues.some((own) => own.path === i.path));
  return { ok: false, issues: [...issues, ...schemaIssues] };
}

/** The components typed so far in fen, for the live 纯收入 preview (unreadable amounts count as 0). */
export function previewComponents(form: IncomeForm): IncomeComponents {
  return Object.fromEntries(
    INCOME_FIELDS.map((f) => {
      const fen = parseAmount(form.amounts[f.key], 0);
      return [fenKey(f.key), typeof fen === 'number' ? fen : 0];
    }),
  ) as unknown as IncomeComponents;
}

export function previewExcluded(form: IncomeForm): { amountFen: number }[] {
  return form.excluded.map((row) => {
    const fen = parseAmount(row.amount, 0);
    return { amountFen: typeof fen === 'number' ? fen : 0 };
  });
}
