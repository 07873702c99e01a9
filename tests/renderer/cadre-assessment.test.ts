import type { VueWrapper } from '@vue/test-utils';
import { ElOption, ElSelect } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { adjustIssues, consequencesFor, defaultConsequence } from '../../src/renderer/src/incentives/cadre-list';
import { thisMonthText, todayText } from '../../src/renderer/src/format';
import type { CadreAssessmentSettings, CadreListEntry, CadreListRound, CadreMonthFigures, CadreRanking } from '../../src/shared/domain/cadre-assessment.types';
import { DEFAULT_CADRE_ASSESSMENT } from '../../src/shared/schemas/cadre-assessment.schema';
import { $, $$, byTest, check, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

const MONTH = '2026-03';

function figures(cadreId: number, cadreName: string, over: Partial<CadreMonthFigures> = {}): CadreMonthFigures {
  return {
    cadreId, cadreName, role: 'PAIRED_CADRE', unit: '县农业农村局', villageName: null, month: MONTH, asOf: '2026-03-31',
    householdsPaired: 5, visitsDue: 4, visitsDone: 4, visitRate: 100, ownVisits: 4, measures: 2,
    ratings: { satisfied: 4, basic: 1, unsatisfied: 0, rated: 5 }, satisfaction: 100, attendance: null, overdue: [],
    ...over,
  };
}

const RANKING: CadreRanking = {
  month: MONTH,
  asOf: '2026-03-31',
  rows: [
    { ...figures(5, '杨红梅'), rank: 1, proposal: { list: 'RED', reasons: ['走访完成率 100%，满意率 100%'] } },
    {
      ...figures(7, '吴建军', {
        role: 'FIRST_SECRETARY', unit: '县财政局', villageName: '石桥村', visitsDue: 6, visitsDone: 3, visitRate: 50, satisfaction: 55.6,
        ratings: { satisfied: 3, basic: 2, unsatisfied: 4, rated: 9 }, attendance: { requiredDays: 20, days: 8, note: null },
        overdue: [{ householdId: 101, householdNo: '522799001000101', headName: '张大山', villageName: '石桥村', lastVisitDate: null, cadenceMonths: 1, cadencesMissed: 2 }],
      }),
      rank: 2,
      proposal: { list: 'BLACK', reasons: ['满意率 55.6% 低于 60%', '1 户两个走访周期未走访'] },
    },
    { ...figures(9, '龙小平', { visitRate: null, visitsDue: 0, visitsDone: 0, satisfaction: null, ratings: { satisfied: 0, basic: 0, unsatisfied: 0, rated: 0 } }), rank: 3, proposal: { list: null, reasons: [] } },
  ],
};

function entry(cadreId: number, cadreName: string, over: Partial<CadreListEntry> = {}): CadreListEntry {
  return {
    cadreId, cadreName, role: 'PAIRED_CADRE', unit: '县农业农村局', villageName: null, proposed: null, proposalReasons: [], list: null,
    adjustReason: null, approver: null, consequence: null, consequenceNote: null, consecutiveBlack: false, figures: figures(cadreId, cadreName),
    ...over,
  };
}

const ENTRIES: CadreListEntry[] = [
  entry(5, '杨红梅', { proposed: 'RED', list: 'RED', consequence: 'COMMEND', proposalReasons: ['走访完成率 100%，满意率 100%'] }),
  entry(7, '吴建军', { unit: '县财政局', proposed: 'BLACK', list: 'BLACK', consequence: 'TALK', proposalReasons: ['满意率 55.6% 低于 60%'] }),
  entry(8, '潘志强', { proposed: 'BLACK', list: 'BLACK', consequence: null, consecutiveBlack: true, proposalReasons: ['1 户两个走访周期未走访'] }),
  entry(9, '龙小平'),
];

function listRound(over: Partial<CadreListRound> = {}): CadreListRound {
  return {
    id: 3, month: MONTH, state: 'draft', meetingDate: null, publicityStart: null, publicityEnd: null,
    reviewedBy: null, publicisedBy: null, finalisedBy: null, objections: [], entries: ENTRIES,
    ...over,
  };
}

/** A select of the page by its test id, the options it offers, and the one it shows. */
const selectOf = (wrapper: VueWrapper, testId: string) => wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === testId)!;
const optionsOf = (wrapper: VueWrapper, testId: string) => selectOf(wrapper, testId).findAllComponents(ElOption).map((o) => o.text().trim());
const shownConsequence = () => $(`${byTest('cadre-adjust-consequence')} .el-select__selected-item:not(.is-hidden)`).textContent?.trim();

