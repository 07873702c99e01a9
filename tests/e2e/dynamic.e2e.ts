import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch } from '../../src/main/core';
import { idFor } from '../support/temp-ledger';
import { startApp, type RunningApp } from './support/app';

/**
 * Dynamic management in Chromium against the real core: a household identified in 2016 is lifted
 * out and returns to poverty, gets a year of income, a cadre and a visit, and its history tab
 * shows every step in the order it was done.
 */
let app: RunningApp;
let page: Page;
let householdId = 0;

const today = new Date();
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const visitDay = ymd(today);
const lastYear = today.getFullYear() - 1;

beforeAll(async () => {
  app = await startApp((ledger) => {
    const must = (method: string, input: unknown) => {
      const r = dispatch(ledger, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as { id: number };
    };
    must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
    const village = must('village:save', { name: '石桥村' });
    householdId = must('household:save', {
      villageId: village.id,
      householdNo: '5227990010099',
      status: 'NOT_LIFTED',
      statusSince: '2016-03',
      attribute: 'GENERAL',
      mainCause: '01',
      members: [
        { name: '王大山', idNumber: idFor('110101', '19700312', 15), relationship: '01', residentMedicalInsurance: true },
        { name: '李小红', idNumber: idFor('110101', '19721108', 26), relationship: '02', residentMedicalInsurance: true },
      ],
    }).id;
  });
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

async function choose(selector: string, option: string): Promise<void> {
  await page.locator(selector).first().click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function changeStatus(kind: string, month: string, reason?: string): Promise<void> {
  await page.locator('[data-test="status-change-open"]').click();
  // The month comes first: which changes exist depends on the era it falls in.
  const monthInput = page.locator('[data-test="status-change-month"]');
  await monthInput.fill(month);
  await monthInput.press('Enter');
  await page.locator(`[data-test="status-change-kind-${kind}"]`).click();
  if (reason) await page.locator('[data-test="status-change-reason"]').fill(reason);
  await page.locator('[data-test="status-change-submit"]').click();
  await page.locator('[data-test="status-change-dialog"]').waitFor({ state: 'hidden' });
}

describe('dynamic management in the browser', () => {
  it('registers a cadre in 帮扶责任人', async () => {
    await page.goto(`${app.door.url}#/assistance/cadres`);
    await page.locator('[data-test="cadre-add"]').click();
    await page.locator('[data-test="cadre-name"]').fill('陈帮扶');
    await page.locator('[data-test="cadre-sex-1"]').click();
    await page.locator('[data-test="cadre-unit"]').fill('县农业农村局');
    await page.locator('[data-test="cadre-affiliation-04"]').click();
    await page.locator('[data-test="cadre-phone"]').fill('13800001111');
    await page.locator('[data-test="cadre-save"]').click();
    await page.locator('[data-test="cadre-table"]', { hasText: '陈帮扶' }).waitFor();
    await app.screenshot('dyn-01-cadres');
  });

  it('lifts the household out of poverty and records its return, refusing what the rules forbid', async () => {
    await page.goto(`${app.door.url}#/households/${householdId}`);
    await page.locator('[data-test="household-status-tag"]', { hasText: '未脱贫' }).waitFor();
    // 未脱贫 cannot exit directly, and in this month only the 2021 transition or removal exist.
    await page.locator('[data-test="status-change-open"]').click();
    await page.locator('[data-test="status-change-kind-TRANSITION"]').waitFor();
    expect(await page.locator('[data-test="status-change-kind-EXIT"]').count()).toBe(0);
    expect(await page.locator('[data-test="status-change-kind-PLAN_EXIT"]').count()).toBe(0);
    await page.locator('[data-test="status-change-dialog"] .el-dialog__headerbtn').click();
    await page.locator('[data-test="status-change-dialog"]').waitFor({ state: 'hidden' });

    await changeStatus('PLAN_EXIT', '2017-06');
    await changeStatus('EXIT', '2017-12');
    await page.locator('[data-test="household-status-tag"]', { hasText: '已脱贫' }).waitFor();
    await app.screenshot('dyn-02-lifted');
    await changeStatus('RETURN', '2018-05', '因病返贫');
    await page.locator('[data-test="household-status-tag"]', { hasText: '返贫' }).waitFor();
    const statuses = app.ledger.db.prepare('SELECT kind, month, status FROM status_events WHERE household_id = ? ORDER BY id').all(householdId);
    expect(statuses).toEqual([
      { kind: 'REGISTER', month: 201603, status: 'NOT_LIFTED' },
      { kind: 'PLAN_EXIT', month: 201706, status: 'PRE_LIFTED' },
      { kind: 'EXIT', month: 201712, status: 'LIFTED_POLICY' },
      { kind: 'RETURN', month: 201805, status: 'RETURNED' },
    ]);
  });

  it('records a year of income in yuan and shows the per-capita figure', async () => {
    await page.locator('[data-test="tab-income"]').click();
    await page.locator('[data-test="income-add"]').click();
    const year = page.locator('[data-test="income-year"]');
    await year.fill(String(lastYear));
    await page.locator('[data-test="income-wage"]').fill('18,000');
    await page.locator('[data-test="income-operating"]').fill('3600.50');
    await page.locator('[data-test="income-operatingCost"]').fill('1200');
    await page.locator('[data-test="income-submit"]').click();
    await page.locator('[data-test="income-dialog"]').waitFor({ state: 'hidden' });
    // (18000 + 3600.50 − 1200) ÷ 2 people = 10,200.25 yuan
    await page.locator('[data-test="income-table"]', { hasText: '10,200.25' }).waitFor();
    const row = app.ledger.db.prepare('SELECT wage_fen, operating_fen, operating_cost_fen FROM income_records WHERE household_id = ?').get(householdId);
    expect(row).toEqual({ wage_fen: 1_800_000, operating_fen: 360_050, operating_cost_fen: 120_000 });
    await app.screenshot('dyn-03-income');
  });

  it('assigns the cadre and logs a visit', async () => {
    await page.locator('[data-test="tab-assistance"]').click();
    await page.locator('[data-test="pairing-change-open"]').click();
    await choose('[data-test="pairing-cadre"]', '陈帮扶');
    const start = page.locator('[data-test="pairing-start"]');
    await start.fill(visitDay);
    await start.press('Enter');
    await page.locator('[data-test="pairing-submit"]').click();
    await page.locator('[data-test="current-cadre"]', { hasText: '陈帮扶' }).waitFor();

    await page.locator('[data-test="visit-add"]').click();
    const date = page.locator('[data-test="visit-date"]');
    await date.fill(visitDay);
    await date.press('Enter');
    await page.locator('[data-test="visit-type-HOME"]').click();
    await page.locator('[data-test="visit-purpose-RISK"]').click();
    await page.locator('[data-test="visit-findings"]').fill('户主住院后收入下降，已申请医疗救助');
    await page.locator('[data-test="visit-submit"]').click();
    await page.locator('[data-test="visit-table"]', { hasText: '户主住院后收入下降' }).waitFor();
    await app.screenshot('dyn-04-assistance');
  });

  it('shows all of it, in order, on the history tab', async () => {
    await page.locator('[data-test="tab-history"]').click();
    const events = page.locator('[data-test="status-events"]');
    await events.waitFor();
    const eventText = await events.innerText();
    const order = ['建档录入', '列为预脱贫', '脱贫退出', '返贫'].map((label) => eventText.indexOf(label));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const timeline = page.locator('[data-test="history-timeline"]');
    await timeline.locator('[data-test="history-entry"]').last().waitFor();
    const entries = await timeline.locator('[data-test="history-entry"]').allInnerTexts();
    const find = (text: string) => entries.findIndex((e) => e.includes(text));
    const steps = ['新增农户档案', '列为预脱贫', '脱贫退出', '返贫', `录入 ${lastYear} 年收入`, '由 陈帮扶', '登记走访'].map(find);
    expect(steps.every((i) => i >= 0), JSON.stringify({ steps, entries })).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    await app.screenshot('dyn-05-history');
    expect(app.problems).toEqual([]);
  });
});
