import { afterEach, describe, expect, it } from 'vitest';
import IncomeDialog from '../../src/renderer/src/components/income/IncomeDialog.vue';
import { incomeFormFromYear, newExcludedRow, newIncomeForm, toIncomeInput } from '../../src/renderer/src/forms/income-form';
import type { IncomeYear } from '../../src/shared/domain/dynamic.types';
import { $, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

describe('income form: yuan typed, fen sent', () => {
  it('turns "1,234.5" into 123450 fen and leaves empty components at 0', () => {
    const form = newIncomeForm(2024);
    form.amounts.wage = '1,234.5';
    form.amounts.dibao = '3600';
    form.amounts.operatingCost = '０.０５'; // full-width digits, as some input methods type them

    const outcome = toIncomeInput(form, 9);

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.data).toMatchObject({ householdId: 9, year: 2024, wageFen: 123450, dibaoFen: 360000, operatingCostFen: 5, operatingFen: 0, familySize: null, excluded: [] });
  });

  it('reports each unreadable or refused amount at its own field, in Chinese', () => {
    const form = newIncomeForm(2024);
    form.amounts.wage = '12.345';
    form.amounts.pension = '一千';
    form.amounts.tekun = '-5';
    form.excluded.push({ ...newExcludedRow(), amount: '200' });

    const outcome = toIncomeInput(form, 9);

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const byPath = Object.fromEntries(outcome.issues.map((i) => [i.path, i.message]));
    expect(byPath.wage).toBe('工资性收入应为金额（元），如 1234.50，最多两位小数');
    expect(byPath.pension).toBe('养老保险金应为金额（元），如 1234.50，最多两位小数');
    expect(byPath.tekun).toBe('特困供养金不能为负数');
    expect(byPath['excluded.0.category']).toBe('请选择不计入项目');
  });

  it('starts the next version of a recorded year from its amounts in yuan', () => {
    const year = { year: 2023, wageFen: 123450, operatingFen: 0, propertyDividendFen: 0, propertyOtherFen: 0, familyPlanningFen: 0, dibaoFen: 99, tekunFen: 0, pensionFen: 0, ecoCompensationFen: 0, otherTransferFen: 0, operatingCostFen: 0, familySizeOverride: 3, excluded: [{ category: '07', amountFen: 50000, note: null }], note: null } as unknown as IncomeYear;

    const form = incomeFormFromYear(year);

    expect(form.amounts.wage).toBe('1234.50');
    expect(form.amounts.dibao).toBe('0.99');
    expect(form.amounts.operating).toBe('');
    expect(form.familySize).toBe(3);
    expect(form.excluded[0]).toMatchObject({ category: '07', amount: '500.00', note: '' });
  });
});

describe('IncomeDialog', () => {
  async function openDialog(fake = installFakeLedger()) {
    const { wrapper } = await mountWithApp(IncomeDialog, { props: { householdId: 9, memberCount: 4, recordedYears: [2022] } });
    (wrapper.vm as unknown as { start: (from: null) => void }).start(null);
    await settle();
    return { wrapper, fake };
  }

  it('shows the per-field messages and sends nothing while an amount is unreadable', async () => {
    const { fake } = await openDialog();

    await type('income-wage', '1,234.5');
    await type('income-dibao', '12.345');
    await click('income-submit');
    await formItemErrorsShown();

    expect(fake['income:save']).not.toHaveBeenCalled();
    expect(fieldError('income-dibao')).toBe('低保金应为金额（元），如 1234.50，最多两位小数');
    expect(fieldError('income-wage')).toBe('');
  });

  it('previews 纯收入 and 人均纯收入 with the shared formula while typing', async () => {
    await openDialog();

    await type('income-wage', '1,234.5');
    await type('income-operatingCost', '34.5');

    expect($(byTest('income-preview')).textContent).toContain('纯收入 1,200.00 元');
    expect($(byTest('income-preview')).textContent).toContain('人均纯收入 300.00 元');
  });

  it('sends fen to income:save, shows the server’s per-field refusal and keeps the input', async () => {
    const fake = installFakeLedger({
      'income:save': () => ({ ok: false, error: { code: 'VALIDATION', message: '2031 年还没有到，不能录入收入', details: { issues: [{ path: 'year', message: '年度不能晚于今年' }] } } }),
    });
    await openDialog(fake);
    await type('income-year', '2031');
    await type('income-wage', '1,234.5');
    await type('income-ecoCompensation', '88.8');

    await click('income-submit');
    await formItemErrorsShown();

    expect(fake['income:save']).toHaveBeenCalledTimes(1);
    expect(fake['income:save'].mock.calls[0]![0]).toMatchObject({ householdId: 9, year: 2031, wageFen: 123450, ecoCompensationFen: 8880, dibaoFen: 0 });
    expect($(byTest('income-error')).textContent).toContain('2031 年还没有到，不能录入收入');
    expect(fieldError('income-year')).toBe('年度不能晚于今年');
    expect(($(byTest('income-wage')) as HTMLInputElement).value).toBe('1,234.5');
  });
});