type Handlers = Parameters<typeof installFakeLedger>[0];

async function open(path: string, handlers: Handlers = {}) {
  const fake = installFakeLedger(handlers);
  const mounted = await mountWithApp(RoutedPage, { path });
  await settle();
  return { ...mounted, fake };
}

const openList = (round: CadreListRound, handlers: Handlers = {}) =>
  open(`/assistance/assessment?month=${MONTH}&tab=list`, { 'cadreList:get': () => ({ ok: true, data: round }), ...handlers });

/** Each body row's cells, trimmed and joined with “|”. */
const rowTexts = (table: string) =>
  $$(`${byTest(table)} .el-table__body-wrapper tbody tr`).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()).join('|'));

describe('干部考核: the rules the page applies', () => {
  it('starts a listing from the usual consequence and offers only the list’s own', () => {
    expect(defaultConsequence('RED', false)).toBe('COMMEND');
    expect(defaultConsequence('BLACK', false)).toBe('TALK');
    expect(defaultConsequence('BLACK', true)).toBe('ADMONISH');
    expect(defaultConsequence(null, true)).toBeNull();
    expect(consequencesFor('RED').map((c) => c.label)).toEqual(['通报表扬', '通报表扬并在年度考核中加分']);
    expect(consequencesFor('BLACK').map((c) => c.code)).toEqual(['TALK', 'ADMONISH', 'REPLACE', 'NOTICE_CRITICISM']);
    expect(consequencesFor(null)).toEqual([]);
  });

  it('asks for a reason and an approver only when the decision differs from the proposal', () => {
    expect(adjustIssues({ list: 'BLACK', reason: '', approver: '' }, 'BLACK')).toEqual([]);
    expect(adjustIssues({ list: null, reason: ' ', approver: '李书记' }, 'BLACK')).toEqual([
      { path: 'reason', message: '结果（不上榜）与建议（黑榜）不同，请写明调整理由' },
    ]);
  });
});

describe('干部考核: 月度排名', () => {
  it('lists the cadres with their figures, links each name to the cadre’s page and shows the proposal', async () => {
    const { fake, router } = await open(`/assistance/assessment?month=${MONTH}`, { 'cadre:ranking': () => ({ ok: true, data: RANKING }) });
    expect(fake['cadre:ranking']).toHaveBeenCalledWith({ month: MONTH });
    // Only the tab shown is read.
    expect(fake['cadreList:get']).not.toHaveBeenCalled();
    expect(fake['cadreAssessment:get']).not.toHaveBeenCalled();

    const rows = rowTexts('cadre-ranking-table');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe('1|杨红梅|帮扶责任人|县农业农村局|5|4 / 4|100%|100%（5 户）|—|0|红榜');
    expect(rows[1]).toBe('2|吴建军|驻村第一书记石桥村|县财政局|5|6 / 3|50%|55.6%（9 户）|8 / 20|1|黑榜');
    expect(rows[2]).toBe('3|龙小平|帮扶责任人|县农业农村局|5|0 / 0|—|—（0 户）|—|0|—');
    expect($(byTest('cadre-ranking-summary')).textContent).toContain('共 3 名干部；按考核标准建议红榜 1 人、黑榜 1 人');

    // The cadre's own page (its figures, ratings and past lists) is where each name leads.
    const link = $(byTest('cadre-ranking-name-7')) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/assistance/cadres/7');
    expect(router.resolve('/assistance/cadres/7').matched).toHaveLength(1);
  });

  it('opens on the current month, and reads one village when it is chosen', async () => {
    const { fake, wrapper } = await open('/assistance/assessment', { 'cadre:ranking': () => ({ ok: true, data: RANKING }) });
    expect(fake['cadre:ranking']).toHaveBeenCalledWith({ month: thisMonthText() });
    selectOf(wrapper, 'cadre-ranking-village').vm.$emit('update:modelValue', 1);
    await settle();
    expect(fake['cadre:ranking']).toHaveBeenLastCalledWith({ month: thisMonthText(), villageId: 1 });
  });

  it('says in Chinese when the ranking cannot be read', async () => {
    await open(`/assistance/assessment?month=${MONTH}`, { 'cadre:ranking': () => ({ ok: false, error: { code: 'VALIDATION', message: '请先设置走访周期' } }) });
    expect($(byTest('cadre-ranking-error')).textContent).toContain('没有读到2026年3月的干部排名：请先设置走访周期');
  });
});

