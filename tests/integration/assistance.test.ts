import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../src/shared/api';
import { idFor, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

/** Noon in Beijing: the same calendar day in every time zone the tests might run in. */
const TODAY = '2025-06-15';
const fixedNow = () => new Date(`${TODAY}T12:00:00+08:00`);

let nextPerson = 1;
/** A one-person household with an ID no other test household uses. */
function household(villageId: number, extra: Record<string, unknown> = {}) {
  const n = nextPerson++;
  return t.must('household:save', {
    villageId,
    status: 'LIFTED_HOUSEHOLD',
    attribute: 'GENERAL',
    mainCause: '01',
    members: [{ name: `户主${n}`, idNumber: idFor('110101', '19700101', n * 2 + 1), relationship: '01' }],
    ...extra,
  } as ApiInput<'household:save'>);
}

function cadre(input: Partial<ApiInput<'cadre:save'>> = {}) {
  return t.must('cadre:save', { name: '周建国', sex: '1', unit: '示范县农业农村局', affiliation: '04', phone: '13800001111', ...input });
}

function setUp() {
  t = tempLedger({ now: fixedNow });
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  const other = t.must('village:save', { name: '柳溪村' });
  return { village, other };
}

function failure<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } } }) {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('cadres', () => {
  it('stores the full ID number, lists it masked, and shows the phone in full for the contact card', () => {
    setUp();
    const idNumber = idFor('522701', '19850312', 123);
    const saved = cadre({ idNumber, position: '科长' });
    expect(saved).toMatchObject({ idNumber, role: 'PAIRED_CADRE', openPairings: 0 });

    const list = t.must('cadre:list', {});
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ name: '周建国', maskedIdNumber: `522701********${idNumber.slice(-4)}`, phone: '13800001111' });
    expect(JSON.stringify(list)).not.toContain(idNumber);
    expect(t.must('cadre:get', { id: saved.id }).idNumber).toBe(idNumber);
    expect(t.must('cadre:list', { q: 'zjg' }).total).toBe(1);

    const entry = t.must('audit:list', { entity: 'cadre' }).rows[0]!;
    expect(entry).toMatchObject({ action: 'create', operator: '李文书', summary: '新增帮扶责任人：周建国（示范县农业农村局）' });
  });

  it('refuses bad input with Chinese messages naming the field', () => {
    setUp();
    const badId = failure(t.call('cadre:save', { name: '周建国', sex: '1', unit: '示范县农业农村局', affiliation: '04', idNumber: '110101198001019999' }));
    expect(badId).toMatchObject({ code: 'VALIDATION', message: '身份证号校验位错误：最后一位应为“8”，请核对号码是否抄错' });
    expect(badId.details?.issues?.[0]?.path).toBe('idNumber');

    const missing = failure(t.call('cadre:save', { name: '周建国', sex: '1', affiliation: '04' } as ApiInput<'cadre:save'>));
    expect(missing.message).toBe('请填写帮扶单位');
    const wrongSex = failure(t.call('cadre:save', { name: '周建国', sex: '2', unit: '县农业局', affiliation: '04', idNumber: idFor('522701', '19850312', 123) }));
    expect(wrongSex.message).toBe('性别与身份证号不符（号码表示男性）');
    const badLevel = failure(t.call('cadre:save', { name: '周建国', sex: '1', unit: '县农业局', affiliation: '09' }));
    expect(badLevel.message).toBe('“09”不是有效的隶属关系代码');
    const posted = failure(t.call('cadre:save', { name: '吴书记', sex: '1', unit: '示范市财政局', affiliation: '03', role: 'FIRST_SECRETARY' }));
    expect(posted.details?.issues?.map((i) => i.message)).toEqual(['驻村第一书记和驻村工作队员请选择驻村所在行政村', '请填写驻村开始日期']);
    expect(t.must('cadre:list', {}).total).toBe(0);
  });

  it('keeps one first secretary in post per village and one cadre per ID number', () => {
    const { village } = setUp();
    const posting = { role: 'FIRST_SECRETARY', villageId: village.id, postingStart: '2024-03-01', dispatchingUnit: '示范市财政局', teamName: '石桥村驻村工作队' } as const;
    const first = cadre({ name: '吴书记', ...posting });
    expect(first).toMatchObject({ villageName: '石桥村', postingStart: '2024-03-01' });
    const second = failure(t.call('cadre:save', { name: '郑书记', sex: '1', unit: '示范市财政局', affiliation: '03', ...posting }));
    expect(second).toMatchObject({ code: 'CONFLICT', message: '该村已有在任驻村第一书记“吴书记”，请先填写其驻村结束日期' });
    t.must('cadre:save', { ...first, postingEnd: '2025-03-01' } as ApiInput<'cadre:save'>);
    expect(t.must('cadre:save', { name: '郑书记', sex: '1', unit: '示范市财政局', affiliation: '03', ...posting, postingStart: '2025-03-01' })).toMatchObject({ role: 'FIRST_SECRETARY' });

    const idNumber = idFor('522701', '19900101', 11);
    cadre({ idNumber });
    const dup = failure(t.call('cadre:save', { name: '另一人', sex: '1', unit: '县教育局', affiliation: '04', idNumber }));
    expect(dup).toMatchObject({ code: 'CONFLICT', message: '身份证号已登记在帮扶责任人“周建国”名下' });
  });
});

