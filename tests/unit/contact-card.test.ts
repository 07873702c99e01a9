import { describe, expect, it } from 'vitest';
import { CARD_GEOMETRY, estimateCardHeight, fitCard } from '../../src/shared/cards/card-fit';
import { DEFAULT_CARD_SETTINGS, buildContactCard } from '../../src/shared/cards/contact-card';
import type { CardSource } from '../../src/shared/domain/card.types';

const source = (extra: Partial<CardSource> = {}): CardSource => ({
  householdId: 1, householdNo: '522701001000100001', headName: '张三', countyName: '示范县', townshipName: '青山镇',
  villageName: '石桥村', groupName: '三组', phone: '13812348000', memberCount: 4, status: 'LIFTED_HOUSEHOLD', attribute: 'DIBAO',
  monitoringCategory: null, riskState: null, mainCause: '01', otherCauses: ['07'], identifiedYear: 2016, liftedYear: 2019,
  guarantees: [{ key: 'foodClothing', light: 'ok' }, { key: 'housing', light: 'problem' }],
  cadre: { name: '周建国', unit: '示范县农业农村局', position: '科长', phone: '13800001111', since: '2024-03-01' },
  firstSecretary: null, support: [], ...extra,
});

const value = (fields: { label: string; value: string }[], label: string) => fields.find((f) => f.label === label)?.value;

describe('the contact card model', () => {
  it('masks the household phone, or leaves it off, and never carries an ID number', () => {
    const card = buildContactCard(source(), DEFAULT_CARD_SETTINGS, 2025, '2025-06-15');
    expect(value(card.householdFields, '联系电话')).toBe('138****8000');
    expect(value(card.cadreFields, '电话')).toBe('13800001111');
    expect(value(card.householdFields, '致贫原因')).toBe('因病（其他：缺技术）');
    expect(card.subtitle).toBe('示范县 青山镇 石桥村 三组 · 2025年度');
    expect(card.guarantees.map((g) => `${g.title}${g.verdict}`)).toEqual(['吃穿不愁已保障', '住房安全存在问题']);
    const hidden = buildContactCard(source(), { ...DEFAULT_CARD_SETTINGS, householdPhone: 'hidden' }, 2025, '2025-06-15');
    expect(value(hidden.householdFields, '联系电话')).toBeUndefined();
    expect(JSON.stringify(hidden)).not.toContain('138****8000');
    expect(JSON.stringify(hidden)).not.toContain('13812348000');
  });

  it('names a monitoring object and its risk with the status; says when no cadre is paired', () => {
    const card = buildContactCard(source({ status: 'ORDINARY', monitoringCategory: 'MARGINAL', riskState: 'ACTIVE', cadre: null }), DEFAULT_CARD_SETTINGS, 2025, '2025-06-15');
    expect(value(card.householdFields, '户类型')).toBe('一般农户（监测对象：边缘易致贫户，风险未消除）');
    expect(value(card.cadreFields, '帮扶责任人')).toBe('尚未结对，请联系村委会');
    expect(card.filledBy).toBe('');
  });

  it('lists support by date with amounts and their total; health support under a neutral name unless allowed', () => {
    const support: CardSource['support'] = [
      { kind: 'subsidy', category: 'MEDICAL', item: null, date: '2025-05-02', amountFen: 80000 },
      { kind: 'measure', category: 'M_INDUSTRY', item: '茶苗', date: '2025-03-01', amountFen: 12050 },
      { kind: 'measure', category: 'M_EMPLOYMENT', item: '电工培训', date: '2025-04-01', amountFen: null },
    ];
    const card = buildContactCard(source({ support }), DEFAULT_CARD_SETTINGS, 2025, '2025-06-15');
    expect(card.supportRows).toEqual([
      { kind: '措施', name: '产业帮扶：茶苗', date: '3月1日', amount: '120.50 元' },
      { kind: '措施', name: '就业帮扶：电工培训', date: '4月1日', amount: '—' },
      { kind: '补贴', name: '民生保障帮扶', date: '5月2日', amount: '800.00 元' },
    ]);
    expect(card.supportTotal).toBe('920.50 元');
    const named = buildContactCard(source({ support }), { ...DEFAULT_CARD_SETTINGS, showHealthSupportNames: true }, 2025, '2025-06-15');
    expect(named.supportRows[2]!.name).toBe('医疗救助');
  });
});

describe('fitting a card into its layout', () => {
  const withRows = (n: number) =>
    buildContactCard(
      source({ support: Array.from({ length: n }, (_, i) => ({ kind: 'measure' as const, category: 'M_INDUSTRY', item: `第${i + 1}批种苗和化肥发放`, date: '2025-03-01', amountFen: 1000 })) }),
      DEFAULT_CARD_SETTINGS, 2025, '2025-06-15',
    );

  it.each(['a4', 'a4-2up', 'a5'] as const)('%s: a smaller size the more a card lists, rows left off only at the smallest', (layout) => {
    const sizes = CARD_GEOMETRY[layout].fontSizes;
    const room = CARD_GEOMETRY[layout].height - 2 * CARD_GEOMETRY[layout].padding;
    const short = fitCard(withRows(0), layout);
    expect(short.hiddenRows).toBe(0);
    const medium = fitCard(withRows(16), layout);
    expect(medium.fontSize).toBeLessThan(short.fontSize);
    const long = fitCard(withRows(80), layout);
    expect(long.fontSize).toBe(sizes[sizes.length - 1]);
    expect(long.hiddenRows).toBeGreaterThan(0);
    expect(long.supportRows.length + long.hiddenRows).toBe(80);
    for (const fit of [medium, long]) expect(estimateCardHeight(withRows(80), layout, fit.fontSize, fit.supportRows)).toBeLessThan(room);
  });
});
