/**
 * The crash-safety suite, at a size the caller picks: `tests/integration/crash-safety.test.ts`
 * runs a few kill points small in `npm test`; `tests/fuzz/crash-safety.test.ts` runs them all on
 * a township-sized import and month close.
 *
 * Each run copies a prepared registry file, starts the CLI on it in a child process, SIGKILLs it
 * at a kill point, reopens the file and judges what it finds: SQLite's integrity and foreign-key
 * checks must pass, and the registry must be as it was before the command (`before`) or as the
 * command leaves it (`after`, measured by an unkilled calibration run), never in between: no
 * partial import, no half-closed month. The data-quality run that follows an import and precedes
 * a close is its own transaction and is judged the same way (`+checks`: its run is in, whole).
 *
 * Kill points: inside the write transaction (by time from its BEGIN, or by the WAL's growth with
 * no probe at all), held just before and just after the COMMIT (deterministic), half-way through
 * the COMMIT's WAL write (by the WAL's size), and around it (the checks, the backup, the snapshot).
 * A kill left just before the COMMIT is followed by a retry, as the clerk would: it must finish.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, dispatchAsync } from '../../src/main/core';
import type { ExportFile } from '../../src/shared/domain/export.types';
import {
  checkpointAndClose, copyOf, countsOf, landedAfter, limited, onlyQuality, QUALITY_TABLES, reopen, runLedger, tableHashes, withoutQuality,
  type ChildRun, type Counts, type KillPoint, type ProbeEvent, type Reopened,
} from './crash-harness';

export interface CrashSuiteOptions {
  title: string;
  /** Households already in the registry the roster is imported into. */
  existingHouseholds: number;
  /** New households in the roster (at most 20,000: the export's selection limit). */
  rosterHouseholds: number;
  /** Households of the township whose month is closed. */
  closeHouseholds: number;
  /** Runs at each time-based kill point (a held point is deterministic and runs once). */
  runs: number;
  /** Children at once. */
  width: number;
  /** Kill points to run, by label; all when not given. */
  only?: readonly string[];
  /** Time limit of each `it`. */
  timeoutMs: number;
}

/** Seed of both townships; the roster's township is the registry's, with more households after the same first ones. */
const SEED = 5;
const VILLAGES = 3;

/** The month before this one, as `YYYY-MM`: closable, and what a clerk closes at the start of a month. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The calibration run's event matching `steps` (joined by `>>`, as for a kill point): when (ms since the probe loaded) and the WAL's size then. */
function at(run: ChildRun, steps: string): ProbeEvent {
  const wanted = steps.split('>>').map((x) => x.trim());
  let i = 0;
  for (const e of run.events) {
    if (e.text.includes(wanted[i]!) && ++i === wanted.length) return e;
  }
  throw new Error(`the calibration run announced no “${steps}”: ${run.events.map((e) => e.text).join(' | ')}`);
}

function diff(a: Counts, b: Counts): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => (a[k] ?? 0) !== (b[k] ?? 0));
  return keys.map((k) => `${k} ${a[k] ?? 0}→${b[k] ?? 0}`).join(', ');
}

const same = (a: Counts, b: Counts) => diff(a, b) === '';

interface Judged {
  /** `before` or `after` (the command's changes absent or complete); `+checks` when the data-quality run is in. */
  outcome: string;
  problems: string[];
}

/** SQLite's checks and the data-quality run's own all-or-nothing, common to both commands. */
function judgeFile(r: Reopened, before: Counts, after: Counts): string[] {
  const problems: string[] = [];
  if (r.integrity.join() !== 'ok') problems.push(`integrity_check: ${r.integrity.slice(0, 5).join('; ')}`);
  if (r.foreignKeyProblems > 0) problems.push(`foreign_key_check: ${r.foreignKeyProblems} rows`);
  const q = onlyQuality(r.counts);
  if (!same(q, onlyQuality(before)) && !same(q, onlyQuality(after))) problems.push(`partial data-quality run: ${diff(onlyQuality(before), q)}`);
  if (r.findingsOfOtherRuns > 0) problems.push(`${r.findingsOfOtherRuns} findings of an earlier data-quality run left beside the latest`);
  return problems;
}

