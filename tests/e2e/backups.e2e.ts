import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch, dispatchAsync } from '../../src/main/core';
import type { BackupInfo } from '../../src/shared/domain/backup.types';
import type { HouseholdRow, Page as ListPage, Village } from '../../src/shared/domain/registry.types';
import { idFor } from '../support/temp-ledger';
import { quiet, startApp, type RunningApp } from './support/app';

/**
 * 备份与恢复 in Chromium against the real core: 立即备份 from 设置, a household added afterwards
 * through the API, then 恢复 of that backup from the list (asked first, with a dangerous button),
 * the result shown, the page reloaded, and the registry back to the households it had; a file
 * that is not a backup is refused with nothing changed.
 */
let app: RunningApp;
let page: Page;

function must(method: string, input: unknown): unknown {
  const r = dispatch(app.ledger, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}
const households = () => (must('household:list', {}) as ListPage<HouseholdRow>).total;
const card = () => page.locator('[data-test="backup-settings"]');
const rows = () => card().locator('[data-test="backup-table"] .el-table__body-wrapper tbody tr');

beforeAll(async () => {
  app = await startApp((ledger) => ledger.seed({ households: 40, seed: 21, villages: 2 }));
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

describe('备份与恢复 in the browser', () => {
  let before: number;
  let made: BackupInfo;

  it('makes a backup from 设置 with 立即备份', async () => {
    before = households();
    expect(before).toBe(40);
    await page.locator('[data-test="nav-settings"]').click();
    await card().waitFor();
    expect(await card().locator('[data-test="backup-explain"]').innerText()).toContain('每份备份写完后都会校验');
    await card().locator('[data-test="backup-empty"]').waitFor();

    await card().locator('[data-test="backup-now"]').click();
    await card().locator('[data-test="backup-created"]').waitFor();

    const list = (await dispatchAsync(app.ledger, 'backup:list', {})) as { ok: true; data: BackupInfo[] };
    expect(list.data).toHaveLength(1);
    made = list.data[0]!;
    expect(made.reason).toBe('手动');
    expect(await card().locator('[data-test="backup-created-path"]').innerText()).toBe(made.path);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator('[data-test="backup-file"]').innerText()).toBe(made.fileName);
    expect(await rows().first().locator('[data-test="backup-reason"]').innerText()).toBe('手动');
    expect(await rows().first().locator('[data-test="backup-time"]').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await rows().first().locator('[data-test="backup-size"]').innerText()).toMatch(/MB$/);

    await card().scrollIntoViewIfNeeded();
    await quiet(page);
    await app.screenshot('backups-1-made');
  });

  it('restores that backup from the list after confirmation: the household added since is gone', async () => {
    const [village] = must('village:list', {}) as Village[];
    must('household:save', {
      villageId: village!.id,
      status: 'LIFTED_HOUSEHOLD',
      attribute: 'GENERAL',
      mainCause: '01',
      members: [{ name: '备份后新户', idNumber: idFor('110101', '19660606', 777), relationship: '01' }],
    });
    expect(households()).toBe(before + 1);

    await rows().first().locator('[data-test="backup-restore"]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    const question = await box.innerText();
    expect(question).toContain(made.fileName);
    expect(question).toContain('当前台账会先备份为“恢复前”，然后被所选备份替换；恢复后页面会重新载入');
    await quiet(page);
    await app.screenshot('backups-2-confirm');
    await page.locator('.backup-restore-confirm').click();

    const result = page.locator('[data-test="backup-restored"]');
    await result.locator('[data-test="backup-restored-households"]').waitFor();
    expect(await result.locator('[data-test="backup-restored-households"]').innerText()).toContain(String(before));
    expect(await result.locator('[data-test="backup-restored-from"]').innerText()).toContain(made.path);
    const safety = await result.locator('[data-test="backup-restored-safety"]').innerText();
    expect(safety).toMatch(/恢复前的台账已备份为“ledger-恢复前-\d{8}T\d{9}(-\d+)?\.sqlite”/);

    // The core is already back to the backup's households.
    expect(households()).toBe(before);
    expect((must('household:list', { q: '备份后新户' }) as ListPage<HouseholdRow>).total).toBe(0);
    await quiet(page);
    await app.screenshot('backups-3-restored');

    // 重新载入 reloads the page: the marker set on this window is gone afterwards.
    await page.evaluate(() => ((window as unknown as { beforeReload: boolean }).beforeReload = true));
    await page.locator('[data-test="backup-reload"]').click();
    await page.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload);
    await card().waitFor();
    expect(page.url()).toMatch(/#\/settings$/);
    await expect.poll(() => rows().count()).toBe(2);
    const reasons = await rows().locator('[data-test="backup-reason"]').allInnerTexts();
    expect(reasons).toEqual(['恢复前', '手动']);
    expect(await page.locator('[data-test="backup-restored"]').count()).toBe(0);
    // The reloaded page reads the restored registry: the villages' 户数 add up to the backup's households.
    const counts = await page.locator('[data-test="village-table"] .el-table__body-wrapper tbody tr td:nth-child(4)').allInnerTexts();
    expect(counts.reduce((sum, n) => sum + Number(n), 0)).toBe(before);
    await quiet(page);
    await app.screenshot('backups-4-reloaded');
  });

  it('refuses a file that is not a backup and says nothing changed', async () => {
    const notABackup = join(app.ledger.dbPath, '..', '不是备份.sqlite');
    writeFileSync(notABackup, '这不是数据库');
    const count = households();

    await card().locator('[data-test="backup-from-file-toggle"]').click();
    await card().locator('[data-test="backup-from-file-path"]').fill(notABackup);
    await card().locator('[data-test="backup-from-file-submit"]').click();
    await page.locator('.el-message-box').waitFor();
    await page.locator('.backup-restore-confirm').click();

    const error = card().locator('[data-test="backup-restore-error"]');
    await error.waitFor();
    const shown = await error.innerText();
    expect(shown).toContain('没有恢复：');
    expect(shown).toContain('不是');
    expect(shown).toContain('台账没有任何改动');
    expect(households()).toBe(count);
    await expect.poll(() => rows().count()).toBe(2);
    await quiet(page);
    await app.screenshot('backups-5-refused');
    expect(app.problems).toEqual([]);
  });
});
