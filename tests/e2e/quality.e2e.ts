import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quiet, startApp, type RunningApp } from './support/app';

/**
 * 数据检查 in Chromium against the real core: a seeded township with two defects written straight
 * into the SQLite file (one household's 家庭人口数 off by two, two households on one bank card);
 * the empty page before the first run, 运行检查, the rules with their counts, a rule's findings,
 * the household they link to (with its 数据疑点 notice), 已核实无误 with a note taking a finding
 * out of the open counts, the workbook, and 月末结账 asking about the open errors.
 */
let app: RunningApp;
let page: Page;

const SHARED_CARD = '6228480012345678901';
interface Broken {
  id: number;
  householdNo: string;
}
let wrongSize: Broken;
let sharingCard: Broken[];

beforeAll(async () => {
  app = await startApp((ledger) => {
    ledger.seed({ households: 120, seed: 11, villages: 4 });
    const pick = ledger.db.prepare('SELECT id, household_no AS householdNo FROM households WHERE deleted_at IS NULL ORDER BY household_no LIMIT 3').all() as Broken[];
    wrongSize = pick[0]!;
    sharingCard = [pick[1]!, pick[2]!];
    ledger.db.prepare('UPDATE households SET member_count = member_count + 2 WHERE id = ?').run(wrongSize.id);
    ledger.db.prepare('UPDATE households SET bank_account = ? WHERE id IN (?, ?)').run(SHARED_CARD, sharingCard[0]!.id, sharingCard[1]!.id);
  });
  page = app.page;
  await page.setViewportSize({ width: 1360, height: 860 });
});
afterAll(async () => {
  await app?.close();
});

const ruleCount = async (ruleId: string) => Number((await page.locator(`[data-test="quality-rule-${ruleId}-count"]`).innerText()).trim());
const stat = async (which: 'errors' | 'warnings' | 'acknowledged') => Number((await page.locator(`[data-test="quality-run-${which}"]`).innerText()).replace(/\D/g, ''));
const findingRows = () => page.locator('[data-test="quality-findings"] .el-table__body-wrapper tbody tr');
const summary = () => app.ledger.handlers['quality:summary']({});