function judgeImport(r: Reopened, before: Counts, after: Counts): Judged {
  const problems = judgeFile(r, before, after);
  const data = withoutQuality(r.counts);
  const checks = same(onlyQuality(r.counts), onlyQuality(after)) && !same(onlyQuality(before), onlyQuality(after));
  let outcome: string;
  if (same(data, withoutQuality(before))) {
    outcome = 'before';
    if (checks) problems.push('the data-quality run after the import is in, the import is not');
  } else if (same(data, withoutQuality(after))) outcome = checks ? 'after+checks' : 'after';
  else {
    outcome = 'PARTIAL';
    problems.push(`neither before nor after the import: ${diff(withoutQuality(before), data)} (a full import: ${diff(withoutQuality(before), withoutQuality(after))})`);
  }
  if (r.closes.length > 0) problems.push('a month close appeared');
  return { outcome, problems };
}

function judgeClose(r: Reopened, before: Counts, after: Counts): Judged {
  const problems = judgeFile(r, before, after);
  const data = withoutQuality(r.counts);
  const checks = same(onlyQuality(r.counts), onlyQuality(after));
  let outcome: string;
  if (same(data, withoutQuality(before))) {
    outcome = checks ? 'before+checks' : 'before';
    if (r.closes.length > 0) problems.push('a close is in force but the counts are as before');
  } else if (same(data, withoutQuality(after))) {
    outcome = 'after';
    if (!checks) problems.push('closed, but the data-quality run that precedes the close is missing');
    const c = r.closes[0];
    if (r.closes.length !== 1 || !c) problems.push(`${r.closes.length} closes in force`);
    else {
      if (c.snapshotError) problems.push(`the snapshot does not read back: ${c.snapshotError}`);
      else if (c.snapshotHouseholds !== c.households || c.households !== r.liveHouseholds) {
        problems.push(`snapshot of ${c.snapshotHouseholds} households, close says ${c.households}, registry has ${r.liveHouseholds}`);
      }
    }
    if ((r.counts['audit:month_close'] ?? 0) !== 1) problems.push('closed without its audit entry');
  } else {
    outcome = 'PARTIAL';
    problems.push(`neither open nor closed: ${diff(withoutQuality(before), data)} (a full close: ${diff(withoutQuality(before), withoutQuality(after))})`);
  }
  return { outcome, problems };
}

interface Row {
  point: string;
  run: number;
  landed: string;
  killedAtMs: string;
  walMb: string;
  outcome: string;
  problems: string;
  /** The child had finished before the kill arrived: the point was not reached (a race lost, not a failure). */
  missed: boolean;
  /** Not about the registry: a backup copy the kill left broken in the backups folder. */
  notes: string;
  retry?: string;
}

const mb = (n: number | null) => (n === null ? '' : (n / 1024 / 1024).toFixed(1));

/** What a run is judged against: the base file's counts, the calibration run's, and the base's content of the tables a full run changes. */
interface Expected {
  before: Counts;
  after: Counts;
  /** Tables (besides the data-quality run's) whose rows a full run adds or changes. */
  touched: string[];
  beforeHashes: Record<string, string>;
}

function expected(base: string, before: Counts, after: Counts): Expected {
  const touched = Object.keys(after).filter((k) => !k.startsWith('audit:') && !QUALITY_TABLES.includes(k) && after[k] !== before[k]);
  return { before, after, touched, beforeHashes: tableHashes(base, touched) };
}

/**
 * One kill point on a fresh copy. `retry` runs the command again, unkilled, on the crashed file
 * and judges it against `after`: the clerk starts the program again and repeats what was cut off.
 */