describe('pairings', () => {
  it('reassigning ends the old pairing at the new start date and opens the new one, both audited', () => {
    const { village } = setUp();
    const h = household(village.id);
    const zhou = cadre();
    const wu = cadre({ name: '吴丽', sex: '2', unit: '示范县教育局' });

    const first = t.must('pairing:assign', { cadreId: zhou.id, householdIds: [h.id], startDate: '2023-01-10' });
    expect(first.opened).toHaveLength(1);
    expect(first.ended).toEqual([]);
    const second = t.must('pairing:assign', { cadreId: wu.id, householdIds: [h.id], startDate: '2024-07-01' });
    expect(second.ended[0]).toMatchObject({ cadreName: '周建国', startDate: '2023-01-10', endDate: '2024-07-01', endReason: 'REASSIGNED' });
    expect(second.opened[0]).toMatchObject({ cadreName: '吴丽', startDate: '2024-07-01', endDate: null });

    const history = t.must('pairing:history', { householdId: h.id });
    expect(history.map((p) => [p.cadreName, p.startDate, p.endDate])).toEqual([
      ['吴丽', '2024-07-01', null],
      ['周建国', '2023-01-10', '2024-07-01'],
    ]);
    const audit = t.must('audit:list', { entity: 'pairing' }).rows.map((r) => r.summary);
    expect(audit).toEqual([
      `结对帮扶：户编号 ${h.householdNo}（户主 ${h.members[0]!.name}）由 吴丽（示范县教育局）帮扶，自 2024-07-01 起`,
      `结束结对：户编号 ${h.householdNo}（户主 ${h.members[0]!.name}），原帮扶责任人 周建国，2024-07-01 起改由 吴丽 帮扶`,
      `结对帮扶：户编号 ${h.householdNo}（户主 ${h.members[0]!.name}）由 周建国（示范县农业农村局）帮扶，自 2023-01-10 起`,
    ]);

    // History is never rewritten: a period starting before the recorded one is refused.
    const early = failure(t.call('pairing:assign', { cadreId: zhou.id, householdIds: [h.id], startDate: '2024-01-01' }));
    expect(early.code).toBe('VALIDATION');
    expect(early.message).toContain('的结对记录已记到 2024-07-01，新的结对开始日期不能早于这一天');
    const future = failure(t.call('pairing:assign', { cadreId: zhou.id, householdIds: [h.id], startDate: '2025-06-16' }));
    expect(future.message).toBe('结对开始日期 2025-06-16 晚于今天，请在结对生效后再登记');
    expect(t.must('pairing:history', { householdId: h.id })).toHaveLength(2);
  });

  it('batch-assigns one cadre to many households in one transaction, and shows the load', () => {
    const { village } = setUp();
    const [a, b, c, gone] = [household(village.id), household(village.id), household(village.id), household(village.id)];
    t.must('household:delete', { id: gone.id });
    const zhou = cadre();
    const wu = cadre({ name: '吴丽', sex: '2', unit: '示范县教育局' });
    t.must('pairing:assign', { cadreId: wu.id, householdIds: [a.id], startDate: '2024-01-01' });

    // One household in the recycle bin refuses the whole batch; nothing is written.
    const refused = failure(t.call('pairing:assign', { cadreId: zhou.id, householdIds: [a.id, b.id, gone.id], startDate: '2025-01-01' }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: `户编号 ${gone.householdNo}（户主 ${gone.members[0]!.name}）已删除，请先在回收站中恢复` });
    expect(refused.details?.issues?.[0]?.path).toBe('householdIds.2');
    expect(t.must('pairing:history', { cadreId: zhou.id })).toEqual([]);

    const batch = t.must('pairing:assign', { cadreId: zhou.id, householdIds: [a.id, b.id, c.id], startDate: '2025-01-01' });
    expect(batch.opened.map((p) => p.householdId)).toEqual([a.id, b.id, c.id]);
    expect(batch.ended.map((p) => [p.householdId, p.cadreName])).toEqual([[a.id, '吴丽']]);
    const again = t.must('pairing:assign', { cadreId: zhou.id, householdIds: [a.id, b.id], startDate: '2025-02-01' });
    expect(again).toEqual({ opened: [], ended: [], unchanged: [a.id, b.id] });

    const load = Object.fromEntries(t.must('cadre:list', { sort: 'load' }).rows.map((r) => [r.name, r.openPairings]));
    expect(load).toEqual({ 周建国: 3, 吴丽: 0 });
    expect(t.must('audit:list', { entity: 'pairing' }).total).toBe(5);

    const duplicate = failure(t.call('pairing:assign', { cadreId: zhou.id, householdIds: [a.id, a.id], startDate: '2025-01-01' }));
    expect(duplicate.message).toBe('所选农户有重复');
    expect(failure(t.call('pairing:history', {})).message).toBe('请选择农户或帮扶责任人');
  });

  it('ends a pairing with a date and reason, once, and not before it started', () => {
    const { village } = setUp();
    const h = household(village.id);
    const zhou = cadre();
    const [p] = t.must('pairing:assign', { cadreId: zhou.id, householdIds: [h.id], startDate: '2024-01-01' }).opened;
    const before = failure(t.call('pairing:end', { id: p!.id, endDate: '2023-12-31', reason: 'CADRE_LEFT' }));
    expect(before.message).toBe('结对结束日期 2023-12-31 不能早于开始日期 2024-01-01');
    const other = failure(t.call('pairing:end', { id: p!.id, endDate: '2025-01-01', reason: 'OTHER' }));
    expect(other.message).toBe('结束原因选“其他”时请填写结束说明');

    const ended = t.must('pairing:end', { id: p!.id, endDate: '2025-05-31', reason: 'CADRE_LEFT', note: '调回原单位' });
    expect(ended).toMatchObject({ endDate: '2025-05-31', endReason: 'CADRE_LEFT', endNote: '调回原单位' });
    expect(failure(t.call('pairing:end', { id: p!.id, endDate: '2025-06-01', reason: 'CADRE_LEFT' }))).toMatchObject({
      code: 'CONFLICT', message: '该结对已于 2025-05-31 结束，不能再次结束',
    });
    expect(t.must('audit:list', { entity: 'pairing' }).rows[0]!.summary).toContain('帮扶责任人 周建国，2025-05-31 结束（帮扶责任人工作调动或退休）');
  });

  it('lists live households without a cadre, by village, paged', () => {
    const { village, other } = setUp();
    const here = [household(village.id), household(village.id), household(village.id)];
    const there = household(other.id, { monitoringCategory: 'UNSTABLE', riskState: 'ACTIVE' });
    const gone = household(village.id);
    t.must('household:delete', { id: gone.id });
    const zhou = cadre();
    t.must('pairing:assign', { cadreId: zhou.id, householdIds: [here[0]!.id], startDate: '2025-01-01' });

    const all = t.must('household:unpaired', {});
    expect(all.total).toBe(3);
    expect(all.rows.find((r) => r.id === there.id)).toMatchObject({ villageName: '柳溪村', monitored: true });
    const inVillage = t.must('household:unpaired', { villageId: village.id, pageSize: 1, page: 2 });
    expect(inVillage.total).toBe(2);
    expect(inVillage.rows.map((r) => r.id)).toEqual([here[2]!.id]);
  });

  it('refuses to delete a cadre with open pairings, in Chinese, and allows it once they end', () => {
    const { village } = setUp();
    const [a, b] = [household(village.id), household(village.id)];
    const zhou = cadre();
    const { opened } = t.must('pairing:assign', { cadreId: zhou.id, householdIds: [a.id, b.id], startDate: '2025-01-01' });
    const refused = failure(t.call('cadre:delete', { id: zhou.id }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '帮扶责任人“周建国”还在结对帮扶 2 户，不能删除；请先结束这些结对或改派给其他帮扶责任人' });

    for (const p of opened) t.must('pairing:end', { id: p.id, endDate: '2025-06-01', reason: 'ASSISTANCE_ENDED' });
    t.must('cadre:delete', { id: zhou.id });
    expect(t.must('cadre:list', {}).total).toBe(0);
    expect(t.must('cadre:list', { deleted: true }).rows.map((r) => r.name)).toEqual(['周建国']);
    const assign = failure(t.call('pairing:assign', { cadreId: zhou.id, householdIds: [a.id], startDate: '2025-06-10' }));
    expect(assign.message).toBe('帮扶责任人“周建国”已删除，不能再安排帮扶或走访');
    // The history stays readable after the cadre is gone.
    expect(t.must('pairing:history', { householdId: a.id })[0]).toMatchObject({ cadreName: '周建国', endReason: 'ASSISTANCE_ENDED' });
  });
});

