/**
 * 数据质量检查 at county scale: every rule over the seeded 50,000-household township through the
 * contract (`quality:run`), as the 检查 button and `check` run it. Goal per the contract: ≤ 3 s.
 * Reported: the median wall time of 3 runs after one warm-up, the open findings by severity, the
 * process's peak RSS growth during a run, and the workbook of all findings. In `npm run bench` on
 * its township; alone (`npm run bench:quality [-- --households N]`) on a freshly seeded one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLedger, dispatchAsync, type Ledger } from '../src/main/core';
import type { QualitySummary } from '../src/shared/domain/quality.types';
import type { ReportFile } from '../src/shared/domain/report.types';

export interface BenchRow { name: string; value: string; goal: string }

const RUNS = 3;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * The process's peak RSS since the last reset. On Linux the peak (VmHWM) can be reset to the
 * current RSS (clear_refs 5), so a synchronous run's own peak is measured, which a sampling timer
 * cannot do; elsewhere it is the process's lifetime peak (then only a rise above it shows).
 */
const peak = {
  resettable: false,
  reset(): void {
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      this.resettable = true;
    } catch {
      this.resettable = false;
    }
  },
  bytes(): number {
    try {
      const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      if (kb) return Number(kb) * 1024;
    } catch {
      // not Linux
    }
    return process.resourceUsage().maxRSS * 1024;
  },
};

async function runOnce(ledger: Ledger): Promise<{ ms: number; summary: QualitySummary; rssGrowth: number }> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  peak.reset();
  const start = performance.now();
  const r = await dispatchAsync(ledger, 'quality:run', { trigger: 'manual' });
  const ms = performance.now() - start;
  if (!r.ok) throw new Error(r.error.message);
  return { ms, summary: r.data as QualitySummary, rssGrowth: Math.max(0, peak.bytes() - rssBefore) };
}

export async function measureQuality(ledger: Ledger, rows: BenchRow[]): Promise<void> {
  const households = (ledger.db.prepare('SELECT count(*) FROM households WHERE deleted_at IS NULL').pluck().get() as number).toLocaleString('en');
  const warm = await runOnce(ledger);
  rows.push({ name: `quality: first run (warm-up), ${households} households`, value: seconds(warm.ms), goal: '' });
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(ledger));
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  rows.push({ name: `quality: quality:run, median of ${RUNS} (min / max ${seconds(times[0]!)} / ${seconds(times.at(-1)!)})`, value: seconds(times[Math.floor(RUNS / 2)]!), goal: '≤ 3 s' });

  const last = runs.at(-1)!.summary;
  const run = last.run!;
  const rulesWithFindings = last.counts.filter((c) => c.open + c.acknowledged > 0).length;
  rows.push({
    name: `quality: open findings (${rulesWithFindings} of ${last.rules.length} rules)`,
    value: `${run.errors.toLocaleString('en')} errors, ${run.warnings.toLocaleString('en')} warnings`,
    goal: run.acknowledged ? `${run.acknowledged} marked checked` : '',
  });
  const top = [...last.counts].sort((a, b) => b.open - a.open).slice(0, 5).filter((c) => c.open > 0);
  if (top.length) rows.push({ name: 'quality: most findings', value: top.map((c) => `${c.ruleId} ${c.open.toLocaleString('en')}`).join(', '), goal: '' });
  const growth = Math.max(...runs.map((r) => r.rssGrowth));
  rows.push({
    name: `quality: peak RSS growth during a run${peak.resettable ? '' : ' (lifetime peak: a lower bound)'}`,
    value: `${mb(growth)} (${mb(peak.bytes())} peak)`,
    goal: '',
  });

  // The county's workbook of every open finding, for scale.
  const start = performance.now();
  const wb = await dispatchAsync(ledger, 'quality:workbook', {});
  if (!wb.ok) throw new Error(wb.error.message);
  const bytes = (wb.data as ReportFile).contentBase64.length * 0.75;
  const size = bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  rows.push({ name: `quality: findings workbook (xlsx), ${(run.errors + run.warnings).toLocaleString('en')} findings`, value: `${seconds(performance.now() - start)}, ${size}`, goal: '' });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { households: { type: 'string', default: '50000' } } });
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-bench-quality-'));
  const ledger = createLedger({ dbPath: join(dir, 'bench.sqlite') });
  const rows: BenchRow[] = [];
  const start = performance.now();
  const seeded = ledger.seed({ households: Number(values.households), seed: 2026 });
  rows.push({ name: `seed ${seeded.households.toLocaleString('en')} households (${seeded.members.toLocaleString('en')} members)`, value: seconds(performance.now() - start), goal: '' });
  measureQuality(ledger, rows)
    .then(() => {
      for (const r of rows) console.log(`${r.name.padEnd(66)}  ${r.value.padEnd(28)}  ${r.goal}`);
    }, (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    });
}
