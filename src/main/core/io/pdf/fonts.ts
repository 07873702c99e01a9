/**
 * The CJK font every PDF embeds (resources/fonts, SIL OFL). pdfkit embeds only the glyphs a
 * document uses, so a PDF prints the same on a PC without Chinese fonts and stays small.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pdfmake from 'pdfmake';
import { LedgerError } from '../../../../shared/result';

export const PDF_FONT = 'NotoSansSC';
const REGULAR = 'NotoSansSC-Regular.ttf';
const BOLD = 'NotoSansSC-Bold.ttf';

/**
 * `resources/fonts` of the app: named by the caller (the Electron shell knows its resources
 * folder), else found above this module (source tree, `out/main` build, tests), else under cwd.
 */
export function findFontsDir(explicit?: string): string {
  const candidates = [explicit, process.env.BANGFU_FONTS_DIR];
  for (let dir = __dirname; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'fonts'));
    if (dirname(dir) === dir) break;
  }
  candidates.push(join(process.cwd(), 'resources', 'fonts'));
  const found = candidates.find((d): d is string => !!d && existsSync(join(d, REGULAR)) && existsSync(join(d, BOLD)));
  if (!found) throw new LedgerError('INTERNAL', `找不到 PDF 所需的中文字体 ${REGULAR}（应在程序的 resources/fonts 文件夹中），请重新安装帮扶台账`);
  return resolve(found);
}

/** pdfmake keeps its fonts globally; every PDF of the ledger uses the same ones, read only from `fontsDir`. */
export function usePdfFonts(fontsDir: string): typeof pdfmake {
  pdfmake.setFonts({ [PDF_FONT]: { normal: join(fontsDir, REGULAR), bold: join(fontsDir, BOLD) } });
  // Documents are built from the ledger's own data: no image or font is ever fetched from elsewhere.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(fontsDir));
  return pdfmake;
}
