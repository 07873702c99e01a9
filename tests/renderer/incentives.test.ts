import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import HouseholdSelect from '../../src/renderer/src/components/incentives/HouseholdSelect.vue';
import RedeemDialog from '../../src/renderer/src/components/incentives/RedeemDialog.vue';
import { cellPoints, changedEntries, draftsOf, parseTimes } from '../../src/renderer/src/incentives/evaluation-grid';
import { criterionRuleText } from '../../src/renderer/src/incentives/labels';
import { publicityEndOf } from '../../src/renderer/src/incentives/round-flow';
import type { Criterion, EvaluationRound, PointsBalance, Redemption, ShopItem } from '../../src/shared/domain/incentive.types';
import { $, $$, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const criterion = (id: number, dimension: string, item: string, points: number, monthlyCap: number | null, sort: number): Criterion => ({
  id, ruleKey: `r${id}`, version: 1, dimension, item, points, monthlyCap, evidenceRequired: false, sort, retiredAt: null,
});

const CRITERIA = [
  criterion(1, '勤劳致富', '发展种养业、务工或经营增收', 5, 10, 1),
  criterion(2, '勤劳致富', '参加技能培训', 3, 6, 2),
  criterion(3, '环境卫生', '乱倒垃圾、乱堆乱放', -3, null, 6),
];

function round(over: Partial<EvaluationRound> = {}): EvaluationRound {
  return {
    id: 9, month: '2026-03', villageId: 1, villageName: '石桥村', state: 'draft',
    meetingDate: null, publicityStart: null, publicityEnd: null, reviewedBy: null, publicisedBy: null, finalisedBy: null,
    criteria: CRITERIA,
    households: [
      { id: 101, householdNo: '522799001000101', headName: '张大山', groupName: '一组', total: 10 },
      { id: 102, householdNo: '522799001000102', headName: '李秀英', groupName: '一组', total: -3 },
    ],
    entries: [
      { id: 1, householdId: 101, criterionId: 1, times: 2, points: 10, note: '养牛 3 头', recordedBy: '王小丽' },
      { id: 2, householdId: 102, criterionId: 3, times: 1, points: -3, note: null, recordedBy: '王小丽' },
    ],
    objections: [],
    ...over,
  };
}

describe('the grid’s rules', () => {
  it('reads the header’s points the way clerks write them', () => {
    expect(criterionRuleText(CRITERIA[0]!)).toBe('+5/次，月上限10');
    expect(criterionRuleText(CRITERIA[2]!)).toBe('-3/次');
    expect(criterionRuleText({ points: -3, monthlyCap: 6 })).toBe('-3/次，月最多扣6');
  });

  it('holds a cell to the monthly cap, and reads times typed in full-width digits', () => {
    expect(cellPoints(CRITERIA[0]!, 3)).toBe(10);
    expect(cellPoints(CRITERIA[2]!, 4)).toBe(-12);
    expect(parseTimes('３')).toBe(3);
    expect(parseTimes('')).toBe(0);
    expect(parseTimes('32')).toBeNull();
    expect(parseTimes('1.5')).toBeNull();
  });

  it('sends only the changed cells: a new one, a cleared one (times 0), a changed note', () => {
    const r = round();
    const drafts = draftsOf(r);
    expect(changedEntries(r, drafts)).toEqual({ entries: [], invalid: [] });
    drafts['101:2']!.times = '1';
    drafts['102:3']!.times = '';
    drafts['101:1']!.note = '养牛 4 头';
    // A note on an empty cell has no entry to hold it.
    drafts['102:1']!.note = '只有备注';
    expect(changedEntries(r, drafts).entries).toEqual([
      { householdId: 101, criterionId: 1, times: 2, note: '养牛 4 头' },
      { householdId: 101, criterionId: 2, times: 1, note: null },
      { householdId: 102, criterionId: 3, times: 0, note: null },
    ]);
    drafts['102:2']!.times = 'x';
    expect(changedEntries(r, drafts).invalid).toEqual(['102:2']);
  });

  it('counts the publicity’s days from its first day', () => {
    expect(publicityEndOf('2026-03-30', 3)).toBe('2026-04-01');
    expect(publicityEndOf('', 3)).toBeNull();
  });
});

describe('积分评议: the grid on the keyboard, saving, the workflow', () => {
  async function openGrid(r: EvaluationRound, handlers: Parameters<typeof installFakeLedger>[0] = {}) {
    const fake = installFakeLedger({ 'round:get': () => ({ ok: true, data: r }), ...handlers });
    const mounted = await mountWithApp(RoutedPage, { path: '/incentives/evaluation' });
    await settle();
    return { ...mounted, fake };
  }
  const cell = (h: number, c: number) => $(byTest(`cell-${h}-${c}`)) as HTMLInputElement;
  async function press(el: HTMLElement, key: string, init: KeyboardEventInit = {}) {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    await nextTick();
    return document.activeElement;
  }
  async function typeInto(el: HTMLInputElement, text: string) {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    await nextTick();
  }

  it('shows households as rows and criteria under their dimension, with the points in the header', async () => {
    const { fake } = await openGrid(round());
    expect(fake['round:get']).toHaveBeenCalledWith({ month: expect.stringMatching(/^\d{4}-\d{2}$/), villageId: 1 });
    const grid = $(byTest('evaluation-grid'));
    const heads = $$('[data-test="evaluation-grid"] thead tr:first-child th').map((th) => [th.textContent?.trim(), th.getAttribute('colspan')]);
    expect(heads).toEqual([['户编号', null], ['户主', null], ['组', null], ['勤劳致富', '2'], ['环境卫生', '1'], ['本月合计', null]]);
    expect($(byTest('criterion-1')).textContent?.replace(/\s+/g, '')).toBe('发展种养业、务工或经营增收+5/次月上限10');
    expect($(byTest('criterion-3')).textContent?.replace(/\s+/g, '')).toBe('乱倒垃圾、乱堆乱放-3/次');
    expect(grid.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(cell(101, 1).value).toBe('2');
    expect($(byTest('row-total-101')).textContent).toBe('10');
    expect($(byTest('round-state')).textContent).toContain('草稿');
  });

  it('moves with Enter across the row and on to the next household, and with the arrow keys', async () => {
    await openGrid(round());
    cell(101, 1).focus();
    expect(await press(cell(101, 1), 'Enter')).toBe(cell(101, 2));
    expect(await press(cell(101, 2), 'Enter')).toBe(cell(101, 3));
    // The end of a row goes on to the next household's first cell.
    expect(await press(cell(101, 3), 'Enter')).toBe(cell(102, 1));
    expect(await press(cell(102, 1), 'Enter', { shiftKey: true })).toBe(cell(101, 3));
    expect(await press(cell(101, 3), 'ArrowDown')).toBe(cell(102, 3));
    expect(await press(cell(102, 3), 'ArrowLeft')).toBe(cell(102, 2));
    expect(await press(cell(102, 2), 'ArrowUp')).toBe(cell(101, 2));
    // Nowhere to go: focus stays.
    expect(await press(cell(101, 2), 'ArrowUp')).toBe(cell(101, 2));
    // While an input method composes, Enter commits the pinyin and does not move.
    expect(await press(cell(101, 2), 'Enter', { isComposing: true })).toBe(cell(101, 2));
  });

  it('sends only the changed cells on 保存, and updates the row total as the clerk types', async () => {
    const saved = round({
      households: [
        { id: 101, householdNo: '522799001000101', headName: '张大山', groupName: '一组', total: 13 },
        { id: 102, householdNo: '522799001000102', headName: '李秀英', groupName: '一组', total: 0 },
      ],
      entries: [
        { id: 1, householdId: 101, criterionId: 1, times: 2, points: 10, note: '养牛 3 头', recordedBy: '王小丽' },
        { id: 3, householdId: 101, criterionId: 2, times: 1, points: 3, note: '参加养殖培训', recordedBy: '王小丽' },
      ],
    });
    const { fake } = await openGrid(round(), { 'round:saveEntries': () => ({ ok: true, data: saved }) });
    expect(($(byTest('round-save')) as HTMLButtonElement).disabled).toBe(true);

    await typeInto(cell(101, 2), '1');
    expect($(byTest('row-total-101')).textContent).toBe('13');
    // The note is written in the bar above the grid, for the cell last focused.
    cell(101, 2).focus();
    await nextTick();
    expect($(byTest('cell-bar')).textContent).toContain('参加技能培训');
    await type('cell-note', '参加养殖培训');
    await typeInto(cell(102, 3), '');
    expect($(byTest('row-total-102')).textContent).toBe('0');
    expect($(byTest('round-dirty')).textContent).toContain('2 格未保存');

    await click('round-save');

    expect(fake['round:saveEntries']).toHaveBeenCalledTimes(1);
    expect(fake['round:saveEntries']).toHaveBeenCalledWith({
      month: '2026-03',
      villageId: 1,
      entries: [
        { householdId: 101, criterionId: 2, times: 1, note: '参加养殖培训' },
        { householdId: 102, criterionId: 3, times: 0, note: null },
      ],
    });
    expect(document.querySelector(byTest('round-dirty'))).toBeNull();
    expect(cell(101, 2).value).toBe('1');
  });

  it('refuses to save a cell that is not 0—31 times, and sends nothing', async () => {
    const { fake } = await openGrid(round());
    await typeInto(cell(102, 1), '50');
    await click('round-save');
    expect($(byTest('round-save-error')).textContent).toContain('有 1 格的次数不是 0—31 的整数');
    expect(fake['round:saveEntries']).not.toHaveBeenCalled();
  });

  it('asks for a note on an item that needs evidence before sending it', async () => {
    const needsEvidence = CRITERIA.map((c) => (c.id === 3 ? { ...c, evidenceRequired: true } : c));
    const { fake } = await openGrid(round({ criteria: needsEvidence }));
    await typeInto(cell(101, 3), '1');
    await click('round-save');
    expect($(byTest('round-save-error')).textContent).toContain('“乱倒垃圾、乱堆乱放”须注明依据');
    expect(fake['round:saveEntries']).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(cell(101, 3));
  });

  it('shows the core’s refusal to move on in Chinese', async () => {
    const refusal = '民主评议日期不能晚于今天';
    const { fake } = await openGrid(round(), { 'round:advance': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal } }) });
    await click('round-advance');
    expect(fake['round:advance']).toHaveBeenCalledWith(expect.objectContaining({ month: '2026-03', villageId: 1, to: 'reviewed', meetingDate: expect.any(String) }));
    expect($(byTest('round-advance-error')).textContent).toBe(`没有记为已民主评议：${refusal}`);
  });

  it('is read-only once final: no inputs, no 保存, the note bar disabled', async () => {
    await openGrid(
      round({ state: 'final', meetingDate: '2026-04-01', publicityStart: '2026-04-02', publicityEnd: '2026-04-04', finalisedBy: '王小丽' }),
    );
    const grid = $(byTest('evaluation-grid'));
    expect(grid.querySelectorAll('input')).toHaveLength(0);
    expect($(byTest('cell-101-1')).textContent).toBe('2');
    expect(document.querySelector(byTest('round-save'))).toBeNull();
    expect(document.querySelector(byTest('round-advance'))).toBeNull();
    expect($(byTest('round-final-note')).textContent).toContain('已定稿');
    expect($(byTest('round-workflow')).textContent).toContain('2026-04-02 至 2026-04-04');
    expect($(byTest('round-state')).textContent).toContain('定稿');
  });
});