describe('干部考核: 干部红黑榜', () => {
  it('shows the proposal before a draft exists and drafts it on 生成草稿', async () => {
    const proposal = listRound({ id: null, entries: ENTRIES.map((e) => ({ ...e, consequence: null })) });
    const { fake } = await openList(proposal, { 'cadreList:draft': () => ({ ok: true, data: listRound() }) });
    expect(fake['cadreList:get']).toHaveBeenCalledWith({ month: MONTH });
    expect($(byTest('cadre-list-proposal-note')).textContent).toContain('还没有生成红黑榜草稿');
    expect($(byTest('cadre-list-state')).textContent).toContain('未生成');
    expect(rowTexts('cadre-list-table')).toHaveLength(4);
    // Nothing to adjust or move on before the draft exists.
    expect(document.querySelector(byTest('cadre-list-adjust-5'))).toBeNull();
    expect(($(byTest('round-advance')) as HTMLButtonElement).disabled).toBe(true);
    expect($(byTest('round-blocked')).textContent).toBe('请先生成红黑榜草稿');

    await click('cadre-list-draft');

    expect(fake['cadreList:draft']).toHaveBeenCalledWith({ month: MONTH });
    expect($(byTest('cadre-list-state')).textContent).toContain('草稿');
    expect(document.querySelector(byTest('cadre-list-draft'))).toBeNull();
    expect(document.querySelector(byTest('cadre-list-refresh'))).not.toBeNull();
    expect($(byTest('cadre-list-consequence-5')).textContent).toBe('通报表扬');
    expect($(byTest('cadre-list-result-8')).textContent).toContain('连续两个月黑榜');
  });

  it('refreshes the draft from the latest figures and shows a refusal in Chinese', async () => {
    const { fake } = await openList(listRound(), { 'cadreList:draft': () => ({ ok: false, error: { code: 'CONFLICT', message: '红黑榜已考核评议，不能再刷新' } }) });
    await click('cadre-list-refresh');
    expect(fake['cadreList:draft']).toHaveBeenCalledWith({ month: MONTH });
    expect($(byTest('cadre-list-draft-error')).textContent).toContain('没有刷新草稿：红黑榜已考核评议，不能再刷新');
  });

  it('refuses a decision other than the proposal without a reason and an approver, and sends exactly what was chosen', async () => {
    const adjusted = listRound({ entries: ENTRIES.map((e) => (e.cadreId === 7 ? { ...e, list: 'RED', consequence: 'COMMEND_ASSESS', adjustReason: '经核实，逾期系农户外出务工', approver: '李书记' } : e)) });
    const { fake, wrapper } = await openList(listRound(), { 'cadreList:adjust': () => ({ ok: true, data: adjusted }) });
    await click('cadre-list-adjust-7');
    expect($(byTest('cadre-adjust-facts')).textContent).toContain('满意率 55.6% 低于 60%');

    await check('cadre-adjust-list-RED');
    await click('cadre-adjust-submit');
    await formItemErrorsShown();
    expect(fake['cadreList:adjust']).not.toHaveBeenCalled();
    expect($(byTest('cadre-adjust-error')).textContent).toContain('结果与建议不同，须写明调整理由和审批人');
    expect(fieldError('cadre-adjust-reason')).toBe('结果（红榜）与建议（黑榜）不同，请写明调整理由');
    expect(fieldError('cadre-adjust-approver')).toBe('结果（红榜）与建议（黑榜）不同，请填写审批人');

    // Red offers only red's consequences, starting from 通报表扬.
    expect(optionsOf(wrapper, 'cadre-adjust-consequence')).toEqual(['通报表扬', '通报表扬并在年度考核中加分']);
    expect(shownConsequence()).toBe('通报表扬');
    await type('cadre-adjust-reason', '经核实，逾期系农户外出务工');
    await type('cadre-adjust-approver', '李书记');
    selectOf(wrapper, 'cadre-adjust-consequence').vm.$emit('update:modelValue', 'COMMEND_ASSESS');
    await nextTick();
    await click('cadre-adjust-submit');

    expect(fake['cadreList:adjust']).toHaveBeenCalledTimes(1);
    expect(fake['cadreList:adjust']).toHaveBeenCalledWith({
      month: MONTH, cadreId: 7, list: 'RED', reason: '经核实，逾期系农户外出务工', approver: '李书记', consequence: 'COMMEND_ASSESS', consequenceNote: null,
    });
    expect($(byTest('cadre-list-result-7')).textContent).toContain('红榜');
    expect($(byTest('cadre-list-table')).textContent).toContain('审批人：李书记');
  });

  it('starts the consequence from the usual one: 通报表扬, 约谈, 诫勉谈话 for a second black month; none off the lists', async () => {
    const { fake, wrapper } = await openList(listRound(), { 'cadreList:adjust': () => ({ ok: false, error: { code: 'CONFLICT', message: '红黑榜已考核评议，不能再调整' } }) });
    // A second black month running, no consequence chosen yet: 诫勉谈话, sent as is (same as the proposal: no reason needed).
    await click('cadre-list-adjust-8');
    expect(shownConsequence()).toBe('诫勉谈话');
    expect(optionsOf(wrapper, 'cadre-adjust-consequence')).toEqual(['约谈', '诫勉谈话', '调整帮扶责任人', '通报批评']);
    await click('cadre-adjust-submit');
    expect(fake['cadreList:adjust']).toHaveBeenLastCalledWith({
      month: MONTH, cadreId: 8, list: 'BLACK', reason: null, approver: null, consequence: 'ADMONISH', consequenceNote: null,
    });
    // The core's refusal is shown and the dialog stays open.
    expect($(byTest('cadre-adjust-error')).textContent).toContain('红黑榜已考核评议，不能再调整');
    // Off the lists: no consequence; to red: 通报表扬 again; to black (not consecutive for 吴建军): 约谈.
    await check('cadre-adjust-list-none');
    expect(optionsOf(wrapper, 'cadre-adjust-consequence')).toEqual([]);
    expect(($(`${byTest('cadre-adjust-consequence')} input`) as HTMLInputElement).disabled).toBe(true);
    await type('cadre-adjust-reason', '已调离');
    await type('cadre-adjust-approver', '李书记');
    await type('cadre-adjust-note', '  ');
    await click('cadre-adjust-submit');
    expect(fake['cadreList:adjust']).toHaveBeenLastCalledWith(expect.objectContaining({ cadreId: 8, list: null, consequence: null }));

    $(byTest('cadre-adjust-dialog')).querySelector<HTMLButtonElement>('.el-dialog__footer .el-button')!.click();
    await settle();
    await click('cadre-list-adjust-7');
    await check('cadre-adjust-list-RED');
    await check('cadre-adjust-list-BLACK');
    await type('cadre-adjust-note', '由乡镇纪委书记约谈');
    await click('cadre-adjust-submit');
    expect(fake['cadreList:adjust']).toHaveBeenLastCalledWith({
      month: MONTH, cadreId: 7, list: 'BLACK', reason: null, approver: null, consequence: 'TALK', consequenceNote: '由乡镇纪委书记约谈',
    });
    await check('cadre-adjust-list-RED');
    await type('cadre-adjust-reason', '表现突出');
    await type('cadre-adjust-approver', '李书记');
    await click('cadre-adjust-submit');
    expect(fake['cadreList:adjust']).toHaveBeenLastCalledWith(expect.objectContaining({ cadreId: 7, list: 'RED', consequence: 'COMMEND' }));
  });

  it('moves on to 公示 with the start and the days, and shows the core’s refusal', async () => {
    const refusal = '公示开始日期不能早于考核评议日期';
    const reviewed = listRound({ state: 'reviewed', meetingDate: '2026-04-02', reviewedBy: '王小丽' });
    const { fake } = await openList(reviewed, { 'cadreList:advance': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal } }) });
    expect($(byTest('round-workflow')).textContent).toContain('考核评议');
    expect($(byTest('round-workflow')).textContent).toContain('2026-04-02 评议');
    // The cadres' publicity lasts 5 days unless changed.
    expect(($(byTest('round-publicity-days')) as HTMLInputElement).value).toBe('5');
    await type('round-publicity-days', '7');
    await click('round-advance');
    expect(fake['cadreList:advance']).toHaveBeenCalledWith({ month: MONTH, to: 'publicised', publicityStart: todayText(), publicityDays: 7 });
    expect($(byTest('round-advance-error')).textContent).toBe(`没有开始公示：${refusal}`);
  });

  it('records the meeting with its date, named 考核评议', async () => {
    const { fake } = await openList(listRound(), { 'cadreList:advance': () => ({ ok: true, data: listRound({ state: 'reviewed', meetingDate: todayText() }) }) });
    expect($(byTest('round-advance')).textContent).toContain('记为已考核评议');
    await click('round-advance');
    expect(fake['cadreList:advance']).toHaveBeenCalledWith({ month: MONTH, to: 'reviewed', meetingDate: todayText() });
    expect($(byTest('cadre-list-state')).textContent).toContain('考核评议');
    // Reviewed: no more adjusting.
    expect(document.querySelector(byTest('cadre-list-adjust-7'))).toBeNull();
  });

  it('keeps the bulletin buttons disabled in the draft, and downloads the bulletin once publicised', async () => {
    const first = await openList(listRound());
    expect(($(byTest('cadre-bulletin-xlsx')) as HTMLButtonElement).disabled).toBe(true);
    expect(($(byTest('cadre-bulletin-pdf')) as HTMLButtonElement).disabled).toBe(true);
    expect($(byTest('cadre-bulletin-hint')).textContent).toContain('公示开始后才能导出通报');
    first.wrapper.unmount();
    document.body.innerHTML = '';

    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:bulletin');
    const publicised = listRound({ state: 'publicised', meetingDate: '2026-04-02', publicityStart: '2026-04-03', publicityEnd: '2026-04-07' });
    const { fake } = await openList(publicised, {
      'cadreList:bulletin': () => ({ ok: true, data: { fileName: '西江镇2026年3月帮扶干部红黑榜通报.pdf', contentBase64: btoa('%PDF-1.7') } }),
    });
    expect(document.querySelector(byTest('cadre-bulletin-hint'))).toBeNull();
    expect(($(byTest('cadre-bulletin-xlsx')) as HTMLButtonElement).disabled).toBe(false);
    await click('cadre-bulletin-pdf');
    expect(fake['cadreList:bulletin']).toHaveBeenCalledWith({ month: MONTH, format: 'pdf' });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('application/pdf');
    expect(await blob.text()).toBe('%PDF-1.7');
  });

  it('registers an objection about a cadre while publicised', async () => {
    const publicised = listRound({ state: 'publicised', meetingDate: '2026-04-02', publicityStart: '2026-04-03', publicityEnd: '2026-04-07' });
    const objected = { ...publicised, objections: [{ id: 1, cadreId: 7, text: '吴建军上月多次入户，满意率统计有误', raisedOn: todayText(), resolution: null, resolvedOn: null, resolvedBy: null }] };
    const { fake, wrapper: w } = await openList(publicised, { 'cadreList:objection': () => ({ ok: true, data: objected }) });
    await click('objection-add');
    selectOf(w, 'objection-household').vm.$emit('update:modelValue', 7);
    await type('objection-text', '吴建军上月多次入户，满意率统计有误');
    await click('objection-submit');
    expect(fake['cadreList:objection']).toHaveBeenCalledWith({ month: MONTH, cadreId: 7, text: '吴建军上月多次入户，满意率统计有误', raisedOn: todayText() });
    expect($(byTest('objection-table')).textContent).toContain('吴建军（县财政局）');
    expect($(byTest('round-open-objections')).textContent).toContain('1 条异议未处理');
  });
});

