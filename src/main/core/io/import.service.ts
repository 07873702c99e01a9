import type { ApiParsed } from '../../../shared/api';
import type { ImportPreview } from '../../../shared/domain/import.types';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import type { HouseholdsRepo } from '../registry/households.repo';
import { findColumns, type ImportField } from './columns';
import { draftsFromRows, type Places } from './roster-rows';
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

/** Excel import: this step reads and checks the file, and writes nothing. */
export function createImportService({ places }: AreaDeps, households: HouseholdsRepo) {
  function registryPlaces(): Places {
    const villages = places.listVillages();
    return {
      villageId: (name) => villages.find((v) => v.name === name)?.id,
      groupId: (villageId, name) => villages.find((v) => v.id === villageId)?.groups.find((g) => g.name === name)?.id,
    };
  }

  return {
    async preview(input: ApiParsed<'import:preview'>): Promise<ImportPreview> {
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
      let existing = 0;
      for (const d of drafts) {
        const head = d.input.members.find((m) => m.relationship === '01');
        const known = (d.input.householdNo && households.idByHouseholdNo(d.input.householdNo)) || (head && households.personOwner(head.idNumber));
        if (known) existing++;
      }
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
  };
}
