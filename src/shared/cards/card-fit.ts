/**
 * Fitting a card into its box. Every layout gives a card a fixed box (a whole A4 or A5 page, or
 * half an A4 sheet); a card with many measures must shrink, and only past the smallest legible
 * size lose rows (with a “另有 N 项” line), never run over the cut line. The height is estimated
 * from the font's real metrics with the same grid the PDF draws, so the preview can show the
 * same rows the PDF will print.
 */
import type { CardField, CardFit, CardLayout, CardSupportRow, ContactCard } from '../domain/card.types';
import type { Light } from '../rules/guarantees';

/** Noto Sans SC: ascender 1.160 em + descender 0.288 em, no line gap (read from the font). */
export const LINE_HEIGHT_EM = 1.448;
/** Kept free inside a frame: its two 0.8 pt rules and a little slack, so a full frame never spills onto the next page. */
export const FRAME_ALLOWANCE = 3;
/** The estimate is within a point or two of what pdfmake lays out; this keeps a card clear of its frame's edge. */
const ESTIMATE_SLACK = 0.015;
/** Points per millimetre. */
const MM = 72 / 25.4;

export interface CardGeometry {
  pageSize: 'A4' | 'A5';
  cardsPerPage: 1 | 2;
  /** Page margins in points: [left, top, right, bottom]. */
  pageMargins: [number, number, number, number];
  /** The card's frame. */
  width: number;
  height: number;
  /** Between the frame and the text. */
  padding: number;
  /** Between the two cards of a two-up sheet (the cut line runs through its middle). */
  gap: number;
  /**
   * A wide card (half an A4 sheet, landscape) sets the household's sections on the left and the
   * support list on the right, `split` being the left column's share; null: one column.
   */
  split: number | null;
  qrSize: number;
  /** Body font sizes tried from largest to smallest. */
  fontSizes: readonly number[];
}

const A4 = { width: 595.28, height: 841.89 };
const A5 = { width: 419.53, height: 595.28 };

function geometry(layout: CardLayout): CardGeometry {
  switch (layout) {
    case 'a4': {
      const m = 10 * MM;
      return { pageSize: 'A4', cardsPerPage: 1, pageMargins: [m, m, m, m], width: A4.width - 2 * m, height: A4.height - 2 * m, padding: 16, gap: 0, split: null, qrSize: 76, fontSizes: [12, 11, 10.5, 10, 9.5, 9, 8.5, 8] };
    }
    case 'a4-2up': {
      // Two A5-landscape cards on one A4 sheet; 6 mm from every cut and sheet edge, where printers reach.
      const m = 6 * MM;
      const height = (A4.height - 4 * m) / 2;
      return { pageSize: 'A4', cardsPerPage: 2, pageMargins: [m, m, m, m], width: A4.width - 2 * m, height, padding: 10, gap: 2 * m, split: 0.53, qrSize: 58, fontSizes: [10, 9.5, 9, 8.5, 8, 7.5, 7] };
    }
    case 'a5': {
      const m = 7 * MM;
      return { pageSize: 'A5', cardsPerPage: 1, pageMargins: [m, m, m, m], width: A5.width - 2 * m, height: A5.height - 2 * m, padding: 10, gap: 0, split: null, qrSize: 58, fontSizes: [10, 9.5, 9, 8.5, 8, 7.5, 7] };
    }
  }
}

export const CARD_GEOMETRY: Record<CardLayout, CardGeometry> = { a4: geometry('a4'), 'a4-2up': geometry('a4-2up'), a5: geometry('a5') };

/** Column shares of the card's tables, used by the PDF and the preview alike. */
export const GRID = {
  /** “标签：内容” twice a row (the household's facts) */
  fields: [0.5, 0.5],
  /** “帮扶责任人：姓名（单位 职务）” and “电话：号码” (the people a household can call, one a row) */
  people: [0.62, 0.38],
  /** 类别 / 名称 / 日期 / 金额 (widths: supportWidths) */
  supportHead: ['类别', '名称', '日期', '金额'],
  /** 填写人 / 户主签字 / 填写日期 */
  footer: [0.3, 0.3, 0.4],
  /** Cell padding in points: left/right, top/bottom. */
  cellPadX: 3,
  cellPadY: 1.5,
  /** Space above each section's heading. */
  sectionGap: 4,
  /** Between the two columns of a wide card. */
  columnGap: 12,
} as const;

/** The guarantee verdicts' ink: dark enough to read in print, distinct on screen. */
export const LIGHT_COLOUR: Record<Light, string> = { ok: '#1b6e35', check: '#a85d00', problem: '#b3261e', unknown: '#555555' };

/** Relative sizes of the card's texts against the body size. */
export const TYPE_SCALE = { title: 1.6, subtitle: 0.9, heading: 1.0, note: 0.85 } as const;

