import type { ApiHandlers, ApiMethod } from '../../shared/api';
import type { Area } from './area';
import { createAuditRepo } from './audit/audit.repo';
import { createExportRegister } from './audit/export-register.repo';
import { openDatabase, type Db } from './db/connection';
import { LATEST_SCHEMA_VERSION } from './db/migrations';
import { createHouseholdsRepo } from './registry/households.repo';
import { createPlacesService } from './registry/places.service';
import { createRegistryService } from './registry/registry.service';
import { seedTownship, type SeedReport } from './registry/seed';
import { createDynamicArea } from './dynamic/dynamic.area';
import { createImportService } from './io/import.service';
import { createExportService } from './io/export.service';
import { buildTemplate } from './io/template';
import { createAssistanceArea } from './assistance/assistance.area';
import type { seedInput } from '../../shared/schemas/household.schema';
import type { z } from '../../shared/schemas/zod';
import { APP_VERSION } from './version';
import { LedgerError } from '../../shared/result';
import { createJobs } from './jobs';
import { createCardSource } from './cards/card-source';
import { createCardsService } from './cards/cards.service';
import { createExportSource } from './io/export-source';
import { findFontsDir } from './io/pdf/fonts';
import type { LedgerJob } from '../../shared/domain/job.types';
import { createReportSource } from './reports/report-source';
import { createReportsService } from './reports/reports.service';
import { createPovertyLines } from './dynamic/income.service';
import { writeReportXlsx } from './io/report-xlsx';
import { writeReportPdf } from './io/pdf/report-pdf';
import { reportTitle } from '../../shared/reports/monthly-report';
import type { MonthlyReport } from '../../shared/domain/report.types';
import { createIncentivesArea } from './incentives/incentives.area';
import { createAccountabilityArea } from './accountability/accountability.area';
import { writeCadreBulletinPdf, writeCadreBulletinXlsx } from './io/cadre-bulletin';
import { writePublicityPdf, writePublicityXlsx } from './io/publicity';
import { createQualityService } from './quality/quality.service';
import { createBackups } from './backup/backups.service';
import type { BackupInfo } from '../../shared/domain/backup.types';
import { writeQualityWorkbook } from './io/quality-xlsx';

/** 青山镇2026年3月巩固脱贫成果月报表.xlsx; an open month's file says it is not closed yet. */
function reportFileName(r: MonthlyReport, extension: 'xlsx' | 'pdf'): string {
  return `${reportTitle(r)}${r.source === 'live' ? '（未结账）' : ''}.${extension}`;
}

export interface LedgerOptions {
  dbPath: string;
  /** better_sqlite3.node built for the running runtime; only Electron needs to name one. */
  nativeBinding?: string;
  /** Injected by tests that need a fixed clock. */
  now?: () => Date;
  /** The folder holding the PDFs' fonts; found beside the program when not given. */
  fontsDir?: string;
}

export interface Ledger {
  readonly dbPath: string;
  readonly db: Db;
  /** The contract's methods; inputs are already validated by the door. */
  readonly handlers: ApiHandlers;
  /** Why a write must wait (an import is writing), or null. Doors refuse writes while it is set. */
  writeBlocker(): string | null;
  /** The day's backup, taken by the app and the served app at start-up (at most one a day). */
  startupBackup(): Promise<BackupInfo | null>;
  /** Synthetic township for demos, tests and benchmarks (CLI `seed`); not part of the contract. */
  seed(input: z.output<typeof seedInput>): SeedReport;
  close(): void;
}

