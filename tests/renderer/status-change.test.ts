import { afterEach, describe, expect, it, vi } from 'vitest';
import StatusChangeDialog from '../../src/renderer/src/components/status/StatusChangeDialog.vue';
import type { StatusHistory } from '../../src/shared/domain/dynamic.types';
import { thisMonthText } from '../../src/renderer/src/format';
import { $, $$, byTest, check, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

/** A 脱贫户 outside monitoring: the ledger allows 不再享受政策, 纳入监测 and 清退 this month. */
const HISTORY: StatusHistory = {
  householdId: 7,
  current: { status: 'LIFTED_HOUSEHOLD', monitoringCategory: null, riskState: null },
  events: [],
  allowed: ['POLICY_END', 'START_MONITORING', 'REMOVE'],
};

async function openDialog(fake = installFakeLedger()) {
  const changed = vi.fn();
  const mounted = await mountWithApp(StatusChangeDialog, {
    props: { householdId: 7, history: HISTORY, open: true, onChanged: changed } as never,
  });
  await settle();
  return { ...mounted, fake, changed };
}

describe('StatusChangeDialog: only what the ledger allows, and its refusals in Chinese', () => {
  it('offers exactly the allowed kinds, labelled from the statusEventKind table', async () => {
    await openDialog();

    const offered = $$('[data-test^="status-change-kind-"]').map((el) => el.textContent?.trim());

    expect(offered).toEqual(['不再享受政策', '纳入监测', '清退（识别不准）']);
    expect(document.body.textContent).not.toContain('风险消除');
    expect(document.body.textContent).toContain('当前状态：脱贫户');
    expect(($(byTest('status-change-month')) as HTMLInputElement).value).toBe(thisMonthText());
  });

  it('asks for the monitoring category only for 纳入监测, and the state machine refuses without one before sending', async () => {
    const { fake } = await openDialog();
    expect(document.querySelector(byTest('status-change-category'))).toBeNull();

    await check('status-change-kind-START_MONITORING');
    expect($$('[data-test^="status-change-category-"]').map((el) => el.textContent?.trim())).toEqual([
      '脱贫不稳定户',
      '边缘易致贫户',
      '突发严重困难户',
    ]);
    await click('status-change-submit');
    await formItemErrorsShown();

    expect(fake['status:change']).not.toHaveBeenCalled();
    expect(fieldError('status-change-category')).toBe('纳入监测请选择监测对象类别');
  });

  it('refuses 清退 without a reason, with the schema’s message at the reason field', async () => {
    const { fake } = await openDialog();

    await check('status-change-kind-REMOVE');
    await click('status-change-submit');
    await formItemErrorsShown();

    expect(fake['status:change']).not.toHaveBeenCalled();
    expect(fieldError('status-change-reason')).toBe('返贫和清退须填写原因');
  });

  it('shows the server’s refusal and keeps everything the clerk chose', async () => {
    const refusal = '变更月份 2024-05 早于上一次变更（2024-06）；如上一次有误，请先撤销它';
    const fake = installFakeLedger({
      'status:change': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal, details: { issues: [{ path: 'month', message: '变更月份不能早于 2024-06' }] } } }),
    });
    const { changed } = await openDialog(fake);

    await check('status-change-kind-START_MONITORING');
    await check('status-change-category-UNSTABLE');
    await type('status-change-reason', '家中主要劳力因病住院');
    await click('status-change-submit');
    await formItemErrorsShown();

    expect(fake['status:change']).toHaveBeenCalledWith({
      householdId: 7,
      kind: 'START_MONITORING',
      month: thisMonthText(),
      monitoringCategory: 'UNSTABLE',
      eliminationMethod: null,
      reason: '家中主要劳力因病住院',
    });
    expect($(byTest('status-change-error')).textContent).toContain(refusal);
    expect(fieldError('status-change-month')).toBe('变更月份不能早于 2024-06');
    expect(changed).not.toHaveBeenCalled();
    // Nothing typed or chosen is lost.
    expect(($(`${byTest('status-change-kind-START_MONITORING')} input`) as HTMLInputElement).checked).toBe(true);
    expect(($(`${byTest('status-change-category-UNSTABLE')} input`) as HTMLInputElement).checked).toBe(true);
    expect(($(byTest('status-change-reason')) as HTMLTextAreaElement).value).toBe('家中主要劳力因病住院');
  });

  it('reports the new history once the ledger accepts the change', async () => {
    const after: StatusHistory = {
      ...HISTORY,
      current: { status: 'LIFTED_HOUSEHOLD', monitoringCategory: 'SUDDEN_HARDSHIP', riskState: 'ACTIVE' },
      allowed: ['POLICY_END', 'ELIMINATE_RISK', 'REMOVE'],
    };
    const fake = installFakeLedger({ 'status:change': () => ({ ok: true, data: after }) });
    const { changed } = await openDialog(fake);

    await check('status-change-kind-START_MONITORING');
    await check('status-change-category-SUDDEN_HARDSHIP');
    expect($(byTest('status-change-preview')).textContent).toBe('脱贫户，突发严重困难户（风险未消除）');
    await click('status-change-submit');

    expect(changed).toHaveBeenCalledWith(after);
    expect(document.body.textContent).toContain('已办理“纳入监测”');
  });
});
