/**
 * Points at county scale: a year of monthly evaluations for every household (one entry each a
 * month, finalised, so 12 ledger entries each), then balances and the monthly ranking through the
 * contract. Goal per the issue: ≤ 200 ms. In `npm run bench` on the seeded 50,000 households;
 * alone (`npm run bench:incentives`) on a freshly seeded township of that size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, dispatch, type Ledger } from '../src/main/core';

export interface BenchRow { name: string; value: string; goal: string }

/** Writes the year straight into the tables: the bench measures reading them, not the grid's UI. */
function writeYear(ledger: Ledger, year: number): number {
  const db = ledger.db;
  const criteria = db.prepare('SELECT id, points, monthly_cap FROM point_criteria WHERE retired_at IS NULL ORDER BY id').all() as { id: number; points: number; monthly_cap: number | null }[];
  const villages = db.prepare('SELECT DISTINCT village_id FROM households WHERE deleted_at IS NULL').pluck().all() as number[];
  const households = db.prepare('SELECT id, village_id FROM households WHERE deleted_at IS NULL').all() as { id: number; village_id: number }[];
  const at = new Date().toISOString();
  const insertRound = db.prepare(
    "INSERT INTO evaluation_rounds (month, village_id, state, meeting_date, publicity_start, publicity_end, created_at, finalised_at, finalised_by) VALUES (?, ?, 'final', ?, ?, ?, ?, ?, 'bench')",
  );
  const insertEntry = db.prepare('INSERT INTO evaluation_entries (round_id, household_id, criterion_id, times, recorded_by, recorded_at) VALUES (?, ?, ?, 1, \'bench\', ?)');
  const insertPoints = db.prepare("INSERT INTO points_ledger (household_id, kind, points, occurred_on, round_id, reason, recorded_by, recorded_at) VALUES (?, 'EARNED', ?, ?, ?, '评议定稿', 'bench', ?)");
  let entries = 0;
  db.transaction(() => {
    for (let m = 1; m <= 12; m++) {
      const month = year * 100 + m;
      const day = `${year}-${String(m).padStart(2, '0')}-28`;
      const rounds = new Map(villages.map((v) => [v, Number(insertRound.run(month, v, day, day, day, at, at).lastInsertRowid)]));
      for (const h of households) {
        const c = criteria[(h.id + m) % criteria.length]!;
        const roundId = rounds.get(h.village_id)!;
        insertEntry.run(roundId, h.id, c.id, at);
        insertPoints.run(h.id, c.points, day, roundId, at);
        entries++;
      }
    }
  })();
  return entries;
}

function p95(times: number[]): string {
  times.sort((a, b) => a - b);
  const at = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))]!;
  return `${at(0.5).toFixed(1)} / ${at(0.95).toFixed(1)} ms`;
}

export function measureIncentives(ledger: Ledger, rows: BenchRow[]): void {
  const year = new Date().getFullYear() - 1;
  const start = performance.now();
  const entries = writeYear(ledger, year);
  rows.push({ name: `incentives: write a year of evaluations (${entries.toLocaleString('en')} entries + ledger rows)`, value: `${((performance.now() - start) / 1000).toFixed(2)} s`, goal: '' });
  const households = ledger.db.prepare('SELECT id, village_id FROM households WHERE deleted_at IS NULL ORDER BY id').all() as { id: number; village_id: number }[];
  const balance: number[] = [];
  for (let i = 0; i < 200; i++) {
    const h = households[(i * 7919) % households.length]!;
    const t0 = performance.now();
    const r = dispatch(ledger, 'points:balance', { householdId: h.id, asOf: `${year}-0${1 + (i % 9)}-15` });
    balance.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  rows.push({ name: 'incentives: one household’s balance at a date (p50 / p95 over 200)', value: p95(balance), goal: 'p95 ≤ 200 ms' });
  const villages = [...new Set(households.map((h) => h.village_id))];
  const ranking: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const r = dispatch(ledger, 'points:ranking', { month: `${year}-${String(1 + (i % 12)).padStart(2, '0')}`, villageId: villages[i % villages.length]! });
    ranking.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  const size = Math.round(households.length / villages.length);
  rows.push({ name: `incentives: a village’s monthly ranking, ~${size.toLocaleString('en')} households (p50 / p95 over 60)`, value: p95(ranking), goal: 'p95 ≤ 200 ms' });
}

if (require.main === module) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-bench-incentives-'));
  const ledger = createLedger({ dbPath: join(dir, 'bench.sqlite') });
  try {
    ledger.seed({ households: 50_000, seed: 2026 });
    const rows: BenchRow[] = [];
    measureIncentives(ledger, rows);
    for (const r of rows) console.log(`${r.name.padEnd(72)}  ${r.value.padEnd(18)}  ${r.goal}`);
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
