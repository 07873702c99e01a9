/**
 * The roster export: the registry (all, the list's filter, or the ticked households) in one of
 * the layouts the county takes (national household table, national member table, the 2022 list)
 * or in our import template. Every value is a text cell, so IDs, household numbers, bank cards
 * and phones keep every digit; the sheet is ready to print (A4 landscape, one page wide, the
 * header on every page). The workbook is streamed a chunk of households at a time, and each
 * export is entered in the export register with the households it took.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { householdAttribute, householdStatus, labelOf, monitoringCategory, povertyCause } from '../../../shared/domain';
import { exportLayout, type ExportFile, type ExportFilter, type ExportLayout } from '../../../shared/domain/export.types';
import { LedgerError } from '../../../shared/result';
import type { ExportRosterQuery } from '../../../shared/schemas/export.schema';
import type { AreaDeps } from '../area';
import type { ExportRegister } from '../audit/export-register.repo';
import { currentDate } from '../clock';
import { neutraliseFormula } from './cell-text';
import { createExportSource, type ExportSource, type HouseholdExportRow, type PersonExportRow } from './export-source';
import { NATIONAL_2022, NATIONAL_HOUSEHOLD, NATIONAL_MEMBER, TEMPLATE, type LayoutNeeds, type LayoutSpec, type RowContext } from './export-layouts';

/** Households read and written per step (about 1,700 people, 2 MB of XML); between steps the zip catches up. */
const CHUNK_HOUSEHOLDS = 500;

const PERSON_LAYOUTS: Record<Exclude<ExportLayout, 'national-household'>, LayoutSpec<PersonExportRow>> = {
  'national-member': NATIONAL_MEMBER,
  'national-2022': NATIONAL_2022,
  template: TEMPLATE,
};

/**
 * Every cell gets one of two shared style objects. exceljs finds a style it has seen by object
 * identity; with a fresh style object per cell (its default) it hashes every cell's style anew.
 * Measured on 50,000 households / 167,075 people, national member layout: fresh styles and no
 * text format (the first version) 18 s; fresh styles with the text format on the long-number
 * columns 17–18 s; shared styles with the text format 9–10 s.
 */
const TEXT_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '@' });
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };

/** A4 landscape, every column on one page wide, as many pages down as it takes, the header row on each. */
const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits until the zip has compressed what the sheet has written so far. exceljs hands the
 * sheet's XML to the zip's input stream without heeding its backpressure, so a fast writer
 * piles up the uncompressed XML (some 200 MB for a township); waiting here between chunks keeps
 * memory flat and costs no time, compression being the slower step anyway. The stream is
 * reached through exceljs internals: should they change, this degrades to yielding one turn.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  type ZipInput = NodeJS.WritableStream & { _writableState?: { needDrain?: boolean } };
  const input = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0];
  if (input?._writableState?.needDrain) await new Promise<void>((resolve) => input.once('drain', () => resolve()));
  else await nextTurn();
}

interface Written {
  bytes: Buffer;
  householdIds: number[];
  rows: number;
}