async function killRun(
  base: string, args: string[], point: KillPoint, n: number, { before, after, touched, beforeHashes }: Expected,
  judge: (r: Reopened, before: Counts, after: Counts) => Judged, retry: boolean,
): Promise<Row> {
  const copy = copyOf(base);
  try {
    const run = await runLedger(copy.dbPath, args, point);
    const file = reopen(copy.dbPath);
    const judged = judge(file, before, after);
    // "As before" by content too: the rows of every table the command writes are those of the base.
    if (judged.outcome.startsWith('before')) {
      const now = tableHashes(copy.dbPath, touched);
      const differ = touched.filter((t) => now[t] !== beforeHashes[t]);
      if (differ.length) judged.problems.push(`counts as before, but rows changed in ${differ.join(', ')}`);
    }
    const missed = run.signal !== 'SIGKILL';
    if (missed && (point.kind === 'hold' || run.code !== 0)) judged.problems.push(`not killed: exit ${run.code}, ${run.stderr.slice(-300)}`);
    const row: Row = {
      point: point.label, run: n,
      landed: point.kind === 'wal' && !point.probe ? `progress “${point.stderr}”, WAL ≥ ${mb(point.walBytes)} MB` : landedAfter(run),
      killedAtMs: run.killedAfterMs?.toFixed(0) ?? '', walMb: mb(run.walBytesAtKill), outcome: judged.outcome,
      problems: judged.problems.join('; '), missed,
      notes: file.brokenBackups.length ? `broken backup left: ${file.brokenBackups.join(', ')}` : '',
    };
    if (retry) {
      // The retry runs the data-quality checks once more: one more run on top of the crashed file's.
      const crashedRuns = file.counts.quality_runs ?? 0;
      const again = await runLedger(copy.dbPath, args, { label: 'retry', kind: 'none' });
      const r2 = judge(reopen(copy.dbPath), before, { ...after, quality_runs: crashedRuns + (after.quality_runs ?? 0) - (before.quality_runs ?? 0) });
      row.retry = again.code === 0 ? r2.outcome : `exit ${again.code}: ${again.stderr.slice(-300)}`;
      if (r2.problems.length) row.problems += `${row.problems ? '; ' : ''}after retry: ${r2.problems.join('; ')}`;
    }
    return row;
  } finally {
    copy.cleanup();
  }
}

function report(title: string, rows: Row[]): void {
  const lines = rows.map((r) =>
    `  ${r.point.padEnd(38)} #${r.run} ${r.missed ? 'MISSED: finished before the kill' : `killed at ${r.killedAtMs.padStart(6)} ms, WAL ${r.walMb.padStart(5)} MB, after “${r.landed}”`}` +
      ` → ${r.outcome}${r.retry ? `, retried → ${r.retry}` : ''}${r.notes ? `  (note: ${r.notes})` : ''}${r.problems ? `  !! ${r.problems}` : ''}`);
  console.log(`${title}\n${lines.join('\n')}`);
}