describe('积分兑换: cost against balance, and the core’s refusals', () => {
  const ITEMS: ShopItem[] = [
    { id: 1, name: '洗衣粉', unit: '袋', pointsPrice: 15, stock: 10 },
    { id: 2, name: '食用油', unit: '桶', pointsPrice: 40, stock: 0 },
  ];
  const BALANCE: PointsBalance = { householdId: 7, asOf: '2026-03-31', balance: 20, earned: 20, gifted: 0, redeemed: 0, revoked: 0 };

  async function openRedeem(handlers: Parameters<typeof installFakeLedger>[0] = {}) {
    const fake = installFakeLedger({ 'points:balance': () => ({ ok: true, data: BALANCE }), ...handlers });
    const redeemed = vi.fn();
    const mounted = await mountWithApp(RedeemDialog, { props: { items: ITEMS, open: true, onRedeemed: redeemed } as never });
    await settle();
    // The household is chosen from the search list.
    mounted.wrapper.findComponent(HouseholdSelect).vm.$emit('update:modelValue', 7);
    await settle();
    return { ...mounted, fake, redeemed };
  }

  it('shows the cost against the balance, says by how much it is short, and will not send', async () => {
    const { fake } = await openRedeem();
    expect(fake['points:balance']).toHaveBeenCalledWith({ householdId: 7 });
    expect($(byTest('redeem-balance')).textContent).toBe('20');
    // Out of stock: no quantity can be typed.
    expect(($(`${byTest('redeem-qty-2')} input`) as HTMLInputElement).disabled).toBe(true);

    await type('redeem-qty-1', '2');
    await settle();
    expect($(byTest('redeem-cost')).textContent).toBe('30');
    expect($(byTest('redeem-short')).textContent).toContain('余额不足，还差 10 分');
    expect(($(byTest('redeem-submit')) as HTMLButtonElement).disabled).toBe(true);

    await type('redeem-qty-1', '1');
    await settle();
    expect($(byTest('redeem-cost')).textContent).toBe('15');
    expect($(byTest('redeem-after')).textContent).toBe('5');
    expect(fake['shop:redeem']).not.toHaveBeenCalled();
  });

  it('sends the household, the ID as typed and the lines, and shows an ID refusal in Chinese', async () => {
    const refusal = '户主身份证号码与档案不符，请核对证件后再兑换';
    const { fake, redeemed } = await openRedeem({
      'shop:redeem': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal, details: { issues: [{ path: 'headId', message: '与户主身份证号码不符' }] } } }),
    });
    await type('redeem-qty-1', '1');
    await type('redeem-head-id', '00201x');
    await click('redeem-submit');

    expect(fake['shop:redeem']).toHaveBeenCalledWith({ householdId: 7, headId: '00201X', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), lines: [{ itemId: 1, qty: 1 }] });
    expect($(byTest('redeem-error')).textContent).toContain(`没有兑换：${refusal}`);
    await formItemErrorsShown();
    expect(fieldError('redeem-head-id')).toBe('与户主身份证号码不符');
    expect(redeemed).not.toHaveBeenCalled();
    expect(($(byTest('redeem-head-id')) as HTMLInputElement).value).toBe('00201x');
  });

  it('reports a redemption the core accepts', async () => {
    const done: Redemption = { id: 3, householdId: 7, redeemedOn: '2026-03-31', points: 15, lines: [{ itemId: 1, name: '洗衣粉', qty: 1, points: 15 }], operator: '王小丽', balanceAfter: 5 };
    const { redeemed } = await openRedeem({ 'shop:redeem': () => ({ ok: true, data: done }) });
    await type('redeem-qty-1', '1');
    await type('redeem-head-id', '002011');
    await click('redeem-submit');
    expect(redeemed).toHaveBeenCalledWith(done, null);
  });

  it('asks for a household, an ID and goods before sending', async () => {
    const fake = installFakeLedger();
    await mountWithApp(RedeemDialog, { props: { items: ITEMS, open: true } as never });
    await settle();
    await type('redeem-qty-1', '1');
    await click('redeem-submit');
    await formItemErrorsShown();
    const text = $(byTest('redeem-dialog')).textContent ?? '';
    expect(text).toContain('请选择兑换的农户');
    expect(text).toContain('请输入户主身份证号码或其后 6 位');
    expect(fake['shop:redeem']).not.toHaveBeenCalled();
  });
});
