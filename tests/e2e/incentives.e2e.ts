import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { todayText } from '../../src/renderer/src/format';
import { gridColumns } from '../../src/renderer/src/incentives/evaluation-grid';
import { defaultReportMonth } from '../../src/renderer/src/reports/report-month';
import type { Criterion, EvaluationRound } from '../../src/shared/domain/incentive.types';
import { readPdf } from '../support/pdf-text';
import { quiet, startApp, type RunningApp } from './support/app';

/**
 * 积分与红黑榜 in Chromium against the real core: a village's month filled in the grid on the
 * keyboard and saved with Ctrl+S, taken through 民主评议 → 公示 (started 10 days ago, so it is
 * over) → 定稿; the ranking and a household's ledger (with 赠予积分); the 爱心超市 stocked and a
 * redemption checked against the head's ID (a wrong one refused, then the last 6); a red list
 * entry confirmed from the proposals, and its publicity PDF read back: the name, never the ID.
 */
let app: RunningApp;
let page: Page;
const month = defaultReportMonth();
let villageId = 0;
let round: EvaluationRound;
let columns: Criterion[];
let headId = '';

const daysAgo = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return todayText(d);
};

beforeAll(async () => {
  app = await startApp((ledger) => ledger.seed({ households: 24, seed: 9, villages: 2 }));
  page = app.page;
  await page.setViewportSize({ width: 1360, height: 860 });
  villageId = app.ledger.handlers['village:list']({})[0]!.id;
  round = app.ledger.handlers['round:get']({ month, villageId });
  columns = gridColumns(round.criteria);
  // The head's ID is on the household record; the counter reads it off the card.
  const first = app.ledger.handlers['household:get']({ id: round.households[0]!.id });
  headId = first.members.find((m) => m.relationship === '01')!.idNumber!;
});
afterAll(async () => {
  await app?.close();
});

const column = (ruleKey: string) => columns.find((c) => c.ruleKey === ruleKey)!;
const cell = (householdIndex: number, ruleKey: string) => page.locator(`[data-test="cell-${round.households[householdIndex]!.id}-${column(ruleKey).id}"]`);
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-test'));