export function createExportService({ db, audit, places, now }: AreaDeps, register: ExportRegister) {
  const source = createExportSource(db);

  /** The filter in the clerk's words, for the register, the audit entry and the file name. */
  function describe(q: ExportRosterQuery): { filter: ExportFilter; scope: string; village: string | null } {
    const filter: ExportFilter = {};
    const parts: string[] = [];
    let village: string | null = null;
    if (q.villageId !== undefined) {
      village = places.liveVillage(q.villageId).name;
      filter.villageId = q.villageId;
      parts.push(`行政村：${village}`);
    }
    if (q.groupId !== undefined) {
      filter.groupId = q.groupId;
      parts.push(`自然村：${places.liveGroup(q.groupId).name}`);
    }
    const codes = [
      ['status', householdStatus, '户状态'],
      ['attribute', householdAttribute, '贫困户属性'],
      ['mainCause', povertyCause, '主要致贫原因'],
      ['monitoringCategory', monitoringCategory, '监测对象类别'],
    ] as const;
    for (const [key, table, title] of codes) {
      const code = q[key];
      if (code === undefined) continue;
      filter[key] = code;
      parts.push(`${title}：${labelOf(table, code)}`);
    }
    if (q.q) {
      filter.q = q.q;
      parts.push(`搜索“${q.q}”`);
    }
    if (q.householdIds) {
      filter.selected = q.householdIds.length;
      parts.push(`勾选的 ${q.householdIds.length} 户`);
    }
    return { filter, scope: parts.length ? parts.join('；') : '全部农户', village };
  }

  /**
   * Streams one layout. Each chunk is read whole (its households with their members, in one
   * query) and written before the next is read, so no statement is open across the waits.
   */
  async function write<R extends HouseholdExportRow>(spec: LayoutSpec<R>, ids: readonly number[], read: (chunk: readonly number[]) => R[]): Promise<Written> {
    const settings = places.getSettings();
    const today = now();
    const place = {
      province: settings?.provinceName ?? '', city: settings?.cityName ?? '', county: settings?.countyName ?? '', township: settings?.townshipName ?? '',
    };
    const year = spec.needs.income ? (source.incomeYear(today.getFullYear()) ?? today.getFullYear()) : today.getFullYear();
    const asOf = currentDate(today);
    const date = asOf.replace(/-/g, '');

    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT_SETUP });
    // The column style makes the empty cells below the data text too, so digits a clerk adds later stay whole.
    sheet.columns = spec.columns.map((c) => ({ width: c.width, ...(c.text ? { style: TEXT_STYLE } : {}) }));
    writeHeader(sheet, spec);

    const styles = spec.columns.map((c) => (c.text ? TEXT_STYLE : PLAIN_STYLE));
    const written: number[] = [];
    let seq = 0;
    for (let start = 0; start < ids.length; start += CHUNK_HOUSEHOLDS) {
      let current = -1;
      let extras: Pick<RowContext, 'income' | 'survey' | 'months'> = { income: null, survey: null, months: null };
      for (const r of read(ids.slice(start, start + CHUNK_HOUSEHOLDS))) {
        if (r.household_id !== current) {
          current = r.household_id;
          written.push(current);
          extras = householdExtras(source, spec.needs, current, year, asOf);
        }
        seq++;
        const context: RowContext<R> = { r, place, year, date, seq, ...extras };
        const row = sheet.addRow(spec.columns.map((c) => cellValue(c.value(context))));
        row.eachCell((cell, column) => {
          cell.style = styles[column - 1]!;
        });
        row.commit();
      }
      await zipCaughtUp(sheet);
    }
    sheet.commit();
    await workbook.commit();
    return { bytes: Buffer.concat(chunks), householdIds: written, rows: seq };
  }

  return {
    async roster(q: ExportRosterQuery): Promise<ExportFile> {
      const { filter, scope, village } = describe(q);
      const ids = source.householdIds(q);
      if (ids.length === 0) throw new LedgerError('NOT_FOUND', `没有符合条件的农户（${scope}），没有导出文件`);
      const spec = q.layout === 'national-household' ? NATIONAL_HOUSEHOLD : PERSON_LAYOUTS[q.layout];
      const out =
        q.layout === 'national-household'
          ? await write(NATIONAL_HOUSEHOLD, ids, (chunk) => source.households(chunk))
          : await write(PERSON_LAYOUTS[q.layout], ids, (chunk) => source.people(chunk));
      const township = places.getSettings()?.townshipName ?? '乡镇';
      const fileName = `${township}${village ?? ''}${spec.fileTitle}-${currentDate(now())}.xlsx`;
      // Households that exist but have no current member give no person rows: nothing to hand out.
      if (out.rows === 0) throw new LedgerError('NOT_FOUND', `所选农户没有在册的家庭成员（${scope}），没有导出文件`);
      const people = q.layout === 'national-household' ? '' : ` ${out.rows} 人`;
      db.transaction(() => {
        const exportId = register.record({ layout: q.layout, filter, scope, fileName, householdIds: out.householdIds, rows: out.rows });
        audit.record({
          action: 'create',
          entity: 'export',
          entityId: exportId,
          summary: `导出${spec.auditTitle}：${out.householdIds.length} 户${people}，范围：${scope}，文件“${fileName}”`,
          after: { layout: q.layout, layoutLabel: labelOf(exportLayout, q.layout), filter, households: out.householdIds.length, rows: out.rows },
        });
      })();
      return { fileName, contentBase64: out.bytes.toString('base64'), households: out.householdIds.length, rows: out.rows };
    },
  };
}

/** Bold headers; the template's carry the same comment as the blank template's. */
function writeHeader<R extends HouseholdExportRow>(sheet: ExcelJS.Worksheet, spec: LayoutSpec<R>): void {
  const head = sheet.addRow(spec.columns.map((c) => c.header));
  head.font = HEADER_FONT;
  spec.columns.forEach((c, i) => {
    if (c.note) head.getCell(i + 1).note = c.note;
  });
  head.commit();
}

/** Empty stays empty (no cell at all); text is neutralised against formula injection. */
function cellValue(text: string): string | undefined {
  return text === '' ? undefined : neutraliseFormula(text);
}

/** Only what the layout shows is looked up: one indexed read each, once per household. */
function householdExtras(source: ExportSource, needs: LayoutNeeds, householdId: number, year: number, asOf: string): Pick<RowContext, 'income' | 'survey' | 'months'> {
  return {
    income: needs.income ? source.income(householdId, year) : null,
    survey: needs.survey ? source.survey(householdId, asOf) : null,
    months: needs.months ? source.statusMonths(householdId) : null,
  };
}