describe('measures and subsidies', () => {
  it('records measures in fen, and a revoked one is kept but left out of the list unless asked', () => {
    const { village } = setUp();
    const h = household(village.id);
    const pigs = t.must('measure:save', { householdId: h.id, category: 'M_INDUSTRY', item: '发放生猪养殖补助', date: '2025-03-02', amountFen: 300050, helpingUnit: '示范县农业农村局' });
    const training = t.must('measure:save', { householdId: h.id, category: 'M_EMPLOYMENT', item: '电工技能培训', date: '2025-04-10' });
    expect(pigs).toMatchObject({ amountFen: 300050, householdNo: h.householdNo, villageName: '石桥村', revokedAt: null });
    expect(training.amountFen).toBeNull();

    const listed = t.must('measure:list', { householdId: h.id });
    expect(listed).toMatchObject({ total: 2, totalAmountFen: 300050 });
    expect(listed.rows.map((r) => r.item)).toEqual(['电工技能培训', '发放生猪养殖补助']);

    const noReason = failure(t.call('measure:revoke', { id: pigs.id, reason: '  ' }));
    expect(noReason.message).toBe('请填写撤销原因');
    const revoked = t.must('measure:revoke', { id: pigs.id, reason: '金额录错，应为 3000 元' });
    expect(revoked).toMatchObject({ revokeReason: '金额录错，应为 3000 元', amountFen: 300050 });
    expect(revoked.revokedAt).not.toBeNull();
    expect(t.must('measure:list', { householdId: h.id })).toMatchObject({ total: 1, totalAmountFen: 0 });
    expect(t.must('measure:list', { householdId: h.id, includeRevoked: true }).total).toBe(2);
    expect(failure(t.call('measure:revoke', { id: pigs.id, reason: '再撤一次' }))).toMatchObject({ code: 'CONFLICT', message: '该帮扶措施记录已经撤销，不能重复撤销' });

    const [entry] = t.must('audit:list', { entity: 'measure' }).rows;
    expect(entry).toMatchObject({ action: 'revoke', entityId: pigs.id });
    expect(entry!.summary).toBe(`撤销帮扶措施：户编号 ${h.householdNo}（户主 ${h.members[0]!.name}）2025-03-02 产业帮扶·发放生猪养殖补助，3,000.50 元；原因：金额录错，应为 3000 元`);
    expect(t.ledger.db.prepare('SELECT count(*) AS n FROM measures').get()).toEqual({ n: 2 });
  });

  it('filters measures by village, category and date range', () => {
    const { village, other } = setUp();
    const [a, b] = [household(village.id), household(other.id)];
    t.must('measure:save', { householdId: a.id, category: 'M_HEALTH', item: '家庭医生签约服务', date: '2025-01-05' });
    t.must('measure:save', { householdId: a.id, category: 'M_INDUSTRY', item: '茶苗', date: '2025-05-05', amountFen: 10000 });
    t.must('measure:save', { householdId: b.id, category: 'M_INDUSTRY', item: '中药材', date: '2025-05-06', amountFen: 20000 });
    expect(t.must('measure:list', { villageId: other.id })).toMatchObject({ total: 1, totalAmountFen: 20000 });
    expect(t.must('measure:list', { category: 'M_INDUSTRY' })).toMatchObject({ total: 2, totalAmountFen: 30000 });
    expect(t.must('measure:list', { from: '2025-02-01', to: '2025-05-05' }).rows.map((r) => r.item)).toEqual(['茶苗']);
    expect(failure(t.call('measure:list', { from: '2025-05-01', to: '2025-04-01' })).message).toBe('截止日期 2025-04-01 不能早于起始日期 2025-05-01');

    // Each era has its own categories: the handbook's before 2021, the monitoring groups after.
    const legacyNow = failure(t.call('measure:save', { householdId: a.id, category: 'L_INDUSTRY', item: '茶苗', date: '2025-05-05' }));
    expect(legacyNow.message).toBe('“产业扶贫”是 2014–2020 年扶贫手册的类别，2021 年起的措施请选“产业帮扶”“就业帮扶”等类别');
    const monitoringThen = failure(t.call('measure:save', { householdId: a.id, category: 'M_INDUSTRY', item: '茶苗', date: '2019-05-05' }));
    expect(monitoringThen.message).toBe('“产业帮扶”是 2021 年起防返贫监测的类别，2019-05-05 的措施请选扶贫手册的类别');
    expect(t.must('measure:save', { householdId: a.id, category: 'L_INDUSTRY', item: '发放鸡苗 50 只', date: '2019-05-05' }).category).toBe('L_INDUSTRY');
    expect(t.must('measure:save', { householdId: a.id, category: 'OTHER', item: '赠送书籍', date: '2019-06-01' }).category).toBe('OTHER');
  });

  it('records subsidies with source, refuses bad amounts and future dates in Chinese, and revokes', () => {
    const { village } = setUp();
    const h = household(village.id);
    const dibao = t.must('subsidy:save', { householdId: h.id, category: 'DIBAO', amountFen: 45000, date: '2025-05-20', source: 'FISCAL' });
    t.must('subsidy:save', { householdId: h.id, category: 'TEMPORARY_RELIEF', amountFen: 120000, date: '2025-06-01', source: 'DONATION', note: '火灾后临时救助' });
    expect(t.must('subsidy:list', { householdId: h.id })).toMatchObject({ total: 2, totalAmountFen: 165000 });
    expect(t.must('subsidy:list', { source: 'DONATION' }).rows.map((r) => r.note)).toEqual(['火灾后临时救助']);

    const base = { householdId: h.id, category: 'DIBAO', date: '2025-05-20', source: 'FISCAL' };
    expect(failure(t.call('subsidy:save', { ...base, amountFen: 0 })).message).toBe('金额应大于 0');
    expect(failure(t.call('subsidy:save', { ...base, amountFen: 12.5 })).message).toBe('金额应为整数分（精确到分）');
    expect(failure(t.call('subsidy:save', { ...base, amountFen: 200_000_000 })).message).toBe('金额过大：单笔不超过 100 万元，请核对');
    expect(failure(t.call('subsidy:save', { ...base, amountFen: 100, source: 'BANK' })).message).toBe('“BANK”不是有效的资金来源代码');
    expect(failure(t.call('subsidy:save', { ...base, amountFen: 100, date: '2025-02-30' })).message).toBe('发放日期应为“年-月-日”格式的有效日期，如 2024-05-01');
    const future = failure(t.call('subsidy:save', { ...base, amountFen: 100, date: '2025-07-01' }));
    expect(future).toMatchObject({ code: 'VALIDATION', message: '发放日期 2025-07-01 晚于今天（2025-06-15），请在发生后再登记' });
    expect(future.details?.issues?.[0]?.path).toBe('date');

    t.must('subsidy:revoke', { id: dibao.id, reason: '重复录入' });
    expect(t.must('subsidy:list', { householdId: h.id })).toMatchObject({ total: 1, totalAmountFen: 120000 });
    expect(t.must('audit:list', { entity: 'subsidy' }).rows[0]!.summary).toBe(
      `撤销补贴资金：户编号 ${h.householdNo}（户主 ${h.members[0]!.name}）2025-05-20 低保金 450.00 元（财政专项）；原因：重复录入`,
    );
  });
});

