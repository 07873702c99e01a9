/**
 * Crash-safety harness: runs the real CLI (`src/main/ledger.ts`) in a child process on a copy of
 * a registry file, SIGKILLs it at a chosen point of a big write (an import, a month close), and
 * reads back what the file holds afterwards.
 *
 * Kill points are aimed with `crash-probe.ts`, preloaded into the child, which announces on
 * stderr when the registry's transactions begin and end: a point is "n ms after event X", or
 * "hold at event X" (the child stops there, announcing it, and is killed while it waits:
 * deterministic), or "when the WAL file has grown to N bytes" (polled every millisecond, which
 * lands inside a COMMIT that writes megabytes), the last also without the probe, after a
 * progress line on stderr (what the program's own output and the file system alone allow).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROBE = join(ROOT, 'tests/support/crash-probe.ts');
/** Statements the probe announces besides BEGIN and COMMIT: the close's snapshot and each data-quality run. */
const PROBE_MARKS = 'INSERT INTO month_closes|INSERT INTO quality_runs';
const CLI = join(ROOT, 'src/main/ledger.ts');

export interface ProbeEvent {
  ms: number;
  /** The WAL file's size when the event was announced. */
  wal: number;
  text: string;
}

export type KillPoint =
  /** `delayMs` after the probe event `event` (steps joined by `>>`, as for a hold). */
  | { label: string; kind: 'after'; event: string; delayMs: number }
  /** The child stops at the event (steps joined by `>>`: the first `COMMIT` after `month_closes`) and is killed there. */
  | { label: string; kind: 'hold'; hold: string }
  /**
   * When the WAL file reaches `walBytes` (polled every ms from the start, or every 5 ms once
   * stderr has shown `stderr`); without the probe unless `probe` is set.
   */
  | { label: string; kind: 'wal'; walBytes: number; stderr?: string; probe?: boolean }
  /** Not killed: the calibration run. */
  | { label: string; kind: 'none' };

export interface ChildRun {
  label: string;
  events: ProbeEvent[];
  /** The probe events seen before the kill was sent (all of them when not killed). */
  eventsBeforeKill: string[];
  killedAfterMs: number | null;
  walBytesAtKill: number | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const walOf = (dbPath: string) => `${dbPath}-wal`;
const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/** Runs `ledger --db dbPath …args`, killing it at `point`. Resolves once the child has gone. */
export function runLedger(dbPath: string, args: string[], point: KillPoint, timeoutMs = 240_000): Promise<ChildRun> {
  const probe = point.kind !== 'wal' || point.probe === true;
  const nodeArgs = ['--import', 'tsx', ...(probe ? ['--import', PROBE] : []), CLI, '--db', dbPath, ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, CRASH_PROBE_MARK: PROBE_MARKS };
  if (point.kind === 'hold') env.CRASH_PROBE_HOLD = point.hold;
  else delete env.CRASH_PROBE_HOLD;
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = performance.now();
  const run: ChildRun = {
    label: point.label, events: [], eventsBeforeKill: [], killedAfterMs: null, walBytesAtKill: null,
    code: null, signal: null, stdout: '', stderr: '', ms: 0,
  };
  let killed = false;
  const steps = point.kind === 'after' ? point.event.split('>>').map((x) => x.trim()) : [];
  let step = 0;
  let walTimer: NodeJS.Timeout | undefined;
  const killAtWal = (bytes: number, every: number) => {
    walTimer = setInterval(() => {
      if (sizeOf(walOf(dbPath)) >= bytes) kill();
    }, every);
  };
  const kill = () => {
    if (killed) return;
    killed = true;
    run.walBytesAtKill = sizeOf(walOf(dbPath));
    run.eventsBeforeKill = run.events.map((e) => e.text);
    run.killedAfterMs = performance.now() - started;
    child.kill('SIGKILL');
  };

  let pending = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    run.stderr += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /^@@probe ([\d.]+) wal=(\d+) (.*)$/.exec(line);
      if (m) {
        const event = { ms: Number(m[1]), wal: Number(m[2]), text: m[3]! };
        run.events.push(event);
        if (point.kind === 'hold' && event.text.endsWith('[held]')) kill();
        if (point.kind === 'after' && step < steps.length && event.text.includes(steps[step]!) && ++step === steps.length) {
          if (point.delayMs <= 0) kill();
          else setTimeout(kill, point.delayMs);
        }
      } else if (point.kind === 'wal' && point.stderr !== undefined && !walTimer && line.includes(point.stderr)) killAtWal(point.walBytes, 5);
    }
  });
  if (point.kind === 'wal' && point.stderr === undefined) killAtWal(point.walBytes, 1);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (run.stdout += chunk));
  const timer = setTimeout(kill, timeoutMs);
  return new Promise((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(walTimer);
      run.code = code;
      run.signal = signal;
      run.ms = performance.now() - started;
      if (!killed) run.eventsBeforeKill = run.events.map((e) => e.text);
      resolveRun(run);
    });
  });
}

