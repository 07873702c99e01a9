import { afterEach, describe, expect, it, vi } from 'vitest';
import HouseholdQualityAlert from '../../src/renderer/src/components/quality/HouseholdQualityAlert.vue';
import MonthCloseDialog from '../../src/renderer/src/components/reports/MonthCloseDialog.vue';
import { durationText, groupRules, qualityErrorsOf, qualityFiltersFromQuery, qualityQuery } from '../../src/renderer/src/quality/quality-view';
import QualityView from '../../src/renderer/src/views/QualityView.vue';
import type { ApiInput } from '../../src/shared/api';
import type { QualityFinding, QualityRuleInfo, QualityRun, QualitySummary } from '../../src/shared/domain/quality.types';
import type { Page } from '../../src/shared/domain/registry.types';
import type { MonthClose } from '../../src/shared/domain/report.types';
import { $, $$, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  delete window.ledger;
  document.body.innerHTML = '';
});

const rule = (id: string, group: QualityRuleInfo['group'], severity: QualityRuleInfo['severity'], title: string, scope: QualityRuleInfo['scope'] = 'household'): QualityRuleInfo => ({
  id, group, severity, title, scope, explanation: `${title}：请到农户档案中核对。`, source: 'domain.md §10',
});

const RULES: QualityRuleInfo[] = [
  rule('A01', 'A', 'error', '证件号码无效', 'member'),
  rule('A04', 'A', 'error', '同一证件号码出现多次', 'member'),
  rule('A07', 'A', 'warning', '不同农户共用同一银行账户'),
  rule('B01', 'B', 'error', '家庭人口数与在册成员数不符'),
  rule('C02', 'C', 'warning', '6—16 岁未填在校情况', 'member'),
  rule('V01', 'V', 'warning', '行政村没有农户', 'village'),
];

const RUN: QualityRun = {
  id: 7, ranAt: '2026-04-02T01:30:00.000Z', trigger: 'manual', operator: '王小丽', durationMs: 2840, households: 50_000,
  errors: 5, warnings: 2, acknowledged: 1,
};

const SUMMARY: QualitySummary = {
  run: RUN,
  rules: RULES,
  counts: [
    { ruleId: 'A01', open: 2, acknowledged: 0 },
    { ruleId: 'A04', open: 0, acknowledged: 0 },
    { ruleId: 'A07', open: 2, acknowledged: 1 },
    { ruleId: 'B01', open: 3, acknowledged: 0 },
    { ruleId: 'C02', open: 0, acknowledged: 0 },
    { ruleId: 'V01', open: 0, acknowledged: 0 },
  ],
};

const finding = (patch: Partial<QualityFinding>): QualityFinding => ({
  id: 1, ruleId: 'B01', severity: 'error', scope: 'household', householdId: 12, householdNo: '522634001000012', villageId: 1, villageName: '石桥村',
  groupName: '一组', headName: '杨大树', memberId: null, memberName: null, idNumber: null, message: '家庭人口数填 5 人，在册成员 4 人', acknowledgement: null,
  ...patch,
});

const B01: QualityFinding[] = [
  finding({ id: 1 }),
  finding({ id: 2, householdId: 13, householdNo: '522634001000013', headName: '吴春花', message: '家庭人口数填 2 人，在册成员 3 人' }),
  finding({ id: 3, householdId: 14, householdNo: '522634001000014', headName: '潘老四', message: '家庭人口数填 1 人，在册成员 2 人' }),
];
const A01: QualityFinding[] = [
  finding({ id: 11, ruleId: 'A01', scope: 'member', memberId: 120, memberName: '杨小明', idNumber: '522634201001011234', message: '证件号码校验位应为 5，填的是 4' }),
  finding({ id: 12, ruleId: 'A01', scope: 'member', householdId: 13, householdNo: '522634001000013', headName: '吴春花', memberId: 131, memberName: '吴春花', idNumber: '52263419800101123X', message: '出生日期 19800101 与证件号码不符' }),
];
const ACKED = finding({
  id: 21, ruleId: 'A07', severity: 'warning', householdId: 15, householdNo: '522634001000015', headName: '杨老大', message: '与 522634001000016 户共用银行账户 ****6789',
  acknowledgement: { id: 4, note: '父子分户，共用父亲的一卡通', by: '李文书', at: '2026-04-01T02:00:00.000Z' },
});