describe('visits', () => {
  it('refuses a visit dated in the future, and a next visit before this one', () => {
    const { village } = setUp();
    const h = household(village.id);
    const zhou = cadre();
    const base = { householdId: h.id, cadreId: zhou.id, type: 'HOME', purposes: ['POLICY'] };
    const future = failure(t.call('visit:save', { ...base, date: '2025-06-16' }));
    expect(future).toMatchObject({ code: 'VALIDATION', message: '走访日期 2025-06-16 晚于今天（2025-06-15），不能登记尚未发生的走访' });
    const next = failure(t.call('visit:save', { ...base, date: '2025-06-10', nextVisitDate: '2025-06-01' }));
    expect(next.message).toBe('下次走访日期 2025-06-01 不能早于本次走访日期 2025-06-10');
    expect(failure(t.call('visit:save', { ...base, date: '2025-06-10', purposes: [] })).message).toBe('请至少选择一项走访事由');
    expect(failure(t.call('visit:save', { ...base, date: '2025-06-10', type: 'EMAIL' })).message).toBe('“EMAIL”不是有效的走访方式代码');
    expect(t.must('visit:list', {}).total).toBe(0);
  });

  it('lets any live cadre visit, and records whether it was the household’s own cadre that day', () => {
    const { village } = setUp();
    const h = household(village.id);
    const zhou = cadre();
    const teamMember = cadre({ name: '吴丽', sex: '2', unit: '示范市财政局', affiliation: '03', role: 'WORK_TEAM_MEMBER', villageId: village.id, postingStart: '2024-01-01' });
    t.must('pairing:assign', { cadreId: zhou.id, householdIds: [h.id], startDate: '2025-03-01' });

    const beforePairing = t.must('visit:save', { householdId: h.id, cadreId: zhou.id, date: '2025-02-20', type: 'PHONE', purposes: ['POLICY'] });
    const own = t.must('visit:save', {
      householdId: h.id, cadreId: zhou.id, date: '2025-06-15', type: 'HOME', purposes: ['INCOME', 'RISK'],
      findings: '务工收入下降', riskFlags: ['INCOME', 'MEDICAL'], measuresDelivered: '推荐到县工业园区务工', nextVisitDate: '2025-07-15',
    });
    const standIn = t.must('visit:save', { householdId: h.id, cadreId: teamMember.id, date: '2025-05-01', type: 'GATHERING', purposes: ['CONDOLENCE'] });
    expect([beforePairing.byPairedCadre, own.byPairedCadre, standIn.byPairedCadre]).toEqual([false, true, false]);
    expect(own).toMatchObject({ cadreName: '周建国', riskFlags: ['INCOME', 'MEDICAL'], purposes: ['INCOME', 'RISK'], nextVisitDate: '2025-07-15' });

    expect(t.must('visit:list', { householdId: h.id }).rows.map((v) => v.date)).toEqual(['2025-06-15', '2025-05-01', '2025-02-20']);
    expect(t.must('visit:list', { riskFlag: 'MEDICAL' }).rows.map((v) => v.id)).toEqual([own.id]);
    expect(t.must('visit:list', { cadreId: teamMember.id }).total).toBe(1);
    expect(t.must('audit:list', { entity: 'visit' }).rows[0]!.summary).toBe(`登记走访：户编号 ${h.householdNo}（户主 ${h.members[0]!.name}），吴丽 2025-05-01 集中（非该户结对帮扶责任人）`);
    // Every entry carries the household, so its whole history reads across areas.
    const history = t.must('household:history', { householdId: h.id }).map((e) => e.entity);
    expect(history.filter((e) => e === 'pairing' || e === 'visit')).toEqual(['pairing', 'visit', 'visit', 'visit']);
  });

  it('lists households due a visit by cadence, most overdue first, with cadre and village', () => {
    const { village, other } = setUp();
    const zhou = cadre();
    const monitored = household(village.id, { monitoringCategory: 'UNSTABLE', riskState: 'ACTIVE' });
    const eliminated = household(village.id, { monitoringCategory: 'UNSTABLE', riskState: 'ELIMINATED_ASSISTED' });
    const recent = household(village.id);
    const stale = household(other.id);
    const never = household(other.id);
    const deleted = household(other.id);
    t.must('household:delete', { id: deleted.id });
    t.must('pairing:assign', { cadreId: zhou.id, householdIds: [monitored.id, stale.id], startDate: '2025-01-01' });
    const visit = (householdId: number, date: string) => t.must('visit:save', { householdId, cadreId: zhou.id, date, type: 'HOME', purposes: ['RISK'] });
    visit(monitored.id, '2025-03-01');
    visit(monitored.id, '2025-05-05'); // 41 days before 2025-06-15: over the monthly cadence
    visit(eliminated.id, '2025-05-05'); // risk eliminated: quarterly, so not due
    visit(recent.id, '2025-04-01');
    visit(stale.id, '2025-03-01'); // cadence cutoff 2025-03-15: 14 days over

    const due = t.must('visit:due', {});
    expect(due).toMatchObject({ asOf: TODAY, cadence: { monitoredMonths: 1, otherMonths: 3 }, total: 3 });
    // Cutoffs: monitored 2025-05-15 (one month back), others 2025-03-15 (three months back).
    expect(due.rows.map((r) => [r.householdId, r.lastVisitDate, r.daysOverdue, r.cadenceMonths])).toEqual([
      [never.id, null, null, 3],
      [stale.id, '2025-03-01', 14, 3],
      [monitored.id, '2025-05-05', 10, 1],
    ]);
    expect(due.rows.find((r) => r.householdId === stale.id)).toMatchObject({ villageName: '柳溪村', cadreName: '周建国', monitored: false });
    expect(due.rows.find((r) => r.householdId === never.id)).toMatchObject({ cadreId: null, cadreName: null });

    expect(t.must('visit:due', { villageId: village.id }).rows.map((r) => r.householdId)).toEqual([monitored.id]);
    expect(t.must('visit:due', { cadreId: zhou.id }).rows.map((r) => r.householdId)).toEqual([stale.id, monitored.id]);
    expect(t.must('visit:due', { pageSize: 1, page: 3 })).toMatchObject({ total: 3, rows: [{ householdId: monitored.id }] });
    expect(t.must('visit:due', { page: 9 })).toMatchObject({ total: 3, rows: [] });

    // As of an earlier day, later visits do not count and the pairing of that day is shown.
    const back = t.must('visit:due', { asOf: '2025-04-20' });
    expect(back.rows.map((r) => [r.householdId, r.lastVisitDate, r.daysOverdue])).toEqual([
      [eliminated.id, null, null],
      [never.id, null, null],
      [monitored.id, '2025-03-01', 19],
    ]);
  });

  it('follows a changed cadence, audited, and refuses an impossible one in Chinese', () => {
    const { village } = setUp();
    const zhou = cadre();
    const h = household(village.id);
    t.must('visit:save', { householdId: h.id, cadreId: zhou.id, date: '2025-04-01', type: 'HOME', purposes: ['POLICY'] });
    expect(t.must('visit:due', {}).total).toBe(0);

    expect(t.must('visitCadence:update', { monitoredMonths: 1, otherMonths: 2 })).toEqual({ monitoredMonths: 1, otherMonths: 2 });
    expect(t.must('visitCadence:get', {})).toEqual({ monitoredMonths: 1, otherMonths: 2 });
    const due = t.must('visit:due', {});
    expect(due.rows).toMatchObject([{ householdId: h.id, cadenceMonths: 2, daysOverdue: 14 }]);
    expect(due.cadence).toEqual({ monitoredMonths: 1, otherMonths: 2 });
    expect(t.must('audit:list', { entity: 'settings' }).rows[0]).toMatchObject({
      action: 'create', summary: '走访周期：监测对象每 1 个月走访一次，其他农户每 2 个月走访一次', before: { monitoredMonths: 1, otherMonths: 3 },
    });

    expect(failure(t.call('visitCadence:update', { monitoredMonths: 0, otherMonths: 3 })).message).toBe('监测对象走访周期至少 1 个月');
    expect(failure(t.call('visitCadence:update', { monitoredMonths: 1, otherMonths: 1.5 })).message).toBe('其他农户走访周期应为整数月');
    expect(failure(t.call('visit:due', { asOf: '2025/06/15' })).message).toBe('统计日期应为“年-月-日”格式的有效日期，如 1980-01-31');
  });
});

