/**
 * What the cards are computed from, read a chunk of households at a time: the household row,
 * its cadre on the day, the village's first secretary, and the year's measures and subsidies
 * (revoked rows left out). The two-no-worries indicators come from the dynamic area, the one
 * place that assesses them.
 */
import type { CardPerson, CardSource, CardSupportSource } from '../../../shared/domain/card.types';
import type { Indicator } from '../../../shared/rules/guarantees';
import type { Db } from '../db/connection';

interface HouseholdCardRow {
  id: number; household_no: string; head_name: string; village_id: number; village_name: string; group_name: string | null;
  phone: string | null; member_count: number; status: string; attribute: string | null; monitoring_category: string | null;
  risk_state: string | null; main_cause: string | null; other_causes: string; identified_year: number | null; lifted_year: number | null;
}
interface CadreCardRow { household_id: number; name: string; unit: string | null; position: string | null; phone: string | null; start_date: string }
interface SecretaryRow { village_id: number; name: string; unit: string | null; position: string | null; phone: string | null }
interface SupportRow { household_id: number; kind: 'measure' | 'subsidy'; category: string; item: string | null; date: string; amount_fen: number | null }

export interface CardPlace {
  countyName: string | null;
  townshipName: string;
}

/*
 * CROSS JOIN keeps the chunk's ids as the outer loop: with a plain JOIN SQLite chose to walk every
 * live household and probe the id list, 27 ms a chunk on a 50,000-household township.
 */
export function createCardSource(db: Db, guarantees: (householdId: number, asOf: string) => readonly Indicator[]) {
  const stmt = {
    households: db.prepare<[string]>(
      `SELECT h.id, h.household_no, h.head_name, h.village_id, v.name AS village_name, g.name AS group_name, h.phone, h.member_count,
              h.status, h.attribute, h.monitoring_category, h.risk_state, h.main_cause, h.other_causes, h.identified_year, h.lifted_year
       FROM json_each(?) j CROSS JOIN households h ON h.id = j.value JOIN villages v ON v.id = h.village_id
       LEFT JOIN village_groups g ON g.id = h.group_id
       WHERE h.deleted_at IS NULL ORDER BY j.key`,
    ),
    cadres: db.prepare<{ ids: string; day: string }>(
      `SELECT p.household_id, c.name, c.unit, c.position, c.phone, p.start_date
       FROM json_each(@ids) j CROSS JOIN pairings p ON p.household_id = j.value JOIN cadres c ON c.id = p.cadre_id
       WHERE p.start_date <= @day AND (p.end_date IS NULL OR p.end_date > @day)`,
    ),
    // The first secretary posted to each village on the day; the latest posting where two overlap.
    secretaries: db.prepare<{ day: string }>(
      `SELECT village_id, name, unit, position, phone FROM cadres
       WHERE role = 'FIRST_SECRETARY' AND village_id IS NOT NULL AND deleted_at IS NULL
         AND (posting_start IS NULL OR posting_start <= @day) AND (posting_end IS NULL OR posting_end >= @day)
       ORDER BY village_id, posting_start IS NULL, posting_start DESC, id DESC`,
    ),
    support: db.prepare<{ ids: string; from: string; to: string }>(
      `SELECT household_id, 'measure' AS kind, category, item, measure_date AS date, amount_fen
       FROM measures WHERE household_id IN (SELECT value FROM json_each(@ids)) AND revoked_at IS NULL AND measure_date BETWEEN @from AND @to
       UNION ALL
       SELECT household_id, 'subsidy' AS kind, category, NULL AS item, paid_date AS date, amount_fen
       FROM subsidies WHERE household_id IN (SELECT value FROM json_each(@ids)) AND revoked_at IS NULL AND paid_date BETWEEN @from AND @to`,
    ),
  };

  const person = (r: { name: string; unit: string | null; position: string | null; phone: string | null }): CardPerson => ({
    name: r.name, unit: r.unit, position: r.position, phone: r.phone,
  });

  function firstSecretaries(day: string): Map<number, CardPerson> {
    const byVillage = new Map<number, CardPerson>();
    for (const r of stmt.secretaries.all({ day }) as SecretaryRow[]) if (!byVillage.has(r.village_id)) byVillage.set(r.village_id, person(r));
    return byVillage;
  }

  return {
    /**
     * The sources of these households' cards, in the order given; households deleted meanwhile are
     * left out. `day` decides the cadre and first secretary; support is of `year`.
     */
    read(ids: readonly number[], place: CardPlace, year: number, day: string, secretaries = firstSecretaries(day)): CardSource[] {
      const json = JSON.stringify(ids);
      const cadres = new Map((stmt.cadres.all({ ids: json, day }) as CadreCardRow[]).map((r) => [r.household_id, r]));
      const support = new Map<number, CardSupportSource[]>();
      for (const r of stmt.support.all({ ids: json, from: `${year}-01-01`, to: `${year}-12-31` }) as SupportRow[]) {
        const list = support.get(r.household_id) ?? [];
        list.push({ kind: r.kind, category: r.category, item: r.item, date: r.date, amountFen: r.amount_fen });
        support.set(r.household_id, list);
      }
      return (stmt.households.all(json) as HouseholdCardRow[]).map((h) => {
        const cadre = cadres.get(h.id);
        return {
          householdId: h.id,
          householdNo: h.household_no,
          headName: h.head_name,
          countyName: place.countyName,
          townshipName: place.townshipName,
          villageName: h.village_name,
          groupName: h.group_name,
          phone: h.phone,
          memberCount: h.member_count,
          status: h.status,
          attribute: h.attribute,
          monitoringCategory: h.monitoring_category,
          riskState: h.risk_state,
          mainCause: h.main_cause,
          otherCauses: h.other_causes ? h.other_causes.split(',').filter(Boolean) : [],
          identifiedYear: h.identified_year,
          liftedYear: h.lifted_year,
          guarantees: guarantees(h.id, day).map((i) => ({ key: i.key, light: i.light })),
          cadre: cadre ? { ...person(cadre), since: cadre.start_date } : null,
          firstSecretary: secretaries.get(h.village_id) ?? null,
          support: support.get(h.id) ?? [],
        };
      });
    },
    firstSecretaries,
  };
}

export type CardSourceReader = ReturnType<typeof createCardSource>;
