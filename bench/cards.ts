/**
 * Contact cards: 1,000 cards (a large village's worth) in each layout, as one PDF. Goal per the
 * issue: ≤ 5 s and ≤ 3 MB. Run alone with `npm run bench:cards` (seeds its own township), or as
 * part of `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, dispatch, dispatchAsync, type Ledger } from '../src/main/core';
import { CARD_LAYOUTS, type CardsPdf } from '../src/shared/domain/card.types';

export interface BenchRow { name: string; value: string; goal: string }

const CARDS = 1000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** The first 1,000 households in the list's order (village by village), as a clerk would tick them. */
function firstHouseholds(ledger: Ledger, n: number): number[] {
  const ids: number[] = [];
  for (let page = 1; ids.length < n; page++) {
    const r = dispatch(ledger, 'household:list', { page, pageSize: 200 });
    if (!r.ok) throw new Error(r.error.message);
    const rows = (r.data as { rows: { id: number }[] }).rows;
    if (rows.length === 0) break;
    ids.push(...rows.map((h) => h.id));
  }
  return ids.slice(0, n);
}

export async function measureCards(ledger: Ledger, rows: BenchRow[]): Promise<void> {
  const householdIds = firstHouseholds(ledger, CARDS);
  for (const layout of CARD_LAYOUTS) {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const r = await dispatchAsync(ledger, 'card:pdf', { layout, householdIds });
    if (!r.ok) throw new Error(r.error.message);
    const pdf = r.data as CardsPdf;
    rows.push({
      name: `cards ${layout}: ${pdf.cards.toLocaleString('en')} cards, ${pdf.pages} pages`,
      value: `${((performance.now() - start) / 1000).toFixed(2)} s, ${mb(pdf.bytes)}`,
      goal: '≤ 5 s, ≤ 3 MB',
    });
    // The layout blocks the event loop, so RSS cannot be sampled during it: the kernel's high-water mark is read instead.
    const peak = process.resourceUsage().maxRSS * 1024;
    rows.push({ name: `cards ${layout}: RSS before → process peak so far`, value: `${mb(rssBefore)} → ${mb(peak)}`, goal: '' });
  }
}

if (require.main === module) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-bench-cards-'));
  const ledger = createLedger({ dbPath: join(dir, 'bench.sqlite') });
  ledger.seed({ households: 2 * CARDS, seed: 2026 });
  const rows: BenchRow[] = [];
  measureCards(ledger, rows)
    .then(() => {
      for (const r of rows) console.log(`${r.name.padEnd(46)}  ${r.value.padEnd(20)}  ${r.goal}`);
    })
    .finally(() => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    });
}
