import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readPdf } from '../support/pdf-text';
import { startApp, type RunningApp } from './support/app';

/**
 * 联系卡 in Chromium against the real core: choose one village, see its cards previewed, make
 * the PDF in the background, save it, and read the download back: as many pages as the page
 * announced, and the village on every one of them.
 */
let app: RunningApp;
let page: Page;
const VILLAGE = '柳溪村';

beforeAll(async () => {
  app = await startApp((ledger) => ledger.seed({ households: 40, seed: 7 }));
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

async function choose(selector: string, option: string): Promise<void> {
  await page.locator(selector).first().click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe('联系卡 in the browser', () => {
  let announcedPages = 0;

  it('previews the chosen village’s cards and counts households and pages', async () => {
    await page.locator('[data-test="nav-cards"]').click();
    await page.locator('[data-test="card-preview"]').first().waitFor();
    await choose('[data-test="cards-villageId"]', VILLAGE);
    // The preview follows the choice after a short pause; wait until every card shown is the village's.
    await page.waitForFunction((village) => {
      const subtitles = [...document.querySelectorAll('[data-test="card-subtitle"]')];
      return subtitles.length > 0 && subtitles.every((s) => s.textContent?.includes(village));
    }, VILLAGE);

    const villageId = app.ledger.handlers['village:list']({}).find((v) => v.name === VILLAGE)!.id;
    const expected = app.ledger.handlers['card:preview']({ villageId, limit: 1 }).total;
    expect(expected).toBeGreaterThan(2);
    const summary = await page.locator('[data-test="cards-summary"]').innerText();
    const match = /共\s*(\d+)\s*户，将生成\s*(\d+)\s*页/.exec(summary);
    expect(match, summary).not.toBeNull();
    expect(Number(match![1])).toBe(expected);
    announcedPages = Number(match![2]);
    expect(announcedPages).toBe(Math.ceil(expected / 2)); // A4 每页两张 is the default

    const first = page.locator('[data-test="card-preview"]').first();
    expect(await first.locator('[data-test="card-title"]').innerText()).toBe('青山镇精准帮扶联系卡');
    expect(await first.locator('[data-test="card-qr"] svg').count()).toBe(1);
    await app.screenshot('cards-1-preview');
  });

  it('makes the PDF, shows it, and saves a file with the announced pages', async () => {
    await page.locator('[data-test="cards-generate"]').click();
    await page.locator('[data-test="cards-pdf"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-test="cards-pdf-summary"]').innerText()).toContain(`共 ${announcedPages} 页`);
    expect(await page.locator('[data-test="cards-generate"]').isEnabled()).toBe(true);
    // Chromium's PDF viewer draws the pages a moment after the <object> is in place; the picture is only for people.
    await page.waitForTimeout(1500);
    await app.screenshot('cards-2-pdf');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="cards-save"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^精准帮扶联系卡.*柳溪村.*\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(new Uint8Array(bytes));
    expect(pdf.pages).toHaveLength(announcedPages);
    for (const p of pdf.pages) expect(p.text).toContain(VILLAGE);
    expect(pdf.text).not.toMatch(/石桥村|青龙村/);
    expect(app.problems).toEqual([]);
  });
});