/** Runs the calls at most `width` at a time, keeping their order in the result. */
export async function limited<T>(width: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/** A scratch folder and a fresh copy of `base` in it (the base has no WAL: it was checkpointed and closed). */
export function copyOf(base: string): { dir: string; dbPath: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-crash-'));
  const dbPath = join(dir, 'ledger.sqlite');
  copyFileSync(base, dbPath);
  return { dir, dbPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Leaves a closed registry as one self-contained file, so a plain copy of it is the whole registry. */
export function checkpointAndClose(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export type Counts = Record<string, number>;

/** Rows per table, and per audit entity (`audit:import`, `audit:household` …). */
export function countsOf(db: Database.Database): Counts {
  const counts: Counts = {};
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) counts[t] = db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
  for (const r of db.prepare('SELECT entity, count(*) AS n FROM audit_log GROUP BY entity').all() as { entity: string; n: number }[]) counts[`audit:${r.entity}`] = r.n;
  return counts;
}

/** What a reopened file says after a crash: SQLite's own checks, then the rows. */
export interface Reopened {
  integrity: string[];
  foreignKeyProblems: number;
  counts: Counts;
  closes: { month: number; households: number; snapshotHouseholds: number | null; snapshotError: string | null }[];
  liveHouseholds: number;
  latestRunFindings: number | null;
  findingsOfOtherRuns: number;
  /** Files in the backups folder beside the registry that do not open as an intact database. */
  brokenBackups: string[];
}

/** Opens the file as the program would after a crash (WAL recovery happens here), and reads it. */
export function reopen(dbPath: string): Reopened {
  const db = new Database(dbPath);
  try {
    db.pragma('foreign_keys = ON');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const closes = (db.prepare('SELECT month, households, snapshot FROM month_closes WHERE reopened_at IS NULL ORDER BY id').all() as { month: number; households: number; snapshot: Buffer }[]).map((r) => {
      try {
        const snap = JSON.parse(gunzipSync(r.snapshot).toString('utf8')) as { households: unknown[] };
        return { month: r.month, households: r.households, snapshotHouseholds: snap.households.length, snapshotError: null };
      } catch (e) {
        return { month: r.month, households: r.households, snapshotHouseholds: null, snapshotError: (e as Error).message };
      }
    });
    const latestRun = db.prepare('SELECT max(id) FROM quality_runs').pluck().get() as number | null;
    return {
      integrity,
      foreignKeyProblems,
      counts: countsOf(db),
      closes,
      liveHouseholds: db.prepare('SELECT count(*) FROM households WHERE deleted_at IS NULL').pluck().get() as number,
      latestRunFindings: latestRun === null ? null : (db.prepare('SELECT count(*) FROM quality_findings WHERE run_id = ?').pluck().get(latestRun) as number),
      findingsOfOtherRuns: db.prepare('SELECT count(*) FROM quality_findings WHERE run_id IS NOT (SELECT max(id) FROM quality_runs)').pluck().get() as number,
      brokenBackups: brokenBackups(join(dirname(dbPath), 'backups')),
    };
  } finally {
    db.close();
  }
}

function brokenBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => {
    const file = join(dir, name);
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.pragma('quick_check', { simple: true }) !== 'ok';
      } finally {
        db.close();
      }
    } catch {
      return true;
    }
  }).map((name) => `${name} (${statSync(join(dir, name)).size} bytes)`);
}

/** A hash of each named table's rows, to tell "as before" by content and not only by counts. */
export function tableHashes(dbPath: string, tables: readonly string[]): Record<string, string> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      tables.map((t) => {
        const hash = createHash('sha1');
        for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().iterate() as IterableIterator<unknown[]>) {
          hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
        }
        return [t, hash.digest('hex')];
      }),
    );
  } finally {
    db.close();
  }
}

/** The tables a data-quality run writes (its own transaction, before a close and after an import). */
export const QUALITY_TABLES = ['quality_runs', 'quality_findings'];

/** The counts without the data-quality run's tables. */
export function withoutQuality(c: Counts): Counts {
  return Object.fromEntries(Object.entries(c).filter(([k]) => !QUALITY_TABLES.includes(k)));
}

export function onlyQuality(c: Counts): Counts {
  return Object.fromEntries(QUALITY_TABLES.map((k) => [k, c[k] ?? 0]));
}

/** Where a kill landed, in the probe's words: the last announced event before it. */
export function landedAfter(run: ChildRun): string {
  if (run.killedAfterMs === null) return `not killed (exit ${run.code})`;
  return run.eventsBeforeKill.at(-1) ?? '(before any transaction)';
}
