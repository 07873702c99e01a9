import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { api, type ApiMethod } from '../../shared/api';
import { API_METHODS } from '../../shared/api-methods';
import { codeFromText, householdStatus, labelOf, householdAttribute, povertyCause } from '../../shared/domain';
import type { ImportPreview, ImportResult } from '../../shared/domain/import.types';
import { exportLayout, type ExportFile } from '../../shared/domain/export.types';
import type { JobView } from '../../shared/domain/job.types';
import type { CardsPdf } from '../../shared/domain/card.types';
import type { MonthClose, MonthlyReport, ReportFile } from '../../shared/domain/report.types';
import { monthLabel, reportTitle } from '../../shared/reports/monthly-report';
import type { HouseholdRow, Page } from '../../shared/domain/registry.types';
import type { QualityFinding, QualitySummary } from '../../shared/domain/quality.types';
import type { BackupInfo, RestoreResult } from '../../shared/domain/backup.types';
import type { CadreRanking } from '../../shared/domain/cadre-assessment.types';
import { fail, ok, type Result } from '../../shared/result';
import { seedInput } from '../../shared/schemas/household.schema';
import { toFieldIssues } from '../../shared/schemas/issues';
import { createLedger, dispatchAsync, type Ledger } from '../core';
import { failureOf } from '../core/dispatch';
import { SEVERITY_LABELS, summaryOrder } from '../core/io/quality-xlsx';
import { resolveDbPath } from '../core/paths';
import { startHttpDoor } from './http';
import { payloadProblem } from './limits';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `帮扶台账 命令行 (npm run ledger -- [--db 文件] [--json] <命令> [参数])

命令：
  info                               程序与数据库信息
  seed --households N [--seed S] [--villages V]
                                     生成合成演示数据（虚构人员，证件号码合法）
  households [--q 关键词] [--village 村名] [--status 户状态] [--page N] [--page-size N]
                                     农户列表；关键词可为姓名、证件号码、户编号或拼音首字母
  household <编号>                   一户的档案详情
  villages                           行政村与自然村（组）
  audit [--page N]                   操作日志
  import <文件> [--dry-run] [--errors 文件.xlsx] [--status 户类型]
                                     导入花名册（.xlsx 或 .csv）：新户写入台账，已有的户按户编号更新；
                                     未导入的行写成“…-未导入的行.xlsx”（或 --errors 指定的文件）；
                                     --dry-run 只预检、不写入；--status 给没有“户类型”列的表（国家系统导出）
                                     指定新户的户类型，如 --status 脱贫户
  cards --out 文件.pdf [--layout a4|a4-2up|a5] [--village 村名] [--status 户状态] [--q 关键词] [--year 年度]
                                     打印精准帮扶联系卡（PDF，嵌入中文字体）：a4 每页一张，a4-2up 每张 A4 两张
                                     （带裁切线，默认），a5 每页一张；按行政村、组、户编号排序；
                                     户电话隐去中间四位，不印身份证号码
  export --layout 格式 --out 文件.xlsx [--village 村名] [--status 户状态] [--q 关键词]
                                     导出花名册；格式：national-household（国家系统户表 53 列）、
                                     national-member（成员表 47 列）、national-2022（2022 年已脱贫人口名单）、
                                     template（本系统导入模板）；每次导出都记入导出登记
  report --month 年-月 [--xlsx 文件.xlsx] [--pdf 文件.pdf]
                                     某月的巩固脱贫成果月报：已结账的月份用结账时的数据；
                                     不给文件时在屏幕上列出各村的主要数字
  cadres --month 年-月 [--village 村名] [--xlsx 文件.xlsx] [--pdf 文件.pdf]
                                     帮扶干部某月排名：结对户数、应走访/已走访、满意率、在村天数、逾期户数和红黑榜建议；
                                     --xlsx/--pdf 写出该月帮扶干部红黑榜通报（须已开始公示）
  close-month 年-月                  月末结账：冻结该月的数字和所依据的农户数据
  reopen-month 年-月 --reason 原因   重新打开已结账的月份（原快照保留）
  check [--village 村名] [--xlsx 文件.xlsx]
                                     数据质量检查：运行全部检查规则，按规则列出未核实的疑点数（--json 时
                                     列出每条疑点，含户编号、姓名和证件号码）；--village 只列该村的疑点；
                                     --xlsx 写出疑点数据工作簿（疑点数据统计表和每条规则一张明细表，
                                     含完整证件号码，仅供内部核查）；
                                     退出码：有未核实的“错误”级疑点时为 1，没有时为 0
  backup [--out 文件夹或文件]         立即备份台账（默认放在数据库旁的 backups 文件夹；可指定 U 盘等位置），写完后校验
  backups                            列出 backups 文件夹中的备份（新的在前）
  restore 备份文件                   从备份恢复：先校验备份，再把当前台账备份为“恢复前”，然后替换
  call <方法> [JSON]                 直接调用任一接口，如 call household:list '{"q":"zs"}'
  methods                            列出所有接口方法
  serve [--port P] [--open]          在 127.0.0.1 上启动网页版（需先 npm run build）

通用参数：
  --db 文件    使用指定的数据库文件（默认：用户数据目录下的 ledger.sqlite，或环境变量 BANGFU_LEDGER_DB）
  --json       以 JSON 输出结果信封 { ok, data | error }`;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Chinese names of what the areas' seeds report. */
