import type { ApiParsed } from '../../../shared/api';
import { labelOf, povertyLineKind, povertyLineLevel } from '../../../shared/domain';
import type { IncomeYear, PovertyLine } from '../../../shared/domain/dynamic.types';
import { LedgerError } from '../../../shared/result';
import { computeIncome, type IncomeComponents } from '../../../shared/rules/income';
import { formatYuan } from '../../../shared/rules/money';
import type { AreaDeps } from '../area';

interface IncomeRow {
  id: number; household_id: number; year: number; wage_fen: number; operating_fen: number; property_dividend_fen: number;
  property_other_fen: number; family_planning_fen: number; dibao_fen: number; tekun_fen: number; pension_fen: number;
  eco_compensation_fen: number; other_transfer_fen: number; operating_cost_fen: number; family_size_override: number | null;
  excluded_json: string; note: string | null; recorded_at: string; operator: string; versions: number;
}
interface LineRow { id: number; year: number; level: string; kind: string; amount_fen: number; region: string | null; source: string | null }

/** The monitoring era compares with the monitoring range; before 2021, with the exit standard. */
export function lineKindForYear(year: number): 'EXIT_STANDARD' | 'MONITORING_RANGE' {
  return year >= 2021 ? 'MONITORING_RANGE' : 'EXIT_STANDARD';
}
const LEVEL_BY_STANDARD: Record<string, string> = { '1': 'NATIONAL', '2': 'PROVINCE', '3': 'CITY' };

export function describeLine(l: PovertyLine): string {
  return `${l.year} 年${l.region ?? ''}${labelOf(povertyLineLevel, l.level)}${labelOf(povertyLineKind, l.kind)}`;
}

export function createPovertyLines({ db, audit, now }: AreaDeps) {
  const stmt = {
    list: db.prepare('SELECT * FROM poverty_lines WHERE deleted_at IS NULL ORDER BY year DESC, kind, level'),
    byId: db.prepare<[number]>('SELECT * FROM poverty_lines WHERE id = ? AND deleted_at IS NULL'),
    find: db.prepare<[number, string, string]>('SELECT * FROM poverty_lines WHERE year = ? AND level = ? AND kind = ? AND deleted_at IS NULL'),
    insert: db.prepare('INSERT INTO poverty_lines (year, level, kind, amount_fen, region, source, created_at, updated_at) VALUES (@year, @level, @kind, @amountFen, @region, @source, @at, @at)'),
    update: db.prepare('UPDATE poverty_lines SET year = @year, level = @level, kind = @kind, amount_fen = @amountFen, region = @region, source = @source, updated_at = @at WHERE id = @id'),
    remove: db.prepare<[string, number]>('UPDATE poverty_lines SET deleted_at = ? WHERE id = ?'),
  };
  const toLine = (r: LineRow): PovertyLine => ({ id: r.id, year: r.year, level: r.level, kind: r.kind, amountFen: r.amount_fen, region: r.region, source: r.source });

  return {
    list: (): PovertyLine[] => (stmt.list.all() as LineRow[]).map(toLine),
    /**
     * The line a household's year is judged by: its own standard's level first, then national,
     * provincial, city. The table holds the township's own region's lines only, so any of that
     * year and kind applies (from 2021 the monitoring range is usually the province's).
     */
    lineFor(year: number, identificationStandard: string): PovertyLine | null {
      const kind = lineKindForYear(year);
      const order = [LEVEL_BY_STANDARD[identificationStandard] ?? 'NATIONAL', 'NATIONAL', 'PROVINCE', 'CITY'];
      for (const level of order) {
        const row = stmt.find.get(year, level, kind) as LineRow | undefined;
        if (row) return toLine(row);
      }
      return null;
    },
    save: db.transaction((input: ApiParsed<'povertyLine:save'>): PovertyLine => {
      const clash = stmt.find.get(input.year, input.level, input.kind) as LineRow | undefined;
      const message = `${input.year} 年的${labelOf(povertyLineLevel, input.level)}${labelOf(povertyLineKind, input.kind)}已存在，请直接修改它`;
      if (clash && clash.id !== input.id) throw new LedgerError('CONFLICT', message, { issues: [{ path: 'year', message }] });
      const at = now().toISOString();
      const before = input.id ? (stmt.byId.get(input.id) as LineRow | undefined) : undefined;
      if (input.id && !before) throw new LedgerError('NOT_FOUND', '该标准不存在或已删除');
      const id = input.id ?? Number(stmt.insert.run({ ...input, at }).lastInsertRowid);
      if (input.id) stmt.update.run({ ...input, at });
      const after = toLine(stmt.byId.get(id) as LineRow);
      audit.record({ action: before ? 'update' : 'create', entity: 'poverty_line', entityId: id, summary: `${before ? '修改' : '新增'}标准：${describeLine(after)} ${formatYuan(after.amountFen)}`, before, after });
      return after;
    }),
    remove: db.transaction(({ id }: { id: number }) => {
      const before = stmt.byId.get(id) as LineRow | undefined;
      if (!before) throw new LedgerError('NOT_FOUND', '该标准不存在或已删除');
      stmt.remove.run(now().toISOString(), id);
      audit.record({ action: 'delete', entity: 'poverty_line', entityId: id, summary: `删除标准：${describeLine(toLine(before))}`, before });
      return { id };
    }),
  };
}
export type PovertyLines = ReturnType<typeof createPovertyLines>;

