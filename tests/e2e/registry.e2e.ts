import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app';

/**
 * The clerk's day, in Chromium against the real core over the HTTP door: set up the township,
 * register a family of three, find it by pinyin initials, correct a member, read the audit log.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

async function choose(selectSelector: string, option: string, nth = 0): Promise<void> {
  await page.locator(selectSelector).nth(nth).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe('household registry in the browser', () => {
  it('sets up the township, a village and a group in 设置', async () => {
    await page.locator('[data-test="settings-missing"]').first().waitFor();
    await page.locator('[data-test="nav-settings"]').click();
    await page.locator('[data-test="settings-townshipName"]').fill('青山镇');
    await page.locator('[data-test="settings-operatorName"]').fill('李文书');
    await page.locator('[data-test="settings-save"]').click();
    await page.locator('[data-test="header-township"]', { hasText: '青山镇' }).waitFor();

    await page.locator('[data-test="village-name-input"]').fill('石桥村');
    await page.locator('[data-test="village-add"]').click();
    await page.locator('[data-test="village-table"]', { hasText: '石桥村' }).waitFor();
    await page.locator('[data-test="group-name-input"]').fill('一组');
    await page.locator('[data-test="group-add"]').click();
    await page.locator('[data-test="group-table"]', { hasText: '一组' }).waitFor();
    await app.screenshot('01-settings');
  });

  it('creates a household with three members; typing an ID fills birth date and sex', async () => {
    await page.locator('[data-test="nav-households"]').click();
    await page.locator('[data-test="household-new"]').click();
    await page.locator('[data-test="field-householdNo"]').fill('522799001000001');
    await choose('[data-test="field-villageId"]', '石桥村');
    await choose('[data-test="field-groupId"]', '一组');
    await choose('[data-test="field-status"]', '脱贫户');
    await choose('[data-test="field-attribute"]', '一般贫困户');
    await choose('[data-test="field-mainCause"]', '因病');

    const people = [
      { name: '张三', id: '110101198001019998', relationship: '户主', sex: '男', birth: '1980-01-01' },
      { name: '李秀英', id: '11010519491231002X', relationship: '之母', sex: '女', birth: '1949-12-31' },
      { name: '张小明', id: '110101200806110035', relationship: '之子', sex: '男', birth: '2008-06-11' },
    ];
    for (const [i, p] of people.entries()) {
      if (i > 0 || (await page.locator('[data-test="member-name"]').count()) === 0) await page.locator('[data-test="member-add"]').click();
      await page.locator('[data-test="member-name"]').nth(i).fill(p.name);
      await page.locator('[data-test="member-idNumber"]').nth(i).fill(p.id.toLowerCase());
      await page.locator('[data-test="member-idNumber"]').nth(i).blur();
      if (i > 0) await choose('[data-test="member-relationship"]', p.relationship, i);
    }
    for (const [i, p] of people.entries()) {
      await expect(page.locator('[data-test="member-birthDate"]').nth(i).inputValue()).resolves.toBe(p.birth);
      await expect(page.locator('[data-test="member-sex"]').nth(i).innerText()).resolves.toContain(p.sex);
    }
    await app.screenshot('02-new-household');
    await page.locator('[data-test="household-save"]').click();
    await page.locator('.el-message', { hasText: '已保存' }).waitFor();
    const rows = app.ledger.db.prepare("SELECT name, sex, birth_date, id_number FROM members ORDER BY sort").all();
    expect(rows).toEqual(people.map((p) => ({ name: p.name, sex: p.sex === '男' ? '1' : '2', birth_date: p.birth, id_number: p.id })));
  });

  it('shows the Chinese message for a wrong check digit instead of saving', async () => {
    await page.locator('[data-test="nav-households"]').click();
    await page.locator('[data-test="household-new"]').click();
    await page.locator('[data-test="member-name"]').first().waitFor();
    if ((await page.locator('[data-test="member-name"]').count()) === 0) await page.locator('[data-test="member-add"]').click();
    await page.locator('[data-test="member-name"]').first().fill('王五');
    await page.locator('[data-test="member-idNumber"]').first().fill('110101198001019997');
    await page.locator('[data-test="household-save"]').click();
    await page.getByText('校验位错误：最后一位应为“8”').first().waitFor();
    await app.screenshot('03-wrong-check-digit');
    expect(app.ledger.db.prepare('SELECT count(*) AS n FROM households').get()).toEqual({ n: 1 });
  });

  it('finds the household by pinyin initials and edits a member', async () => {
    await page.locator('[data-test="nav-households"]').click();
    // The unsaved draft from the previous step: the form asks before throwing it away.
    await page.locator('.el-message-box__btns button', { hasText: '不保存，离开' }).click();
    await page.locator('[data-test="household-search"]').fill('zxm');
    await page.locator('[data-test="household-search"]').press('Enter');
    const table = page.locator('[data-test="household-table"]');
    await table.locator('tbody tr', { hasText: '张三' }).first().waitFor();
    expect(await table.locator('tbody tr', { hasText: '522799001000001' }).count()).toBe(1);
    await app.screenshot('04-search-zxm');

    await table.locator('[data-test="household-edit"]').first().click();
    await page.locator('[data-test="tab-members"]').click();
    await page.locator('[data-test="member-name"]').nth(2).fill('张晓明');
    await page.locator('[data-test="member-phone"]').nth(2).fill('13900001111');
    await page.locator('[data-test="household-save"]').click();
    await page.locator('.el-message', { hasText: '已保存' }).last().waitFor();
    const member = app.ledger.db.prepare("SELECT name, phone FROM members WHERE id_number = '110101200806110035'").get();
    expect(member).toEqual({ name: '张晓明', phone: '13900001111' });
  });

  it('lists the change in 操作日志 with who made it', async () => {
    await page.locator('[data-test="nav-audit"]').click();
    const audit = page.locator('[data-test="audit-table"]');
    await audit.locator('tbody tr', { hasText: '修改农户档案' }).first().waitFor();
    const text = await audit.innerText();
    expect(text).toContain('李文书');
    expect(text).toContain('新增农户档案：户编号 522799001000001，户主 张三，3 人');
    expect(text).toContain('修改农户档案：户编号 522799001000001，户主 张三（成员 张晓明：姓名、成员联系电话）');
    await app.screenshot('05-audit');
    expect(app.problems).toEqual([]);
  });
});