const SEED_COUNT_LABELS: Record<string, string> = {
  statusEvents: '状态变更记录',
  incomeRecords: '年度收入',
  guaranteeSurveys: '住房饮水核查',
  cadres: '帮扶干部',
  pairings: '结对记录',
  measures: '帮扶措施',
  subsidies: '补贴发放',
  visits: '走访记录',
  ratings: '满意度评价',
  attendance: '驻村考勤',
};

/** The CLI door. Returns the process exit code: 0 done, 1 refused or failed, 2 wrong usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        households: { type: 'string' },
        seed: { type: 'string' },
        villages: { type: 'string' },
        q: { type: 'string' },
        village: { type: 'string' },
        status: { type: 'string' },
        page: { type: 'string' },
        'page-size': { type: 'string' },
        port: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        errors: { type: 'string' },
        layout: { type: 'string' },
        out: { type: 'string' },
        open: { type: 'boolean', default: false },
        year: { type: 'string' },
        month: { type: 'string' },
        xlsx: { type: 'string' },
        pdf: { type: 'string' },
        reason: { type: 'string' },
      },
    });
  } catch (e) {
    io.err(`参数有误：${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'methods') {
    io.out(API_METHODS.map((m) => `${m.padEnd(20)} ${api[m].title}`).join('\n'));
    return 0;
  }
  const known = ['info', 'seed', 'households', 'household', 'villages', 'audit', 'call', 'serve', 'import', 'export', 'cards', 'report', 'close-month', 'reopen-month', 'check', 'backup', 'backups', 'restore', 'cadres'];
  if (!known.includes(command)) {
    io.err(`没有“${command}”这个命令。\n\n${USAGE}`);
    return 2;
  }

  let ledger: Ledger;
  try {
    ledger = createLedger({ dbPath: resolveDbPath(values.db) });
  } catch (e) {
    return report(io, values.json, failureOf(e), () => '');
  }
  const call = (method: ApiMethod, input: unknown) => dispatchAsync(ledger, method, input);
  try {
    switch (command) {
      case 'info':
        return report(io, values.json, await call('app:info', {}), (d) => {
          const info = d as { version: string; schemaVersion: number; dbPath: string };
          return `帮扶台账 ${info.version}\n数据库：${info.dbPath}\n数据版本：${info.schemaVersion}`;
        });
      case 'seed': {
        const input = seedInput.safeParse({
          households: numberArg(values.households),
          seed: numberArg(values.seed) ?? 1,
          villages: numberArg(values.villages),
        });
        if (!input.success) {
          const issues = toFieldIssues(input.error);
          return report(io, values.json, fail('VALIDATION', issues[0]?.message ?? '参数有误', { issues }), () => '');
        }
        let result: Result<unknown>;
        try {
          result = ok(ledger.seed(input.data));
        } catch (e) {
          result = failureOf(e);
        }
        return report(io, values.json, result, (d) => {
          const r = d as { villages: number; groups: number; households: number; members: number; more: Record<string, number> };
          const more = Object.entries(r.more).map(([k, n]) => `${SEED_COUNT_LABELS[k] ?? k} ${n}`);
          return `已生成 ${r.villages} 个行政村、${r.groups} 个组、${r.households} 户、${r.members} 人${more.length ? `；${more.join('、')}` : ''}（合成数据，非真实人员）`;
        });
      }
      case 'households': {
        const villageId = values.village ? ledger.handlers['village:list']({}).find((v) => v.name === values.village)?.id : undefined;
        if (values.village && villageId === undefined) {
          return report(io, values.json, fail('NOT_FOUND', `没有名为“${values.village}”的行政村`), () => '');
        }
        const status = values.status ? (codeFromText(householdStatus, values.status) ?? values.status) : undefined;
        return report(
          io,
          values.json,
          await call('household:list', { q: values.q, villageId, status, page: numberArg(values.page), pageSize: numberArg(values['page-size']) }),
          (d) => householdTable(d as Page<HouseholdRow>),
        );
      }
      case 'household':
        return report(io, values.json, await call('household:get', { id: numberArg(rest[0]) }), (d) => JSON.stringify(d, null, 2));
      case 'villages':
        return report(io, values.json, await call('village:list', {}), (d) =>
          (d as { name: string; householdCount: number; groups: { name: string; householdCount: number }[] }[])
            .map((v) => `${v.name}（${v.householdCount} 户）：${v.groups.map((g) => `${g.name} ${g.householdCount} 户`).join('，') || '无组'}`)
            .join('\n'),
        );
      case 'audit':
        return report(io, values.json, await call('audit:list', { page: numberArg(values.page) }), (d) =>
          (d as { rows: { at: string; operator: string; summary: string }[] }).rows.map((r) => `${r.at}  ${r.operator}  ${r.summary}`).join('\n'),
        );
      case 'call': {
        const [method, json] = rest;
        let input: unknown = {};
        if (json !== undefined) {
          try {
            input = JSON.parse(json);
          } catch {
            return report(io, values.json, fail('VALIDATION', '参数不是有效的 JSON'), () => '');
          }
        }
        // The same shape checks as the HTTP and IPC doors: `null`, a list or a bare value is no input.
        const problem = payloadProblem(input, Number.POSITIVE_INFINITY);
        if (problem) return report(io, values.json, fail('VALIDATION', problem), () => '');
        return report(io, values.json, await dispatchAsync(ledger, method, input), (d) => JSON.stringify(d, null, 2));
      }
      case 'import': {
        const file = rest[0];
        if (!file) return report(io, values.json, fail('VALIDATION', '请给出要导入的文件，如 import 花名册.xlsx --dry-run'), () => '');
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          return report(io, values.json, fail('IO', `读不到文件“${file}”，请检查路径`), () => '');
        }
        const defaultStatus = values.status === undefined ? undefined : (codeFromText(householdStatus, values.status) ?? values.status);
        const payload = { fileName: basename(file), contentBase64: bytes.toString('base64'), defaultStatus };
        const result = await runJob(ledger, 'import:start', { ...payload, commit: !values['dry-run'] }, values.json ? null : io);
        if (values['dry-run']) return report(io, values.json, result, (d) => importSummary(d as ImportPreview));
        let errorsAt: string | null = null;
        if (result.ok) {
          const workbook = (result.data as ImportResult).errorWorkbook;
          if (workbook) {
            errorsAt = values.errors ? resolve(values.errors) : join(dirname(resolve(file)), workbook.fileName);
            writeFileSync(errorsAt, Buffer.from(workbook.contentBase64, 'base64'));
          }
        }
        return report(io, values.json, result, (d) => importResultSummary(d as ImportResult, errorsAt));
      }
      case 'export':
        return await exportRoster(ledger, io, values);
      case 'cards':
        return await printCards(ledger, io, values);
      case 'report':
        return await monthlyReport(ledger, io, values);
      case 'close-month': {
        const result = await dispatchAsync(ledger, 'month:close', { month: rest[0], confirm: true });
        return report(io, values.json, result, (d) => {
          const c = d as MonthClose;
          const confirmed = c.confirmedNote ? `\n${c.confirmedNote}（运行 check 查看）` : '';
          return `${monthLabel(c.month)}已结账（${c.households} 户，${c.closedBy}，${c.closedAt.slice(0, 16).replace('T', ' ')}），此后该月的月报都用这次结账时的数据。${confirmed}`;
        });
      }
      case 'reopen-month': {
        const result = await dispatchAsync(ledger, 'month:reopen', { month: rest[0], reason: values.reason });
        return report(io, values.json, result, (d) => `${monthLabel((d as MonthClose).month)}已重新打开，原因：${(d as MonthClose).reopenReason}。原结账快照仍保留。`);
      }
      case 'check':
        return await qualityCheck(ledger, io, values);
      case 'cadres':
        return await cadreRanking(ledger, io, values);
      case 'backup': {
        const result = await dispatchAsync(ledger, 'backup:create', values.out ? { to: values.out } : {});
        return report(io, values.json, result, (d) => `已备份到：${(d as BackupInfo).path}（${megabytes((d as BackupInfo).sizeBytes)}，已校验）`);
      }
      case 'backups': {
        const result = await dispatchAsync(ledger, 'backup:list', {});
        return report(io, values.json, result, (d) =>
          (d as BackupInfo[]).length === 0
            ? '还没有备份'
            : (d as BackupInfo[]).map((b) => `${b.takenAt.slice(0, 19).replace('T', ' ')}  ${b.reason.padEnd(8, '　')}  ${megabytes(b.sizeBytes).padStart(9)}  ${b.fileName}`).join('\n'),
        );
      }
      case 'restore': {
        const result = await dispatchAsync(ledger, 'backup:restore', { path: rest[0] });
        return report(io, values.json, result, (d) => {
          const r = d as RestoreResult;
          return `已从“${r.restoredFrom}”恢复台账（${r.households} 户）。恢复前的台账已备份为：${r.safetyBackup.path}`;
        });
      }
      case 'serve':
        return await serve(ledger, io, numberArg(values.port), values.open);
    }
    return 2;
  } finally {
    if (command !== 'serve') ledger.close();
  }
}

/** `export --layout … --out FILE`: writes the file, and answers with what was written (not its bytes). */
async function exportRoster(
  ledger: Ledger,
  io: CliIo,
  values: { json?: boolean; layout?: string; out?: string; village?: string; status?: string; q?: string },
): Promise<number> {
  if (!values.out) return report(io, values.json, fail('VALIDATION', '请用 --out 指定导出文件，如 export --layout national-member --out 成员信息.xlsx'), () => '');
  const villageId = villageIdByName(ledger, values.village);
  if (villageId === null) return report(io, values.json, fail('NOT_FOUND', `没有名为“${values.village}”的行政村`), () => '');
  const input = {
    // The layout may be given by its code or its Chinese name; the schema names a wrong one.
    layout: values.layout === undefined ? undefined : (codeFromText(exportLayout, values.layout) ?? values.layout),
    villageId,
    status: values.status ? (codeFromText(householdStatus, values.status) ?? values.status) : undefined,
    q: values.q,
  };
  const result = await dispatchAsync(ledger, 'export:roster', input);
  if (!result.ok) return report(io, values.json, result, () => '');
  const file = result.data as ExportFile;
  const target = resolve(values.out);
  const wrote = writeOut(target, file.contentBase64);
  if (!wrote.ok) return report(io, values.json, wrote, () => '');
  const written = { fileName: file.fileName, file: target, households: file.households, rows: file.rows, layout: input.layout };
  return report(io, values.json, ok(written), () => {
    const people = input.layout === 'national-household' ? '' : ` ${file.rows} 人`;
    return `已导出 ${file.households} 户${people}（${labelOf(exportLayout, String(input.layout))}），已写入：${target}\n本次导出已记入导出登记。`;
  });
}