export function createIncomeService(
  { db, audit, places, now }: AreaDeps,
  lines: PovertyLines,
  household: (id: number) => { identificationStandard: string },
  familySizeAt: (householdId: number, date: string) => number,
) {
  const stmt = {
    insert: db.prepare(
      `INSERT INTO income_records (household_id, year, wage_fen, operating_fen, property_dividend_fen, property_other_fen,
         family_planning_fen, dibao_fen, tekun_fen, pension_fen, eco_compensation_fen, other_transfer_fen, operating_cost_fen,
         family_size_override, excluded_json, note, recorded_at, operator)
       VALUES (@householdId, @year, @wageFen, @operatingFen, @propertyDividendFen, @propertyOtherFen,
         @familyPlanningFen, @dibaoFen, @tekunFen, @pensionFen, @ecoCompensationFen, @otherTransferFen, @operatingCostFen,
         @familySize, @excludedJson, @note, @at, @operator)`,
    ),
    // The latest record of each year, with how many were written for it.
    latestPerYear: db.prepare<[number]>(
      `SELECT r.*, v.versions FROM income_records r
       JOIN (SELECT year, max(id) AS id, count(*) AS versions FROM income_records WHERE household_id = ? GROUP BY year) v ON v.id = r.id
       ORDER BY r.year DESC`,
    ),
  };

  function toYear(r: IncomeRow, standard: string): IncomeYear {
    const components: IncomeComponents = {
      wageFen: r.wage_fen, operatingFen: r.operating_fen, propertyDividendFen: r.property_dividend_fen, propertyOtherFen: r.property_other_fen,
      familyPlanningFen: r.family_planning_fen, dibaoFen: r.dibao_fen, tekunFen: r.tekun_fen, pensionFen: r.pension_fen,
      ecoCompensationFen: r.eco_compensation_fen, otherTransferFen: r.other_transfer_fen, operatingCostFen: r.operating_cost_fen,
    };
    const excluded = JSON.parse(r.excluded_json) as IncomeYear['excluded'];
    const familySize = r.family_size_override ?? familySizeAt(r.household_id, `${r.year}-12-31`);
    const figures = computeIncome(components, familySize, excluded);
    const line = lines.lineFor(r.year, standard);
    return {
      id: r.id, householdId: r.household_id, year: r.year, ...components, ...figures, familySize, familySizeOverride: r.family_size_override,
      excluded, note: r.note, recordedAt: r.recorded_at, operator: r.operator, versions: r.versions,
      line, lineLabel: line ? describeLine(line) : null,
      belowLine: line && figures.perCapitaFen !== null ? figures.perCapitaFen < line.amountFen : null,
    };
  }

  function list(householdId: number): IncomeYear[] {
    const standard = household(householdId).identificationStandard;
    return (stmt.latestPerYear.all(householdId) as IncomeRow[]).map((r) => toYear(r, standard));
  }

  return {
    list,
    save: db.transaction((input: ApiParsed<'income:save'>): IncomeYear => {
      household(input.householdId);
      if (input.year > now().getFullYear()) throw new LedgerError('VALIDATION', `${input.year} 年还没有到，不能录入收入`, { issues: [{ path: 'year', message: '年度不能晚于今年' }] });
      const at = now().toISOString();
      const id = Number(stmt.insert.run({ ...input, excludedJson: JSON.stringify(input.excluded), at, operator: places.operatorName() }).lastInsertRowid);
      const saved = list(input.householdId).find((y) => y.year === input.year)!;
      audit.record({
        action: saved.versions > 1 ? 'update' : 'create', entity: 'income', entityId: id, householdId: input.householdId,
        summary: `录入 ${input.year} 年收入：纯收入 ${formatYuan(saved.netFen)}，${saved.familySize} 人，人均 ${saved.perCapitaFen === null ? '—' : formatYuan(saved.perCapitaFen)}${
          saved.line ? `（${saved.belowLine ? '低于' : '不低于'}${saved.lineLabel} ${formatYuan(saved.line.amountFen)}）` : '（未设置该年度标准）'
        }${saved.excludedFen ? `；另有不计入收入 ${formatYuan(saved.excludedFen)}` : ''}`,
        after: input,
      });
      return saved;
    }),
  };
}
export type IncomeService = ReturnType<typeof createIncomeService>;