type FindingsQuery = ApiInput<'quality:findings'>;

/** The fake core's findings: filtered as the core would, a page at a time. */
function findingsOf(query: FindingsQuery): Page<QualityFinding> {
  const all = [...A01, ...B01, ACKED].filter(
    (f) =>
      (!query.ruleId || f.ruleId === query.ruleId) &&
      (!query.severity || f.severity === query.severity) &&
      (!query.householdId || f.householdId === query.householdId) &&
      (query.includeAcknowledged || !f.acknowledgement),
  );
  return { rows: all, total: all.length };
}

function qualityLedger(summary: QualitySummary = SUMMARY, extra: Parameters<typeof installFakeLedger>[0] = {}) {
  return installFakeLedger({
    'quality:summary': () => ({ ok: true, data: summary }),
    'quality:findings': (q) => ({ ok: true, data: findingsOf(q as FindingsQuery) }),
    ...extra,
  });
}

async function openPage(path = '/quality') {
  const page = await mountWithApp(RoutedPage, { path });
  mounted.push(page.wrapper);
  await settle();
  return page;
}

const textOf = (id: string) => $(byTest(id)).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const tableRows = () => $$(`${byTest('quality-findings')} .el-table__body-wrapper tbody tr`);

describe('how the rules are grouped and the filters read from a link', () => {
  it('lists rules with open findings by group, in QUALITY_GROUPS order; empty ones only when asked', () => {
    const shown = groupRules(SUMMARY, { showEmpty: false, severity: null, includeAcknowledged: false });
    expect(shown.map((g) => [g.group, g.title, g.open, g.rules.map((r) => `${r.rule.id}:${r.open}`)])).toEqual([
      ['A', '身份与重复', 4, ['A01:2', 'A07:2']],
      ['B', '家庭结构', 3, ['B01:3']],
    ]);
    const all = groupRules(SUMMARY, { showEmpty: true, severity: null, includeAcknowledged: false });
    expect(all.map((g) => g.group)).toEqual(['A', 'B', 'C', 'V']);
    expect(all.flatMap((g) => g.rules.map((r) => r.rule.id))).toEqual(['A01', 'A04', 'A07', 'B01', 'C02', 'V01']);
    expect(groupRules(SUMMARY, { showEmpty: true, severity: 'warning', includeAcknowledged: false }).flatMap((g) => g.rules.map((r) => r.rule.id))).toEqual(['A07', 'C02', 'V01']);
  });

  it('keeps a rule whose findings are all checked when checked findings are shown', () => {
    const summary = { ...SUMMARY, counts: [{ ruleId: 'A07', open: 0, acknowledged: 1 }] };
    expect(groupRules(summary, { showEmpty: false, severity: null, includeAcknowledged: false })).toEqual([]);
    expect(groupRules(summary, { showEmpty: false, severity: null, includeAcknowledged: true }).flatMap((g) => g.rules.map((r) => r.rule.id))).toEqual(['A07']);
  });

  it('reads rule, village and severity from a link and leaves out what is not valid', () => {
    expect(qualityFiltersFromQuery({ ruleId: 'B01', villageId: '3', severity: 'error' })).toEqual({ ruleId: 'B01', villageId: 3, severity: 'error' });
    expect(qualityFiltersFromQuery({ ruleId: 'b1', villageId: '0', severity: 'fatal' })).toEqual({ ruleId: null, villageId: null, severity: null });
    expect(qualityFiltersFromQuery({ ruleId: ['B01', 'A01'] })).toEqual({ ruleId: null, villageId: null, severity: null });
    expect(qualityQuery({ ruleId: 'B01', villageId: null, severity: 'warning' })).toEqual({ ruleId: 'B01', severity: 'warning' });
  });

  it('says how long a run took in seconds, and picks out a month-close refusal for open errors', () => {
    expect(durationText(2840)).toBe('2.8 秒');
    expect(durationText(30)).toBe('0.1 秒');
    expect(durationText(65_000)).toBe('1 分 5 秒');
    expect(qualityErrorsOf({ code: 'CONFLICT', message: '…', details: { qualityErrors: 3 } })).toBe(3);
    expect(qualityErrorsOf({ code: 'CONFLICT', message: '2026年3月已结账' })).toBeNull();
    expect(qualityErrorsOf({ code: 'VALIDATION', message: '…', details: { qualityErrors: 3 } })).toBeNull();
  });
});

