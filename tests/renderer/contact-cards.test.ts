import { mount } from '@vue/test-utils';
import ElementPlus, { ElTable } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.store';
import ContactCardPreview from '../../src/renderer/src/components/cards/ContactCardPreview.vue';
import { JOB_POLL_MS } from '../../src/renderer/src/composables/useJob';
import { CARD_GEOMETRY, fitCard, hiddenRowsText } from '../../src/shared/cards/card-fit';
import { buildContactCard, DEFAULT_CARD_SETTINGS } from '../../src/shared/cards/contact-card';
import type { CardSettings, CardSource, CardsPdf, ContactCard } from '../../src/shared/domain/card.types';
import type { LedgerJob } from '../../src/shared/domain/job.types';
import type { HouseholdRow } from '../../src/shared/domain/registry.types';
import { $, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  vi.restoreAllMocks();
  delete window.ledger;
  document.body.innerHTML = '';
});

/** A household as the core reads it for its card; `supportRows` measures and subsidies this year. */
function source(supportRows: number, extra: Partial<CardSource> = {}): CardSource {
  return {
    householdId: 7,
    householdNo: '52279900100007',
    headName: '杨秀英',
    countyName: '示范县',
    townshipName: '青山镇',
    villageName: '石桥村',
    groupName: '二组',
    phone: '13912345678',
    memberCount: 4,
    status: 'LIFTED_HOUSEHOLD',
    attribute: 'GENERAL',
    monitoringCategory: null,
    riskState: null,
    mainCause: '08',
    otherCauses: [],
    identifiedYear: 2016,
    liftedYear: 2019,
    guarantees: [
      { key: 'foodClothing', light: 'ok' },
      { key: 'education', light: 'ok' },
      { key: 'medical', light: 'check' },
      { key: 'housing', light: 'problem' },
      { key: 'water', light: 'unknown' },
    ],
    cadre: { name: '周建国', unit: '示范县农业农村局', position: '科长', phone: '13800001111', since: '2024-03-01' },
    firstSecretary: { name: '吴书记', unit: '示范县财政局', position: '驻村第一书记', phone: '13700002222' },
    support: Array.from({ length: supportRows }, (_, i) =>
      i % 2 === 0
        ? { kind: 'measure' as const, category: 'M_INDUSTRY', item: `发放生猪养殖补助第${i + 1}批`, date: `2025-${String((i % 12) + 1).padStart(2, '0')}-02`, amountFen: 300050 }
        : { kind: 'subsidy' as const, category: 'ECOLOGICAL', item: null, date: `2025-${String((i % 12) + 1).padStart(2, '0')}-20`, amountFen: 50000 },
    ),
    ...extra,
  };
}

const card = (rows: number, settings: CardSettings = DEFAULT_CARD_SETTINGS, extra: Partial<CardSource> = {}) =>
  buildContactCard(source(rows, extra), settings, 2025, '2025-06-15');

async function mountCard(c: ContactCard, layout: 'a4' | 'a4-2up' | 'a5' = 'a4-2up') {
  const wrapper = mount(ContactCardPreview, { props: { card: c, layout }, attachTo: document.body, global: { plugins: [ElementPlus] } });
  mounted.push(wrapper);
  await settle();
  return wrapper;
}

