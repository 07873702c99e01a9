import type { ApiParsed } from '../../../shared/api';
import { houseGrade, labelOf } from '../../../shared/domain';
import type { GuaranteeReport } from '../../../shared/domain/dynamic.types';
import type { HouseholdDetail } from '../../../shared/domain/registry.types';
import { assessGuarantees } from '../../../shared/rules/guarantees';
import type { AreaDeps } from '../area';
import type { IncomeService } from './income.service';

interface SurveyRow { house_grade: string | null; water_safe: number | null; water_hard: number | null; recorded_on: string; note: string | null }

const bool = (v: number | null) => (v === null ? null : v === 1);

export function createGuaranteesService({ db, audit, places, now }: AreaDeps, household: (id: number) => HouseholdDetail, income: IncomeService) {
  const stmt = {
    insert: db.prepare(
      `INSERT INTO guarantee_surveys (household_id, recorded_on, house_grade, water_safe, water_hard, note, recorded_at, operator)
       VALUES (@householdId, @recordedOn, @houseGrade, @waterSafe, @waterHard, @note, @at, @operator)`,
    ),
    latest: db.prepare<[number, string]>('SELECT * FROM guarantee_surveys WHERE household_id = ? AND recorded_on <= ? ORDER BY recorded_on DESC, id DESC LIMIT 1'),
  };

  function report(householdId: number, asOf: string): GuaranteeReport {
    const h = household(householdId);
    const row = stmt.latest.get(householdId, asOf) as SurveyRow | undefined;
    const survey = row ? { houseGrade: row.house_grade, waterSafe: bool(row.water_safe), waterHard: bool(row.water_hard), recordedOn: row.recorded_on, note: row.note } : null;
    const latestIncome = income.list(householdId).find((y) => y.year <= Number(asOf.slice(0, 4)));
    return {
      householdId,
      asOf,
      survey,
      indicators: assessGuarantees({
        asOf,
        members: h.members,
        survey,
        perCapitaFen: latestIncome?.perCapitaFen ?? null,
        lineFen: latestIncome?.line?.amountFen ?? null,
        lineLabel: latestIncome?.lineLabel ?? null,
        incomeYear: latestIncome?.year ?? null,
      }),
    };
  }

  return {
    get(input: ApiParsed<'guarantee:get'>): GuaranteeReport {
      return report(input.householdId, input.asOf ?? now().toISOString().slice(0, 10));
    },
    save: db.transaction((input: ApiParsed<'guarantee:save'>): GuaranteeReport => {
      household(input.householdId);
      const at = now().toISOString();
      const id = Number(
        stmt.insert.run({
          householdId: input.householdId, recordedOn: input.recordedOn, houseGrade: input.houseGrade,
          waterSafe: input.waterSafe === null ? null : Number(input.waterSafe), waterHard: input.waterHard === null ? null : Number(input.waterHard),
          note: input.note, at, operator: places.operatorName(),
        }).lastInsertRowid,
      );
      const yes = (v: boolean | null, t: string, f: string) => (v === null ? '未核查' : v ? t : f);
      audit.record({
        action: 'create', entity: 'guarantee_survey', entityId: id, householdId: input.householdId,
        summary: `住房饮水核查（${input.recordedOn}）：${input.houseGrade ? labelOf(houseGrade, input.houseGrade) : '住房未核查'}，${yes(input.waterSafe, '饮水安全', '饮水不安全')}${input.waterHard ? '，取水困难' : ''}`,
        after: input,
      });
      return report(input.householdId, now().toISOString().slice(0, 10));
    }),
  };
}
