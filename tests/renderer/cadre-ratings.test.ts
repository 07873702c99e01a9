import { ElSelect } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import AssistanceTab from '../../src/renderer/src/components/assistance/AssistanceTab.vue';
import RatingDialog from '../../src/renderer/src/components/assistance/RatingDialog.vue';
import VisitDialog from '../../src/renderer/src/components/assistance/VisitDialog.vue';
import { todayText } from '../../src/renderer/src/format';
import type { Pairing, VisitRow } from '../../src/shared/domain/assistance.types';
import type { CadreRating } from '../../src/shared/domain/cadre-assessment.types';
import { $, $$, byTest, check, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const CADRE = { id: 31, name: '李明', unit: '县农业农村局' };

function rating(over: Partial<CadreRating> = {}): CadreRating {
  return {
    id: 77, householdId: 5, householdNo: '522799001000005', headName: '张三', villageName: '石桥村',
    cadreId: 31, cadreName: '李明', visitId: null, ratedOn: '2026-03-10',
    overall: '2', policy: '1', delivery: null, frequency: '3', comment: '希望多来几次',
    method: 'PHONE', recordedBy: '王小丽', supersedesId: null, correctionReason: null, supersededById: null,
    createdAt: '2026-03-10T08:00:00Z',
    ...over,
  };
}

const VISIT: VisitRow = {
  id: 9, householdId: 5, householdNo: '522799001000005', headName: '张三', villageId: 1, villageName: '石桥村',
  cadreId: 31, cadreName: '李明', date: todayText(), type: 'HOME', purposes: ['POLICY'], findings: null, riskFlags: [],
  measuresDelivered: null, nextVisitDate: null, byPairedCadre: true, createdAt: '2026-03-10T08:00:00Z',
};

const dialogText = (testId: string) => $(byTest(testId)).textContent ?? '';

describe('登记走访 with the household’s 满意度', () => {
  async function openVisit(pairedCadre: typeof CADRE | null, handlers: Parameters<typeof installFakeLedger>[0] = {}) {
    const fake = installFakeLedger(handlers);
    const saved = vi.fn();
    const mounted = await mountWithApp(VisitDialog, { props: { householdId: 5, pairedCadre, open: true, onSaved: saved } as never });
    await settle();
    return { ...mounted, fake, saved };
  }

  it('sends the rating with the visit once the box is ticked, and asks for the overall verdict first', async () => {
    const { fake, saved } = await openVisit(CADRE, { 'visit:save': () => ({ ok: true, data: VISIT }) });
    expect($$(byTest('rating-fields'))).toHaveLength(0);

    await check('visit-purpose-POLICY');
    await check('visit-with-rating');
    expect(dialogText('visit-rating-note')).toContain('评价对象是该户当前的结对帮扶责任人李明');
    expect(dialogText('visit-rating-note')).toContain('评价方式按走访方式记为“入户当面评价”');

    await click('visit-submit');
    await formItemErrorsShown();
    expect(fieldError('rating-overall')).toBe('请选择总体满意度');
    expect(fake['visit:save']).not.toHaveBeenCalled();

    await check('rating-overall-2');
    await check('rating-delivery-3');
    await type('rating-comment', '希望多讲讲医保政策');
    await click('visit-submit');

    expect(fake['visit:save']).toHaveBeenCalledTimes(1);
    expect(fake['visit:save']).toHaveBeenCalledWith(
      expect.objectContaining({
        householdId: 5,
        cadreId: 31,
        type: 'HOME',
        purposes: ['POLICY'],
        rating: { overall: '2', policy: null, delivery: '3', frequency: null, comment: '希望多讲讲医保政策' },
      }),
    );
    expect(saved).toHaveBeenCalledWith(VISIT);
  });

  it('sends rating: null when the box is left unticked (or ticked and unticked again)', async () => {
    const { fake } = await openVisit(CADRE, { 'visit:save': () => ({ ok: true, data: VISIT }) });
    await check('visit-purpose-POLICY');
    await check('visit-with-rating');
    await check('rating-overall-1');
    const box = $(`${byTest('visit-with-rating')} input`) as HTMLInputElement;
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await nextTick();
    await click('visit-submit');
    expect(fake['visit:save']).toHaveBeenCalledWith(expect.objectContaining({ purposes: ['POLICY'], rating: null }));
  });

  it('shows the core’s refusal when the household has no current cadre, and keeps the dialog open', async () => {
    const refusal = '户主 张三 一户目前没有结对帮扶责任人，不能登记满意度评价；请先指定帮扶责任人，或不勾选“同时登记群众满意度”';
    const { fake, wrapper, saved } = await openVisit(null, {
      'cadre:list': () => ({ ok: true, data: { rows: [], total: 0 } }),
      'visit:save': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal, details: { issues: [{ path: 'rating', message: refusal }] } } }),
    });
    wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'visit-cadre')!.vm.$emit('update:modelValue', 40);
    await nextTick();
    await check('visit-purpose-POLICY');
    await check('visit-with-rating');
    expect(dialogText('visit-rating-note')).toContain('该户目前没有结对帮扶责任人');
    await check('rating-overall-1');
    await click('visit-submit');

    expect(fake['visit:save']).toHaveBeenCalledWith(expect.objectContaining({ cadreId: 40, rating: expect.objectContaining({ overall: '1' }) }));
    expect(dialogText('visit-error')).toContain(refusal);
    expect(saved).not.toHaveBeenCalled();
    expect($$(byTest('visit-dialog'))).toHaveLength(1);
  });
});

