/**
 * What the workbooks sent up to the county share: the font, borders and fills of a printed
 * government form, A4 landscape one page wide, and the page-number footer.
 */
import type ExcelJS from 'exceljs';

export const FONT_NAME = '宋体';
export const BODY_SIZE = 10;
/** Row height in points of one line of 10 pt text, as Excel lays it out. */
export const LINE_PT = 13.5;
export const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
export const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
export const RED_INK = 'FFC00000';

/** A4 landscape, one page wide, as many pages long as it takes, centred, small margins. */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.5, header: 0.2, footer: 0.25 },
};

export const PAGE_NUMBER_FOOTER = { oddFooter: '&C第 &P 页 共 &N 页' };