const runsOf = (o: CrashSuiteOptions, p: KillPoint) => (p.kind === 'hold' ? 1 : o.runs);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export function crashSuite(o: CrashSuiteOptions): void {
  const wanted = (p: KillPoint) => !o.only || o.only.includes(p.label);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangfu-crash-fixture-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe(`${o.title}: import of ${o.rosterHouseholds} households`, () => {
    let base: string;
    let roster: string;
    let before: Counts;
    beforeAll(async () => {
      base = join(dir, 'import-base.sqlite');
      const target = createLedger({ dbPath: base });
      target.seed({ households: o.existingHouseholds, seed: SEED, villages: VILLAGES });
      before = countsOf(target.db);
      checkpointAndClose(target.db);
      // The same township, grown: its first households are the registry's, the rest are new
      // (household numbers continue, ID numbers are unique across the whole seed).
      const gen = createLedger({ dbPath: join(dir, 'roster-source.sqlite') });
      gen.seed({ households: o.existingHouseholds + o.rosterHouseholds, seed: SEED, villages: VILLAGES });
      const ids = gen.db.prepare('SELECT id FROM households WHERE id > ? ORDER BY id').pluck().all(o.existingHouseholds) as number[];
      const file = await dispatchAsync(gen, 'export:roster', { layout: 'template', householdIds: ids });
      gen.close();
      if (!file.ok) throw new Error(file.error.message);
      roster = join(dir, '花名册.xlsx');
      writeFileSync(roster, Buffer.from((file.data as ExportFile).contentBase64, 'base64'));
    }, o.timeoutMs);

    it('SIGKILL anywhere in the import leaves the registry as before or fully imported, never in between', async () => {
      const args = ['import', roster];
      const started = performance.now();
      // Calibration: the unkilled run gives the state after, and when each step happens.
      const calCopy = copyOf(base);
      const cal = await runLedger(calCopy.dbPath, args, { label: 'calibration', kind: 'none' });
      expect(cal.code, cal.stderr).toBe(0);
      expect(cal.stdout).toContain(`新增 ${o.rosterHouseholds} 户`);
      const after = reopen(calCopy.dbPath).counts;
      calCopy.cleanup();
      expect(after.households).toBe(before.households! + o.rosterHouseholds);
      const want = expected(base, before, after);

      const begin = at(cal, 'exec BEGIN IMMEDIATE');
      const commit = at(cal, 'exec COMMIT');
      const committed = at(cal, 'exec COMMIT ok');
      const write = commit.ms - begin.ms;
      const points = ([
        { label: 'write: just begun', kind: 'after', event: 'exec BEGIN IMMEDIATE', delayMs: 0 },
        { label: 'write: 50%', kind: 'after', event: 'exec BEGIN IMMEDIATE', delayMs: write * 0.5 },
        { label: 'write: 90%', kind: 'after', event: 'exec BEGIN IMMEDIATE', delayMs: write * 0.9 },
        { label: 'WAL half written (no probe)', kind: 'wal', stderr: '写入台账', walBytes: Math.round(committed.wal / 2) },
        { label: 'commit: held just before COMMIT', kind: 'hold', hold: 'exec COMMIT' },
        // Before the COMMIT the WAL holds only what the page cache spilled; the COMMIT writes the rest.
        { label: 'commit: WAL half-way through COMMIT', kind: 'wal', probe: true, walBytes: Math.round((commit.wal + committed.wal) / 2) },
        { label: 'commit: held just after COMMIT', kind: 'hold', hold: 'exec COMMIT ok' },
        { label: 'checks after the import', kind: 'after', event: 'exec COMMIT ok>>INSERT INTO quality_runs', delayMs: 0 },
      ] satisfies KillPoint[]).filter(wanted);
      const jobs = points.flatMap((p) =>
        Array.from({ length: runsOf(o, p) }, (_, i) => () => killRun(base, args, p, i + 1, want, judgeImport, p.label === 'commit: held just before COMMIT')),
      );
      const rows = await limited(o.width, jobs);
      report(
        `${o.title}: import of ${o.rosterHouseholds} households into ${o.existingHouseholds}; calibration ${cal.ms.toFixed(0)} ms: ` +
          `write transaction ${write.toFixed(0)} ms, COMMIT ${(committed.ms - commit.ms).toFixed(1)} ms (WAL ${mb(commit.wal)} → ${mb(committed.wal)} MB); ` +
          `${rows.length} kills, ${seconds(started)} s in all`,
        rows,
      );
      expect(rows.filter((r) => r.problems !== '')).toEqual([]);
      const row = (label: string) => rows.find((r) => r.point === label);
      if (row('commit: held just before COMMIT')) expect(row('commit: held just before COMMIT')).toMatchObject({ outcome: 'before', retry: 'after+checks' });
      if (row('commit: held just after COMMIT')) expect(row('commit: held just after COMMIT')?.outcome).toBe('after');
      // The kills aimed inside the write transaction landed inside it. (Those aimed by the WAL's
      // size may land after the COMMIT: on a small roster the WAL only grows in the COMMIT itself.)
      for (const r of rows.filter((x) => x.point.startsWith('write:'))) expect(r.outcome, r.point).toBe('before');
    }, o.timeoutMs);
  });

  describe(`${o.title}: month close of ${o.closeHouseholds} households`, () => {
    let base: string;
    let before: Counts;
    beforeAll(() => {
      base = join(dir, 'close-base.sqlite');
      const ledger = createLedger({ dbPath: base });
      ledger.seed({ households: o.closeHouseholds, seed: SEED });
      before = countsOf(ledger.db);
      checkpointAndClose(ledger.db);
    }, o.timeoutMs);

    it('SIGKILL anywhere in the close leaves the month open or closed with its whole snapshot, never half-closed', async () => {
      const month = lastMonth();
      const args = ['close-month', month];
      const started = performance.now();
      const calCopy = copyOf(base);
      const cal = await runLedger(calCopy.dbPath, args, { label: 'calibration', kind: 'none' });
      expect(cal.code, cal.stderr).toBe(0);
      const calFile = reopen(calCopy.dbPath);
      calCopy.cleanup();
      expect(calFile.closes).toEqual([{ month: Number(month.replace('-', '')), households: o.closeHouseholds, snapshotHouseholds: o.closeHouseholds, snapshotError: null }]);
      const after = calFile.counts;
      const want = expected(base, before, after);

      const checks = at(cal, 'INSERT INTO quality_runs');
      const checked = at(cal, 'INSERT INTO quality_runs>>COMMIT ok');
      const closeBegin = at(cal, 'INSERT INTO quality_runs>>COMMIT ok>>BEGIN');
      const insert = at(cal, 'INSERT INTO month_closes');
      const commit = at(cal, 'INSERT INTO month_closes>>COMMIT');
      const closed = at(cal, 'INSERT INTO month_closes>>COMMIT ok');
      const points = ([
        { label: 'checks: computing', kind: 'after', event: 'probe loaded', delayMs: checks.ms * 0.8 },
        { label: 'checks: writing findings', kind: 'after', event: 'INSERT INTO quality_runs', delayMs: 0 },
        { label: 'close: backup before the close', kind: 'after', event: 'INSERT INTO quality_runs>>COMMIT ok', delayMs: (closeBegin.ms - checked.ms) / 2 },
        { label: 'close: building the snapshot', kind: 'after', event: 'INSERT INTO quality_runs>>COMMIT ok', delayMs: (closeBegin.ms + insert.ms) / 2 - checked.ms },
        { label: 'close: held just before COMMIT', kind: 'hold', hold: 'month_closes>>COMMIT' },
        { label: 'close: WAL half-way through COMMIT', kind: 'wal', probe: true, walBytes: Math.round((commit.wal + closed.wal) / 2) },
        { label: 'close: held just after COMMIT', kind: 'hold', hold: 'month_closes>>COMMIT ok' },
      ] satisfies KillPoint[]).filter(wanted);
      const jobs = points.flatMap((p) =>
        Array.from({ length: runsOf(o, p) }, (_, i) => () => killRun(base, args, p, i + 1, want, judgeClose, p.label === 'close: held just before COMMIT')),
      );
      const rows = await limited(o.width, jobs);
      report(
        `${o.title}: close of ${month}, ${o.closeHouseholds} households; calibration ${cal.ms.toFixed(0)} ms: checks written at ${checks.ms.toFixed(0)} ms, ` +
          `then ${(closeBegin.ms - checked.ms).toFixed(0)} ms to the close (backup), close transaction ${(closed.ms - closeBegin.ms).toFixed(0)} ms, ` +
          `COMMIT ${(closed.ms - commit.ms).toFixed(1)} ms (WAL ${mb(commit.wal)} → ${mb(closed.wal)} MB); ${rows.length} kills, ${seconds(started)} s in all`,
        rows,
      );
      expect(rows.filter((r) => r.problems !== '')).toEqual([]);
      const row = (label: string) => rows.find((r) => r.point === label);
      if (row('close: held just before COMMIT')) expect(row('close: held just before COMMIT')).toMatchObject({ outcome: 'before+checks', retry: 'after' });
      if (row('close: held just after COMMIT')) expect(row('close: held just after COMMIT')?.outcome).toBe('after');
      for (const r of rows.filter((x) => x.point === 'close: building the snapshot')) expect(r.outcome, r.point).toBe('before+checks');
    }, o.timeoutMs);
  });
}