describe('登记满意度 and 更正', () => {
  async function openRating(props: Record<string, unknown>, handlers: Parameters<typeof installFakeLedger>[0] = {}) {
    const fake = installFakeLedger(handlers);
    const saved = vi.fn();
    const mounted = await mountWithApp(RatingDialog, { props: { householdId: 5, cadre: CADRE, headName: '张三', open: true, onSaved: saved, ...props } as never });
    await settle();
    return { ...mounted, fake, saved };
  }

  it('refuses without the overall verdict, then sends the rating and shows the core’s refusal', async () => {
    const refusal = '李明自 2026-03-01 起已不是该户的结对帮扶责任人，只能评价当前结对的帮扶责任人';
    const { fake, wrapper, saved } = await openRating({}, { 'rating:record': () => ({ ok: false, error: { code: 'VALIDATION', message: refusal } }) });
    expect(dialogText('rating-target')).toContain('户主 张三 一户对帮扶责任人李明（县农业农村局）的评价');
    // 记录人 defaults to the operator named in 设置.
    expect(($(byTest('rating-recorder')) as HTMLInputElement).value).toBe('王小丽');

    await click('rating-submit');
    await formItemErrorsShown();
    expect(fieldError('rating-overall')).toBe('请选择总体满意度');
    expect(fake['rating:record']).not.toHaveBeenCalled();

    await check('rating-overall-3');
    await check('rating-frequency-3');
    wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'rating-method')!.vm.$emit('update:modelValue', 'PHONE');
    await nextTick();
    await click('rating-submit');

    expect(fake['rating:record']).toHaveBeenCalledTimes(1);
    expect(fake['rating:record']).toHaveBeenCalledWith({
      householdId: 5, cadreId: 31, ratedOn: todayText(), method: 'PHONE', recordedBy: '王小丽',
      overall: '3', policy: null, delivery: null, frequency: '3', comment: null, correctionReason: null,
    });
    expect(dialogText('rating-error')).toContain(refusal);
    expect(saved).not.toHaveBeenCalled();
  });

  it('corrects a rating: names the one it replaces, requires the reason, says the original stays', async () => {
    const original = rating();
    const corrected = rating({ id: 78, overall: '1', supersedesId: 77, correctionReason: '录入时选错了' });
    // A correction is about the cadre the original rating named, even if the household has another cadre now.
    const { fake, saved } = await openRating({ cadre: { id: 40, name: '赵强', unit: '镇政府' }, correcting: original }, { 'rating:record': () => ({ ok: true, data: corrected }) });
    expect(dialogText('rating-original')).toContain('原评价：2026-03-10，电话回访，总体基本满意；政策讲解：满意；走访频次：不满意（记录人 王小丽）');
    expect(dialogText('rating-original')).toContain('更正后原评价仍保留备查');
    expect(dialogText('rating-target')).toContain('对帮扶责任人李明的评价');

    await click('rating-submit');
    await formItemErrorsShown();
    expect(fieldError('rating-reason')).toBe('更正评价时请写明更正原因（原评价保留备查）');
    expect(fake['rating:record']).not.toHaveBeenCalled();

    await check('rating-overall-1');
    await type('rating-reason', '录入时选错了');
    await click('rating-submit');

    expect(fake['rating:record']).toHaveBeenCalledWith({
      householdId: 5, cadreId: 31, ratedOn: '2026-03-10', method: 'PHONE', recordedBy: '王小丽',
      overall: '1', policy: '1', delivery: null, frequency: '3', comment: '希望多来几次',
      supersedesId: 77, correctionReason: '录入时选错了',
    });
    expect(saved).toHaveBeenCalledWith(corrected);
  });
});

