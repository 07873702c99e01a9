/**
 * Excel import. The file streams in row by row; each household is planned as new, updated,
 * unchanged or refused against the registry with the same rules as the form; a dry run stops
 * there. The real import takes a backup, then writes every good household in one transaction
 * (each its own savepoint, so a refused one leaves the others), giving the event loop back as it
 * goes so progress is shown and a cancel rolls everything back. Refused rows go back to the clerk
 * as an error workbook.
 */
import type { ApiParsed } from '../../../shared/api';
import { householdStatus, labelOf, monitoringCategory, riskState } from '../../../shared/domain';
import type { ImportLayout, ImportPreview, ImportProblem, ImportResult } from '../../../shared/domain/import.types';
import type { QualityRun } from '../../../shared/domain/quality.types';
import type { HouseholdDetail } from '../../../shared/domain/registry.types';
import { LedgerError } from '../../../shared/result';
import { checkDocumentNumber, normalizeIdText } from '../../../shared/rules/id-number';
import { householdInput, type HouseholdData, type HouseholdInput, type MemberInput } from '../../../shared/schemas/household.schema';
import { toFieldIssues } from '../../../shared/schemas/issues';
import type { AreaDeps } from '../area';
import { backupCopy } from '../db/connection';
import type { JobContext, Jobs } from '../jobs';
import type { HouseholdsRepo } from '../registry/households.repo';
import type { RegistryService } from '../registry/registry.service';
import { columnLetter, findColumns, type ColumnMap, type ImportField } from './columns';
import { createErrorWorkbook } from './error-workbook';
import { createRosterBuilder, layoutOf, type HouseholdDraft, type Places } from './roster-rows';
import { openTable, type TableCell, type TableSource } from './table-reader';

/** Columns each layout cannot do without. */
const REQUIRED: Record<ImportLayout, [ImportField, string][]> = {
  person: [['name', '姓名'], ['idNumber', '证件号码'], ['relationship', '与户主关系'], ['village', '行政村']],
  household: [['headName', '户主姓名'], ['headIdNumber', '户主证件号码'], ['village', '行政村']],
};

/** How many problems the preview lists; the error workbook (on commit) carries them all. */
const PREVIEW_PROBLEMS = 100;
/** The header is looked for among this many rows, as `findColumns` does. */
const HEADER_SEARCH_ROWS = 30;

/** Form fields and the file columns they come from, to point a refusal at the right cell. */
const MEMBER_COLUMN: Partial<Record<string, ImportField>> = { phone: 'memberPhone' };
const HOUSEHOLD_COLUMN: Partial<Record<string, ImportField>> = { phone: 'householdPhone', identifiedYear: 'identifiedAt', villageId: 'village', groupId: 'group' };

type PlanKind = 'new' | 'update' | 'unchanged';
/** What is kept of a checked household: its data and where its rows were, not the draft. */
interface PlannedHousehold {
  key: string;
  row: number;
  memberRows: number[];
  kind: PlanKind;
  data: HouseholdData;
  /** People this import adds to the registry. */
  newPeople: number;
}

interface Plan {
  source: TableSource;
  map: ColumnMap;
  layout: ImportLayout;
  header: TableCell[];
  /** Each row's number of cells by 0-based index, from the first reading: the error workbook's width. */
  widths: number[];
  /** Emptied by the real import as it writes them: a township's checked households are the largest thing it holds. */
  planned: PlannedHousehold[];
  problems: ImportProblem[];
  notices: string[];
  needsDefaultStatus: boolean;
  people: number;
}

/** The household as the form would send it, so the file's values can be laid over it and compared. */
function inputOfDetail(d: HouseholdDetail): HouseholdInput {
  const { villageName: _v, groupName: _g, createdAt: _c, updatedAt: _u, deletedAt: _d, ...fields } = d;
  return { ...fields, statusSince: null } as HouseholdInput;
}

function idKey(idNumber: string, documentType = '1'): string {
  const check = checkDocumentNumber(idNumber, documentType);
  return (check.ok ? check.value : normalizeIdText(idNumber)).slice(0, 18);
}

