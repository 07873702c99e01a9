import type { ApiParsed } from '../../../shared/api';
import type { ImportPreview, ImportProblem, ImportResult } from '../../../shared/domain/import.types';
import { LedgerError } from '../../../shared/result';
import { householdInput } from '../../../shared/schemas/household.schema';
import type { AreaDeps } from '../area';
import type { HouseholdsRepo } from '../registry/households.repo';
import type { RegistryService } from '../registry/registry.service';
import { findColumns, type ImportField } from './columns';
import { buildErrorWorkbook } from './error-workbook';
import { draftsFromRows, type HouseholdDraft, type Places } from './roster-rows';
import { readTable } from './table-reader';

/** Columns a one-person-per-row roster cannot do without. */
const REQUIRED: [ImportField, string][] = [
  ['name', '姓名'],
  ['idNumber', '证件号码'],
  ['relationship', '与户主关系'],
  ['village', '行政村'],
];

/** How many problems the preview lists; the error workbook (on commit) carries them all. */
const PREVIEW_PROBLEMS = 100;

/** Excel import: preview reads and checks the file and writes nothing; commit writes the good households in one transaction. */
export function createImportService({ db, audit, places }: AreaDeps, households: HouseholdsRepo, registry: RegistryService) {
  function registryPlaces(): Places {
    const villages = places.listVillages();
    return {
      villageId: (name) => villages.find((v) => v.name === name)?.id,
      groupId: (villageId, name) => villages.find((v) => v.id === villageId)?.groups.find((g) => g.name === name)?.id,
    };
  }

  /** Reads and checks the file; the asynchronous part, done before any transaction opens. */
  async function inspect(input: ApiParsed<'import:preview'>) {
    const table = await readTable(Buffer.from(input.contentBase64, 'base64'), input.fileName);
    const map = findColumns(table.rows);
    if (!map) {
      throw new LedgerError('VALIDATION', `“${input.fileName}”的前 30 行里找不到表头（应有“姓名”“证件号码”“与户主关系”等列名），请确认选对了文件和工作表`);
    }
    const missing = REQUIRED.filter(([field]) => map.columns[field] === undefined).map(([, label]) => label);
    if (missing.length > 0) {
      throw new LedgerError('VALIDATION', `“${input.fileName}”缺少必需的列：${missing.join('、')}；请对照导入模板补齐列名后再导入`, { missingColumns: missing });
    }
    const { drafts, problems } = draftsFromRows(table, map, registryPlaces());
    return { table, map, drafts, problems, isExisting: (d: HouseholdDraft) => existingId(d) !== undefined };
  }

  function existingId(d: HouseholdDraft): number | undefined {
    if (d.input.householdNo) {
      const id = households.idByHouseholdNo(d.input.householdNo);
      if (id !== undefined) return id;
    }
    // Without a known 户编号, the same head means the same household; the head's ID found as
    // someone else's member is a conflict for the registry to report, not a match.
    const head = d.input.members.find((m) => m.relationship === '01');
    const holder = head ? households.personOwner(head.idNumber) : undefined;
    if (!holder || !head) return undefined;
    const registered = households.get(holder.household_id);
    return registered?.members.some((m) => m.id === holder.id && m.relationship === '01') ? holder.household_id : undefined;
  }

  /** A refusal of the registry, returned on the rows it concerns. */
  function problemsOf(d: HouseholdDraft, e: LedgerError): ImportProblem[] {
    const issues = e.details?.issues?.length ? e.details.issues : [{ path: '', message: e.message }];
    return issues.map((issue) => {
      const [first, index] = issue.path.split('.');
      const row = first === 'members' && index !== undefined ? d.rows[Number(index)] ?? d.rows[0]! : d.rows[0]!;
      return { row, column: null, message: `户 ${d.key}：${issue.message}` };
    });
  }

  return {
    async preview(input: ApiParsed<'import:preview'>): Promise<ImportPreview> {
      const { table, map, drafts, problems, isExisting } = await inspect(input);
      const existing = drafts.filter(isExisting).length;
      const header = table.rows[map.headerRow] ?? [];
      return {
        fileName: input.fileName,
        sheetName: table.sheetName,
        encoding: table.encoding,
        headerRow: map.headerRow + 1,
        columns: Object.fromEntries(Object.entries(map.columns).map(([field, index]) => [field, header[index]?.text ?? ''])),
        unknownColumns: map.unknown,
        duplicateColumns: map.duplicates,
        households: drafts.length,
        people: drafts.reduce((n, d) => n + d.input.members.length, 0),
        newHouseholds: drafts.length - existing,
        existingHouseholds: existing,
        rejectedRows: new Set(problems.map((p) => p.row)).size,
        problems: problems.slice(0, PREVIEW_PROBLEMS),
      };
    },

    async commit(input: ApiParsed<'import:commit'>): Promise<ImportResult> {
      const { table, map, drafts, problems, isExisting } = await inspect(input);
      const outcome = db.transaction(() => {
        let created = 0;
        let people = 0;
        let skippedExisting = 0;
        const refused: ImportProblem[] = [];
        for (const d of drafts) {
          if (isExisting(d)) {
            skippedExisting++;
            continue;
          }
          try {
            // Each household is its own savepoint: a refused one leaves the others in place.
            registry.save(householdInput.parse(d.input));
            created++;
            people += d.input.members.length;
          } catch (e) {
            if (!(e instanceof LedgerError)) throw e;
            refused.push(...problemsOf(d, e));
          }
        }
        const all = [...problems, ...refused].sort((a, b) => a.row - b.row);
        const rejectedRows = new Set(all.map((p) => p.row)).size;
        audit.record({
          action: 'create', entity: 'import', entityId: null,
          summary: `导入“${input.fileName}”：新增 ${created} 户 ${people} 人；台账中已有 ${skippedExisting} 户，本次未改动；未导入 ${rejectedRows} 行`,
          after: { fileName: input.fileName, created, people, skippedExisting, rejectedRows },
        });
        return { created, people, skippedExisting, rejectedRows, all };
      })();
      const errorWorkbook = outcome.all.length
        ? {
            fileName: `${input.fileName.replace(/\.[^.]+$/, '')}-未导入的行.xlsx`,
            contentBase64: (await buildErrorWorkbook(table.rows[map.headerRow] ?? [], table.rows, outcome.all)).toString('base64'),
          }
        : null;
      return {
        fileName: input.fileName,
        created: outcome.created,
        people: outcome.people,
        skippedExisting: outcome.skippedExisting,
        rejectedRows: outcome.rejectedRows,
        problems: outcome.all.slice(0, PREVIEW_PROBLEMS),
        errorWorkbook,
      };
    },
  };
}