/** `cards --out FILE.pdf`: the contact cards of a village (or all, or a filter) as one PDF. */
async function printCards(
  ledger: Ledger,
  io: CliIo,
  values: { json?: boolean; layout?: string; out?: string; village?: string; status?: string; q?: string; year?: string },
): Promise<number> {
  if (!values.out) return report(io, values.json, fail('VALIDATION', '请用 --out 指定 PDF 文件，如 cards --village 石桥村 --out 联系卡.pdf'), () => '');
  const villageId = villageIdByName(ledger, values.village);
  if (villageId === null) return report(io, values.json, fail('NOT_FOUND', `没有名为“${values.village}”的行政村`), () => '');
  const input = {
    layout: values.layout,
    villageId,
    status: values.status ? (codeFromText(householdStatus, values.status) ?? values.status) : undefined,
    q: values.q,
    year: numberArg(values.year),
  };
  const result = await runJob(ledger, 'card:start', input, values.json ? null : io);
  if (!result.ok) return report(io, values.json, result, () => '');
  const pdf = result.data as CardsPdf;
  const target = resolve(values.out);
  const wrote = writeOut(target, pdf.contentBase64);
  if (!wrote.ok) return report(io, values.json, wrote, () => '');
  const written = { fileName: pdf.fileName, file: target, cards: pdf.cards, pages: pdf.pages, bytes: pdf.bytes };
  return report(io, values.json, ok(written), () => `已生成 ${pdf.cards} 张联系卡，共 ${pdf.pages} 页（${(pdf.bytes / 1024 / 1024).toFixed(2)} MB），已写入：${target}`);
}

