/**
 * Cadre accountability at township scale: the month's ranking of every cadre (the figures of
 * each, counted from pairings, visits, measures, ratings and attendance), one cadre's page with
 * its twelve-month trend, and making the month's red/black list draft. In `npm run bench` on the
 * seeded 50,000 households; alone (`npm run bench:cadres`) on a freshly seeded township of that size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, dispatch, type Ledger } from '../src/main/core';
import type { ApiInput, ApiMethod } from '../src/shared/api';
import type { BenchRow } from './incentives';

function timed<M extends ApiMethod>(ledger: Ledger, method: M, input: ApiInput<M>): { ms: number; data: unknown } {
  const t0 = performance.now();
  const r = dispatch(ledger, method, input);
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return { ms, data: r.data };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function measureCadres(ledger: Ledger, rows: BenchRow[]): void {
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const month = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
  const runs = [0, 1, 2].map(() => timed(ledger, 'cadre:ranking', { month }));
  const ranking = runs[0]!.data as { rows: { cadreId: number; householdsPaired: number; proposal: { list: string | null } }[] };
  const paired = ranking.rows.reduce((s, r) => s + r.householdsPaired, 0);
  const red = ranking.rows.filter((r) => r.proposal.list === 'RED').length;
  const black = ranking.rows.filter((r) => r.proposal.list === 'BLACK').length;
  rows.push({
    name: `cadres: month ranking of ${ranking.rows.length} cadres, ${paired.toLocaleString('en')} households (median of 3)`,
    value: `${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s`,
    goal: '≤ 2 s',
  });
  rows.push({ name: 'cadres: proposed red / black', value: `${red} / ${black}`, goal: '' });
  const page: number[] = [];
  for (let i = 0; i < 20; i++) page.push(timed(ledger, 'cadre:month', { cadreId: ranking.rows[(i * 37) % ranking.rows.length]!.cadreId, month }).ms);
  rows.push({ name: 'cadres: one cadre’s page with its 12-month trend (median of 20)', value: `${median(page).toFixed(0)} ms`, goal: '≤ 500 ms' });
  rows.push({ name: 'cadres: make the month’s red/black list draft', value: `${(timed(ledger, 'cadreList:draft', { month }).ms / 1000).toFixed(2)} s`, goal: '' });
}

if (require.main === module) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-bench-cadres-'));
  const ledger = createLedger({ dbPath: join(dir, 'bench.sqlite') });
  try {
    ledger.seed({ households: 50_000, seed: 2026 });
    const rows: BenchRow[] = [];
    measureCadres(ledger, rows);
    for (const r of rows) console.log(`${r.name.padEnd(72)}  ${r.value.padEnd(18)}  ${r.goal}`);
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