describe('QualityView: the latest run, the rules and their findings', () => {
  it('before the first run explains the checks and offers 运行检查, which then shows the rules', async () => {
    let summary: QualitySummary = { run: null, rules: RULES, counts: [] };
    const fake = qualityLedger(undefined, {
      'quality:summary': () => ({ ok: true, data: summary }),
      'quality:run': () => {
        summary = SUMMARY;
        return { ok: true, data: SUMMARY };
      },
    });
    const { wrapper } = await openPage();
    expect(wrapper.findComponent(QualityView).exists()).toBe(true);

    expect(textOf('quality-empty')).toContain('还没有检查过数据');
    expect(textOf('quality-empty')).toContain('6 条逻辑规则');
    expect(document.querySelector(byTest('quality-rules'))).toBeNull();
    expect(($(byTest('quality-workbook')) as HTMLButtonElement).disabled).toBe(true);

    await click('quality-empty-run');
    await settle();

    expect(fake['quality:run']).toHaveBeenCalledWith({ trigger: 'manual' });
    expect(document.querySelector(byTest('quality-empty'))).toBeNull();
    expect(textOf('quality-run-errors')).toBe('5 条');
    expect($(byTest('quality-rule-B01-count')).textContent).toBe('3');
    expect(document.body.textContent).toContain('检查完成：错误 5 条，提示 2 条');
  });

  it('shows the run, the open counts per rule by group, and hides rules that found nothing until asked', async () => {
    qualityLedger();
    await openPage();

    const facts = textOf('quality-run-facts');
    expect(facts).toContain('最近一次检查：2026-04-02');
    expect(facts).toContain('手动运行');
    expect(facts).toContain('操作员：王小丽');
    expect(facts).toContain('检查 50,000 户，用时 2.8 秒');
    expect(textOf('quality-run-errors')).toBe('5 条');
    expect(textOf('quality-run-warnings')).toBe('2 条');
    expect(textOf('quality-run-acknowledged')).toBe('1 条');

    expect(textOf('quality-group-A')).toContain('身份与重复');
    expect($(byTest('quality-rule-A01-count')).textContent).toBe('2');
    expect($(byTest('quality-rule-B01-count')).textContent).toBe('3');
    expect(textOf('quality-rule-B01')).toContain('错误');
    expect(textOf('quality-rule-A07')).toContain('提示');
    expect($(`${byTest('quality-rule-B01')} .el-tag`).className).toContain('el-tag--danger');
    expect($(`${byTest('quality-rule-A07')} .el-tag`).className).toContain('el-tag--warning');
    expect(document.querySelector(byTest('quality-rule-A04'))).toBeNull();
    expect(document.querySelector(byTest('quality-group-V'))).toBeNull();
    expect($(`${byTest('quality-rule-all')} .count`).textContent).toBe('7');

    $(byTest('quality-show-empty')).click();
    await settle();
    expect($(byTest('quality-rule-A04-count')).textContent).toBe('0');
    expect(textOf('quality-group-V')).toContain('行政村没有农户');
  });

  it('opens the rule a link names: its explanation and its findings, with the household linked and the ID number masked', async () => {
    const fake = qualityLedger();
    await openPage('/quality?ruleId=A01');

    expect(fake['quality:findings']).toHaveBeenLastCalledWith({ ruleId: 'A01', includeAcknowledged: false, page: 1, pageSize: 50 });
    expect(textOf('quality-selected-rule')).toMatch(/^错误A01证件号码无效未处理 2 条/);
    expect(textOf('quality-rule-explanation')).toBe('证件号码无效：请到农户档案中核对。');
    expect($(byTest('quality-rule-A01')).className).toContain('active');

    const rows = tableRows();
    expect(rows).toHaveLength(2);
    const first = rows[0]!.textContent ?? '';
    expect(first).toContain('石桥村 / 一组');
    expect(first).toContain('杨大树');
    expect(first).toContain('杨小明');
    expect(first).toContain('证件号码校验位应为 5，填的是 4');
    // The full number is on the household page only.
    expect(first).toContain('522634********1234');
    expect(first).not.toContain('522634201001011234');
    const link = rows[0]!.querySelector<HTMLAnchorElement>(byTest('quality-finding-household'))!;
    expect(link.textContent?.trim()).toBe('522634001000012');
    expect(link.getAttribute('href')).toBe('/households/12?tab=members');
  });

  it('puts the chosen rule, village and severity in the address and lists accordingly', async () => {
    const fake = qualityLedger();
    const { router } = await openPage();
    // 全部疑点: every rule's findings, with the rule named on each row.
    expect(tableRows()).toHaveLength(5);
    expect(tableRows()[0]!.textContent).toContain('A01证件号码无效');

    await click('quality-rule-B01');
    expect(router.currentRoute.value.fullPath).toBe('/quality?ruleId=B01');
    expect(fake['quality:findings']).toHaveBeenLastCalledWith({ ruleId: 'B01', includeAcknowledged: false, page: 1, pageSize: 50 });
    expect(tableRows()).toHaveLength(3);
    expect(tableRows()[0]!.querySelector(byTest('quality-finding-household'))!.getAttribute('href')).toBe('/households/12');

    await router.replace('/quality?ruleId=B01&villageId=1&severity=error');
    await settle();
    expect(fake['quality:findings']).toHaveBeenLastCalledWith({ ruleId: 'B01', villageId: 1, severity: 'error', includeAcknowledged: false, page: 1, pageSize: 50 });
    // Only error rules are listed under 只看错误.
    expect(document.querySelector(byTest('quality-rule-A07'))).toBeNull();

    await click('quality-rule-all');
    expect(router.currentRoute.value.query).toEqual({ villageId: '1', severity: 'error' });
  });

  it('已核实无误 asks for a note before sending, then sends it and refreshes the counts', async () => {
    let summaryCalls = 0;
    const fake = qualityLedger(undefined, {
      'quality:summary': () => {
        summaryCalls++;
        return { ok: true, data: SUMMARY };
      },
      'quality:acknowledge': ({ findingId, note }) => ({
        ok: true,
        data: { ...B01[0]!, id: findingId, acknowledgement: { id: 9, note, by: '王小丽', at: '2026-04-02T02:00:00.000Z' } },
      }),
    });
    await openPage('/quality?ruleId=B01');
    const findingsCalls = fake['quality:findings'].mock.calls.length;

    $$(byTest('quality-ack'))[0]!.click();
    await settle();
    expect(textOf('quality-ack-what')).toContain('B01 家庭人口数与在册成员数不符');
    expect(textOf('quality-ack-what')).toContain('户编号 522634001000012，户主 杨大树');

    await click('quality-ack-submit');
    await formItemErrorsShown();
    expect(fieldError('quality-ack-note')).toBe('请填写核实说明');
    await type('quality-ack-note', '   ');
    await click('quality-ack-submit');
    await formItemErrorsShown();
    expect(fieldError('quality-ack-note')).toBe('请填写核实说明');
    expect(fake['quality:acknowledge']).not.toHaveBeenCalled();

    await type('quality-ack-note', ' 已入户核实，长子在外地落户，人口数按户口本 ');
    await click('quality-ack-submit');

    expect(fake['quality:acknowledge']).toHaveBeenCalledWith({ findingId: 1, note: '已入户核实，长子在外地落户，人口数按户口本' });
    expect(fake['quality:findings'].mock.calls.length).toBeGreaterThan(findingsCalls);
    expect(summaryCalls).toBe(2);
  });

  it('shows the ledger’s refusal in the dialog and keeps the note', async () => {
    const fake = qualityLedger(undefined, {
      'quality:acknowledge': () => ({ ok: false, error: { code: 'CONFLICT', message: '这条疑点已由李文书标记为已核实' } }),
    });
    await openPage('/quality?ruleId=B01');
    $$(byTest('quality-ack'))[0]!.click();
    await settle();
    await type('quality-ack-note', '已核实');
    await click('quality-ack-submit');

    expect(fake['quality:acknowledge']).toHaveBeenCalledTimes(1);
    expect(textOf('quality-ack-error')).toContain('这条疑点已由李文书标记为已核实');
    expect(($(byTest('quality-ack-note')) as HTMLTextAreaElement).value).toBe('已核实');
  });

  it('显示已核实 lists the checked findings with the note, who and when, and 撤销 takes the mark back', async () => {
    const fake = qualityLedger(undefined, { 'quality:unacknowledge': ({ acknowledgementId }) => ({ ok: true, data: { id: acknowledgementId } }) });
    await openPage('/quality?ruleId=A07');
    expect(tableRows()).toHaveLength(0);
    expect(textOf('quality-findings')).toContain('没有未处理的疑点');

    $(byTest('quality-include-acknowledged')).click();
    await settle();
    expect(fake['quality:findings']).toHaveBeenLastCalledWith({ ruleId: 'A07', includeAcknowledged: true, page: 1, pageSize: 50 });
    expect(textOf('quality-rule-A07')).toContain('已核实 1');
    const ack = textOf('quality-finding-ack');
    expect(ack).toContain('已核实无误');
    expect(ack).toContain('父子分户，共用父亲的一卡通');
    expect(ack).toContain('李文书');
    expect(ack).toMatch(/2026-04-01 \d\d:00/);

    await click('quality-unack');
    expect($('.el-message-box').textContent).toContain('撤销后，这条疑点重新计入未处理');
    $$('.el-message-box__btns button').find((b) => b.textContent?.includes('撤销标记'))!.click();
    await settle();
    expect(fake['quality:unacknowledge']).toHaveBeenCalledWith({ acknowledgementId: 4 });
  });

  it('downloads the workbook of the chosen village', async () => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:quality');
    const fake = qualityLedger(undefined, { 'quality:workbook': () => ({ ok: true, data: { fileName: '疑点数据-2026-04-02.xlsx', contentBase64: btoa('xlsx') } }) });
    await openPage('/quality?villageId=1');

    await click('quality-workbook');

    expect(fake['quality:workbook']).toHaveBeenCalledWith({ villageId: 1 });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(document.body.textContent).toContain('“疑点数据-2026-04-02.xlsx”已开始下载');
    createObjectURL.mockRestore();
  });
});

