/**
 * Reads a PDF back the way a reader sees it: pdf.js (the engine of Firefox's and Chromium's PDF
 * viewers) extracts each page's text through the fonts' ToUnicode maps, so Chinese comes back as
 * Chinese only if the PDF embeds its font properly.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLine {
  /** From the top of the page, in points (the baseline). */
  y: number;
  text: string;
}

export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
  /** The page's lines joined with newlines. */
  text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPage[]; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const byLine = new Map<number, { x: number; str: string }[]>();
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str) continue;
      const y = Math.round((height - item.transform[5]) * 10) / 10;
      const row = byLine.get(y) ?? [];
      row.push({ x: item.transform[4], str: item.str });
      byLine.set(y, row);
    }
    const lines = [...byLine.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([y, items]) => ({ y, text: items.sort((a, b) => a.x - b.x).map((i) => i.str).join('') }));
    pages.push({ width, height, lines, text: lines.map((l) => l.text).join('\n') });
    page.cleanup();
  }
  await doc.destroy();
  return { pages, text: pages.map((p) => p.text).join('\n\f') };
}
