/**
 * Preloaded into a child process the crash-safety tests kill (`node --import tsx --import
 * tests/support/crash-probe.ts …`): it tells the parent, on stderr and synchronously, when the
 * registry's transactions begin and end, so a SIGKILL can be aimed at a point inside a commit
 * instead of at a guessed time. It changes nothing the program does, except that with
 * `CRASH_PROBE_HOLD` set it stops (blocks, without giving the event loop back) at one event,
 * announcing it with ` [held]`, until the parent kills it.
 *
 * Lines look like `@@probe 1234.5 wal=4120 exec BEGIN IMMEDIATE`: milliseconds since the probe
 * loaded, the size of the database's WAL file at that moment, the event. Announced: `exec`/`run`
 * of BEGIN…, COMMIT, ROLLBACK (the app's own and better-sqlite3's `db.transaction()`), and any
 * statement whose SQL contains one of the `|`-separated texts of `CRASH_PROBE_MARK`; a COMMIT is
 * announced again with ` ok` once it has returned.
 *
 * `CRASH_PROBE_HOLD` is one event text, or steps joined by `>>`: `month_closes>>COMMIT` holds at
 * the first COMMIT announced after a statement on month_closes.
 */
import { existsSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The same module instance the program loads: require's cache is keyed by the resolved path.
const Database = require('better-sqlite3') as typeof import('better-sqlite3');

const started = performance.now();
const marks = (process.env.CRASH_PROBE_MARK || '').split('|').filter(Boolean);
const holdSteps = (process.env.CRASH_PROBE_HOLD || '').split('>>').map((x) => x.trim()).filter(Boolean);
const HOLD_MS = 60_000;
let step = 0;

const TX = /^\s*(BEGIN|COMMIT|END|ROLLBACK)\b/i;
const isCommit = (sql: string) => /^\s*(COMMIT|END)\b/i.test(sql);
const watched = (sql: string) => TX.test(sql) || marks.some((m) => sql.includes(m));

function walSize(dbName: string | undefined): number {
  const wal = `${dbName}-wal`;
  return dbName && existsSync(wal) ? statSync(wal).size : 0;
}

function announce(kind: string, sql: string, dbName?: string): void {
  const line = `${kind} ${sql.replace(/\s+/g, ' ').trim().slice(0, 80)}`;
  const holdHere = step < holdSteps.length && line.includes(holdSteps[step]!) && ++step === holdSteps.length;
  writeSync(2, `@@probe ${(performance.now() - started).toFixed(1)} wal=${walSize(dbName)} ${line}${holdHere ? ' [held]' : ''}\n`);
  // The kill arrives while the program sits exactly here; it does not resume on its own in time.
  if (holdHere) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLD_MS);
}

announce('probe', 'loaded');

type Db = { name: string; exec(sql: string): unknown };
const dbProto = Database.prototype as unknown as Db;
const exec = dbProto.exec;
dbProto.exec = function (this: Db, sql: string) {
  if (!watched(sql)) return exec.call(this, sql);
  announce('exec', sql, this.name);
  const result = exec.call(this, sql);
  if (isCommit(sql)) announce('exec', `${sql} ok`, this.name);
  return result;
};

// Statements share one native prototype; better-sqlite3's transaction() runs BEGIN and COMMIT through it.
type Stmt = { source: string; database?: { name: string }; run(...args: unknown[]): unknown };
const probeDb = new Database(':memory:');
const stmtProto = Object.getPrototypeOf(probeDb.prepare('SELECT 1')) as Stmt;
probeDb.close();
const run = stmtProto.run;
stmtProto.run = function (this: Stmt, ...args: unknown[]) {
  if (!watched(this.source)) return run.apply(this, args);
  announce('run', this.source, this.database?.name);
  const result = run.apply(this, args);
  if (isCommit(this.source)) announce('run', `${this.source} ok`, this.database?.name);
  return result;
};
