import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { todayText } from '../../src/renderer/src/format';
import type { CadreMonthFigures } from '../../src/shared/domain/cadre-assessment.types';
import { readPdf } from '../support/pdf-text';
import { quiet, startApp, type RunningApp } from './support/app';

/**
 * 干部考核 in Chromium against the real core: a household's rating of its cadre recorded with a
 * visit; the cadre's page for the month then shows one more visit and one more rating, as the
 * core counts them; the township's cadre list is drafted from the proposals, taken through
 * 考核评议 and 公示, and its bulletin PDF read back (names and units, never an ID number).
 */
let app: RunningApp;
let page: Page;
const today = todayText(new Date());
const month = today.slice(0, 7);
let householdId = 0;
let cadreId = 0;
let cadreName = '';
let before: CadreMonthFigures;

const figures = () => app.ledger.handlers['cadre:month']({ cadreId, month }).figures;

beforeAll(async () => {
  app = await startApp((ledger) => ledger.seed({ households: 40, seed: 11, villages: 2 }));
  page = app.page;
  await page.setViewportSize({ width: 1360, height: 860 });
  // A paired household that has not rated its cadre yet, so its rating adds to the count.
  const pick = app.ledger.db
    .prepare(
      `SELECT p.household_id, p.cadre_id, c.name FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN households h ON h.id = p.household_id
       WHERE p.end_date IS NULL AND h.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM cadre_ratings r WHERE r.household_id = p.household_id) ORDER BY p.household_id LIMIT 1`,
    )
    .get() as { household_id: number; cadre_id: number; name: string };
  ({ household_id: householdId, cadre_id: cadreId, name: cadreName } = pick);
  before = figures();
});
afterAll(async () => {
  await app?.close();
});

async function fillDate(testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-test="${testId}"]`);
  await input.fill(value);
  await input.press('Enter');
}

async function cadrePageFigures(): Promise<{ visits: string; ratings: string; own: string }> {
  await page.goto(`${app.door.url}#/assistance/cadres/${cadreId}?month=${month}`);
  await page.locator('[data-test="cadre-figures"]').waitFor();
  await page.locator('[data-test="cadre-title"]', { hasText: cadreName }).waitFor();
  return {
    visits: await page.locator('[data-test="fig-visits"]').innerText(),
    ratings: await page.locator('[data-test="fig-rating-counts"]').innerText(),
    own: await page.locator('[data-test="fig-own-visits"]').innerText(),
  };
}

describe('干部考核 in the browser', () => {
  it('records a rating with a visit, and the cadre’s month counts it', async () => {
    const shownBefore = await cadrePageFigures();
    expect(shownBefore.own).toContain(String(before.ownVisits));
    expect(shownBefore.ratings).toContain(`${before.ratings.rated}`);

    await page.goto(`${app.door.url}#/households/${householdId}?tab=assistance`);
    await page.locator('[data-test="current-cadre"]', { hasText: cadreName }).waitFor();
    await page.locator('[data-test="visit-add"]').click();
    await fillDate('visit-date', today);
    await page.locator('[data-test="visit-type-HOME"]').click();
    await page.locator('[data-test="visit-purpose-POLICY"]').click();
    await page.locator('[data-test="visit-findings"]').fill('宣讲产业奖补政策，户主表示满意');
    await page.locator('[data-test="visit-with-rating"]').click();
    expect(await page.locator('[data-test="visit-rating-note"]').innerText()).toContain(cadreName);
    await page.locator('[data-test="rating-overall-1"]').click();
    await page.locator('[data-test="rating-policy-1"]').click();
    await page.locator('[data-test="rating-frequency-2"]').click();
    await page.locator('[data-test="rating-comment"]').fill('希望多讲讲小额信贷');
    await quiet(page);
    await app.screenshot('cadres-1-visit-rating');
    await page.locator('[data-test="visit-submit"]').click();
    await page.locator('[data-test="visit-table"]', { hasText: '宣讲产业奖补政策' }).waitFor();
    await page.locator('[data-test="rating-table"]', { hasText: '希望多讲讲小额信贷' }).waitFor();

    const [rating] = app.ledger.handlers['rating:list']({ householdId, includeSuperseded: false });
    expect(rating).toMatchObject({ cadreId, ratedOn: today, overall: '1', policy: '1', delivery: null, frequency: '2', method: 'IN_PERSON', comment: '希望多讲讲小额信贷' });
    const after = figures();
    expect(after.ratings.rated).toBe(before.ratings.rated + 1);
    expect(after.ratings.satisfied).toBe(before.ratings.satisfied + 1);
    expect(after.ownVisits).toBe(before.ownVisits + 1);

    const shownAfter = await cadrePageFigures();
    expect(shownAfter.own).toContain(String(after.ownVisits));
    expect(shownAfter.own).not.toBe(shownBefore.own);
    expect(shownAfter.ratings).toContain(`${after.ratings.rated}`);
    expect(shownAfter.ratings).not.toBe(shownBefore.ratings);
    await page.locator('[data-test="cadre-ratings-table"]', { hasText: '希望多讲讲小额信贷' }).waitFor();
    await quiet(page);
    await app.screenshot('cadres-2-cadre-page');
  });

  it('drafts the month’s cadre list, takes it through 考核评议 and 公示, and publishes the bulletin', async () => {
    await page.goto(`${app.door.url}#/assistance/assessment?month=${month}&tab=ranking`);
    await page.locator('[data-test="cadre-ranking-table"] tbody tr').first().waitFor();
    const ranking = app.ledger.handlers['cadre:ranking']({ month });
    expect(await page.locator('[data-test="cadre-ranking-table"] tbody tr').count()).toBe(ranking.rows.length);
    await quiet(page);
    await app.screenshot('cadres-3-ranking');

    await page.locator('.el-tabs__item', { hasText: '干部红黑榜' }).click();
    await page.locator('[data-test="cadre-list-draft"]').click();
    await page.locator('[data-test="cadre-list-state"]', { hasText: '草稿' }).waitFor();
    const drafted = app.ledger.handlers['cadreList:get']({ month });
    expect(drafted.id).not.toBeNull();
    const listed = drafted.entries.filter((e) => e.list !== null);
    expect(listed.length).toBeGreaterThan(0);

    await fillDate('round-meeting-date', today);
    await page.locator('[data-test="round-advance"]').click();
    await page.locator('[data-test="cadre-list-state"]', { hasText: '考核评议' }).waitFor();
    await fillDate('round-publicity-start', today);
    await page.locator('[data-test="round-advance"]').click();
    await page.locator('[data-test="cadre-list-state"]', { hasText: '公示' }).waitFor();
    expect(app.ledger.handlers['cadreList:get']({ month }).state).toBe('publicised');
    await quiet(page);
    await app.screenshot('cadres-4-list-publicised');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-test="cadre-bulletin-pdf"]').click()]);
    expect(download.suggestedFilename()).toMatch(/帮扶干部红黑榜通报\.pdf$/);
    const text = (await readPdf(readFileSync((await download.path())!))).text.replace(/\s+/g, '');
    expect(text).toContain('帮扶干部红黑榜通报');
    for (const e of listed.slice(0, 3)) expect(text).toContain(e.cadreName);
    // No ID number of any cadre.
    const ids = app.ledger.db.prepare('SELECT id_number FROM cadres WHERE id_number IS NOT NULL').pluck().all() as string[];
    for (const id of ids) expect(text).not.toContain(id);
    expect(app.problems).toEqual([]);
  });
});
