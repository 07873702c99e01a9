/**
 * `npm run bench`: speed and memory on a generated township. Targets live here, not in tests.
 * Usage: npm run bench [-- --households 50000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLedger, dispatch, dispatchAsync } from '../src/main/core';
import type { ApiInput, ApiMethod } from '../src/shared/api';
import type { HouseholdListQuery } from '../src/shared/schemas/household.schema';
import { EXPORT_LAYOUTS, type ExportFile, type ExportLayout } from '../src/shared/domain/export.types';
import { measureCards } from './cards';
import { measureReports } from './report';
import { measureIncentives } from './incentives';
import { measureQuality } from './quality';
import { measureCadres } from './cadres';

const { values } = parseArgs({ options: { households: { type: 'string', default: '50000' }, keep: { type: 'boolean', default: false } } });
const households = Number(values.households);
const dir = mkdtempSync(join(tmpdir(), 'bangfu-bench-'));
const dbPath = join(dir, 'bench.sqlite');

interface Row { name: string; value: string; goal: string }
const rows: Row[] = [];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const ledger = createLedger({ dbPath });
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const report = ledger.seed({ households, seed: 2026 });
const seedMs = performance.now() - t0;
rows.push({ name: `seed ${households.toLocaleString('en')} households (${report.members.toLocaleString('en')} members)`, value: `${(seedMs / 1000).toFixed(2)} s`, goal: '' });
rows.push({ name: 'seed: process RSS growth', value: mb(process.memoryUsage().rss - rssBefore), goal: '' });
rows.push({ name: 'database file size', value: mb(statSync(dbPath).size + safeSize(`${dbPath}-wal`)), goal: '' });

const sample = dispatch(ledger, 'household:list', { pageSize: 200, sort: 'householdNo' });
if (!sample.ok) throw new Error(sample.error.message);
const found = (sample.data as { rows: { headName: string; headIdNumber: string | null; householdNo: string; villageId: number }[] }).rows;

/** Times one contract method through the dispatcher (validation included), as a door calls it. */
function measureMethod<M extends ApiMethod>(label: string, method: M, makeInput: (i: number) => ApiInput<M>, goal: string, runs = 200): void {
  for (let i = 0; i < 5; i++) dispatch(ledger, method, makeInput(i)); // warm the statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = makeInput(i);
    const start = performance.now();
    const r = dispatch(ledger, method, input);
    times.push(performance.now() - start);
    if (!r.ok) throw new Error(r.error.message);
  }
  times.sort((a, b) => a - b);
  const p = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))]!;
  rows.push({ name: `${label} (p50 / p95 over ${runs})`, value: `${p(0.5).toFixed(1)} / ${p(0.95).toFixed(1)} ms`, goal });
}

function measure(name: string, makeQuery: (i: number) => HouseholdListQuery, runs = 200): void {
  measureMethod(`list: ${name}`, 'household:list', makeQuery, 'p95 ≤ 30 ms', runs);
}

const initials = ['zs', 'wxm', 'lh', 'cj', 'ym', 'zy', 'hf', 'lw'];
measure('first page, no filter', () => ({}));
measure('village filter, page 3', (i) => ({ villageId: found[i % found.length]!.villageId, page: 3 }));
measure('search by pinyin initials', (i) => ({ q: initials[i % initials.length]! }));
measure('search by head name', (i) => ({ q: found[i % found.length]!.headName }));
measure('search by ID fragment', (i) => ({ q: found[i % found.length]!.headIdNumber!.slice(6, 14) }));
measure('village + status filter + search', (i) => ({ villageId: found[i % found.length]!.villageId, status: 'LIFTED_HOUSEHOLD', q: initials[i % initials.length]! }));
measure('sort by head name, page 50', () => ({ sort: 'headName', page: 50 }));

const months = ['2019-12', '2020-12', '2021-06', '2022-12', '2023-06', '2024-12'];
measureMethod('status as of month, whole township', 'status:asOf', (i) => ({ month: months[i % months.length]! }), 'p95 ≤ 50 ms');
measureMethod('status as of month, one village', 'status:asOf', (i) => ({ month: months[i % months.length]!, villageId: found[i % found.length]!.villageId }), 'p95 ≤ 50 ms');

const cadres = dispatch(ledger, 'cadre:list', { role: 'PAIRED_CADRE', pageSize: 200 });
if (!cadres.ok) throw new Error(cadres.error.message);
const cadreIds = (cadres.data as { rows: { id: number }[] }).rows.map((c) => c.id);
measureMethod('visit:due, whole township, pages 1–5', 'visit:due', (i) => ({ page: 1 + (i % 5) }), 'p95 ≤ 50 ms');
measureMethod('visit:due, one village', 'visit:due', (i) => ({ villageId: found[i % found.length]!.villageId }), 'p95 ≤ 50 ms');
measureMethod('visit:due, one cadre', 'visit:due', (i) => ({ cadreId: cadreIds[i % cadreIds.length]! }), 'p95 ≤ 50 ms');
// Looking back: households visited since then need a seek into their visits.
const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
measureMethod('visit:due, as of a month ago', 'visit:due', (i) => ({ asOf: monthAgo, page: 1 + (i % 5) }), 'p95 ≤ 50 ms');

/**
 * Writing the whole township in each layout, as a county asks for it. Peak RSS is sampled while
 * the file is written (the streamed sheet should stay flat; the finished file and its base64
 * are in memory by design, the contract being "bytes out").
 */
async function measureExport(layout: ExportLayout): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const start = performance.now();
  const r = await dispatchAsync(ledger, 'export:roster', { layout });
  clearInterval(sampler);
  if (!r.ok) throw new Error(r.error.message);
  const { households: written, rows: sheetRows, contentBase64 } = r.data as ExportFile;
  const what = layout === 'national-household' ? `${written.toLocaleString('en')} households` : `${sheetRows.toLocaleString('en')} people`;
  rows.push({
    name: `export ${layout}: ${what}`,
    value: `${((performance.now() - start) / 1000).toFixed(2)} s, ${mb(contentBase64.length * 0.75)}`,
    goal: '',
  });
  rows.push({ name: `export ${layout}: RSS growth while writing (process peak)`, value: `${mb(Math.max(0, peak - rssBefore))} (${mb(peak)})`, goal: '' });
}

async function measureExports(): Promise<void> {
  for (const layout of EXPORT_LAYOUTS) await measureExport(layout);
}

function printTable(): void {
  ledger.close();
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else rows.push({ name: 'database kept at', value: dbPath, goal: '' });

  const width = Math.max(...rows.map((r) => r.name.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`\n帮扶台账 bench — ${new Date().toISOString()} — node ${process.version}\n`);
  console.log(`${'measure'.padEnd(width)}  ${'value'.padEnd(vwidth)}  goal`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(vwidth)}  ----`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.padEnd(vwidth)}  ${r.goal}`);
}

measureExports()
  .then(() => measureCards(ledger, rows))
  .then(() => measureReports(ledger, rows))
  .then(() => measureIncentives(ledger, rows))
  .then(() => measureQuality(ledger, rows))
  .then(() => measureCadres(ledger, rows))
  .then(printTable, (e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
