/**
 * The contact card's content (domain.md §7), computed once from a household's record. The
 * preview and the PDF only draw what this returns, so they cannot disagree on what a card says
 * or on what it keeps private (domain.md §11): no ID number, no bank account, no member's
 * health; the household's phone masked or left off; cadres' phones in full.
 */
import {
  householdAttribute,
  householdStatus,
  labelOf,
  measureCategory,
  monitoringCategory,
  povertyCause,
  riskState,
  subsidyCategory,
} from '../domain';
import type { CardField, CardGuarantee, CardSettings, CardSource, CardSupportRow, ContactCard } from '../domain/card.types';
import type { Indicator, Light } from '../rules/guarantees';
import { maskPhone } from '../rules/masking';
import { formatYuan } from '../rules/money';

export const DEFAULT_CARD_SETTINGS: CardSettings = {
  title: null,
  townshipContactName: null,
  townshipContactPhone: null,
  householdPhone: 'masked',
  showHealthSupportNames: false,
  footerNote: '本卡一式两份，一份张贴于户内醒目位置，一份由帮扶责任人留存。',
};

/** Support whose name tells a visitor that someone in the house is ill or disabled. */
const HEALTH_SUPPORT = new Set(['DISABILITY', 'MEDICAL', 'M_HEALTH', 'L_MEDICAL']);
const NEUTRAL_SUPPORT_NAME = '民生保障帮扶';

/** Short names under the section's heading (两不愁三保障及饮水安全), so five fit across an A5 card. */
const GUARANTEE_TITLE: Record<Indicator['key'], string> = {
  foodClothing: '吃穿不愁',
  education: '义务教育',
  medical: '基本医疗',
  housing: '住房安全',
  water: '饮水安全',
};

const VERDICT: Record<Light, string> = { ok: '已保障', check: '请核实', problem: '存在问题', unknown: '未核查' };

const BLANK = '—';
const orBlank = (v: string | null | undefined) => (v && v.trim() ? v : BLANK);

export function cardTitle(settings: CardSettings, townshipName: string): string {
  return settings.title?.trim() || `${townshipName}精准帮扶联系卡`;
}

/** 2026-03-05 → 3月5日 (the card's year is in its subtitle). */
function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** 2026-11-22 → 2026年11月22日 */
export function chineseDate(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function householdPhone(phone: string | null, how: CardSettings['householdPhone']): string | null {
  if (how === 'hidden') return null;
  return phone ? maskPhone(phone) : BLANK;
}

function statusText(s: CardSource): string {
  const status = labelOf(householdStatus, s.status);
  if (!s.monitoringCategory) return status;
  const risk = s.riskState ? `，${labelOf(riskState, s.riskState)}` : '';
  return `${status}（监测对象：${labelOf(monitoringCategory, s.monitoringCategory)}${risk}）`;
}

function causesText(s: CardSource): string {
  const main = s.mainCause ? labelOf(povertyCause, s.mainCause) : BLANK;
  const others = s.otherCauses.map((c) => labelOf(povertyCause, c));
  return others.length ? `${main}（其他：${others.join('、')}）` : main;
}

function yearsText(s: CardSource): string {
  const identified = s.identifiedYear ? `${s.identifiedYear}年识别` : '';
  const lifted = s.liftedYear ? `${s.liftedYear}年脱贫` : '';
  return [identified, lifted].filter(Boolean).join('，') || BLANK;
}

function householdFields(s: CardSource, settings: CardSettings): CardField[] {
  const phone = householdPhone(s.phone, settings.householdPhone);
  return [
    { label: '户主姓名', value: s.headName },
    { label: '家庭人口', value: `${s.memberCount} 人` },
    { label: '家庭住址', value: [s.villageName, s.groupName].filter(Boolean).join(' ') },
    ...(phone === null ? [] : [{ label: '联系电话', value: phone }]),
    { label: '户类型', value: statusText(s) },
    { label: '贫困户属性', value: s.attribute ? labelOf(householdAttribute, s.attribute) : BLANK },
    { label: '致贫原因', value: causesText(s) },
    { label: '识别/脱贫', value: yearsText(s) },
  ];
}

function personFields(role: string, p: CardSource['cadre'] | CardSource['firstSecretary']): CardField[] {
  if (!p) return [{ label: role, value: '尚未结对，请联系村委会' }];
  const where = [p.unit, p.position].filter(Boolean).join(' ');
  return [
    { label: role, value: where ? `${p.name}（${where}）` : p.name },
    { label: '电话', value: orBlank(p.phone) },
  ];
}

function supportRow(item: CardSource['support'][number], settings: CardSettings): CardSupportRow {
  const hide = !settings.showHealthSupportNames && HEALTH_SUPPORT.has(item.category);
  const table = item.kind === 'measure' ? measureCategory : subsidyCategory;
  // A measure's item names what was done ("慢性病签约服务"), so a hidden category hides it too.
  const name = hide ? NEUTRAL_SUPPORT_NAME : [labelOf(table, item.category), item.item?.trim()].filter(Boolean).join('：');
  return {
    kind: item.kind === 'measure' ? '措施' : '补贴',
    name,
    date: monthDay(item.date),
    amount: item.amountFen === null ? BLANK : formatYuan(item.amountFen),
  };
}

/**
 * One household's card for `year` (support of that year only), dated `today` (YYYY-MM-DD).
 * `support` is drawn in date order; the township contact comes from the settings.
 */
export function buildContactCard(s: CardSource, settings: CardSettings, year: number, today: string): ContactCard {
  const support = [...s.support].sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  const guarantees: CardGuarantee[] = s.guarantees.map((g) => ({ title: GUARANTEE_TITLE[g.key], light: g.light, verdict: VERDICT[g.light] }));
  const township: CardField[] = settings.townshipContactName
    ? [{ label: '乡镇联系人', value: settings.townshipContactName }, { label: '电话', value: orBlank(settings.townshipContactPhone) }]
    : [];
  const cadreFields = personFields('帮扶责任人', s.cadre);
  if (s.cadre) cadreFields.push({ label: '结对时间', value: chineseDate(s.cadre.since) }, { label: '帮扶年度', value: `${year}年` });
  return {
    householdId: s.householdId,
    householdNo: s.householdNo,
    title: cardTitle(settings, s.townshipName),
    subtitle: `${[s.countyName, s.townshipName, s.villageName, s.groupName].filter(Boolean).join(' ')} · ${year}年度`,
    householdFields: householdFields(s, settings),
    guarantees,
    cadreFields,
    contactFields: [...(s.firstSecretary ? personFields('第一书记', s.firstSecretary) : []), ...township],
    supportRows: support.map((item) => supportRow(item, settings)),
    supportTotal: formatYuan(support.reduce((sum, item) => sum + (item.amountFen ?? 0), 0)),
    filledBy: s.cadre?.name ?? '',
    date: chineseDate(today),
    footerNote: settings.footerNote,
    qrText: s.householdNo,
  };
}
