import { afterEach, describe, expect, it, vi } from 'vitest';
import MonthCloseDialog from '../../src/renderer/src/components/reports/MonthCloseDialog.vue';
import MonthReopenDialog from '../../src/renderer/src/components/reports/MonthReopenDialog.vue';
import ReportsView from '../../src/renderer/src/views/ReportsView.vue';
import { defaultReportMonth, reportStatusLine } from '../../src/renderer/src/reports/report-month';
import type { MonthClose, MonthlyReport } from '../../src/shared/domain/report.types';
import { buildMonthlyReport } from '../../src/shared/reports/monthly-report';
import { $, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const CLOSE: MonthClose = {
  id: 4, month: '2026-03', closedAt: '2026-04-02T01:30:00.000Z', closedBy: '李文书', households: 120,
  reopenedAt: null, reopenedBy: null, reopenReason: null, confirmedNote: null,
};

function monthly(source: MonthlyReport['source']): MonthlyReport {
  return buildMonthlyReport([], [{ id: 1, name: '石桥村' }], {
    month: '2026-03', townshipName: '青山镇', countyName: null, source,
    closedAt: source === 'snapshot' ? CLOSE.closedAt : null, closedBy: source === 'snapshot' ? CLOSE.closedBy : null,
    asOf: '2026-04-02T01:30:00.000Z',
  });
}

describe('which month the report opens on, and how its state reads', () => {
  it('opens on last month during the first ten days, on this month afterwards', () => {
    expect(defaultReportMonth(new Date(2026, 3, 1))).toBe('2026-03');
    expect(defaultReportMonth(new Date(2026, 3, 10, 23, 59))).toBe('2026-03');
    expect(defaultReportMonth(new Date(2026, 3, 11))).toBe('2026-04');
    expect(defaultReportMonth(new Date(2026, 0, 5))).toBe('2025-12');
  });

  it('says whether the figures are live or the ones frozen at the close', () => {
    expect(reportStatusLine(monthly('live'))).toBe('未结账：显示当前数据');
    // A time without a zone is the local time the core wrote, shown as written.
    expect(reportStatusLine({ source: 'snapshot', closedAt: '2026-04-02T12:00:00', closedBy: '李文书' })).toBe('已于 2026-04-02 由 李文书 结账：显示结账时的数据');
  });
});

describe('MonthReopenDialog: a reason is required', () => {
  async function openReopen(fake = installFakeLedger()) {
    const reopened = vi.fn();
    const mounted = await mountWithApp(MonthReopenDialog, { props: { month: '2026-03', open: true, onReopened: reopened } as never });
    await settle();
    return { ...mounted, fake, reopened };
  }

  it('refuses an empty or blank reason with the schema’s message, and sends nothing', async () => {
    const { fake } = await openReopen();
    expect(document.body.textContent).toContain('重新打开：2026年3月');

    await click('month-reopen-submit');
    await formItemErrorsShown();
    expect(fieldError('month-reopen-reason')).toBe('请填写重新打开的原因');

    await type('month-reopen-reason', '   ');
    await click('month-reopen-submit');
    await formItemErrorsShown();
    expect(fieldError('month-reopen-reason')).toBe('请填写重新打开的原因');
    expect(fake['month:reopen']).not.toHaveBeenCalled();
  });

  it('refuses a reason over 200 characters', async () => {
    const { fake } = await openReopen();
    await type('month-reopen-reason', '补'.repeat(201));
    await click('month-reopen-submit');
    await formItemErrorsShown();

    expect(fieldError('month-reopen-reason')).toBe('重新打开的原因不能超过 200 个字');
    expect(fake['month:reopen']).not.toHaveBeenCalled();
  });

  it('sends the month and the reason, and reports the reopened close', async () => {
    const after = { ...CLOSE, reopenedAt: '2026-04-05T02:00:00.000Z', reopenedBy: '王小丽', reopenReason: '漏报 2 户' };
    const fake = installFakeLedger({ 'month:reopen': () => ({ ok: true, data: after }) });
    const { reopened } = await openReopen(fake);

    await type('month-reopen-reason', '  漏报 2 户 ');
    await click('month-reopen-submit');

    expect(fake['month:reopen']).toHaveBeenCalledWith({ month: '2026-03', reason: '漏报 2 户' });
    expect(reopened).toHaveBeenCalledWith(after);
  });

  it('shows the ledger’s refusal and keeps the reason typed', async () => {
    const fake = installFakeLedger({ 'month:reopen': () => ({ ok: false, error: { code: 'CONFLICT', message: '2026年3月尚未结账，不需要重新打开' } }) });
    const { reopened } = await openReopen(fake);

    await type('month-reopen-reason', '漏报 2 户');
    await click('month-reopen-submit');

    expect($(byTest('month-reopen-error')).textContent).toContain('2026年3月尚未结账，不需要重新打开');
    expect(($(byTest('month-reopen-reason')) as HTMLTextAreaElement).value).toBe('漏报 2 户');
    expect(reopened).not.toHaveBeenCalled();
  });
});

describe('MonthCloseDialog: says what is frozen, then closes', () => {
  async function openClose(fake = installFakeLedger()) {
    const closed = vi.fn();
    const mounted = await mountWithApp(MonthCloseDialog, { props: { month: '2026-03', open: true, onClosed: closed } as never });
    await settle();
    return { ...mounted, fake, closed };
  }

  it('explains that the figures and the household data are frozen', async () => {
    await openClose();
    const text = $(byTest('month-close-dialog')).textContent ?? '';
    expect(text).toContain('月末结账：2026年3月');
    expect(text).toContain('月报数字和所依据的农户数据将被冻结');
    expect(text).toContain('重新打开');
  });

  it('closes the month and reports the close', async () => {
    const fake = installFakeLedger({ 'month:close': () => ({ ok: true, data: CLOSE }) });
    const { closed } = await openClose(fake);

    await click('month-close-submit');

    expect(fake['month:close']).toHaveBeenCalledWith({ month: '2026-03', confirm: false });
    expect(closed).toHaveBeenCalledWith(CLOSE);
  });

  it('shows a refusal in Chinese and stays open', async () => {
    const refusal = '2026年3月已于 2026-04-02 由 李文书 结账；如需改动，请先重新打开并写明原因';
    const fake = installFakeLedger({ 'month:close': () => ({ ok: false, error: { code: 'CONFLICT', message: refusal } }) });
    const { closed } = await openClose(fake);

    await click('month-close-submit');

    expect($(byTest('month-close-error')).textContent).toContain(refusal);
    expect(closed).not.toHaveBeenCalled();
  });

  it('refuses a month that is not a month before asking the ledger', async () => {
    const fake = installFakeLedger();
    const closed = vi.fn();
    await mountWithApp(MonthCloseDialog, { props: { month: '2026-13', open: true, onClosed: closed } as never });
    await settle();

    await click('month-close-submit');

    expect($(byTest('month-close-month-error')).textContent).toContain('月份应为“年-月”格式');
    expect(fake['month:close']).not.toHaveBeenCalled();
  });
});

describe('ReportsView: the status line and the close/reopen buttons follow the month’s state', () => {
  it('shows an open month as live, and after 月末结账 as closed with who closed it', async () => {
    let closed = false;
    const fake = installFakeLedger({
      'report:monthly': () => ({ ok: true, data: monthly(closed ? 'snapshot' : 'live') }),
      'month:list': () => ({ ok: true, data: closed ? [CLOSE] : [] }),
      'month:close': () => {
        closed = true;
        return { ok: true, data: CLOSE };
      },
    });
    const { wrapper, router } = await mountWithApp(RoutedPage, { path: '/reports?month=2026-03&tab=monitoring' });
    await settle();
    expect(wrapper.findComponent(ReportsView).exists()).toBe(true);
    expect(router.currentRoute.value.fullPath).toBe('/reports');

    expect(fake['report:monthly']).toHaveBeenCalledWith({ month: '2026-03' });
    expect($(byTest('report-status')).textContent).toContain('未结账：显示当前数据');
    expect($(byTest('report-title')).textContent).toBe('青山镇2026年3月巩固脱贫成果月报表');
    expect($(byTest('report-closes')).textContent).toContain('这个月还没有结账');
    expect(document.querySelector(byTest('report-reopen'))).toBeNull();
    // The link's tab is the one shown.
    expect($('.el-tabs__item.is-active').textContent).toBe('防止返贫监测对象');

    await click('report-close');
    await click('month-close-submit');
    await settle();

    expect($(byTest('report-status')).textContent).toMatch(/已于 2026-04-0\d 由 李文书 结账：显示结账时的数据/);
    expect(document.querySelector(byTest('report-close'))).toBeNull();
    expect($(byTest('report-reopen')).textContent).toContain('重新打开');
    expect($(byTest('report-closes')).textContent).toContain('李文书');
    expect($(byTest('report-closes')).textContent).toContain('已结账');
  });

  it('lists what the clerk confirmed when closing over open data-quality errors', async () => {
    const confirmed = { ...CLOSE, confirmedNote: '确认结账：尚有 3 条错误疑点未处理' };
    installFakeLedger({
      'report:monthly': () => ({ ok: true, data: monthly('snapshot') }),
      'month:list': () => ({ ok: true, data: [confirmed] }),
    });
    await mountWithApp(RoutedPage, { path: '/reports?month=2026-03' });
    await settle();

    expect($(byTest('report-close-confirmed')).textContent).toBe('确认结账：尚有 3 条错误疑点未处理');
  });

  it('says in Chinese when the report cannot be made', async () => {
    installFakeLedger({
      'report:monthly': () => ({ ok: false, error: { code: 'VALIDATION', message: '请先在“设置”中填写乡（镇）名称，月报的标题要用到它' } }),
      'month:list': () => ({ ok: true, data: [] }),
    });
    await mountWithApp(RoutedPage, { path: '/reports?month=2026-03' });
    await settle();

    expect($(byTest('report-error')).textContent).toBe('没有生成2026年3月的月报：请先在“设置”中填写乡（镇）名称，月报的标题要用到它');
    expect(($(byTest('report-xlsx')) as HTMLButtonElement).disabled).toBe(true);
  });
});