describe('干部考核: 考核标准', () => {
  const openStandard = (handlers: Handlers = {}) =>
    open(`/assistance/assessment?month=${MONTH}&tab=standard`, { 'cadreAssessment:get': () => ({ ok: true, data: DEFAULT_CADRE_ASSESSMENT }), ...handlers });
  const inputValue = (id: string) => ($(byTest(id)) as HTMLInputElement).value;

  it('shows the thresholds and saves them', async () => {
    const saved: CadreAssessmentSettings = { ...DEFAULT_CADRE_ASSESSMENT, redMinVisitRate: 95, blackOverdueCadences: 1 };
    const { fake } = await openStandard({ 'cadreAssessment:update': () => ({ ok: true, data: saved }) });
    expect(fake['cadreAssessment:get']).toHaveBeenCalledTimes(1);
    expect(inputValue('assess-red-visit-rate')).toBe('100');
    expect(inputValue('assess-required-days')).toBe('20');
    await type('assess-red-visit-rate', '95');
    await type('assess-black-overdue', '1');
    await click('cadre-assessment-save');
    expect(fake['cadreAssessment:update']).toHaveBeenCalledWith(saved);
  });

  it('marks the field that is wrong and sends nothing', async () => {
    const { fake } = await openStandard();
    await type('assess-black-days', '');
    await click('cadre-assessment-save');
    await formItemErrorsShown();
    expect(fieldError('assess-black-days')).toBe('请填写黑榜在村天数');

    await type('assess-black-days', '10');
    await type('assess-black-satisfaction', '95');
    await click('cadre-assessment-save');
    await formItemErrorsShown();
    expect(fieldError('assess-black-days')).toBe('');
    expect(fieldError('assess-black-satisfaction')).toBe('黑榜的满意率线不能高于红榜的满意率线');
    expect(fake['cadreAssessment:update']).not.toHaveBeenCalled();
  });

  it('shows the core’s refusal at its field', async () => {
    const { fake } = await openStandard({
      'cadreAssessment:update': () => ({
        ok: false,
        error: { code: 'VALIDATION', message: '考核标准有误', details: { issues: [{ path: 'ratingWindowMonths', message: '满意度最多统计 12 个月' }] } },
      }),
    });
    await click('cadre-assessment-save');
    await formItemErrorsShown();
    expect(fake['cadreAssessment:update']).toHaveBeenCalledWith(DEFAULT_CADRE_ASSESSMENT);
    expect($(byTest('cadre-assessment-error')).textContent).toContain('没有保存：考核标准有误');
    expect(fieldError('assess-rating-window')).toBe('满意度最多统计 12 个月');
  });
});