describe('HouseholdQualityAlert: the household’s open findings on its page', () => {
  it('lists each open finding with its rule, linking to the rule on 数据检查', async () => {
    const fake = qualityLedger(undefined, { 'quality:rules': () => ({ ok: true, data: RULES }) });
    const { wrapper } = await mountWithApp(HouseholdQualityAlert, { props: { householdId: 13 } });
    mounted.push(wrapper);
    await settle();

    expect(fake['quality:findings']).toHaveBeenCalledWith({ householdId: 13, includeAcknowledged: false, page: 1, pageSize: 20 });
    expect(wrapper.find(byTest('household-quality')).text()).toContain('这户有 2 条未处理的疑点');
    const items = wrapper.findAll(byTest('household-quality-item'));
    expect(items.map((i) => i.find('a').text())).toEqual(['A01 证件号码无效', 'B01 家庭人口数与在册成员数不符']);
    expect(items[0]!.text()).toContain('出生日期 19800101 与证件号码不符');
    expect(items[0]!.find('a').attributes('href')).toBe('/quality?ruleId=A01');
  });

  it('re-checks the household after a correction and says when nothing is left', async () => {
    let fixed = false;
    const fake = qualityLedger(undefined, {
      'quality:rules': () => ({ ok: true, data: RULES }),
      'quality:run': () => ((fixed = true), { ok: true, data: SUMMARY }),
      'quality:findings': (q) => ({ ok: true, data: fixed ? { rows: [], total: 0 } : findingsOf(q as FindingsQuery) }),
    });
    const { wrapper } = await mountWithApp(HouseholdQualityAlert, { props: { householdId: 13 } });
    mounted.push(wrapper);
    await settle();
    expect(wrapper.find(byTest('household-quality')).exists()).toBe(true);

    await wrapper.find(byTest('household-quality-recheck')).trigger('click');
    await settle();
    expect(fake['quality:run']).toHaveBeenCalledWith({ householdId: 13 });
    expect(wrapper.find(byTest('household-quality')).exists()).toBe(false);
    expect(document.body.textContent).toContain('本户已没有未处理的疑点');
  });

  it('shows nothing when the household has no open findings, or the checks cannot be read', async () => {
    qualityLedger(undefined, { 'quality:rules': () => ({ ok: true, data: RULES }) });
    const clean = await mountWithApp(HouseholdQualityAlert, { props: { householdId: 99 } });
    mounted.push(clean.wrapper);
    await settle();
    expect(clean.wrapper.find(byTest('household-quality')).exists()).toBe(false);

    installFakeLedger();
    const failing = await mountWithApp(HouseholdQualityAlert, { props: { householdId: 13 } });
    mounted.push(failing.wrapper);
    await settle();
    expect(failing.wrapper.find(byTest('household-quality')).exists()).toBe(false);
  });
});