export const SECTION_TITLES = {
  household: '一、家庭基本情况',
  guarantees: '二、“两不愁三保障”及饮水安全',
  cadre: '三、帮扶责任人',
  support: '四、本年度帮扶措施和补贴',
} as const;

/**
 * Advance widths of printable ASCII (U+0020–U+007E) in thousandths of an em, the larger of Noto
 * Sans SC Regular and Bold (read from the fonts in resources/fonts). Everything else is taken as a
 * full em: ideographs and full-width forms are, and the rest are narrower.
 */
const ASCII_WIDTHS = [
  227, 370, 574, 590, 590, 963, 740, 325, 378, 378, 507, 590, 325, 370, 325, 392, 590, 590, 590, 590, 590, 590, 590, 590, 590, 590, 325, 325,
  590, 590, 590, 514, 1007, 641, 681, 656, 714, 615, 585, 717, 757, 330, 568, 686, 578, 853, 749, 770, 667, 770, 682, 624, 625, 748, 619,
  915, 627, 580, 613, 378, 392, 378, 590, 567, 626, 591, 644, 527, 644, 581, 372, 597, 640, 304, 306, 604, 315, 964, 641, 626, 644, 644, 437,
  495, 421, 637, 576, 863, 562, 574, 511, 378, 296, 378, 590,
];

function widthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += code >= 0x20 && code <= 0x7e ? ASCII_WIDTHS[code - 0x20]! / 1000 : 1;
  }
  return em;
}

/**
 * Units a line may break between: a Latin word or number, or an ideograph — with the punctuation
 * that must not start a line （，。）：etc.） kept on the unit before it, and the punctuation that
 * must not end one （（“ etc.） kept on the unit after it (Chinese line-breaking rules).
 */
const UNITS = /[（“‘《〈【「『(]*(?:[\u0021-\u007e]+|\s+|[^])[）”’》〉】」』)，。、：；！？,.:;!?%]*/gu;

/** Breathing room for rounding: a line is never filled to the last hundredth of a point. */
const LINE_SLACK_PT = 0.5;

/**
 * A text broken into the lines it takes in a cell of `width` points. The PDF prints exactly these
 * lines, each laid out in one piece: left to pdfmake, a wrapping Chinese text is laid out a
 * character at a time, which was most of its time and of the file's size.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const available = (width - 2 * GRID.cellPadX - LINE_SLACK_PT) / fontSize;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const unit of paragraph.match(UNITS) ?? []) {
      const w = widthEm(unit);
      if (used + w <= available) {
        line += unit;
        used += w;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = '';
      used = 0;
      // A unit longer than a whole line (a very long number) is cut where the line ends.
      for (const ch of unit.trimStart()) {
        const cw = widthEm(ch);
        if (used + cw > available && line) {
          lines.push(line);
          line = '';
          used = 0;
        }
        line += ch;
        used += cw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Lines a text takes in a cell of `width` points. */
export function lineCount(text: string, width: number, fontSize: number): number {
  return wrapText(text, width, fontSize).length;
}

const lineHeight = (fontSize: number) => fontSize * LINE_HEIGHT_EM;
/** A table row: its tallest cell, its padding and its border. */
const rowHeight = (lines: number, fontSize: number) => lines * lineHeight(fontSize) + 2 * GRID.cellPadY + 0.5;

/** The footer's three texts: 填写人, the household head's signature line, 填写日期. */
export function footerTexts(card: ContactCard): [string, string, string] {
  return [`填写人：${card.filledBy || '________'}`, '户主签字：________', `填写日期：${card.date}`];
}

/** “户主姓名：张三”: how a field is printed, label and value in one run of text. */
export function fieldText(f: CardField): string {
  return `${f.label}：${f.value}`;
}

function fieldsHeight(fields: readonly CardField[], shares: readonly number[], width: number, fontSize: number): number {
  let h = 0;
  for (let i = 0; i < fields.length; i += 2) {
    const cells = [fields[i], fields[i + 1]].flatMap((f, k) => (f ? [lineCount(fieldText(f), shares[k]! * width, fontSize)] : []));
    h += rowHeight(Math.max(...cells), fontSize);
  }
  return h;
}

/**
 * Widths of the support table's columns (类别, 名称, 日期, 金额) in a table `width` wide: 类别,
 * the longest date and an amount up to 99,999.99 元 on one line each, the name taking the rest.
 */
export function supportWidths(width: number, fontSize: number): [number, number, number, number] {
  const cell = (sample: string) => widthEm(sample) * fontSize + 2 * GRID.cellPadX + LINE_SLACK_PT;
  const [kind, date, amount] = [cell('措施'), cell('12月31日'), cell('99,999.99 元')];
  return [kind, width - kind - date - amount, date, amount];
}