/** The village of that name; undefined when no name is given, null when there is no such village. */
function villageIdByName(ledger: Ledger, name: string | undefined): number | undefined | null {
  if (name === undefined) return undefined;
  return ledger.handlers['village:list']({}).find((v) => v.name === name)?.id ?? null;
}

/** Writes a file the core made (base64) where the clerk asked. */
function writeOut(target: string, contentBase64: string): Result<null> {
  try {
    writeFileSync(target, Buffer.from(contentBase64, 'base64'));
    return ok(null);
  } catch (e) {
    return fail('IO', `无法写入“${target}”：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件夹不存在' : (e as Error).message}`);
  }
}

/** `report --month YYYY-MM [--xlsx FILE] [--pdf FILE]`: the month's report, written or summed up on screen. */
async function monthlyReport(ledger: Ledger, io: CliIo, values: { json?: boolean; month?: string; xlsx?: string; pdf?: string }): Promise<number> {
  const figures = await dispatchAsync(ledger, 'report:monthly', { month: values.month });
  if (!figures.ok) return report(io, values.json, figures, () => '');
  const r = figures.data as MonthlyReport;
  const written: string[] = [];
  for (const [method, target] of [['report:xlsx', values.xlsx], ['report:pdf', values.pdf]] as const) {
    if (!target) continue;
    const file = await dispatchAsync(ledger, method, { month: values.month });
    if (!file.ok) return report(io, values.json, file, () => '');
    const wrote = writeOut(resolve(target), (file.data as ReportFile).contentBase64);
    if (!wrote.ok) return report(io, values.json, wrote, () => '');
    written.push(resolve(target));
  }
  if (values.json) return report(io, true, ok(written.length ? { ...r, written } : r), () => '');
  const status = r.tables.find((x) => x.id === 'status')!;
  const monitoring = r.tables.find((x) => x.id === 'monitoring')!;
  const at = (table: typeof status, key: string) => table.columns.findIndex((c) => c.key === key);
  const lines = [
    `${reportTitle(r)}（${r.source === 'snapshot' ? `${r.closedAt?.slice(0, 10)} 结账数据` : '当前数据，未结账'}）`,
    ...[...status.rows, status.total].map((row, i) => {
      const m = i < monitoring.rows.length ? monitoring.rows[i]! : monitoring.total;
      return `  ${row.label}：${row.values[at(status, 'households')]} 户 ${row.values[at(status, 'people')]} 人，监测对象 ${m.values[at(monitoring, 'monitored.households')]} 户（风险未消除 ${m.values[at(monitoring, 'risk.ACTIVE')]} 户），本月新识别 ${m.values[at(monitoring, 'new.households')]} 户`;
    }),
    ...written.map((f) => `已写入：${f}`),
  ];
  return report(io, false, ok(null), () => lines.join('\n'));
}

