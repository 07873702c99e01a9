/**
 * Contact cards as a PDF (pdfmake). Each card is drawn in a fixed frame — a whole A4 or A5 page,
 * or half an A4 sheet with cut marks — at the size `fitCard` chose, so cards line up with the cut
 * line and a long card shrinks instead of pushing the next one onto another page.
 */
import type { Content, ContentTable, ContentText, ContextPageSize, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import {
  CARD_GEOMETRY, FRAME_ALLOWANCE, GRID, LIGHT_COLOUR, SECTION_TITLES, TYPE_SCALE, bodyWidths, fieldText, fitCard, footerTexts, hiddenRowsText, supportWidths, wrapText, type CardGeometry,
} from '../../../../shared/cards/card-fit';
import type { CardFit, CardLayout, CardField, ContactCard } from '../../../../shared/domain/card.types';
import { PDF_FONT, usePdfFonts } from './fonts';
import { qrPng } from './qr-png';

const HEAD_FILL = '#eef1f5';
const LINE = '#8a94a3';

/**
 * A rule above and below each table and under the support table's head, none between the other
 * rows or between columns: rules are drawn a segment per cell, and every one weighs in the file
 * (a ruled grid made a thousand-card PDF a sixth larger).
 */
const gridLayout = {
  hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === node.table.body.length || (i === 1 && node.table.headerRows === 1) ? 0.6 : 0),
  vLineWidth: () => 0,
  hLineColor: () => LINE,
  vLineColor: () => LINE,
  paddingLeft: () => GRID.cellPadX,
  paddingRight: () => GRID.cellPadX,
  paddingTop: () => GRID.cellPadY,
  paddingBottom: () => GRID.cellPadY,
};

/**
 * Lines as pdfmake inlines: each line in one piece (noWrap), a plain newline between them (a
 * newline inside a noWrap text would be dropped).
 */
function lineInlines(lines: readonly string[], style: Omit<ContentText, 'text'> = {}): ContentText[] {
  return lines.flatMap((line, i) => (i === 0 ? [{ text: line, noWrap: true, ...style }] : [{ text: '\n' }, { text: line, noWrap: true, ...style }]));
}

/** A cell's text in the lines wrapText breaks it into. */
function cellText(text: string, width: number, fontSize: number, style: Omit<ContentText, 'text'> = {}): ContentText {
  const lines = wrapText(text, width, fontSize);
  return lines.length === 1 ? { text: lines[0]!, noWrap: true, ...style } : { text: lineInlines(lines), ...style };
}

function heading(text: string, fontSize: number, width: number): Content {
  const size = fontSize * TYPE_SCALE.heading;
  return cellText(text, width, size, { bold: true, fontSize: size, margin: [0, GRID.sectionGap, 0, 2] });
}

/**
 * “标签：内容” pairs, two to a row, in columns of the given shares of the card's width. Label and
 * value are one run of text: a thousand cards are a fifth smaller than with a cell for each.
 */
function fieldsTable(fields: CardField[], shares: readonly number[], width: number, fontSize: number): Content {
  const body: TableCell[][] = [];
  for (let i = 0; i < fields.length; i += 2) {
    body.push([fields[i], fields[i + 1]].map((f, k) => cellText(f ? fieldText(f) : '', shares[k]! * width, fontSize)));
  }
  return { table: { widths: shares.map((s) => s * width - 2 * GRID.cellPadX), body }, layout: gridLayout };
}

function guaranteesTable(card: ContactCard, width: number, fontSize: number): Content {
  const n = Math.max(1, card.guarantees.length);
  // One text of two lines per cell rather than a stack of two: a third fewer nodes to lay out.
  const cells: TableCell[] = card.guarantees.map((g) => ({
    text: lineInlines([...wrapText(g.title, width / n, fontSize), g.verdict]).map((inline, i, all) =>
      i === all.length - 1 ? { ...inline, bold: true, color: LIGHT_COLOUR[g.light] } : inline,
    ),
    alignment: 'center',
  }));
  if (cells.length === 0) cells.push({ text: '尚未核查', alignment: 'center' });
  return { table: { widths: cells.map(() => width / n - 2 * GRID.cellPadX), body: [cells] }, layout: gridLayout };
}

function supportTable(card: ContactCard, fit: CardFit, width: number): Content {
  const fs = fit.fontSize;
  const w = supportWidths(width, fs);
  const head = GRID.supportHead.map((text, k) => cellText(text, w[k]!, fs, { bold: true, fillColor: HEAD_FILL, alignment: k === 3 ? 'right' : 'left' }));
  const body: TableCell[][] = [head];
  for (const r of fit.supportRows) {
    body.push([
      cellText(r.kind, w[0]!, fs),
      cellText(r.name, w[1]!, fs),
      cellText(r.date, w[2]!, fs),
      cellText(r.amount, w[3]!, fs, { alignment: 'right' }),
    ]);
  }
  if (card.supportRows.length === 0) body.push([{ text: '本年度暂无帮扶措施和补贴记录', colSpan: 4, color: '#555555', noWrap: true }, '', '', '']);
  if (fit.hiddenRows > 0) body.push([{ text: hiddenRowsText(fit.hiddenRows), colSpan: 4, color: '#555555', noWrap: true }, '', '', '']);
  body.push([{ text: '本年度合计', bold: true, colSpan: 3, noWrap: true }, '', '', cellText(card.supportTotal, w[3], fs, { bold: true, alignment: 'right' })]);
  return { table: { headerRows: 1, widths: w.map((cell) => cell - 2 * GRID.cellPadX), body }, layout: gridLayout };
}

