import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultReportMonth } from '../../src/renderer/src/reports/report-month';
import { householdStatus } from '../../src/shared/domain';
import { quiet, startApp, type RunningApp } from './support/app';

/**
 * 月报 and 首页 in Chromium against the real core: the month's report with a row per village and
 * the township's 合计, 月末结账 turning the status line to the closed month's, the Excel read back
 * with exceljs, 重新打开 with a reason; then 首页's counters and its four charts drawn on canvas.
 */
let app: RunningApp;
let page: Page;
const month = defaultReportMonth();

beforeAll(async () => {
  app = await startApp((ledger) => ledger.seed({ households: 120, seed: 11, villages: 4 }));
  page = app.page;
  // The size of a common township office screen.
  await page.setViewportSize({ width: 1360, height: 860 });
});
afterAll(async () => {
  await app?.close();
});

const statusLine = () => page.locator('[data-test="report-status"]').innerText();

describe('月报 in the browser', () => {
  it('shows the month’s report: a row per village and the 合计 row, figures as the core has them', async () => {
    await page.locator('[data-test="nav-reports"]').click();
    await page.locator('[data-test="report-table-status"] .el-table__body-wrapper tbody tr').first().waitFor();

    expect(await page.locator('[data-test="report-month"] input').inputValue()).toBe(`${month.slice(0, 4)}年${Number(month.slice(5))}月`);
    expect(await statusLine()).toBe('未结账：显示当前数据');
    expect(await page.locator('[data-test="report-title"]').innerText()).toContain('青山镇');

    const report = app.ledger.handlers['report:monthly']({ month });
    const table = report.tables.find((t) => t.id === 'status')!;
    const shown = page.locator('[data-test="report-table-status"]');
    const villages = await shown.locator('.el-table__body-wrapper tbody tr td:first-child').allInnerTexts();
    expect(villages.map((v) => v.trim())).toEqual(table.rows.map((r) => r.label));
    expect(villages).toHaveLength(4);

    const footer = (await shown.locator('.el-table__footer-wrapper tfoot tr td').allInnerTexts()).map((t) => t.trim());
    expect(footer[0]).toBe('合计');
    expect(footer[1]).toBe(String(table.total.values[0])); // 总户数
    expect(footer[2]).toBe(String(table.total.values[1])); // 总人口
    expect(table.total.values[0]).toBe(120);
    // The header paths are merged: 户状态 above the statuses, 户 and 人 under each.
    expect(await shown.locator('.el-table__header-wrapper thead tr').count()).toBe(3);
    expect(await shown.locator('.el-table__header-wrapper th', { hasText: '户状态' }).count()).toBe(1);

    // Amounts print as yuan.
    await page.locator('.el-tabs__item', { hasText: '帮扶措施、资金、走访及红黑榜' }).click();
    const money = page.locator('[data-test="report-table-assistance"] .el-table__footer-wrapper tfoot tr td');
    await money.first().waitFor();
    const assistance = report.tables.find((t) => t.id === 'assistance')!;
    const k = assistance.columns.findIndex((c) => c.key === 'measures.yearFen');
    expect((await money.nth(k + 1).innerText()).trim()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    await page.locator('.el-tabs__item', { hasText: '户数人口及户状态' }).click();
    await quiet(page);
    await app.screenshot('reports-1-open');
  });

  it('closes the month: the dialog says what is frozen, and the status line changes', async () => {
    await page.locator('[data-test="report-close"]').click();
    const dialog = page.locator('[data-test="month-close-dialog"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('月报数字和所依据的农户数据将被冻结');
    await quiet(page);
    await app.screenshot('reports-2-close-dialog');
    await page.locator('[data-test="month-close-submit"]').click();

    await page.waitForFunction(() => document.querySelector('[data-test="report-status"]')?.textContent?.includes('结账：显示结账时的数据'));
    expect(await statusLine()).toMatch(/^已于 \d{4}-\d{2}-\d{2} 由 系统生成 结账：显示结账时的数据$/);
    expect(await page.locator('[data-test="report-close"]').count()).toBe(0);
    const closes = page.locator('[data-test="report-closes-table"]');
    expect(await closes.innerText()).toContain('系统生成');
    expect(await closes.innerText()).toContain('已结账');
    await dialog.waitFor({ state: 'hidden' });
    await quiet(page);
    await app.screenshot('reports-3-closed');
  });

  it('downloads the Excel: an xlsx with a sheet per table', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="report-xlsx"]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const report = app.ledger.handlers['report:monthly']({ month });
    expect(book.worksheets).toHaveLength(report.tables.length);
    const text = (ws: ExcelJS.Worksheet) => {
      const cells: string[] = [];
      ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
      return cells.join(' ');
    };
    for (const [i, table] of report.tables.entries()) {
      const sheet = book.worksheets[i]!;
      const content = text(sheet);
      for (const r of table.rows) expect(content, sheet.name).toContain(r.label);
      expect(content, sheet.name).toContain('合计');
    }
  });

  it('downloads the PDF under the core’s file name', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.locator('[data-test="report-pdf"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^青山镇.*月报.*\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('reopens the month with a reason; the history keeps both', async () => {
    await page.locator('[data-test="report-reopen"]').click();
    await page.locator('[data-test="month-reopen-dialog"]').waitFor();
    await page.locator('[data-test="month-reopen-submit"]').click();
    await page.locator('[data-test="month-reopen-dialog"] .el-form-item__error', { hasText: '请填写重新打开的原因' }).waitFor();

    await page.locator('textarea[data-test="month-reopen-reason"]').fill('柳溪村漏报一户新识别监测对象，补录后重新结账');
    await page.locator('[data-test="month-reopen-submit"]').click();
    await page.waitForFunction(() => document.querySelector('[data-test="report-status"]')?.textContent?.includes('未结账'));
    expect(await statusLine()).toBe('未结账：显示当前数据');
    const closes = await page.locator('[data-test="report-closes-table"]').innerText();
    expect(closes).toContain('已重新打开');
    expect(closes).not.toContain('已结账');
    expect(closes).toContain('柳溪村漏报一户新识别监测对象');
    await quiet(page);
    await app.screenshot('reports-4-reopened');
    expect(app.problems).toEqual([]);
  });
});