/** `cadres --month M [--village NAME] [--xlsx FILE] [--pdf FILE]`: the month's ranking of cadres, and the list's bulletin. */
async function cadreRanking(ledger: Ledger, io: CliIo, values: { json?: boolean; month?: string; village?: string; xlsx?: string; pdf?: string }): Promise<number> {
  const villageId = villageIdByName(ledger, values.village);
  if (villageId === null) return report(io, values.json, fail('NOT_FOUND', `没有名为“${values.village}”的行政村`), () => '');
  const ranking = await dispatchAsync(ledger, 'cadre:ranking', { month: values.month, ...(villageId === undefined ? {} : { villageId }) });
  if (!ranking.ok) return report(io, values.json, ranking, () => '');
  const written: string[] = [];
  for (const [format, target] of [['xlsx', values.xlsx], ['pdf', values.pdf]] as const) {
    if (!target) continue;
    const file = await dispatchAsync(ledger, 'cadreList:bulletin', { month: values.month, format });
    if (!file.ok) return report(io, values.json, file, () => '');
    const wrote = writeOut(resolve(target), (file.data as ReportFile).contentBase64);
    if (!wrote.ok) return report(io, values.json, wrote, () => '');
    written.push(resolve(target));
  }
  const r = ranking.data as CadreRanking;
  if (values.json) return report(io, true, ok(written.length ? { ...r, written } : r), () => '');
  const percent = (v: number | null) => (v === null ? '—' : `${v}%`);
  const proposal = { RED: '建议红榜', BLACK: '建议黑榜' } as const;
  const lines = [
    `${monthLabel(r.month)}帮扶干部排名（截至 ${r.asOf}，${r.rows.length} 人）`,
    ...r.rows.map((f) =>
      [
        `${String(f.rank).padStart(4)}. ${f.cadreName}（${f.unit}）`,
        `结对 ${f.householdsPaired} 户`,
        `应走访 ${f.visitsDue} 户已走访 ${f.visitsDone} 户（${percent(f.visitRate)}）`,
        `满意率 ${percent(f.satisfaction)}（${f.ratings.rated} 户评价）`,
        ...(f.attendance ? [`在村 ${f.attendance.days ?? '未登记'}/${f.attendance.requiredDays} 天`] : []),
        `逾期 ${f.overdue.length} 户`,
        f.proposal.list ? `${proposal[f.proposal.list]}：${f.proposal.reasons.join('；')}` : '',
      ].filter(Boolean).join('，'),
    ),
    ...written.map((f) => `已写入：${f}`),
  ];
  return report(io, false, ok(null), () => lines.join('\n'));
}