async function fillDate(testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-test="${testId}"]`);
  await input.fill(value);
  await input.press('Enter');
}

describe('积分评议 in the browser', () => {
  it('fills the grid on the keyboard and saves only what changed', async () => {
    await page.locator('[data-test="nav-incentives"]').click();
    await page.locator('[data-test="nav-incentives-evaluation"]').click();
    await page.locator('[data-test="evaluation-grid"] tbody tr').first().waitFor();
    expect(await page.locator('[data-test="evaluation-grid"] tbody tr').count()).toBe(round.households.length);
    const header = await page.locator(`[data-test="criterion-${column('work').id}"]`).innerText();
    expect(header).toContain('+5/次');
    expect(header).toContain('月上限10');

    // Row 1: 2 × 发展种养业 (held to 10), Enter, 1 × 技能培训, Enter, 1 × 赡养老人.
    await cell(0, 'work').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe(await cell(0, 'training').getAttribute('data-test'));
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1');
    // Down to row 2, left twice back to 发展种养业.
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(await cell(1, 'elders').getAttribute('data-test'));
    await page.keyboard.type('1');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('1');
    // Row 4: two rubbish dumps, a deduction.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    for (let i = columns.indexOf(column('work')); i < columns.indexOf(column('litter')); i++) await page.keyboard.press('Enter');
    expect(await focused()).toBe(await cell(3, 'litter').getAttribute('data-test'));
    await page.keyboard.type('2');

    const total = (i: number) => page.locator(`[data-test="row-total-${round.households[i]!.id}"]`).innerText();
    expect(await total(0)).toBe('18');
    expect(await total(1)).toBe('10');
    expect(await total(3)).toBe('-6');
    expect(await page.locator('[data-test="round-dirty"]').innerText()).toContain('6 格未保存');
    await quiet(page);
    await app.screenshot('incentives-1-grid-typed');

    await page.keyboard.press('Control+s');
    await page.locator('[data-test="round-dirty"]').waitFor({ state: 'hidden' });
    const saved = app.ledger.handlers['round:get']({ month, villageId });
    expect(saved.entries).toHaveLength(6);
    expect(saved.households.slice(0, 4).map((h) => h.total)).toEqual([18, 10, 0, -6]);
  });

  it('goes through 民主评议 and 公示 to 定稿; the grid is then read-only', async () => {
    await fillDate('round-meeting-date', daysAgo(12));
    await page.locator('[data-test="round-advance"]').click();
    await page.locator('[data-test="round-state"]', { hasText: '民主评议' }).waitFor();
    // Reviewed: nothing can be typed any more.
    expect(await page.locator('[data-test="evaluation-grid"] input').count()).toBe(0);

    await fillDate('round-publicity-start', daysAgo(10));
    expect(await page.locator('[data-test="round-next"]').innerText()).toContain(`公示至 ${daysAgo(8)}`);
    await page.locator('[data-test="round-advance"]').click();
    await page.locator('[data-test="round-state"]', { hasText: '公示' }).waitFor();
    expect(await page.locator('[data-test="round-workflow"]').innerText()).toContain(`${daysAgo(10)} 至 ${daysAgo(8)}`);
    await quiet(page);
    await app.screenshot('incentives-2-publicised');

    await page.locator('[data-test="round-advance"]').click();
    await page.locator('.el-message-box').waitFor();
    await page.locator('.el-message-box .el-button--primary').click();
    await page.locator('[data-test="round-final-note"]').waitFor();
    expect(await page.locator('[data-test="round-state"]').innerText()).toBe('定稿');
    expect(await page.locator('[data-test="round-save"]').count()).toBe(0);
    expect(app.ledger.handlers['points:balance']({ householdId: round.households[0]!.id, asOf: null }).balance).toBe(18);
    await quiet(page);
    await app.screenshot('incentives-3-final');
  });
});

describe('积分台账与排名 in the browser', () => {
  it('ranks the village, shows a household’s ledger and records a gift', async () => {
    await page.locator('[data-test="nav-incentives-points"]').click();
    const rows = page.locator('[data-test="ranking-table"] .el-table__body-wrapper tbody tr');
    await rows.first().waitFor();
    const first = round.households[0]!;
    const ranking = app.ledger.handlers['points:ranking']({ month, villageId });
    expect(ranking[0]!.householdId).toBe(first.id);
    const firstRow = await rows.first().innerText();
    expect(firstRow).toContain(first.headName);
    expect(firstRow).toContain('18');
    expect(await page.locator(`[data-test="ranking-balance-${first.id}"]`).innerText()).toBe(String(ranking[0]!.balance));

    await rows.first().click();
    await page.locator('[data-test="points-balance-value"]', { hasText: '18' }).waitFor();
    expect(await page.locator('[data-test="points-ledger-table"]').innerText()).toContain('积分评议定稿');

    await page.locator('[data-test="points-gift"]').click();
    await page.locator('[data-test="points-adjust-points"]').fill('5');
    await page.locator('[data-test="points-adjust-reason"]').fill('县供销社捐赠折算积分');
    await page.locator('[data-test="points-adjust-submit"]').click();
    await page.locator('[data-test="points-balance-value"]', { hasText: '23' }).waitFor();
    await page.locator('[data-test="points-adjust-dialog"]').waitFor({ state: 'hidden' });
    await quiet(page);
    await app.screenshot('incentives-4-ranking');
  });
});

describe('爱心超市 in the browser', () => {
  it('adds and stocks an item, refuses a wrong ID, then redeems with the head’s last 6', async () => {
    await page.locator('[data-test="nav-incentives-shop"]').click();
    await page.locator('[data-test="shop-add-item"]').click();
    await page.locator('[data-test="shop-item-name"]').fill('洗衣粉（500克）');
    await page.locator('[data-test="shop-item-unit"]').fill('袋');
    await page.locator('[data-test="shop-item-price"]').fill('10');
    await page.locator('[data-test="shop-item-submit"]').click();
    await page.locator('[data-test="shop-items"]', { hasText: '洗衣粉（500克）' }).waitFor();
    const item = app.ledger.handlers['shop:items']({}).find((i) => i.name === '洗衣粉（500克）')!;
    expect(item.pointsPrice).toBe(10);

    await page.locator(`[data-test="shop-stock-in-${item.id}"]`).click();
    await page.locator('[data-test="stock-in-qty"]').fill('20');
    await page.locator('[data-test="stock-in-source"]').fill('县农业农村局');
    await page.locator('[data-test="stock-in-submit"]').click();
    await page.locator(`[data-test="shop-stock-${item.id}"]`, { hasText: '20' }).waitFor();

    const household = round.households[0]!;
    await page.locator('[data-test="shop-redeem"]').click();
    await page.locator('[data-test="redeem-household"]').click();
    await page.keyboard.type(household.householdNo);
    await page.locator('.el-select-dropdown__item:visible', { hasText: household.householdNo }).click();
    await page.locator('[data-test="redeem-balance"]', { hasText: '23' }).waitFor();
    await page.locator(`[data-test="redeem-qty-${item.id}"] input`).fill('2');
    await page.locator(`[data-test="redeem-qty-${item.id}"] input`).press('Tab');
    await page.locator('[data-test="redeem-cost"]', { hasText: '20' }).waitFor();
    expect(await page.locator('[data-test="redeem-after"]').innerText()).toBe('3');

    // Someone else's card: refused, in Chinese, and nothing is spent.
    const wrong = headId.slice(-6) === '000000' ? '111111' : '000000';
    await page.locator('[data-test="redeem-head-id"]').fill(wrong);
    await page.locator('[data-test="redeem-submit"]').click();
    await page.locator('[data-test="redeem-error"]', { hasText: '户主身份证号码与档案不符' }).waitFor();
    expect(app.ledger.handlers['points:balance']({ householdId: household.id, asOf: null }).balance).toBe(23);
    await quiet(page);
    await app.screenshot('incentives-5-redeem-refused');

    await page.locator('[data-test="redeem-head-id"]').fill(headId.slice(-6));
    await page.locator('[data-test="redeem-submit"]').click();
    await page.locator('[data-test="shop-last-redemption"]').waitFor();
    expect(await page.locator('[data-test="shop-last-redemption"]').innerText()).toContain('扣 20 分，余额 3 分');
    await page.locator(`[data-test="shop-stock-${item.id}"]`, { hasText: '18' }).waitFor();
    expect(app.ledger.handlers['points:balance']({ householdId: household.id, asOf: null }).balance).toBe(3);
    await quiet(page);
    await app.screenshot('incentives-6-shop');
  });
});

describe('红黑榜 in the browser', () => {
  it('proposes from the month’s points, confirms a red entry, and prints the publicity PDF without ID numbers', async () => {
    const household = round.households[0]!;
    await page.locator('[data-test="nav-incentives-lists"]').click();
    await page.locator('[data-test="propose"]').click();
    const proposals = page.locator('[data-test="proposal-table"]');
    await proposals.locator('.el-table__body-wrapper tbody tr').first().waitFor();
    const proposed = await proposals.innerText();
    expect(proposed).toContain(household.headName);
    // The deduction's household is proposed for the black list.
    expect(proposed).toContain(round.households[3]!.headName);

    await page.locator(`[data-test="proposal-confirm-RED-${household.id}"]`).click();
    const dialog = page.locator('[data-test="redblack-dialog"]');
    await dialog.waitFor();
    expect(await page.locator('[data-test="redblack-household-fixed"]').innerText()).toContain(household.headName);
    await page.locator('[data-test="redblack-reason"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '勤劳致富' }).click();
    await page.locator('textarea[data-test="redblack-description"]').fill('发展养牛增收，参加技能培训，照料老人');
    await page.locator('[data-test="redblack-approver"]').fill('村委会 王德明');
    await page.locator('[data-test="redblack-reward"]').fill('200');
    await quiet(page);
    await app.screenshot('incentives-7-red-entry');
    await page.locator('[data-test="redblack-submit"]').click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.locator('[data-test="redblack-table"]');
    await table.locator('.el-table__body-wrapper tbody tr', { hasText: household.headName }).waitFor();
    expect(await table.innerText()).toContain('200.00 元');
    expect(await page.locator('[data-test="redblack-counts"]').innerText()).toContain('红榜 1 户');
    const entries = app.ledger.handlers['redblack:list']({ month, villageId });
    expect(entries).toMatchObject([{ list: 'RED', householdId: household.id, reasonCategory: '勤劳致富', rewardFen: 20000, published: true }]);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-test="redblack-pdf"]').click()]);
    expect(download.suggestedFilename()).toMatch(/红黑榜公示\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(new Uint8Array(bytes));
    expect(pdf.text).toContain(household.headName);
    expect(pdf.text).toContain('发展养牛增收');
    expect(pdf.text).not.toContain(headId);
    expect(pdf.text).not.toMatch(/\d{17}[\dXx]/);
    await quiet(page);
    await app.screenshot('incentives-8-lists');
  });

  it('shows the balance, the ledger and the list entry on the household’s 积分与红黑榜 tab', async () => {
    const household = round.households[0]!;
    await page.goto(`${app.door.url}#/households/${household.id}?tab=incentives`);
    await page.locator('[data-test="incentives-tab"] [data-test="points-balance-value"]', { hasText: '3' }).waitFor();
    const ledger = await page.locator('[data-test="points-ledger-table"]').innerText();
    expect(ledger).toContain('积分评议定稿');
    expect(ledger).toContain('县供销社捐赠折算积分');
    expect(ledger).toContain('爱心超市兑换');
    expect(await page.locator('[data-test="household-lists"]').innerText()).toContain('勤劳致富');
    await quiet(page);
    await app.screenshot('incentives-9-household');
    expect(app.problems).toEqual([]);
  });
});
