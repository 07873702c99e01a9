/**
 * Runs one hostile file through the real core (`import:preview`, then `import:commit`) and checks
 * what every such file must get: an answer within a time limit, no unhandled rejection or uncaught
 * exception, a Chinese refusal (VALIDATION, never INTERNAL) or Chinese per-row reasons, and a
 * registry left as it was when the file is refused — no partial household either way.
 */
import { expect } from 'vitest';
import type { ImportPreview, ImportResult } from '../../src/shared/domain/import.types';
import type { Result } from '../../src/shared/result';
import { dispatchAsync } from '../../src/main/core';
import { sampleHousehold, tempLedger } from './temp-ledger';

export const CJK = /[\u4e00-\u9fff]/;

/** The roster columns every hand-made file uses (a person per row, our template's names). */
export const HEADER = ['行政村', '户编号', '姓名', '证件号码', '与户主关系', '户类型', '致贫原因1', '出生日期', '家庭住址', '备注', '首次识别时间', '状态起始月份'];
export const COL = Object.fromEntries(HEADER.map((h, i) => [h, i])) as Record<string, number>;

/** A row by header name; blank elsewhere. */
export function personRow(values: Record<string, string | number | null>): (string | number | null)[] {
  return HEADER.map((h) => values[h] ?? null);
}

export interface Outcome {
  preview: Result<ImportPreview>;
  commit: Result<ImportResult>;
  ms: number;
  /** Largest RSS seen above the RSS before the case (sampled, plus the process peak when it rose). */
  rssGrowthMb: number;
}

export type Ledger = ReturnType<typeof hostileLedger>;

/** A township with one village, one group and one registered household (户编号 1001, 张三). */
export function hostileLedger() {
  const t = tempLedger();
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  t.must('group:save', { villageId: village.id, name: '一组' });
  t.must('household:save', sampleHousehold(village.id, { householdNo: '1001' }));
  const count = (sql: string) => (t.ledger.db.prepare(sql).get() as { n: number }).n;
  return {
    ...t,
    snapshot: () => ({
      households: count('SELECT count(*) AS n FROM households'),
      members: count('SELECT count(*) AS n FROM members'),
      statusEvents: count('SELECT count(*) AS n FROM status_events'),
      audit: count('SELECT count(*) AS n FROM audit_log'),
      importAudits: count("SELECT count(*) AS n FROM audit_log WHERE entity = 'import'"),
    }),
    /** Households whose members are not one whole family: no head, or several. */
    brokenHouseholds: () =>
      count(`SELECT count(*) AS n FROM households h WHERE h.deleted_at IS NULL AND
        (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.relationship = '01' AND m.deleted_at IS NULL) <> 1`),
  };
}

const unhandled: unknown[] = [];
let listening = false;
function listen(): void {
  if (listening) return;
  listening = true;
  process.on('unhandledRejection', (e) => unhandled.push(e));
  process.on('uncaughtException', (e) => unhandled.push(e));
}

/** Settles within `ms`, or rejects saying the case hung. */
export function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (hang)`)), ms)))]).finally(() => clearTimeout(timer));
}

const maxRss = () => process.resourceUsage().maxRSS * 1024;

/** Preview and commit of one file, timed and watched. */
export async function attempt(t: Ledger, fileName: string, bytes: Uint8Array, options: { limitMs?: number; defaultStatus?: string } = {}): Promise<Outcome> {
  listen();
  const limit = options.limitMs ?? 20_000;
  const input = { fileName, contentBase64: Buffer.from(bytes).toString('base64'), ...(options.defaultStatus ? { defaultStatus: options.defaultStatus } : {}) };
  const before = t.snapshot();
  const brokenBefore = t.brokenHouseholds();
  const rss0 = process.memoryUsage().rss;
  const peak0 = maxRss();
  let sampled = rss0;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const unhandledBefore = unhandled.length;
  try {
    const preview = (await within(limit, dispatchAsync(t.ledger, 'import:preview', input), `${fileName} preview`)) as Result<ImportPreview>;
    const commit = (await within(limit, dispatchAsync(t.ledger, 'import:commit', input), `${fileName} commit`)) as Result<ImportResult>;
    const ms = performance.now() - started;
    // A turn for any stray rejection to surface.
    await new Promise((r) => setTimeout(r, 5));
    const peak1 = maxRss();
    const rssGrowthMb = (Math.max(sampled, peak1 > peak0 ? peak1 : 0) - rss0) / 1024 / 1024;
    expect.soft(unhandled.slice(unhandledBefore), `${fileName}: unhandled rejection or exception`).toEqual([]);
    checkClean(fileName, preview);
    checkClean(fileName, commit);
    const after = t.snapshot();
    if (!commit.ok) expect.soft(after, `${fileName}: refused, yet the registry changed`).toEqual(before);
    else {
      // Nothing but what the import says it did: households and the one import entry.
      expect.soft(after.households - before.households, `${fileName}: households added`).toBe(commit.data.created);
      expect.soft(after.importAudits - before.importAudits).toBe(1);
    }
    expect.soft(t.brokenHouseholds(), `${fileName}: a partial household was written`).toBe(brokenBefore);
    return { preview, commit, ms, rssGrowthMb };
  } finally {
    clearInterval(sampler);
  }
}

/** A refusal in Chinese that is the file's fault (VALIDATION), or an answer whose every problem is in Chinese. */
export function checkClean(fileName: string, r: Result<ImportPreview | ImportResult>): void {
  if (!r.ok) {
    expect.soft(r.error.code, `${fileName}: ${r.error.message}`).toBe('VALIDATION');
    expect.soft(r.error.message, `${fileName}: refusal not in Chinese`).toMatch(CJK);
    expect.soft(r.error.message.length, `${fileName}: refusal too long`).toBeLessThan(400);
    return;
  }
  for (const p of r.data.problems) {
    expect.soft(p.message, `${fileName}: row ${p.row} reason not in Chinese`).toMatch(CJK);
    expect.soft(Number.isInteger(p.row) && p.row > 0, `${fileName}: problem without a row (${JSON.stringify(p)})`).toBe(true);
    expect.soft(p.message.length, `${fileName}: reason too long (${p.message.slice(0, 80)}…)`).toBeLessThan(400);
  }
}

/** The file is refused as a whole, with a message matching `pattern`. */
export function expectRefused(o: Outcome, pattern: RegExp): void {
  expect.soft(o.preview.ok ? 'accepted' : o.preview.error.message).toMatch(pattern);
  expect.soft(o.commit.ok ? 'accepted' : o.commit.error.message).toMatch(pattern);
}

/** The rows named are refused (with reasons matching), the rest imported. */
export function expectRowsRefused(o: Outcome, rows: Record<number, RegExp>, imported: number): void {
  if (!o.preview.ok) throw new Error(`preview refused the file: ${o.preview.error.message}`);
  if (!o.commit.ok) throw new Error(`commit refused the file: ${o.commit.error.message}`);
  for (const data of [o.preview.data, o.commit.data]) {
    for (const [row, pattern] of Object.entries(rows)) {
      const found = data.problems.filter((p) => p.row === Number(row)).map((p) => p.message);
      expect.soft(found.join(' | '), `row ${row}`).toMatch(pattern);
    }
    expect.soft(data.rejectedRows).toBe(Object.keys(rows).length);
  }
  expect.soft(o.commit.data.created + o.commit.data.updated).toBe(imported);
}