function cardContent(card: ContactCard, qrPng: string, layout: CardLayout, fit: CardFit): Content {
  const g = CARD_GEOMETRY[layout];
  const fs = fit.fontSize;
  const { width, left, right } = bodyWidths(layout);
  const sections: Content[] = [
    heading(SECTION_TITLES.household, fs, left),
    fieldsTable(card.householdFields, GRID.fields, left, fs),
    heading(SECTION_TITLES.guarantees, fs, left),
    guaranteesTable(card, left, fs),
    heading(SECTION_TITLES.cadre, fs, left),
    fieldsTable([...card.cadreFields, ...card.contactFields], GRID.people, left, fs),
  ];
  const support: Content[] = [heading(SECTION_TITLES.support, fs, right), supportTable(card, fit, right)];
  const body: Content[] =
    g.split === null
      ? [...sections, ...support]
      : [{ columns: [{ width: left, stack: sections }, { width: right, stack: support }], columnGap: GRID.columnGap }];
  const titleWidth = width - g.qrSize - 8;
  const [titleSize, subSize, noteSize] = [fs * TYPE_SCALE.title, fs * TYPE_SCALE.subtitle, fs * TYPE_SCALE.note];
  return {
    stack: [
      {
        columns: [
          {
            width: '*',
            stack: [
              cellText(card.title, titleWidth, titleSize, { bold: true, fontSize: titleSize }),
              cellText(card.subtitle, titleWidth, subSize, { fontSize: subSize, color: '#333333' }),
              cellText(`户编号：${card.householdNo}`, titleWidth, subSize, { fontSize: subSize, color: '#333333' }),
            ],
          },
          { width: g.qrSize, image: qrPng, fit: [g.qrSize, g.qrSize] },
        ],
        columnGap: 8,
        margin: [0, 0, 0, GRID.sectionGap],
      },
      ...body,
      {
        columns: footerTexts(card).map((text, k) => ({
          width: GRID.footer[k]! * width,
          ...cellText(text, GRID.footer[k]! * width, fs, k === 2 ? { alignment: 'right' } : {}),
        })),
        margin: [0, GRID.sectionGap, 0, 2],
      },
      cellText(card.footerNote, width, noteSize, { fontSize: noteSize, color: '#444444' }),
    ],
    fontSize: fs,
  };
}

/** A card in its frame: one cell whose height is the card's, so the next card starts exactly where it should. */
function framed(content: Content, g: CardGeometry): Content {
  return {
    table: {
      widths: [g.width - 2 * g.padding - FRAME_ALLOWANCE],
      heights: [g.height - 2 * g.padding - FRAME_ALLOWANCE],
      body: [[content as TableCell]],
    },
    layout: {
      hLineWidth: () => 0.8,
      vLineWidth: () => 0.8,
      hLineColor: () => '#444444',
      vLineColor: () => '#444444',
      paddingLeft: () => g.padding,
      paddingRight: () => g.padding,
      paddingTop: () => g.padding,
      paddingBottom: () => g.padding,
    },
  };
}

/** Cut marks on a two-up sheet: ticks at both edges on the cut line, and a light dashed guide between them. */
function cutMarks(g: CardGeometry) {
  return (_page: number, size: ContextPageSize): Content => {
    const y = g.pageMargins[1] + g.height + g.gap / 2;
    const tick = 12;
    return {
      canvas: [
        { type: 'line', x1: 0, y1: y, x2: tick, y2: y, lineWidth: 0.6, lineColor: '#000000' },
        { type: 'line', x1: size.width - tick, y1: y, x2: size.width, y2: y, lineWidth: 0.6, lineColor: '#000000' },
        { type: 'line', x1: tick + 6, y1: y, x2: size.width - tick - 6, y2: y, lineWidth: 0.3, lineColor: '#9a9a9a', dash: { length: 3, space: 3 } },
      ],
    };
  };
}

export interface CardsPdfOutput {
  buffer: Buffer;
  pages: number;
}

/** Draws the cards in order; `onCard` is told after each card's content is laid out in the document definition. */
export async function renderCardsPdf(
  cards: readonly ContactCard[],
  layout: CardLayout,
  fontsDir: string,
  onCard?: (done: number) => Promise<void>,
): Promise<CardsPdfOutput> {
  const g = CARD_GEOMETRY[layout];
  const content: Content[] = [];
  for (const [i, card] of cards.entries()) {
    // A small bitmap, 4 px a module: as sharp as vector paths when printed, and far cheaper to draw.
    const qr = `data:image/png;base64,${qrPng(card.qrText).toString('base64')}`;
    const frame = framed(cardContent(card, qr, layout, fitCard(card, layout)), g);
    const firstOnSheet = i % g.cardsPerPage === 0;
    content.push(firstOnSheet ? { stack: [frame], pageBreak: i > 0 ? 'before' : undefined } : { stack: [frame], margin: [0, g.gap, 0, 0] });
    await onCard?.(i + 1);
  }
  let pages = 0;
  const doc: TDocumentDefinitions = {
    pageSize: g.pageSize,
    pageOrientation: 'portrait',
    pageMargins: g.pageMargins,
    content: content.length ? content : [{ text: '没有符合条件的农户' }],
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1 },
    background: (page, size) => {
      pages = Math.max(pages, page);
      return g.cardsPerPage === 2 ? cutMarks(g)(page, size) : null;
    },
    info: { title: cards[0]?.title ?? '精准帮扶联系卡', creator: '帮扶台账', producer: '帮扶台账' },
  };
  const buffer: Buffer = await usePdfFonts(fontsDir).createPdf(doc).getBuffer();
  return { buffer, pages };
}