describe('首页 in the browser', () => {
  const CHARTS = ['chart-status', 'chart-monitoring', 'chart-causes', 'chart-visits'];

  it('shows this month’s counters and draws the four charts', async () => {
    await page.locator('[data-test="nav-home"]').click();
    await page.locator('[data-test="counter-households-value"]').waitFor();
    const dashboard = app.ledger.handlers['dashboard:get']({});
    expect(await page.locator('[data-test="counter-households-value"]').innerText()).toBe(dashboard.counters.households.toLocaleString('zh-CN'));
    expect(await page.locator('[data-test="counter-monitored-value"]').innerText()).toBe(String(dashboard.counters.monitoredActive));
    expect(await page.locator('[data-test="counter-overdue-value"]').innerText()).toBe(String(dashboard.counters.visitsOverdue));

    for (const chart of CHARTS) await page.locator(`[data-test="${chart}-canvas"] canvas`).first().waitFor();
    // Let the charts' entry animation (drawn on canvas, not a CSS animation) finish before looking at their pixels.
    await page.waitForTimeout(1500);
    await quiet(page);
    for (const chart of CHARTS) {
      const drawn = await page.locator(`[data-test="${chart}-canvas"] canvas`).first().evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d')!;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
        return { width: canvas.width, height: canvas.height, inked };
      });
      expect(drawn.width, chart).toBeGreaterThan(200);
      expect(drawn.height, chart).toBeGreaterThan(200);
      expect(drawn.inked, chart).toBeGreaterThan(500);
    }
    await app.screenshot('home-1-dashboard');
    await page.locator('[data-test="chart-visits"]').scrollIntoViewIfNeeded();
    await app.screenshot('home-1b-dashboard-lower');
    await page.locator('[data-test="home-counters"]').scrollIntoViewIfNeeded();
  });

  it('a bar of the status chart opens the household list of that village and status', async () => {
    const canvas = page.locator('[data-test="chart-status-canvas"]');
    const box = (await canvas.boundingBox())!;
    // Find a bar by the pointer ECharts shows over clickable shapes, scanning just above the x axis.
    let hit: { x: number; y: number } | null = null;
    for (let x = box.x + 40; x < box.x + box.width && !hit; x += 6) {
      const y = box.y + box.height - 40;
      await page.mouse.move(x, y);
      // zrender sets the cursor on the element that holds its canvas.
      const cursor = await canvas.evaluate((el) => el.querySelector('canvas')!.parentElement!.style.cursor);
      if (cursor === 'pointer') hit = { x, y };
    }
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    await page.waitForURL(/#\/households$/);
    await page.locator('[data-test="household-table"] .el-table__body-wrapper tbody tr').first().waitFor();
    // The bar's village and status are the list's filters, and every household listed has them.
    const village = (await page.locator('[data-test="filter-villageId"]').innerText()).trim();
    const status = (await page.locator('[data-test="filter-status"]').innerText()).trim();
    const villages = app.ledger.handlers['village:list']({}).map((v) => v.name);
    expect(villages).toContain(village);
    expect(householdStatus.entries.map((e) => e.label)).toContain(status);
    const rows = page.locator('[data-test="household-table"] .el-table__body-wrapper tbody tr');
    for (const row of await rows.all()) {
      const text = await row.innerText();
      expect(text).toContain(village);
      expect(text).toContain(status);
    }
    await quiet(page);
    await app.screenshot('home-2-linked-list');
    expect(app.problems).toEqual([]);
  });
});