describe('ContactCardPreview', () => {
  it('shows the cadre’s name and phone in full, the household’s phone masked, and the QR code of the household number', async () => {
    const c = card(2);
    const wrapper = await mountCard(c);
    const people = wrapper.find(byTest('card-people')).text();
    expect(people).toContain('周建国（示范县农业农村局 科长）');
    expect(people).toContain('13800001111');
    expect(people).toContain('13700002222');

    const household = wrapper.find(byTest('card-household')).text();
    expect(household).toContain('139****5678');
    expect(wrapper.text()).not.toContain('13912345678');

    expect(wrapper.find(byTest('card-title')).text()).toBe('青山镇精准帮扶联系卡');
    expect(wrapper.find(byTest('card-household-no')).text()).toBe('户编号：52279900100007');
    expect(wrapper.find(`${byTest('card-qr')} svg`).exists()).toBe(true);
    expect(wrapper.find(byTest('card-footer')).text()).toContain('填写人：周建国');
    expect(wrapper.find(byTest('card-note')).text()).toBe(DEFAULT_CARD_SETTINGS.footerNote);
    // Every verdict in its light's colour, as the PDF prints it.
    const verdicts = wrapper.findAll(`${byTest('card-guarantees')} td`).map((td) => [td.attributes('data-light'), td.find('.verdict').text()]);
    expect(verdicts).toEqual([['ok', '已保障'], ['ok', '已保障'], ['check', '请核实'], ['problem', '存在问题'], ['unknown', '未核查']]);
    // Few rows: all printed, no “另有” line.
    expect(wrapper.findAll(byTest('card-support-row'))).toHaveLength(2);
    expect(wrapper.find(byTest('card-hidden-rows')).exists()).toBe(false);
    expect(wrapper.find(byTest('card-total')).text()).toBe('3,500.50 元');
  });

  it('leaves the household’s phone off when the settings say so', async () => {
    const wrapper = await mountCard(card(1, { ...DEFAULT_CARD_SETTINGS, householdPhone: 'hidden' }));
    expect(wrapper.find(byTest('card-household')).text()).not.toContain('5678');
  });

  it('shows the rows the PDF prints and “另有 N 项” for the rest when a card has many rows', async () => {
    const c = card(30);
    const fit = fitCard(c, 'a4-2up');
    expect(fit.hiddenRows).toBeGreaterThan(0); // the case under test
    const wrapper = await mountCard(c, 'a4-2up');
    expect(wrapper.findAll(byTest('card-support-row'))).toHaveLength(fit.supportRows.length);
    expect(wrapper.find(byTest('card-hidden-rows')).text()).toBe(hiddenRowsText(fit.hiddenRows));
    expect(wrapper.find(byTest('card-hidden-rows')).text()).toMatch(/^另有 \d+ 项，详见帮扶台账$/);
    // The box keeps the layout's shape, and the text the size fitCard chose (points × 96/72).
    const style = (wrapper.element as HTMLElement).style;
    const g = CARD_GEOMETRY['a4-2up'];
    expect(parseFloat(style.width) / parseFloat(style.height)).toBeCloseTo(g.width / g.height, 2);
    expect(parseFloat(style.fontSize)).toBeCloseTo((fit.fontSize * 96) / 72, 1);

    // The same card on a whole A4 page has room for every row.
    await wrapper.setProps({ layout: 'a4' });
    expect(wrapper.findAll(byTest('card-support-row'))).toHaveLength(fitCard(c, 'a4').supportRows.length);
  });
});

/* ---------- the print page ---------- */

const PDF: CardsPdf = { fileName: '精准帮扶联系卡_石桥村_A4每页2张_2025-06-15.pdf', contentBase64: 'JVBERi0=', cards: 3, pages: 2, bytes: 5 };

function job(state: LedgerJob['state'], done: number, result: CardsPdf | null = null): LedgerJob {
  return {
    id: 'job-1', kind: 'card:pdf', title: '生成联系卡（A4每页2张）', state, phase: state === 'running' ? '排版并写入 PDF' : '完成', done, total: 3,
    startedAt: '2025-06-15T04:00:00Z', finishedAt: null, result, error: null,
  };
}

function cardsLedger() {
  let polls = 0;
  return installFakeLedger({
    'card:preview': (input) => ({ ok: true, data: { total: input.householdIds?.length ?? 3, cards: [card(2), card(1, DEFAULT_CARD_SETTINGS, { householdId: 8, householdNo: '52279900100008' })] } }),
    'card:start': () => ({ ok: true, data: { jobId: 'job-1' } }),
    'job:get': () => ({ ok: true, data: ++polls < 2 ? job('running', 1) : job('done', 3, PDF) }),
    'household:list': () => ({ ok: true, data: { rows: ROWS, total: 2 } }),
  });
}

const ROWS = [7, 8].map((id) => ({
  id, householdNo: `H${id}`, villageId: 1, villageName: '石桥村', groupId: null, groupName: null, headName: `户主${id}`, headIdNumber: null,
  memberCount: 3, status: 'LIFTED_HOUSEHOLD', attribute: null, mainCause: null, monitoringCategory: null, riskState: null, phone: null,
  updatedAt: '2025-01-01', deletedAt: null,
})) as HouseholdRow[];