describe('数据检查 in the browser', () => {
  it('before the first run explains the checks; 运行检查 shows the rules with their open counts', async () => {
    await page.locator('[data-test="nav-quality"]').click();
    const empty = page.locator('[data-test="quality-empty"]');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('还没有检查过数据');
    await quiet(page);
    await app.screenshot('quality-1-empty');

    await page.locator('[data-test="quality-empty-run"]').click();
    await page.locator('[data-test="quality-run"]').waitFor();
    await empty.waitFor({ state: 'detached' });

    const core = summary();
    expect(core.run?.trigger).toBe('manual');
    expect(await stat('errors')).toBe(core.run!.errors);
    expect(await stat('warnings')).toBe(core.run!.warnings);
    expect(await stat('acknowledged')).toBe(0);
    expect(await page.locator('[data-test="quality-run-facts"]').innerText()).toContain('检查 120 户');

    // The household with the wrong size, and the two on one bank card.
    expect(await ruleCount('B09')).toBe(1);
    expect(await ruleCount('X07')).toBe(2);
    const b09 = page.locator('[data-test="quality-rule-B09"]');
    expect(await b09.innerText()).toContain('家庭人口数与在册成员不符');
    expect(await b09.locator('.el-tag').getAttribute('class')).toContain('el-tag--danger');
    // Rules that found nothing are hidden until asked for.
    const empties = core.counts.filter((c) => c.open === 0).map((c) => c.ruleId);
    expect(empties.length).toBeGreaterThan(0);
    expect(await page.locator(`[data-test="quality-rule-${empties[0]}"]`).count()).toBe(0);
    await page.locator('[data-test="quality-show-empty"]').click();
    await page.locator(`[data-test="quality-rule-${empties[0]}"]`).waitFor();
    expect(await page.locator('[data-test="quality-rules"] button.rule').count()).toBe(core.rules.length + 1);
    await page.locator('[data-test="quality-show-empty"]').click();
    await page.locator(`[data-test="quality-rule-${empties[0]}"]`).waitFor({ state: 'detached' });
  });

  it('a rule lists its findings; the household link opens the record, which shows its 数据疑点', async () => {
    await page.locator('[data-test="quality-rule-B09"]').click();
    await page.waitForURL(/#\/quality\?ruleId=B09$/);
    await page.locator('[data-test="quality-selected-rule"]', { hasText: 'B09' }).waitFor();
    await expectRows(1);
    const row = await findingRows().first().innerText();
    expect(row).toContain(wrongSize.householdNo);
    expect(row).toMatch(/家庭人口数为 \d+，在册成员 \d+ 人/);
    expect(await page.locator('[data-test="quality-rule-explanation"]').innerText()).toContain('人均纯收入');
    await quiet(page);
    await app.screenshot('quality-2-rule');

    await findingRows().first().locator('[data-test="quality-finding-household"]').click();
    await page.waitForURL(new RegExp(`#/households/${wrongSize.id}$`));
    const notice = page.locator('[data-test="household-quality"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('B09 家庭人口数与在册成员不符');
    await quiet(page);
    await app.screenshot('quality-3-household');

    // …and its link leads back to the rule.
    await notice.locator('a', { hasText: 'B09' }).click();
    await page.waitForURL(/#\/quality\?ruleId=B09$/);
    await page.locator('[data-test="quality-selected-rule"]', { hasText: 'B09' }).waitFor();
    await expectRows(1);
  });

  it('已核实无误 needs a note; the finding then leaves the open counts, and shows with 显示已核实', async () => {
    const errorsBefore = await stat('errors');
    await page.locator('[data-test="quality-rule-X07"]').click();
    await page.waitForURL(/ruleId=X07/);
    await expectRows(2);
    const rows = await findingRows().allInnerTexts();
    for (const h of sharingCard) expect(rows.join('\n')).toContain(h.householdNo);

    await findingRows().first().locator('[data-test="quality-ack"]').click();
    const dialog = page.locator('[data-test="quality-ack-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-test="quality-ack-submit"]').click();
    await dialog.locator('.el-form-item__error', { hasText: '请填写核实说明' }).waitFor();

    const note = '已入户核实：两户为父子分户，补贴发到父亲的一卡通';
    await page.locator('textarea[data-test="quality-ack-note"]').fill(note);
    await quiet(page);
    await app.screenshot('quality-4-acknowledge');
    await page.locator('[data-test="quality-ack-submit"]').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.waitForFunction(() => document.querySelector('[data-test="quality-rule-X07-count"]')?.textContent?.trim() === '1');
    await expectRows(1);
    expect(await stat('errors')).toBe(errorsBefore - 1);
    expect(await stat('acknowledged')).toBe(1);
    expect(summary().run!.errors).toBe(errorsBefore - 1);

    await page.locator('[data-test="quality-include-acknowledged"]').click();
    await expectRows(2);
    const marked = page.locator('[data-test="quality-finding-ack"]');
    expect(await marked.innerText()).toContain(note);
    expect(await marked.innerText()).toContain('系统生成');
    await quiet(page);
    await app.screenshot('quality-5-acknowledged');
    await page.locator('[data-test="quality-include-acknowledged"]').click();
    await expectRows(1);
  });

  it('exports the findings workbook', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="quality-workbook"]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name).join(' ');
    expect(names).toContain('B09');
    expect(names).toContain('X07');
  });

  it('月末结账 asks about the open errors, can show them, and closes once confirmed', async () => {
    const errors = summary().run!.errors;
    expect(errors).toBeGreaterThan(0);
    await page.locator('[data-test="nav-reports"]').click();
    await page.locator('[data-test="report-close"]').click();
    await page.locator('[data-test="month-close-submit"]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.innerText()).toContain(`还有 ${errors} 条错误疑点未处理，仍要结账吗？结账后会记录这次确认。`);
    await quiet(page);
    await app.screenshot('quality-6-month-close');

    await box.locator('button', { hasText: '先查看错误疑点' }).click();
    await page.waitForURL(/#\/quality\?severity=error$/);
    await expectRows(errors);
    expect(await page.locator('[data-test="quality-severity-filter"]').innerText()).toContain('只看错误');

    await page.locator('[data-test="nav-reports"]').click();
    await page.locator('[data-test="report-close"]').click();
    await page.locator('[data-test="month-close-submit"]').click();
    await box.waitFor();
    await box.locator('button', { hasText: '仍要结账' }).click();
    await page.waitForFunction(() => document.querySelector('[data-test="report-status"]')?.textContent?.includes('结账：显示结账时的数据'));
    // The close keeps what the clerk confirmed.
    expect(await page.locator('[data-test="report-close-confirmed"]').innerText()).toContain(`尚有 ${errors} 条错误疑点未处理`);
    await quiet(page);
    await app.screenshot('quality-7-closed-with-confirmation');
    expect(app.problems).toEqual([]);
  });
});

/** Waits for the findings table to show `n` rows (and its loading mask to lift). */
async function expectRows(n: number): Promise<void> {
  await page.waitForFunction(
    (count) =>
      !document.querySelector('[data-test="quality-findings"] .el-loading-mask') &&
      document.querySelectorAll('[data-test="quality-findings"] .el-table__body-wrapper tbody tr').length === count,
    n,
    { timeout: 15_000 },
  );
}
