/**
 * The monthly report at county scale. In `npm run bench` (a seeded 50,000-household township):
 * the live figures, closing the month, the closed month's figures, and the Excel and PDF through
 * the contract, against LibreOffice converting the same workbook to PDF (when installed). Alone
 * (`npm run bench:report`): the same files for 50,000 synthetic households over 30 villages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, dispatchAsync, type Ledger } from '../src/main/core';
import { writeReportPdf } from '../src/main/core/io/pdf/report-pdf';
import { findFontsDir } from '../src/main/core/io/pdf/fonts';
import { writeReportXlsx } from '../src/main/core/io/report-xlsx';
import type { ReportFile } from '../src/shared/domain/report.types';
import { syntheticReport } from '../tests/support/synthetic-report';

export interface BenchRow { name: string; value: string; goal: string }

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function libreOffice(): string | null {
  for (const name of ['libreoffice', 'soffice']) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore', timeout: 60_000 });
      return name;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/** LibreOffice converting the workbook to PDF, start-up included, with a profile of its own. */
function measureLibreOffice(xlsx: Buffer, rows: BenchRow[]): void {
  const office = libreOffice();
  if (!office) {
    rows.push({ name: 'report: LibreOffice xlsx → pdf', value: 'skipped', goal: 'LibreOffice not installed (apt-get install libreoffice-calc)' });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-bench-report-'));
  try {
    const file = join(dir, 'report.xlsx');
    writeFileSync(file, xlsx);
    const start = performance.now();
    execFileSync(office, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 300_000 });
    const size = statSync(join(dir, 'report.pdf')).size;
    rows.push({ name: 'report: LibreOffice xlsx → pdf (comparison)', value: `${seconds(performance.now() - start)}, ${kb(size)}`, goal: 'incl. start-up' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timed<T>(f: () => T): [T, number] {
  const start = performance.now();
  return [f(), performance.now() - start];
}

/** The report of last month on a seeded township, through the contract as the app asks for it. */
export async function measureReports(ledger: Ledger, rows: BenchRow[]): Promise<void> {
  const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 7);
  const must = <T>(r: { ok: true; data: unknown } | { ok: false; error: { message: string } }) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.data as T;
  };
  const [, liveMs] = timed(() => must(dispatch(ledger, 'report:monthly', { month })));
  rows.push({ name: `report ${month}: live figures`, value: seconds(liveMs), goal: '' });
  const [, closeMs] = timed(() => must(dispatch(ledger, 'month:close', { month, confirm: true })));
  rows.push({ name: `report ${month}: month close (data checks run, snapshot written)`, value: seconds(closeMs), goal: '' });
  const [, frozenMs] = timed(() => must(dispatch(ledger, 'report:monthly', { month })));
  rows.push({ name: `report ${month}: closed month's figures (from snapshot)`, value: seconds(frozenMs), goal: '' });
  let start = performance.now();
  const xlsx = must<ReportFile>(await dispatchAsync(ledger, 'report:xlsx', { month }));
  const xlsxMs = performance.now() - start;
  start = performance.now();
  const pdf = must<ReportFile>(await dispatchAsync(ledger, 'report:pdf', { month }));
  const pdfMs = performance.now() - start;
  rows.push({ name: `report ${month}: Excel (closed month)`, value: `${seconds(xlsxMs)}, ${kb(xlsx.contentBase64.length * 0.75)}`, goal: '' });
  rows.push({ name: `report ${month}: PDF (closed month)`, value: `${seconds(pdfMs)}, ${kb(pdf.contentBase64.length * 0.75)}`, goal: '' });
  rows.push({ name: `report ${month}: Excel + PDF`, value: seconds(xlsxMs + pdfMs), goal: '≤ 2 s' });
  measureLibreOffice(Buffer.from(xlsx.contentBase64, 'base64'), rows);
}

/** The files alone, for 50,000 synthetic households over 30 villages. */
async function measureSyntheticFiles(rows: BenchRow[]): Promise<void> {
  const [report, buildMs] = timed(() => syntheticReport(50_000, 30));
  rows.push({ name: 'report: 50,000 synthetic households, 30 villages (figures)', value: seconds(buildMs), goal: '' });
  let start = performance.now();
  const xlsx = await writeReportXlsx(report);
  rows.push({ name: 'report: xlsx', value: `${seconds(performance.now() - start)}, ${kb(xlsx.length)}`, goal: '' });
  start = performance.now();
  const pdf = await writeReportPdf(report, findFontsDir());
  rows.push({ name: `report: pdf, ${pdf.pages} pages`, value: `${seconds(performance.now() - start)}, ${kb(pdf.buffer.length)}`, goal: '' });
  measureLibreOffice(xlsx, rows);
}

if (require.main === module) {
  const rows: BenchRow[] = [];
  void measureSyntheticFiles(rows).then(() => {
    for (const r of rows) console.log(`${r.name.padEnd(58)}  ${r.value.padEnd(16)}  ${r.goal}`);
  });
}