describe('联系卡 page', () => {
  it('previews the chosen households, counts the pages, and makes, shows and saves the PDF', async () => {
    const fake = cardsLedger();
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:cards');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/cards' });
    mounted.push(wrapper);
    await settle();

    expect(fake['card:preview']).toHaveBeenCalledWith({ year: new Date().getFullYear(), limit: 4 });
    expect(wrapper.findAll(byTest('card-preview'))).toHaveLength(2);
    // Two cards to a sheet by default: 3 households, 2 pages.
    expect(wrapper.find(byTest('cards-summary')).text()).toBe('共 3 户，将生成 2 页');
    await wrapper.find(`${byTest('cards-layout-a4')} input`).setValue(true);
    expect(wrapper.find(byTest('cards-summary')).text()).toBe('共 3 户，将生成 3 页');
    await wrapper.find(`${byTest('cards-layout-a4-2up')} input`).setValue(true);

    await click('cards-generate');
    expect(fake['card:start']).toHaveBeenCalledWith({ year: new Date().getFullYear(), layout: 'a4-2up' });
    expect($(byTest('cards-progress-phase')).textContent).toBe('排版并写入 PDF');
    expect($(byTest('cards-progress-amount')).textContent).toBe('1 / 3');
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS + 50));
    await settle();

    expect(wrapper.find(byTest('cards-progress')).exists()).toBe(false);
    expect(wrapper.find(byTest('cards-pdf')).attributes('data')).toBe('blob:cards');
    expect(wrapper.find(byTest('cards-pdf-summary')).text()).toContain('3 户，共 2 页');
    const shown = createObjectURL.mock.calls[0]![0] as Blob;
    expect(shown.type).toBe('application/pdf');

    const anchorClick = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe(PDF.fileName);
    });
    await click('cards-save');
    expect(anchorClick).toHaveBeenCalledTimes(1);
    const saved = createObjectURL.mock.calls[1]![0] as Blob;
    expect(saved.type).toBe('application/pdf');
    expect(new TextDecoder().decode(await saved.arrayBuffer())).toBe('%PDF-');

    // A different choice puts the PDF out of date.
    await wrapper.find(`${byTest('cards-layout-a5')} input`).setValue(true);
    expect(wrapper.find(byTest('cards-pdf')).exists()).toBe(false);
  });

  it('shows the core’s refusal in Chinese', async () => {
    installFakeLedger({ 'card:preview': () => ({ ok: false, error: { code: 'VALIDATION', message: '请先在“设置”中填写乡（镇）名称，联系卡的标题和地址要用到它' } }) });
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/cards' });
    mounted.push(wrapper);
    await settle();
    expect(wrapper.find(byTest('cards-preview-error')).text()).toContain('请先在“设置”中填写乡（镇）名称');
    expect(wrapper.find(byTest('cards-generate')).attributes('disabled')).toBeDefined();
  });

  it('prints exactly the households ticked in the household list', async () => {
    const fake = cardsLedger();
    const { wrapper, router } = await mountWithApp(RoutedPage, { path: '/households' });
    mounted.push(wrapper);
    await settle();
    const table = wrapper.findComponent(ElTable);
    for (const row of ROWS) (table.vm as unknown as { toggleRowSelection: (r: HouseholdRow, on: boolean) => void }).toggleRowSelection(row, true);
    await nextTick();
    await wrapper.find(byTest('household-cards')).trigger('click');
    await settle();

    expect(router.currentRoute.value.path).toBe('/cards');
    expect(fake['card:preview']).toHaveBeenLastCalledWith({ year: new Date().getFullYear(), householdIds: [7, 8], limit: 4 });
    expect(wrapper.find(byTest('cards-ticked')).text()).toContain('打印农户列表中勾选的 2 户');
    expect(wrapper.find(byTest('cards-summary')).text()).toBe('共 2 户，将生成 1 页');
  });
});

describe('联系卡 settings', () => {
  it('loads the card settings, proposes the default title, and saves what the clerk changed', async () => {
    const fake = installFakeLedger({
      'cardSettings:get': () => ({ ok: true, data: DEFAULT_CARD_SETTINGS }),
      'cardSettings:update': (input) => ({ ok: true, data: { ...DEFAULT_CARD_SETTINGS, ...input } as CardSettings }),
      'povertyLine:list': () => ({ ok: true, data: [] }),
    });
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/settings' });
    mounted.push(wrapper);
    await useSettingsStore().load(); // the main layout does this in the app
    await settle();

    const title = wrapper.find(byTest('card-settings-title'));
    expect(title.attributes('placeholder')).toBe('留空则为“西江镇精准帮扶联系卡”');
    expect((wrapper.find(byTest('card-settings-footer')).element as HTMLTextAreaElement).value).toBe(DEFAULT_CARD_SETTINGS.footerNote);
    expect((wrapper.find(`${byTest('card-settings-household-phone-masked')} input`).element as HTMLInputElement).checked).toBe(true);

    await type('card-settings-contact-name', '李镇长');
    await type('card-settings-contact-phone', '0855-1234567');
    await wrapper.find(`${byTest('card-settings-household-phone-hidden')} input`).setValue(true);
    await click('card-settings-save');
    expect(fake['cardSettings:update']).toHaveBeenCalledWith({
      title: null, townshipContactName: '李镇长', townshipContactPhone: '0855-1234567', householdPhone: 'hidden', showHealthSupportNames: false,
      footerNote: DEFAULT_CARD_SETTINGS.footerNote,
    });
  });

  it('marks a wrong phone number and sends nothing', async () => {
    const fake = installFakeLedger({ 'cardSettings:get': () => ({ ok: true, data: DEFAULT_CARD_SETTINGS }), 'povertyLine:list': () => ({ ok: true, data: [] }) });
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/settings' });
    mounted.push(wrapper);
    await settle();
    await type('card-settings-contact-phone', '12345');
    await click('card-settings-save');
    await formItemErrorsShown();
    expect(fieldError('card-settings-contact-phone')).toContain('乡镇联系人电话应为 11 位手机号或带区号的固定电话');
    expect(fake['cardSettings:update']).not.toHaveBeenCalled();
  });
});
