import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../src/shared/api';
import { createLedger, dispatch } from '../../src/main/core';
import { idFor, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

const TODAY = '2025-06-15';
const fixedNow = () => new Date(`${TODAY}T12:00:00+08:00`);
const MONTH = '2025-05';

let n = 0;
function setUp(households = 4) {
  t = tempLedger({ now: fixedNow });
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  const made = Array.from({ length: households }, () => {
    n++;
    return t.must('household:save', {
      villageId: village.id, status: 'LIFTED_HOUSEHOLD', attribute: 'GENERAL', mainCause: '01', statusSince: '2024-01', phone: '13912345678',
      members: [{ name: `户主${n}`, idNumber: idFor('110101', '19700101', n * 2 + 1), relationship: '01' }],
    } as ApiInput<'household:save'>);
  });
  const criteria = t.must('criteria:list', {});
  const c = (item: string) => criteria.find((x) => x.item.startsWith(item))!;
  return { village, households: made, c };
}

const failure = (r: { ok: boolean; error?: { code: string; message: string } }) => {
  if (r.ok) throw new Error('expected a refusal');
  return r.error!;
};

/** Fills the grid, reviews, publicises from 10 days ago (so the 3 days are over) and finalises. */
function finalRound(villageId: number, entries: ApiInput<'round:saveEntries'>['entries'], month = MONTH) {
  t.must('round:saveEntries', { month, villageId, entries });
  t.must('round:advance', { month, villageId, to: 'reviewed', meetingDate: '2025-06-01' });
  t.must('round:advance', { month, villageId, to: 'publicised', publicityStart: '2025-06-02' });
  return t.must('round:advance', { month, villageId, to: 'final' });
}

describe('monthly evaluation', () => {
  it('moves draft → reviewed → publicised → final only in order, and then writes the points to the ledger', () => {
    const { village, households: [a, b], c } = setUp();
    const r = t.must('round:saveEntries', {
      month: MONTH, villageId: village.id,
      entries: [
        { householdId: a!.id, criterionId: c('发展种养业').id, times: 3 }, // 5 × 3 held to the cap of 10
        { householdId: a!.id, criterionId: c('庭院整洁').id, times: 1 },
        { householdId: b!.id, criterionId: c('乱倒垃圾').id, times: 2 },
      ],
    });
    expect(r.state).toBe('draft');
    expect(r.households.map((h) => h.total).slice(0, 2)).toEqual([13, -6]);

    expect(failure(t.call('round:advance', { month: MONTH, villageId: village.id, to: 'publicised' })).message).toContain('下一步应为“已民主评议”');
    expect(failure(t.call('round:advance', { month: MONTH, villageId: village.id, to: 'reviewed' })).message).toBe('请填写民主评议会议的日期');
    t.must('round:advance', { month: MONTH, villageId: village.id, to: 'reviewed', meetingDate: '2025-06-10' });
    expect(failure(t.call('round:saveEntries', { month: MONTH, villageId: village.id, entries: [{ householdId: b!.id, criterionId: c('庭院整洁').id, times: 1 }] })).message).toContain('评议表当前为“已民主评议”，只有草稿可以修改');
    // Publicised today: 3 days, so not final before they are over.
    const pub = t.must('round:advance', { month: MONTH, villageId: village.id, to: 'publicised' });
    expect([pub.publicityStart, pub.publicityEnd]).toEqual(['2025-06-15', '2025-06-17']);
    expect(failure(t.call('round:advance', { month: MONTH, villageId: village.id, to: 'final' })).message).toBe('公示期到 2025-06-17 结束，公示期满后才能定稿');
    expect(t.must('points:balance', { householdId: a!.id }).balance).toBe(0);
  });

  it('records objections during publicity; an open one blocks the final step', () => {
    const { village, households: [a], c } = setUp();
    t.must('round:saveEntries', { month: MONTH, villageId: village.id, entries: [{ householdId: a!.id, criterionId: c('参加村民会议').id, times: 1 }] });
    expect(failure(t.call('round:objection', { month: MONTH, villageId: village.id, text: '评分不公', raisedOn: '2025-06-03' })).message).toBe('只有公示期间才登记异议');
    t.must('round:advance', { month: MONTH, villageId: village.id, to: 'reviewed', meetingDate: '2025-06-01' });
    t.must('round:advance', { month: MONTH, villageId: village.id, to: 'publicised', publicityStart: '2025-06-02' });
    const withObjection = t.must('round:objection', { month: MONTH, villageId: village.id, householdId: a!.id, text: '认为漏记了一次义务劳动', raisedOn: '2025-06-03' });
    expect(failure(t.call('round:advance', { month: MONTH, villageId: village.id, to: 'final' })).message).toBe('还有 1 条异议未处理，处理后才能定稿');
    t.must('round:resolveObjection', { objectionId: withObjection.objections[0]!.id, resolution: '经核实已按实际次数记分' });
    const final = t.must('round:advance', { month: MONTH, villageId: village.id, to: 'final' });
    expect(final).toMatchObject({ state: 'final', finalisedBy: '李文书' });
    expect(final.objections[0]).toMatchObject({ resolution: '经核实已按实际次数记分', resolvedBy: '李文书' });
    expect(failure(t.call('round:advance', { month: MONTH, villageId: village.id, to: 'final' })).message).toContain('评议表已定稿，流程已结束');
    expect(t.must('points:balance', { householdId: a!.id }).balance).toBe(2);
  });

  it('keeps the points of the criterion version an evaluation used after the criterion is edited', () => {
    const { village, households: [a], c } = setUp();
    const v1 = c('庭院整洁');
    finalRound(village.id, [{ householdId: a!.id, criterionId: v1.id, times: 1 }], '2025-04');
    const v2 = t.must('criteria:save', { ruleKey: v1.ruleKey, dimension: v1.dimension, item: v1.item, points: 4, monthlyCap: 4 });
    expect(v2).toMatchObject({ ruleKey: v1.ruleKey, version: 2, points: 4 });
    expect(t.must('criteria:list', {}).filter((x) => x.ruleKey === v1.ruleKey)).toHaveLength(1);
    const april = t.must('round:get', { month: '2025-04', villageId: village.id });
    expect(april.entries[0]).toMatchObject({ criterionId: v1.id, points: 3 });
    expect(april.criteria.some((x) => x.id === v1.id)).toBe(true);
    finalRound(village.id, [{ householdId: a!.id, criterionId: v2.id, times: 1 }]);
    expect(t.must('points:ledger', { householdId: a!.id }).map((e) => e.points)).toEqual([3, 4]);
    expect(failure(t.call('round:saveEntries', { month: '2025-06', villageId: village.id, entries: [{ householdId: a!.id, criterionId: v1.id, times: 1 }] })).message).toContain('已停用或已有新版本');
  });
});

describe('the points ledger', () => {
  it('is append-only: balances at any date, corrections as reversing entries, and the database refuses edits', () => {
    const { village, households: [a], c } = setUp();
    finalRound(village.id, [{ householdId: a!.id, criterionId: c('发展种养业').id, times: 2 }], '2025-04'); // +10, dated 2025-04-30
    t.must('points:adjust', { householdId: a!.id, kind: 'GIFTED', points: 6, date: '2025-06-01', reason: '帮扶干部慰问金折算积分' });
    const earned = t.must('points:ledger', { householdId: a!.id }).find((e) => e.kind === 'EARNED')!;
    const reversal = t.must('points:adjust', { householdId: a!.id, kind: 'CORRECTION', points: -10, date: TODAY, reason: '评分有误，冲正', reversesId: earned.id });
    expect(reversal).toMatchObject({ reversesId: earned.id, points: -10 });
    expect(failure(t.call('points:adjust', { householdId: a!.id, kind: 'CORRECTION', points: -3, date: TODAY, reason: '冲正', reversesId: earned.id })).message).toBe('冲正应为原记录的相反数 -10 分');
    expect(t.must('points:balance', { householdId: a!.id, asOf: '2025-04-29' }).balance).toBe(0);
    expect(t.must('points:balance', { householdId: a!.id, asOf: '2025-05-31' }).balance).toBe(10);
    expect(t.must('points:balance', { householdId: a!.id, asOf: '2025-06-01' })).toMatchObject({ balance: 16, gifted: 6 });
    expect(t.must('points:balance', { householdId: a!.id, asOf: TODAY })).toMatchObject({ balance: 6, earned: 10, revoked: -10 });
    expect(() => t.ledger.db.prepare('UPDATE points_ledger SET points = 100').run()).toThrow('积分台账只能追加，不能修改');
    expect(() => t.ledger.db.prepare('DELETE FROM points_ledger').run()).toThrow('积分台账只能追加，不能删除');
    expect(t.must('points:ledger', { householdId: a!.id })).toHaveLength(3);
  });

  it('ranks a village’s households by the month’s points, equal points sharing a rank', () => {
    const { village, households: [a, b, c2, d], c } = setUp();
    finalRound(village.id, [
      { householdId: a!.id, criterionId: c('庭院整洁').id, times: 1 },
      { householdId: b!.id, criterionId: c('发展种养业').id, times: 1 },
      { householdId: c2!.id, criterionId: c('发展种养业').id, times: 1 },
      { householdId: d!.id, criterionId: c('赌博').id, times: 1, note: '派出所通报' },
    ]);
    const ranking = t.must('points:ranking', { month: MONTH, villageId: village.id });
    expect(ranking.map((r) => [r.rank, r.monthPoints])).toEqual([[1, 5], [1, 5], [3, 3], [4, -10]]);
    // Finalised in June, the May points are dated May 31: May's ranking shows them in the balances.
    expect(ranking.map((r) => r.balance)).toEqual([5, 5, 3, -10]);
  });
});

describe('the charity supermarket', () => {
  function withPoints() {
    const s = setUp();
    finalRound(s.village.id, [{ householdId: s.households[0]!.id, criterionId: s.c('发展种养业').id, times: 2 }]); // 10 points
    const soap = t.must('shop:saveItem', { name: '洗衣粉', unit: '袋', pointsPrice: 3 });
    t.must('shop:stockIn', { itemId: soap.id, qty: 2, source: '县供销社捐赠', date: TODAY });
    const head = t.must('household:get', { id: s.households[0]!.id }).members[0]!.idNumber;
    return { ...s, soap, head };
  }

  it('redeems with the head’s ID checked, and refuses an overdrawn balance or stock, in Chinese', () => {
    const { households: [a], soap, head } = withPoints();
    expect(failure(t.call('shop:redeem', { householdId: a!.id, headId: '000000', date: TODAY, lines: [{ itemId: soap.id, qty: 1 }] })).message).toBe('户主身份证号码与档案不符，请核对证件后再兑换');
    expect(failure(t.call('shop:redeem', { householdId: a!.id, headId: head.slice(-6), date: TODAY, lines: [{ itemId: soap.id, qty: 3 }] })).message).toBe('“洗衣粉”库存只有 2袋，不够兑换 3袋');
    const done = t.must('shop:redeem', { householdId: a!.id, headId: head.slice(-6), date: TODAY, lines: [{ itemId: soap.id, qty: 2 }] });
    expect(done).toMatchObject({ points: 6, balanceAfter: 4 });
    expect(t.must('shop:items', {})[0]!.stock).toBe(0);
    t.must('shop:stockIn', { itemId: soap.id, qty: 5, source: '爱心人士', date: TODAY });
    expect(failure(t.call('shop:redeem', { householdId: a!.id, headId: head, date: TODAY, lines: [{ itemId: soap.id, qty: 2 }] })).message).toBe('积分余额 4 分，不够兑换所需的 6 分');
    expect(t.must('points:balance', { householdId: a!.id })).toMatchObject({ balance: 4, redeemed: 6 });
  });

  it('never lets two counters overdraw the same balance or stock', () => {
    const { households: [a], soap, head } = withPoints();
    t.must('shop:stockIn', { itemId: soap.id, qty: 10, source: '爱心人士', date: TODAY });
    // A second connection to the same file, as a second office PC on a shared database would be.
    const other = createLedger({ dbPath: t.dbPath, now: fixedNow });
    try {
      const results = [];
      for (let i = 0; i < 6; i++) {
        const ledger = i % 2 === 0 ? t.ledger : other;
        results.push(dispatch(ledger, 'shop:redeem', { householdId: a!.id, headId: head, date: TODAY, lines: [{ itemId: soap.id, qty: 1 }] }));
      }
      expect(results.filter((r) => r.ok)).toHaveLength(3); // 10 points, 3 a time
      expect(t.must('points:balance', { householdId: a!.id }).balance).toBe(1);
      expect(t.must('shop:items', {})[0]!.stock).toBe(12 - 3);
      // And the database itself refuses an overdraft, whatever writes it.
      expect(() =>
        t.ledger.db.prepare("INSERT INTO points_ledger (household_id, kind, points, occurred_on, reason, recorded_by, recorded_at) VALUES (?, 'REDEEMED', -5, ?, 'x', 'x', 'x')").run(a!.id, TODAY),
      ).toThrow('积分余额不足');
      expect(() => t.ledger.db.prepare('UPDATE shop_items SET stock = -1').run()).toThrow();
    } finally {
      other.close();
    }
  });
});

describe('red and black lists', () => {
  it('proposes from the month’s points; the committee confirms with reasons, rewards, sanctions and delisting', () => {
    const { village, households: [a, b, c2, d], c } = setUp();
    finalRound(village.id, [
      { householdId: a!.id, criterionId: c('发展种养业').id, times: 2 },
      { householdId: b!.id, criterionId: c('庭院整洁').id, times: 1 },
      { householdId: d!.id, criterionId: c('乱倒垃圾').id, times: 1 },
    ]);
    const proposals = t.must('redblack:propose', { month: MONTH, villageId: village.id, redTop: 1, blackBottom: 2 });
    expect(proposals.map((p) => [p.list, p.householdId, p.monthPoints])).toEqual([['RED', a!.id, 10], ['BLACK', d!.id, -3]]);
    void c2;
    const red = t.must('redblack:save', {
      month: MONTH, villageId: village.id, householdId: a!.id, list: 'RED', reasonCategory: '勤劳致富', description: '养殖生猪 20 头，带动邻户，联系电话 13912345678',
      approver: '王支书', approvedOn: '2025-06-12', rewardFen: 20000, rewardPaidOn: '2025-06-14',
    });
    expect(red).toMatchObject({ list: 'RED', rewardFen: 20000, published: true });
    const black = t.must('redblack:save', {
      month: MONTH, villageId: village.id, householdId: d!.id, list: 'BLACK', reasonCategory: '环境卫生', description: '多次乱倒垃圾',
      approver: '王支书', approvedOn: '2025-06-12', sanction: '暂停产业奖补', sanctionStart: '2025-06-15', sanctionEnd: '2025-09-14',
    });
    t.must('redblack:save', {
      month: MONTH, villageId: village.id, householdId: b!.id, list: 'BLACK', reasonCategory: '其他', description: '待核实', approver: '王支书', approvedOn: '2025-06-12', published: false,
    });
    expect(failure(t.call('redblack:save', { month: MONTH, villageId: village.id, householdId: d!.id, list: 'BLACK', reasonCategory: '环境卫生', description: '重复', approver: '王支书', approvedOn: '2025-06-12' })).message).toBe('这一户本月已在黑榜上');
    expect(failure(t.call('redblack:save', { month: MONTH, villageId: village.id, householdId: d!.id, list: 'RED', reasonCategory: 'x', description: 'x', approver: 'x', approvedOn: '2025-06-12', sanction: '暂停' })).message).toBe('红榜不设暂停帮扶事项');
    const delisted = t.must('redblack:delist', { id: black.id, date: TODAY, reason: '已整改，经村民代表评议同意下榜' });
    expect(delisted).toMatchObject({ delistedOn: TODAY });
    expect(t.must('redblack:list', { month: MONTH, villageId: village.id }).map((e) => e.list).sort()).toEqual(['BLACK', 'BLACK', 'RED']);
    expect(t.must('incentives:household', { householdId: a!.id })).toMatchObject({ balance: { balance: 10 }, lists: [{ list: 'RED' }] });

    // The monthly report counts the month's list entries, and the points of the evaluated month.
    const total = (month: string, key: string) => {
      const tb = t.must('report:monthly', { month }).tables.find((x) => x.id === 'assistance')!;
      return tb.total.values[tb.columns.findIndex((col) => col.key === key)];
    };
    expect([total(MONTH, 'incentives.red'), total(MONTH, 'incentives.black')]).toEqual([1, 2]);
    expect([total(MONTH, 'incentives.issued'), total(MONTH, 'incentives.redeemed'), total('2025-06', 'incentives.issued')]).toEqual([13, 0, 0]);
  });
});

describe('publicity sheets through the contract', () => {
  it('print the published red names with deeds and black names only; never an ID number or a phone', async () => {
    const { dispatchAsync } = await import('../../src/main/core');
    const { readPdf } = await import('../support/pdf-text');
    const { village, households: [a, b, c2], c } = setUp();
    finalRound(village.id, [{ householdId: a!.id, criterionId: c('发展种养业').id, times: 1 }]);
    const save = (householdId: number, list: 'RED' | 'BLACK', description: string, published = true) =>
      t.must('redblack:save', { month: MONTH, villageId: village.id, householdId, list, reasonCategory: list === 'RED' ? '勤劳致富' : '环境卫生', description, approver: '王支书', approvedOn: '2025-06-12', published });
    save(a!.id, 'RED', '种植茶叶 10 亩，手机 13912345678');
    save(b!.id, 'BLACK', '乱倒垃圾，屡教不改');
    save(c2!.id, 'BLACK', '待核实', false);
    const names = (id: number) => t.must('household:get', { id }).members.find((m) => m.relationship === '01')!.name;
    const pdf = (await dispatchAsync(t.ledger, 'redblack:publicity', { month: MONTH, villageId: village.id, format: 'pdf' })) as { ok: true; data: { fileName: string; contentBase64: string } };
    expect(pdf.data.fileName).toBe('石桥村2025年5月红黑榜公示.pdf');
    const text = (await readPdf(Buffer.from(pdf.data.contentBase64, 'base64'))).text;
    expect(text).toContain(names(a!.id));
    expect(text).toContain('种植茶叶 10 亩');
    expect(text).toContain('139****5678');
    expect(text).toContain(names(b!.id));
    expect(text).not.toContain('屡教不改'); // black list: names only
    expect(text).not.toContain(names(c2!.id)); // kept unpublished
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    const xlsx = (await dispatchAsync(t.ledger, 'redblack:publicity', { month: MONTH, villageId: village.id, format: 'xlsx' })) as { ok: boolean };
    expect(xlsx.ok).toBe(true);
  });
});