/** The core: one registry file, the contract implemented on it. Knows no door. */
export function createLedger(options: LedgerOptions): Ledger {
  const now = options.now ?? (() => new Date());
  const db = openDatabase({ dbPath: options.dbPath, nativeBinding: options.nativeBinding, now });
  // The operator is read per entry so a settings change applies to the very next write.
  let places: ReturnType<typeof createPlacesService> | undefined;
  const audit = createAuditRepo(db, now, () => places?.operatorName() ?? '未设置操作员');
  places = createPlacesService(db, audit, now);
  const householdsRepo = createHouseholdsRepo(db);
  const p = places;
  const deps = { db, audit, places: p, now };
  const dynamic = createDynamicArea(deps, householdsRepo);
  const registry = createRegistryService(db, householdsRepo, places, audit, now, dynamic.status);
  const assistance = createAssistanceArea(deps);
  const jobs = createJobs(now);
  const povertyLines = createPovertyLines(deps);
  const quality = createQualityService(deps, povertyLines);
  const backups = createBackups({ db, dbPath: options.dbPath, audit, now, nativeBinding: options.nativeBinding });
  // Every import is checked as soon as it is committed, so the clerk sees what it brought in.
  const importer = createImportService(deps, householdsRepo, registry, jobs, options.dbPath, () => quality.run('import').run);
  const exportRegister = createExportRegister(db, now, () => p.operatorName());
  const exporter = createExportService(deps, exportRegister);
  const areas: { seed?: Area<ApiMethod>['seed'] }[] = [dynamic.area, assistance];
  let fontsDir: string | undefined;
  const fontsDirOf = () => (fontsDir ??= findFontsDir(options.fontsDir));
  const cards = createCardsService({
    ...deps,
    source: createCardSource(db, (householdId, asOf) => dynamic.area.handlers['guarantee:get']({ householdId, asOf }).indicators),
    households: createExportSource(db),
    jobs,
    fontsDir: fontsDirOf,
  });

  const reports = createReportsService({
    ...deps,
    source: createReportSource(db, povertyLines),
    cadence: () => assistance.handlers['visitCadence:get']({}),
  });

  const incentives = createIncentivesArea(deps, {
    xlsx: (data) => writePublicityXlsx(data),
    pdf: (data) => writePublicityPdf(data, fontsDirOf()),
  });

  const accountability = createAccountabilityArea(deps, {
    cadence: () => assistance.handlers['visitCadence:get']({}),
    saveVisit: (input) => assistance.handlers['visit:save'](input),
    writers: { xlsx: (data) => writeCadreBulletinXlsx(data), pdf: (data) => writeCadreBulletinPdf(data, fontsDirOf()) },
  });
  areas.push(accountability);

  const handlers: ApiHandlers = {
    'app:info': () => ({ version: APP_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, dbPath: options.dbPath }),
    'settings:get': () => p.getSettings(),
    'settings:update': (input) => p.updateSettings(input),
    'village:list': () => p.listVillages(),
    'village:save': (input) => p.saveVillage(input),
    'village:delete': (input) => p.deleteVillage(input),
    'group:save': (input) => p.saveGroup(input),
    'group:delete': (input) => p.deleteGroup(input),
    'household:list': (input) => registry.list(input),
    'household:get': ({ id }) => registry.get(id),
    'household:save': (input) => registry.save(input),
    'household:delete': (input) => registry.delete(input),
    'household:restore': (input) => registry.restore(input),
    'audit:list': (input) => audit.list(input),
    ...dynamic.area.handlers,
    'import:preview': (input) => importer.preview(input),
    'import:commit': (input) => importer.commit(input),
    'import:start': async (input) => importer.start(input),
    // A job's result is what its method returns; its `kind` names the method.
    'job:get': async ({ jobId }) => jobs.get(jobId) as LedgerJob,
    'job:cancel': async ({ jobId }) => jobs.cancel(jobId),
    'export:roster': (input) => exporter.roster(input),
    'import:template': async () => ({ fileName: '帮扶台账花名册导入模板.xlsx', contentBase64: (await buildTemplate()).toString('base64') }),
    'export:register': (input) => exportRegister.list(input),
    'export:registerHouseholds': ({ exportId }) => {
      const found = exportRegister.householdsOf(exportId);
      if (!found) throw new LedgerError('NOT_FOUND', `导出登记中没有第 ${exportId} 号记录`);
      return found;
    },
    ...assistance.handlers,
    'visit:save': (input) => accountability.saveVisit(input),
    'card:preview': (input) => cards.preview(input),
    'card:start': async (input) => cards.start(input),
    'card:pdf': (input) => cards.pdfNow(input),
    'cardSettings:get': () => cards.settings(),
    'cardSettings:update': (input) => cards.updateSettings(input),
    'report:monthly': ({ month }) => reports.monthly(month),
    'report:xlsx': async ({ month }) => {
      const r = reports.monthly(month);
      return { fileName: reportFileName(r, 'xlsx'), contentBase64: (await writeReportXlsx(r)).toString('base64') };
    },
    'report:pdf': async ({ month }) => {
      const r = reports.monthly(month);
      return { fileName: reportFileName(r, 'pdf'), contentBase64: (await writeReportPdf(r, fontsDirOf())).buffer.toString('base64') };
    },
    'month:list': () => reports.list(),
    'month:close': ({ month, confirm }) => {
      reports.assertCanClose(month);
      // The checks run first: closing over open errors freezes them into the month's figures.
      const errors = quality.run('month-close').run?.errors ?? 0;
      if (errors > 0 && !confirm) {
        throw new LedgerError('CONFLICT', `还有 ${errors} 条错误疑点未处理，结账后本月数字会包含这些错误。请先到“数据检查”处理，或确认后仍然结账`, { qualityErrors: errors });
      }
      backups.before('结账前');
      return reports.close({ month, note: errors > 0 ? `确认结账：尚有 ${errors} 条错误疑点未处理` : null });
    },
    'month:reopen': (input) => reports.reopen(input),
    'dashboard:get': ({ month }) => reports.dashboard(month),
    ...incentives.handlers,
    ...accountability.handlers,
    'backup:list': () => backups.list(),
    'backup:create': ({ to }) => backups.create(to),
    'backup:restore': (input) => backups.restore(input),
    'backupSettings:get': () => backups.settings(),
    'backupSettings:update': (input) => backups.updateSettings(input),
    'quality:rules': () => quality.rules(),
    'quality:run': ({ trigger, householdId }) => quality.run(trigger, householdId),
    'quality:summary': () => quality.summary(),
    'quality:findings': (input) => quality.findings(input),
    'quality:acknowledge': (input) => quality.acknowledge(input),
    'quality:unacknowledge': (input) => quality.unacknowledge(input),
    'quality:workbook': async ({ villageId, includeAcknowledged }) => {
      const run = quality.latest() ?? quality.run('manual').run!;
      const townshipName = p.getSettings()?.townshipName ?? '';
      const content = await writeQualityWorkbook({ townshipName, run, rules: quality.rules(), findings: quality.all(villageId, includeAcknowledged) });
      return { fileName: `${townshipName}疑点数据${run.ranAt.slice(0, 10).replaceAll('-', '')}.xlsx`, contentBase64: content.toString('base64') };
    },
  };

  return {
    dbPath: options.dbPath,
    db,
    handlers,
    writeBlocker: () => jobs.writeBlocker(),
    startupBackup: () => backups.daily(),
    seed: (input) => seedTownship(db, { places: p, repo: householdsRepo, audit, now, areaSeeds: areas.flatMap((a) => (a.seed ? [a.seed] : [])) }, input),
    close() {
      if (db.open) db.close();
    },
  };
}