describe('MonthCloseDialog: open error findings are asked about before closing', () => {
  const CLOSE: MonthClose = {
    id: 4, month: '2026-03', closedAt: '2026-04-02T01:30:00.000Z', closedBy: '李文书', households: 120,
    reopenedAt: null, reopenedBy: null, reopenReason: null, confirmedNote: null,
  };
  const REFUSAL = { ok: false as const, error: { code: 'CONFLICT' as const, message: '最近一次数据检查还有 3 条错误疑点未处理', details: { qualityErrors: 3 } } };

  function closingLedger() {
    return installFakeLedger({ 'month:close': (input) => (input.confirm ? { ok: true, data: CLOSE } : REFUSAL) });
  }

  async function openClose() {
    const closed = vi.fn();
    const page = await mountWithApp(MonthCloseDialog, { props: { month: '2026-03', open: true, onClosed: closed } as never });
    mounted.push(page.wrapper);
    await settle();
    return { ...page, closed };
  }

  const boxButton = (label: string) => $$('.el-message-box__btns button').find((b) => b.textContent?.includes(label))!;

  it('asks, and on 仍要结账 closes with the confirmation recorded', async () => {
    const fake = closingLedger();
    const { closed } = await openClose();

    await click('month-close-submit');
    expect($('.el-message-box').textContent).toContain('还有 3 条错误疑点未处理，仍要结账吗？结账后会记录这次确认。');
    expect(fake['month:close']).toHaveBeenCalledTimes(1);
    expect(fake['month:close']).toHaveBeenLastCalledWith({ month: '2026-03', confirm: false });

    boxButton('仍要结账').click();
    await settle();

    expect(fake['month:close']).toHaveBeenCalledTimes(2);
    expect(fake['month:close']).toHaveBeenLastCalledWith({ month: '2026-03', confirm: true });
    expect(closed).toHaveBeenCalledWith(CLOSE);
    expect(document.querySelector(byTest('month-close-error'))).toBeNull();
  });

  it('先查看错误疑点 opens 数据检查 on the errors without closing the month', async () => {
    const fake = closingLedger();
    const { closed, router } = await openClose();

    await click('month-close-submit');
    boxButton('先查看错误疑点').click();
    await settle();

    expect(fake['month:close']).toHaveBeenCalledTimes(1);
    expect(closed).not.toHaveBeenCalled();
    // The page's chunk may have to load first.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/quality?severity=error'));
    expect(document.querySelector(byTest('month-close-error'))).toBeNull();
  });

  it('closing the question does nothing, and says nothing went wrong', async () => {
    const fake = closingLedger();
    const { closed } = await openClose();

    await click('month-close-submit');
    $('.el-message-box__headerbtn').click();
    await settle();

    expect(fake['month:close']).toHaveBeenCalledTimes(1);
    expect(closed).not.toHaveBeenCalled();
    expect(document.querySelector(byTest('month-close-error'))).toBeNull();
    expect(($(byTest('month-close-submit')) as HTMLButtonElement).disabled).toBe(false);
  });
});