/**
 * `check [--village NAME] [--xlsx FILE]`: runs every data-quality rule, then lists the open
 * findings (of the village, or all): per rule on screen, each finding with --json. Exit code 1
 * while open error-level findings remain (so a script or a scheduled task can stop on them), else 0.
 */
async function qualityCheck(ledger: Ledger, io: CliIo, values: { json?: boolean; xlsx?: string; village?: string }): Promise<number> {
  const villageId = villageIdByName(ledger, values.village);
  if (villageId === null) return report(io, values.json, fail('NOT_FOUND', `没有名为“${values.village}”的行政村`), () => '');
  const ran = await dispatchAsync(ledger, 'quality:run', { trigger: 'cli' });
  if (!ran.ok) return report(io, values.json, ran, () => '');
  const summary = ran.data as QualitySummary;

  const findings: QualityFinding[] = [];
  for (let page = 1; ; page++) {
    const r = await dispatchAsync(ledger, 'quality:findings', { villageId, includeAcknowledged: false, page, pageSize: 500 });
    if (!r.ok) return report(io, values.json, r, () => '');
    const { rows, total } = r.data as Page<QualityFinding>;
    findings.push(...rows);
    if (rows.length === 0 || findings.length >= total) break;
  }

  let written: string | null = null;
  if (values.xlsx) {
    const file = await dispatchAsync(ledger, 'quality:workbook', { villageId });
    if (!file.ok) return report(io, values.json, file, () => '');
    written = resolve(values.xlsx);
    const wrote = writeOut(written, (file.data as ReportFile).contentBase64);
    if (!wrote.ok) return report(io, values.json, wrote, () => '');
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  const code = report(io, values.json, ok(findings), () => {
    const byRule = new Map<string, number>();
    for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const lines = summaryOrder(summary.rules)
      .filter((rule) => byRule.has(rule.id))
      .map((rule) => `${rule.id} ${SEVERITY_LABELS[rule.severity]} ${rule.title} ${byRule.get(rule.id)}`);
    // A finding of a rule this program no longer lists (cannot happen after a fresh run) still counts.
    const unlisted = [...byRule.keys()].filter((id) => !summary.rules.some((rule) => rule.id === id));
    for (const id of unlisted.sort()) lines.push(`${id} ${byRule.get(id)}`);
    const scope = values.village ? `${values.village}：` : '';
    const checked = summary.run ? `（检查 ${summary.run.households} 户，用时 ${(summary.run.durationMs / 1000).toFixed(1)} 秒）` : '';
    lines.push(
      findings.length
        ? `${scope}共 ${findings.length} 条未核实的疑点：错误 ${errors} 条，提示 ${findings.length - errors} 条${checked}`
        : `${scope}未发现未核实的疑点${checked}`,
    );
    if (written) lines.push(`疑点数据工作簿已写入：${written}（含完整证件号码，仅供内部核查）`);
    return lines.join('\n');
  });
  return code !== 0 ? code : errors > 0 ? 1 : 0;
}

async function serve(ledger: Ledger, io: CliIo, port: number | undefined, open: boolean): Promise<number> {
  const staticDir = resolve(__dirname, '..', '..', '..', 'out', 'renderer');
  const fallbackDir = resolve(process.cwd(), 'out', 'renderer');
  const dir = [staticDir, fallbackDir].find((d) => existsSync(join(d, 'index.html')));
  if (!dir) io.err('提示：未找到已构建的界面（out/renderer），只提供接口；请先运行 npm run build。');
  const door = await startHttpDoor({ ledger, staticDir: dir, port });
  io.out(`帮扶台账网页版已启动：${door.url}  （数据库：${ledger.dbPath}，按 Ctrl+C 退出）`);
  ledger.startupBackup().then(
    (b) => b && io.err(`今天的自动备份：${b.path}`),
    (e: unknown) => io.err(`今天的自动备份没有完成：${e instanceof Error ? e.message : String(e)}`),
  );
  if (open) openInBrowser(door.url, io);
  await new Promise<void>((done) => {
    const stop = () => {
      void door.close().then(() => {
        ledger.close();
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Opens the system browser; used when the desktop shell cannot start. */
export function openInBrowser(url: string, io: CliIo): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => io.err(`无法自动打开浏览器，请手动打开：${url}`));
  child.unref();
}

function numberArg(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : (v as unknown as number); // let the schema name the bad value
}

function report(io: CliIo, json: boolean | undefined, result: Result<unknown>, human: (data: unknown) => string): number {
  if (json) io.out(JSON.stringify(result, null, 2));
  else if (result.ok) io.out(human(result.data));
  else {
    io.err(`错误（${result.error.code}）：${result.error.message}`);
    for (const issue of result.error.details?.issues?.slice(1) ?? []) io.err(`  - ${issue.message}`);
  }
  return result.ok ? 0 : 1;
}

function householdTable(page: Page<HouseholdRow>): string {
  const lines = page.rows.map((r) =>
    [r.householdNo, r.villageName + (r.groupName ?? ''), r.headName, `${r.memberCount}人`, labelOf(householdStatus, r.status), labelOf(householdAttribute, r.attribute), labelOf(povertyCause, r.mainCause)].join('  '),
  );
  return [...lines, `共 ${page.total} 户`].join('\n');
}

/** Runs a job (an import, the cards), telling the terminal what it is doing every couple of seconds. */
async function runJob(ledger: Ledger, start: 'import:start' | 'card:start', input: unknown, io: CliIo | null): Promise<Result<unknown>> {
  const started = await dispatchAsync(ledger, start, input);
  if (!started.ok) return started;
  const jobId = (started.data as { jobId: string }).jobId;
  let said = '';
  let saidAt = 0;
  for (;;) {
    const job = await dispatchAsync(ledger, 'job:get', { jobId });
    if (!job.ok) return job;
    const view = job.data as JobView;
    if (view.state !== 'running') {
      if (view.state === 'done') return ok(view.result);
      return fail((view.error?.code ?? 'CONFLICT') as 'CONFLICT', view.error?.message ?? (start === 'import:start' ? '导入已取消，台账未改动' : '已取消'));
    }
    const line = `${view.phase}${view.total ? ` ${view.done}/${view.total}` : view.done ? ` ${view.done} 行` : ''}`;
    const phase = line.split(' ')[0];
    if (io && view.phase !== '准备' && (phase !== said.split(' ')[0] || (line !== said && Date.now() - saidAt > 2000))) {
      io.err(`  ${line}`);
      said = line;
      saidAt = Date.now();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function importSummary(p: ImportPreview): string {
  const lines = [
    `文件：${p.fileName}${p.sheetName ? `（工作表“${p.sheetName}”）` : ''}${p.encoding ? `，编码 ${p.encoding}` : ''}，表头在第 ${p.headerRow} 行，${p.layout === 'household' ? '每行一户' : '每行一人'}`,
    `可导入 ${p.households} 户 ${p.people} 人：新增 ${p.newHouseholds} 户，更新 ${p.updatedHouseholds} 户，无变化 ${p.unchangedHouseholds} 户；有问题的行 ${p.rejectedRows} 行`,
  ];
  if (p.needsDefaultStatus) lines.push('文件没有“户类型”列：请用 --status 指定新户的户类型，如 --status 脱贫户');
  for (const notice of p.notices) lines.push(`提示：${notice}`);
  if (p.unknownColumns.length) lines.push(`未识别的列：${p.unknownColumns.map((c) => `${c.column}“${c.header}”`).join('、')}`);
  for (const problem of p.problems) lines.push(`  第 ${problem.row} 行${problem.column ? ` ${problem.column} 列` : ''}：${problem.message}`);
  return lines.join('\n');
}

function importResultSummary(r: ImportResult, errorsAt: string | null): string {
  const lines = [`导入完成：新增 ${r.created} 户，更新 ${r.updated} 户，无变化 ${r.unchanged} 户，新增 ${r.people} 人；未导入 ${r.rejectedRows} 行`];
  for (const notice of r.notices) lines.push(`提示：${notice}`);
  if (r.backupFile) lines.push(`导入前的台账已备份到：${r.backupFile}`);
  if (errorsAt) lines.push(`未导入的行及原因已写入：${errorsAt}（改正后可再次导入）`);
  return lines.join('\n');
}