describe('seed', () => {
  it('pairs cadres with 10–30 households, leaves a few unpaired, and leaves some households overdue', () => {
    t = tempLedger({ now: fixedNow });
    const report = t.ledger.seed({ households: 600, seed: 9 });
    expect(report.more).toMatchObject({ cadres: expect.any(Number), measures: expect.any(Number), subsidies: expect.any(Number), visits: expect.any(Number) });
    expect(report.more.measures).toBeGreaterThanOrEqual(600);
    expect(report.more.subsidies).toBeGreaterThanOrEqual(600);

    const paired = t.must('cadre:list', { role: 'PAIRED_CADRE', pageSize: 200 }).rows.map((r) => r.openPairings);
    expect(Math.min(...paired)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...paired)).toBeLessThanOrEqual(30);
    const villages = t.must('village:list', {});
    for (const v of villages) {
      expect(t.must('cadre:list', { role: 'FIRST_SECRETARY', villageId: v.id }).total).toBe(1);
      expect(t.must('cadre:list', { role: 'WORK_TEAM_MEMBER', villageId: v.id }).total).toBeGreaterThanOrEqual(3);
    }
    const unpaired = t.must('household:unpaired', {}).total;
    expect(unpaired).toBeGreaterThan(0);
    expect(unpaired).toBeLessThan(600 * 0.06);

    const due = t.must('visit:due', { pageSize: 200 });
    expect(due.total).toBeGreaterThan(0);
    expect(due.total).toBeLessThan(600 * 0.4);
    const visitsPerHousehold = report.more.visits! / 600;
    expect(visitsPerHousehold).toBeGreaterThan(3);
    expect(visitsPerHousehold).toBeLessThan(7);
    // Nothing the seed wrote is dated after today.
    expect(t.ledger.db.prepare('SELECT max(visit_date) AS v FROM visits').get()).toEqual({ v: expect.stringMatching(/^2025-0[56]-/) });
    expect((t.ledger.db.prepare('SELECT max(measure_date) AS d FROM measures').get() as { d: string }).d <= TODAY).toBe(true);
  });
});

describe('households in the recycle bin', () => {
  it('drop out of the cadre’s load, and a refused cadre deletion says where the pairings are', () => {
    const { village } = setUp();
    const zhou = cadre();
    const h = household(village.id);
    t.must('pairing:assign', { cadreId: zhou.id, householdIds: [h.id], startDate: '2025-06-01' });
    t.must('household:delete', { id: h.id });
    expect(t.must('cadre:list', {}).rows[0]).toMatchObject({ openPairings: 0 });
    expect(failure(t.call('cadre:delete', { id: zhou.id })).message).toBe(
      '帮扶责任人“周建国”还在结对帮扶 1 户（其中 1 户在回收站中），不能删除；请先结束这些结对或改派给其他帮扶责任人',
    );
  });
});
