import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app';

/**
 * 导出花名册 in Chromium against the real core: tick two households in the list, export them in
 * our template layout, read the downloaded workbook back, and find the export in 导出登记.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp((ledger) => ledger.seed({ households: 40, seed: 7 }));
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

describe('导出花名册 in the browser', () => {
  it('exports the ticked households as a download whose IDs are whole text cells', async () => {
    await page.locator('[data-test="nav-households"]').click();
    const rows = page.locator('[data-test="household-table"] .el-table__body tr');
    await rows.first().waitFor();
    const numbers = [await rows.nth(0).locator('td').nth(1).innerText(), await rows.nth(1).locator('td').nth(1).innerText()];
    await rows.nth(0).locator('.el-checkbox').click();
    await rows.nth(1).locator('.el-checkbox').click();

    await page.locator('[data-test="household-export"]').click();
    const dialog = page.locator('[data-test="export-dialog"]');
    await dialog.waitFor();
    expect(await page.locator('[data-test="export-scope-selected"] input').isChecked()).toBe(true);
    await page.locator('[data-test="export-layout-template"]').click();
    await app.screenshot('export-1-dialog');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-submit"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^青山镇花名册（导入模板格式）-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const noColumn = headers.indexOf('户编号') + 1;
    const idColumn = headers.indexOf('证件号码') + 1;
    const exported = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      exported.add(String(row.getCell(noColumn).value));
      expect(row.getCell(idColumn).value).toMatch(/^\d{17}[\dX]$/);
    });
    expect([...exported].sort()).toEqual([...numbers].sort());
    await expect(page.locator('.el-message--success').innerText()).resolves.toContain('已导出 2 户');
  });

  it('lists the export in 导出登记', async () => {
    await page.locator('[data-test="nav-exports"]').click();
    const first = page.locator('[data-test="export-register-table"] .el-table__body tr').first();
    await first.waitFor();
    const text = await first.innerText();
    expect(text).toContain('本系统导入模板格式');
    expect(text).toContain('勾选的 2 户');
    expect(text).toContain('2 户');
    await app.screenshot('export-2-register');
    expect(app.problems).toEqual([]);
  });
});
