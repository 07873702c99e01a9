/**
 * The contact card (精准帮扶联系卡, domain.md §7): what the core reads for one household, the
 * settings that shape it, and the card itself, computed once (shared/cards) and drawn twice —
 * the on-screen preview and the PDF.
 */
import type { Indicator, Light } from '../rules/guarantees';

export const CARD_LAYOUTS = ['a4', 'a4-2up', 'a5'] as const;
export type CardLayout = (typeof CARD_LAYOUTS)[number];

/** How the household's own phone appears on its card (domain.md §11). */
export type HouseholdPhoneOnCard = 'masked' | 'hidden';

/** Card settings kept with the township settings (联系卡设置). */
export interface CardSettings {
  /** Empty: “××镇精准帮扶联系卡” from the township name. */
  title: string | null;
  /** 乡镇联系人 (a township supervisor the household may call) and phone; printed in full. */
  townshipContactName: string | null;
  townshipContactPhone: string | null;
  householdPhone: HouseholdPhoneOnCard;
  /**
   * Support that names a member's illness or disability (残疾人两项补贴, 医疗救助, 健康帮扶) is
   * printed under a neutral name unless this is on: the card hangs where visitors read it.
   */
  showHealthSupportNames: boolean;
  /** The line under the footer, e.g. 本卡一式两份…. */
  footerNote: string;
}

/** A person the household can call: the paired cadre, the first secretary, the township contact. */
export interface CardPerson {
  name: string;
  unit: string | null;
  position: string | null;
  /** In full: cadres' phones are public by design (domain.md §11). */
  phone: string | null;
}

/** One measure or subsidy of the card's year, as recorded (codes, fen, YYYY-MM-DD). */
export interface CardSupportSource {
  kind: 'measure' | 'subsidy';
  category: string;
  item: string | null;
  date: string;
  amountFen: number | null;
}

/** Everything the card is computed from; read by the core, or built by tests. */
export interface CardSource {
  householdId: number;
  householdNo: string;
  headName: string;
  countyName: string | null;
  townshipName: string;
  villageName: string;
  groupName: string | null;
  /** The household's phone in full; the card masks or omits it. */
  phone: string | null;
  memberCount: number;
  status: string;
  attribute: string | null;
  monitoringCategory: string | null;
  riskState: string | null;
  mainCause: string | null;
  otherCauses: readonly string[];
  identifiedYear: number | null;
  liftedYear: number | null;
  guarantees: readonly { key: Indicator['key']; light: Light }[];
  cadre: (CardPerson & { since: string }) | null;
  firstSecretary: CardPerson | null;
  support: readonly CardSupportSource[];
}

export interface CardField {
  label: string;
  value: string;
}

export interface CardGuarantee {
  title: string;
  light: Light;
  /** 已保障 / 请核实 / 存在问题 / 未核查. */
  verdict: string;
}

export interface CardSupportRow {
  /** 措施 (帮扶措施) or 补贴 (补贴资金). */
  kind: string;
  /** 产业帮扶：发放生猪养殖补助 (a measure's category and item), 低保金 (a subsidy's category). */
  name: string;
  /** M月D日 */
  date: string;
  /** "1,200.00 元", or "—" for a measure without an amount. */
  amount: string;
}

/** The card as both renderers draw it: every text already final, nothing left to look up. */
export interface ContactCard {
  householdId: number;
  householdNo: string;
  title: string;
  /** 石桥镇 石桥村 三组 · 2026年度 */
  subtitle: string;
  householdFields: CardField[];
  guarantees: CardGuarantee[];
  cadreFields: CardField[];
  /** The first secretary and the township contact. */
  contactFields: CardField[];
  supportRows: CardSupportRow[];
  /** 本年度合计 “3,450.00 元” (measures with amounts and subsidies). */
  supportTotal: string;
  filledBy: string;
  date: string;
  footerNote: string;
  /** What the QR code carries: the household number (户编号). */
  qrText: string;
}

/** How a card is fitted into its layout's box: font size, and the support rows that fit. */
export interface CardFit {
  fontSize: number;
  supportRows: CardSupportRow[];
  /** Rows left off because even the smallest size could not hold them; 0 when all fit. */
  hiddenRows: number;
}

/** The chosen households' cards for the print page: the first few in full, and how many there are. */
export interface CardPreview {
  total: number;
  cards: ContactCard[];
}

/** A written card PDF. */
export interface CardsPdf {
  fileName: string;
  contentBase64: string;
  cards: number;
  pages: number;
  bytes: number;
}