describe('the household’s 满意度评价 list', () => {
  const PAIRING: Pairing = {
    id: 1, cadreId: 31, cadreName: '李明', cadreUnit: '县农业农村局', cadrePhone: null, householdId: 5, householdNo: '522799001000005',
    headName: '张三', villageId: 1, villageName: '石桥村', startDate: '2025-01-01', endDate: null, endReason: null, endNote: null,
  };

  it('lists the ratings, strikes through the corrected ones, and opens 更正 on a row', async () => {
    const old = rating({ supersededById: 78 });
    const fresh = rating({ id: 78, overall: '1', supersedesId: 77, correctionReason: '录入时选错了', ratedOn: '2026-03-10', method: 'IN_PERSON', visitId: 9 });
    const fake = installFakeLedger({
      'pairing:history': () => ({ ok: true, data: [PAIRING] }),
      'visit:list': () => ({ ok: true, data: { rows: [], total: 0 } }),
      'rating:list': (input) => ({ ok: true, data: input.includeSuperseded ? [fresh, old] : [fresh] }),
    });
    const { wrapper } = await mountWithApp(AssistanceTab, { props: { householdId: 5, headName: '张三' } });
    await settle();

    expect(fake['rating:list']).toHaveBeenCalledWith({ householdId: 5, includeSuperseded: false });
    let rows = wrapper.findAll(`${byTest('rating-table')} .el-table__body tr`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('李明');
    expect(rows[0]!.text()).toContain('满意');
    expect(rows[0]!.text()).toContain('入户当面评价（随走访）');
    expect(rows[0]!.text()).toContain('更正原因：录入时选错了');
    expect(rows[0]!.text()).not.toContain('已更正');

    await wrapper.find(`${byTest('rating-show-superseded')}`).trigger('click');
    await settle();
    expect(fake['rating:list']).toHaveBeenLastCalledWith({ householdId: 5, includeSuperseded: true });
    rows = wrapper.findAll(`${byTest('rating-table')} .el-table__body tr`);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.classes()).toContain('revoked-row');
    expect(rows[1]!.text()).toContain('已更正');
    expect(rows[1]!.text()).toContain('政策讲解：满意；走访频次：不满意');
    expect(rows[1]!.find(byTest('rating-correct')).exists()).toBe(false);

    await rows[0]!.find(byTest('rating-correct')).trigger('click');
    await settle();
    expect(dialogText('rating-dialog')).toContain('更正满意度评价');
    expect(dialogText('rating-original')).toContain('原评价：2026-03-10，入户当面评价，总体满意');
  });

  it('disables 登记满意度 with a hint when the household has no cadre', async () => {
    installFakeLedger({
      'pairing:history': () => ({ ok: true, data: [{ ...PAIRING, endDate: '2026-01-01', endReason: 'CADRE_LEFT' }] }),
      'visit:list': () => ({ ok: true, data: { rows: [], total: 0 } }),
      'rating:list': () => ({ ok: true, data: [] }),
    });
    const { wrapper } = await mountWithApp(AssistanceTab, { props: { householdId: 5, headName: '张三' } });
    await settle();
    expect(wrapper.find(byTest('rating-add')).attributes('disabled')).toBeDefined();
    expect(wrapper.find(byTest('rating-no-cadre')).text()).toBe('该户目前没有结对帮扶责任人');
    expect(wrapper.find(byTest('rating-table')).text()).toContain('还没有满意度评价');
  });
});