/** `checkAfterCommit` runs the data-quality checks over the registry the import has just changed. */
export function createImportService(
  { db, audit, places, now }: AreaDeps, households: HouseholdsRepo, registry: RegistryService, jobs: Jobs, dbPath: string,
  checkAfterCommit: () => QualityRun | null = () => null,
) {
  function registryPlaces(): Places {
    const villages = places.listVillages();
    return {
      villageId: (name) => villages.find((v) => v.name === name)?.id,
      groupId: (villageId, name) => villages.find((v) => v.id === villageId)?.groups.find((g) => g.name === name)?.id,
    };
  }

  /** Streams the file through the roster builder: the header among the first rows, then row by row. */
  async function read(input: ApiParsed<'import:preview'>, ctx: JobContext) {
    const source = openTable(Buffer.from(input.contentBase64, 'base64'), input.fileName);
    ctx.phase('读取文件', null);
    const rows = source.rows();
    const head: TableCell[][] = [];
    let next = await rows.next();
    for (; !next.done && next.value.index < HEADER_SEARCH_ROWS; next = await rows.next()) head[next.value.index] = next.value.cells;
    const map = findColumns(Array.from({ length: head.length }, (_, i) => head[i] ?? []));
    if (!map) {
      await rows.return(undefined);
      throw new LedgerError('VALIDATION', `“${input.fileName}”的前 ${HEADER_SEARCH_ROWS} 行里找不到表头（应有“姓名”“证件号码”“与户主关系”等列名），请确认选对了文件和工作表`);
    }
    const missing = REQUIRED[layoutOf(map)].filter(([field]) => map.columns[field] === undefined).map(([, label]) => label);
    if (missing.length > 0) {
      await rows.return(undefined);
      throw new LedgerError('VALIDATION', `“${input.fileName}”缺少必需的列：${missing.join('、')}；请对照导入模板补齐列名后再导入`, { missingColumns: missing });
    }
    const builder = createRosterBuilder(map, registryPlaces());
    const widths: number[] = [];
    head.forEach((cells, index) => {
      widths[index] = cells.length;
      builder.addRow(index, cells);
    });
    for (let count = head.length; !next.done; next = await rows.next()) {
      widths[next.value.index] = next.value.cells.length;
      builder.addRow(next.value.index, next.value.cells);
      await ctx.step(++count);
    }
    return { source, map, header: head[map.headerRow] ?? [], widths, ...builder.finish() };
  }

  /** What the import would do with each household, checked as the form checks it, without writing. */
  async function plan(input: ApiParsed<'import:preview'>, ctx: JobContext): Promise<Plan> {
    const { source, map, header, widths, layout, drafts, problems, dataRows } = await read(input, ctx);
    // A header and nothing under it would "import" nothing and still leave an audit entry: said plainly instead.
    if (dataRows === 0) throw new LedgerError('VALIDATION', `“${input.fileName}”只有表头，没有数据行；请确认选对了文件和工作表`);
    ctx.phase('逐行核对', drafts.length);
    const planned: PlannedHousehold[] = [];
    const notices: string[] = [];
    const counts = { defaultStatus: 0, riskAssumed: 0, onlyHead: 0, migrantWork: 0, membersKept: 0 };
    const hasStatusColumn = map.columns.status !== undefined;
    let needsDefaultStatus = false;
    /** Each person once per file: the first household to name an ID keeps it. */
    const seenIds = new Map<string, { row: number; key: string }>();

    const refuse = (draft: HouseholdDraft, found: ImportProblem[]) => {
      problems.push(...found);
      const reported = new Set(found.map((p) => p.row));
      for (const m of draft.members) {
        if (!reported.has(m.row)) problems.push({ row: m.row, column: null, message: `同户其他行有错误，户 ${draft.key} 整户未导入` });
      }
    };
    const cellOf = (field: ImportField | undefined) => (field && map.columns[field] !== undefined ? columnLetter(map.columns[field]!) : null);

    /** A schema or registry issue, placed on the member's row and cell, or the household's. */
    function located(draft: HouseholdDraft, path: string, message: string): ImportProblem {
      const [first, index, field] = path.split('.');
      if (first === 'members' && index !== undefined) {
        const member = draft.members[Number(index)];
        const column = field ? cellOf((MEMBER_COLUMN[field] ?? field) as ImportField) : null;
        return { row: member?.row ?? draft.row, column, message: `户 ${draft.key}：${message}` };
      }
      const own = draft.cells[first as keyof HouseholdDraft['cells']];
      if (first === 'mainCause' && map.columns.mainCause === undefined) {
        message = '文件没有“主要致贫原因”列，新户无法登记；请先导入国家系统户表（含主要致贫原因），或在文件中加上“致贫原因1”列';
      }
      return { row: own?.row ?? draft.row, column: own?.column ?? cellOf((HOUSEHOLD_COLUMN[first ?? ''] ?? first) as ImportField), message: `户 ${draft.key}：${message}` };
    }

    for (let i = 0; i < drafts.length; i++) {
      await ctx.step(i);
      const draft = drafts[i]!;
      // A township's drafts are large; each is let go once planned, so memory stays near one copy.
      (drafts as (HouseholdDraft | undefined)[])[i] = undefined;
      const existing = findExisting(draft);
      if (existing?.deletedAt) {
        refuse(draft, [{ row: draft.row, column: cellOf('householdNo'), message: `户 ${draft.key} 在台账的回收站中，请先恢复该户再导入` }]);
        continue;
      }
      const found: ImportProblem[] = [];
      const input = existing ? mergeInto(existing, draft, found) : newHousehold(draft, found);
      if (!input) {
        refuse(draft, found);
        continue;
      }
      for (const [index, m] of draft.members.entries()) {
        const key = idKey(m.values.idNumber, m.values.documentType);
        const seen = seenIds.get(key);
        if (seen && seen.key !== draft.key) found.push({ row: m.row, column: cellOf('idNumber'), message: `证件号码与第 ${seen.row} 行（户 ${seen.key}）重复，同一个人只能在一户` });
        else if (!seen) seenIds.set(key, { row: m.row, key: draft.key });
        const matched = (input.members[index] as MemberInput | undefined)?.id;
        if (matched === undefined) {
          const holder = households.personOwner(key);
          if (holder && holder.household_id !== existing?.id) {
            found.push({ row: m.row, column: cellOf('idNumber'), message: `证件号码已登记在户编号 ${holder.household_no}（户主 ${holder.head_name}）${holder.household_deleted_at ? '，该户在回收站中' : ''}` });
          }
        }
      }
      const parsed = householdInput.safeParse(input);
      if (!parsed.success) found.push(...toFieldIssues(parsed.error, input).map((issue) => located(draft, issue.path, issue.message)));
      if (found.length > 0 || !parsed.success) {
        refuse(draft, found);
        continue;
      }
      const newPeople = parsed.data.members.filter((m) => m.id === undefined).length;
      const kind: PlanKind = !existing ? 'new' : sameHousehold(existing, parsed.data) ? 'unchanged' : 'update';
      planned.push({ key: draft.key, row: draft.row, memberRows: draft.members.map((m) => m.row), kind, data: parsed.data, newPeople });
    }

    /** The file's values laid over the registered household; a blank cell changes nothing. */
    function mergeInto(existing: HouseholdDetail, draft: HouseholdDraft, found: ImportProblem[]): HouseholdInput | undefined {
      const base = inputOfDetail(existing);
      const values = { ...draft.values };
      if (draft.riskEliminatedUnspecified && existing.riskState !== 'ACTIVE') values.riskState ??= existing.riskState;
      else if (draft.riskEliminatedUnspecified) values.riskState ??= 'ELIMINATED_ASSISTED';
      // Status lives in dated events; a file cannot say in which month it changed.
      for (const key of ['status', 'monitoringCategory', 'riskState'] as const) {
        const value = values[key];
        if (value === undefined || value === existing[key]) continue;
        const table = { status: householdStatus, monitoringCategory, riskState }[key];
        const was = existing[key] === null ? '无' : labelOf(table, existing[key]!);
        const cell = draft.cells[key];
        found.push({
          row: cell?.row ?? draft.row, column: cell?.column ?? null,
          message: `户 ${draft.key}：${key === 'status' ? '户类型' : key === 'riskState' ? '风险状态' : '监测对象类别'}与台账不同（台账为“${was}”）；状态变更请在农户页面“状态变更”中办理，以留下变更月份`,
        });
      }
      if (found.length > 0) return undefined;
      delete values.statusSince;
      const members = base.members.map((m) => ({ ...m }));
      const byId = new Map(members.map((m, i) => [idKey(m.idNumber, m.documentType), i]));
      const ordered: MemberInput[] = [];
      for (const m of draft.members) {
        const at = byId.get(idKey(m.values.idNumber, m.values.documentType));
        if (at === undefined) ordered.push(withMigrantWork({ ...m.values }) as MemberInput);
        else {
          ordered.push(withMigrantWork({ ...members[at]!, ...m.values, idNumber: members[at]!.idNumber }) as MemberInput);
          byId.delete(idKey(m.values.idNumber, m.values.documentType));
        }
      }
      // Registered members the file does not list stay as they are (a departure needs its date and reason).
      const kept = [...byId.values()].map((i) => members[i]!);
      if (kept.length > 0 && layout === 'person') counts.membersKept++;
      return {
        ...base, ...values,
        villageId: draft.villageId,
        groupId: draft.groupId === undefined ? base.groupId : draft.groupId,
        members: [...ordered, ...kept],
      };
    }

    function newHousehold(draft: HouseholdDraft, found: ImportProblem[]): HouseholdInput | undefined {
      const values = { ...draft.values };
      if (values.status === undefined) {
        if (hasStatusColumn) {
          found.push({ row: draft.row, column: cellOf('status'), message: `户 ${draft.key}：缺少户类型（户主所在行必填）` });
          return undefined;
        }
        needsDefaultStatus = true;
        if (!input.defaultStatus) {
          found.push({ row: draft.row, column: null, message: `户 ${draft.key}：文件没有“户类型”列，请在导入时选择新户的户类型` });
          return undefined;
        }
        values.status = input.defaultStatus;
        counts.defaultStatus++;
      }
      if (draft.riskEliminatedUnspecified && values.riskState === undefined) {
        values.riskState = 'ELIMINATED_ASSISTED';
        counts.riskAssumed++;
      }
      if (layout === 'household' && (draft.statedFamilySize ?? 1) > 1) counts.onlyHead++;
      return {
        ...values,
        status: values.status,
        householdNo: draft.householdNo,
        villageId: draft.villageId,
        groupId: draft.groupId ?? null,
        members: draft.members.map((m) => withMigrantWork({ ...m.values }) as MemberInput),
      } as HouseholdInput;
    }

    /** The national exports carry months worked but not where: 其他, said aloud in a notice. */
    function withMigrantWork<T extends { workMonths?: number | null; migrantWork?: string | null }>(m: T): T {
      if (map.columns.migrantWork === undefined && (m.workMonths ?? 0) > 0 && !m.migrantWork) {
        counts.migrantWork++;
        return { ...m, migrantWork: '99' };
      }
      return m;
    }

    if (counts.defaultStatus) notices.push(`文件没有“户类型”列，${counts.defaultStatus} 户新户按“${labelOf(householdStatus, input.defaultStatus!)}”登记`);
    if (counts.riskAssumed) notices.push(`${counts.riskAssumed} 户“风险是否消除”为“是”但没有写消除方式，按“风险已消除（帮扶消除）”登记`);
    if (counts.onlyHead) notices.push(`这是每行一户的户表，只含户主；其中 ${counts.onlyHead} 户的家庭人口数大于 1，其余成员请再导入成员表`);
    if (counts.migrantWork) notices.push(`${counts.migrantWork} 人填了务工时间，但文件没有“务工状况”列，务工状况按“其他”登记`);
    if (counts.membersKept) notices.push(`${counts.membersKept} 户在台账中还有文件里没有的成员，这些成员保持不变；成员减少请在农户页面办理“成员变更”`);
    problems.sort((a, b) => a.row - b.row);
    return { source, map, layout, header, widths, planned, problems, notices, needsDefaultStatus, people: planned.reduce((n, p) => n + p.memberRows.length, 0) };
  }

  function findExisting(d: HouseholdDraft): HouseholdDetail | undefined {
    if (d.householdNo) {
      const id = households.idByHouseholdNo(d.householdNo);
      return id === undefined ? undefined : households.get(id);
    }
    // Without a 户编号, the same head means the same household; the head's ID found as someone
    // else's member is a conflict the planning reports, not a match.
    const head = d.members.find((m) => m.values.relationship === '01');
    const holder = head ? households.personOwner(idKey(head.values.idNumber, head.values.documentType)) : undefined;
    if (!holder) return undefined;
    const registered = households.get(holder.household_id);
    return registered?.members.some((m) => m.id === holder.id && m.relationship === '01') ? registered : undefined;
  }

  function sameHousehold(existing: HouseholdDetail, merged: HouseholdData): boolean {
    const before = householdInput.safeParse(inputOfDetail(existing));
    return before.success && JSON.stringify(before.data) === JSON.stringify({ ...merged, statusSince: null });
  }

  function counted(p: Plan, kind: PlanKind): number {
    return p.planned.filter((h) => h.kind === kind).length;
  }

  async function preview(input: ApiParsed<'import:preview'>, ctx: JobContext): Promise<ImportPreview> {
    const p = await plan(input, ctx);
    return {
      fileName: input.fileName,
      sheetName: p.source.sheetName(),
      encoding: p.source.encoding,
      layout: p.layout,
      headerRow: p.map.headerRow + 1,
      columns: Object.fromEntries(Object.entries(p.map.columns).map(([field, index]) => [field, p.header[index]?.text ?? ''])),
      unknownColumns: p.map.unknown,
      duplicateColumns: p.map.duplicates,
      needsDefaultStatus: p.needsDefaultStatus,
      households: p.planned.length,
      people: p.people,
      newHouseholds: counted(p, 'new'),
      updatedHouseholds: counted(p, 'update'),
      unchangedHouseholds: counted(p, 'unchanged'),
      rejectedRows: new Set(p.problems.map((x) => x.row)).size,
      notices: p.notices,
      problems: p.problems.slice(0, PREVIEW_PROBLEMS),
    };
  }

  /**
   * Backs the registry up, then writes every household that changes in one transaction. The plan's
   * households are let go as they are written (`p.planned` is emptied): what follows — the error
   * workbook, the quality checks over the whole registry — then has the memory they held.
   */
  async function write(p: Plan, input: ApiParsed<'import:commit'>, ctx: JobContext) {
    const unchanged = counted(p, 'unchanged');
    const writes: (PlannedHousehold | undefined)[] = p.planned.filter((h) => h.kind !== 'unchanged');
    p.planned = [];
    ctx.holdWrites();
    ctx.phase('备份台账', null);
    await ctx.step(0);
    const backupFile = writes.length > 0 ? backupCopy(db, dbPath, '导入前', now()) : null;
    ctx.phase('写入台账', writes.length);
    const refused: ImportProblem[] = [];
    const done = { created: 0, updated: 0, people: 0 };
    db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < writes.length; i++) {
        const h = writes[i]!;
        writes[i] = undefined;
        try {
          // A savepoint per household (registry.save is a transaction of its own, nested here).
          registry.save(h.data);
          if (h.kind === 'new') done.created++;
          else done.updated++;
          done.people += h.newPeople;
        } catch (e) {
          if (!(e instanceof LedgerError)) throw e;
          const issues = e.details?.issues?.length ? e.details.issues : [{ path: '', message: e.message }];
          refused.push(...issues.map((issue) => ({ row: rowOfPath(h, issue.path), column: null, message: `户 ${h.key}：${issue.message}` })));
        }
        await ctx.step(i + 1);
      }
      const all = [...p.problems, ...refused].sort((a, b) => a.row - b.row);
      const rejectedRows = new Set(all.map((x) => x.row)).size;
      audit.record({
        action: 'create', entity: 'import', entityId: null,
        summary: `导入“${input.fileName}”：新增 ${done.created} 户，更新 ${done.updated} 户，无变化 ${unchanged} 户，新增 ${done.people} 人；未导入 ${rejectedRows} 行`,
        after: { fileName: input.fileName, ...done, unchanged, rejectedRows, backupFile },
      });
      db.exec('COMMIT');
      ctx.committed();
      return { ...done, unchanged, rejectedRows, all, backupFile };
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Plans and writes the file; the rows refused come back as a workbook. */
  async function importFile(input: ApiParsed<'import:commit'>, ctx: JobContext): Promise<Omit<ImportResult, 'quality'>> {
    const p = await plan(input, ctx);
    const { all, ...counts } = await write(p, input, ctx);
    // Committed: a late cancel is ignored, and a file that cannot be re-read for the rejected rows
    // only costs the workbook, said in a notice; the import stands either way.
    const notices = [...p.notices];
    let errorWorkbook: ImportResult['errorWorkbook'] = null;
    if (all.length > 0) {
      ctx.phase('生成未导入行', null);
      try {
        errorWorkbook = { fileName: `${input.fileName.replace(/\.[^.]+$/, '')}-未导入的行.xlsx`, contentBase64: (await errorBook(p, all, ctx)).toString('base64') };
      } catch (e) {
        notices.push(`未导入的行未能写成工作簿（${e instanceof Error ? e.message : String(e)}），请按下方列出的行号和原因改正`);
      }
    }
    return { fileName: input.fileName, ...counts, notices, problems: all.slice(0, PREVIEW_PROBLEMS), errorWorkbook };
  }

  async function commit(input: ApiParsed<'import:commit'>, ctx: JobContext): Promise<ImportResult> {
    // The file, its plan and its refused rows are out of reach (importFile has returned) before the
    // checks read the whole registry into memory.
    const result = await importFile(input, ctx);
    ctx.phase('数据质量检查', null);
    let quality: QualityRun | null = null;
    try {
      quality = checkAfterCommit();
    } catch (e) {
      result.notices.push(`导入已完成，但导入后的数据质量检查没有运行成功（${e instanceof Error ? e.message : String(e)}），请到“数据检查”中手动运行`);
    }
    return { ...result, quality };
  }

  function rowOfPath(h: PlannedHousehold, path: string): number {
    const [first, index] = path.split('.');
    return first === 'members' && index !== undefined ? (h.memberRows[Number(index)] ?? h.row) : h.row;
  }

  /** The refused rows as the clerk sent them: the file is walked again, each refused row written out as it comes. */
  async function errorBook(p: Plan, problems: ImportProblem[], ctx: JobContext): Promise<Buffer> {
    const book = createErrorWorkbook(p.header, problems, (rowNumber) => p.widths[rowNumber - 1] ?? 0);
    let n = 0;
    for await (const row of p.source.rows()) {
      book.add(row.index + 1, row.cells);
      await ctx.step(++n);
    }
    return book.finish();
  }

  const title = (input: { fileName: string }, commit: boolean) => `${commit ? '导入' : '预检'}“${input.fileName}”`;

  return {
    start(input: ApiParsed<'import:start'>): { jobId: string } {
      const jobId = input.commit
        ? jobs.start('import:commit', title(input, true), (ctx) => commit(input, ctx))
        : jobs.start('import:preview', title(input, false), (ctx) => preview(input, ctx));
      return { jobId };
    },
    /** Start and wait: the CLI, tests and callers that need no progress. */
    async preview(input: ApiParsed<'import:preview'>): Promise<ImportPreview> {
      return settled<ImportPreview>(await jobs.wait(jobs.start('import:preview', title(input, false), (ctx) => preview(input, ctx))));
    },
    async commit(input: ApiParsed<'import:commit'>): Promise<ImportResult> {
      return settled<ImportResult>(await jobs.wait(jobs.start('import:commit', title(input, true), (ctx) => commit(input, ctx))));
    },
  };
}

function settled<R>(job: { state: string; result: unknown; error: { code: string; message: string } | null }): R {
  if (job.state === 'done') return job.result as R;
  if (job.state === 'cancelled') throw new LedgerError('CONFLICT', '导入已取消，台账未改动');
  throw new LedgerError((job.error?.code ?? 'INTERNAL') as 'INTERNAL', job.error?.message ?? '导入失败');
}