function supportRowHeight(cells: readonly string[], widths: readonly number[], fontSize: number): number {
  return rowHeight(Math.max(...cells.map((text, k) => lineCount(text, widths[k]!, fontSize))), fontSize);
}

/** Widths of the card's body: one column, or (on a wide card) household sections left and support right. */
export function bodyWidths(layout: CardLayout): { width: number; left: number; right: number } {
  const g = CARD_GEOMETRY[layout];
  const width = g.width - 2 * g.padding - FRAME_ALLOWANCE;
  if (g.split === null) return { width, left: width, right: width };
  return { width, left: (width - GRID.columnGap) * g.split, right: (width - GRID.columnGap) * (1 - g.split) };
}

/** The parts of a card's height: header, the left column's sections, the support section, footer. */
function heights(card: ContactCard, layout: CardLayout, fontSize: number, rows: readonly CardSupportRow[]) {
  const g = CARD_GEOMETRY[layout];
  const { width, left, right } = bodyWidths(layout);
  const titleWidth = width - g.qrSize - 8;
  const title = lineCount(card.title, titleWidth, fontSize * TYPE_SCALE.title) * lineHeight(fontSize * TYPE_SCALE.title);
  const sub = lineCount(card.subtitle, titleWidth, fontSize * TYPE_SCALE.subtitle) * lineHeight(fontSize * TYPE_SCALE.subtitle);
  // Title, subtitle and the 户编号 line beside the QR code.
  const header = Math.max(title + sub + lineHeight(fontSize * TYPE_SCALE.subtitle), g.qrSize) + GRID.sectionGap;
  const heading = lineHeight(fontSize * TYPE_SCALE.heading) + GRID.sectionGap + 2;
  const cell = left / Math.max(1, card.guarantees.length);
  const guaranteeLines = Math.max(...card.guarantees.map((x) => lineCount(x.title, cell, fontSize) + 1), 2);
  const sections =
    3 * heading +
    fieldsHeight(card.householdFields, GRID.fields, left, fontSize) +
    rowHeight(guaranteeLines, fontSize) +
    fieldsHeight([...card.cadreFields, ...card.contactFields], GRID.people, left, fontSize);
  const widths = supportWidths(right, fontSize);
  const extraLines = rows.length < card.supportRows.length || rows.length === 0 ? 1 : 0;
  const total = supportRowHeight(['', '', '', card.supportTotal], widths, fontSize);
  const support =
    heading + rowHeight(1, fontSize) * (1 + extraLines) + total + rows.reduce((h, r) => h + supportRowHeight([r.kind, r.name, r.date, r.amount], widths, fontSize), 0);
  const footerLines = Math.max(...footerTexts(card).map((t, k) => lineCount(t, GRID.footer[k]! * width, fontSize)));
  const footer = GRID.sectionGap + footerLines * lineHeight(fontSize) + 2 + lineCount(card.footerNote, width, fontSize * TYPE_SCALE.note) * lineHeight(fontSize * TYPE_SCALE.note);
  return { header, sections, support, footer, twoColumns: g.split !== null };
}

/** The height the card needs at `fontSize` with `rows` support rows. */
export function estimateCardHeight(card: ContactCard, layout: CardLayout, fontSize: number, rows: readonly CardSupportRow[] = card.supportRows): number {
  const h = heights(card, layout, fontSize, rows);
  return h.header + (h.twoColumns ? Math.max(h.sections, h.support) : h.sections + h.support) + h.footer;
}

/**
 * The largest body size at which the whole card fits its box; failing that, the smallest size
 * with as many support rows as fit (the rest summed up in one line).
 */
export function fitCard(card: ContactCard, layout: CardLayout): CardFit {
  const g = CARD_GEOMETRY[layout];
  const room = (g.height - 2 * g.padding - FRAME_ALLOWANCE - 1.6) * (1 - ESTIMATE_SLACK);
  for (const fontSize of g.fontSizes) {
    if (estimateCardHeight(card, layout, fontSize) <= room) return { fontSize, supportRows: card.supportRows, hiddenRows: 0 };
  }
  const fontSize = g.fontSizes[g.fontSizes.length - 1]!;
  let shown = card.supportRows.length;
  while (shown > 0 && estimateCardHeight(card, layout, fontSize, card.supportRows.slice(0, shown)) > room) shown--;
  return { fontSize, supportRows: card.supportRows.slice(0, shown), hiddenRows: card.supportRows.length - shown };
}

/** “另有 3 项，详见帮扶台账”: the line standing for the rows a card had no room for. */
export function hiddenRowsText(hiddenRows: number): string {
  return `另有 ${hiddenRows} 项，详见帮扶台账`;
}
