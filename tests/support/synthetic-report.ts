/**
 * Synthetic monthly-report data: villages and households with varied states, members, money and
 * lights, reproducible from a seed. Invented figures only; used by the report file tests and the
 * report bench.
 */
import { householdAttribute, householdStatus, monitoringCategory, povertyCause } from '../../src/shared/domain';
import type { MonthlyReport, ReportHousehold, ReportState, ReportVillage } from '../../src/shared/domain/report.types';
import type { Light } from '../../src/shared/rules/guarantees';
import { buildMonthlyReport, type ReportMeta } from '../../src/shared/reports/monthly-report';
import { prng } from '../../src/main/core/seed-random';

const VILLAGE_NAMES = ['石桥村', '柳溪村', '青山村', '红旗村', '新华村', '东岭村', '西坪村', '南塘村', '北山村', '大坝村', '白水村', '黄泥塘村', '杨家坪村', '龙潭村', '凤凰村'];

/** `count` villages with plausible names: 石桥村, 柳溪村 … then 石桥二村 and so on. */
export function syntheticVillages(count: number): ReportVillage[] {
  const ordinals = ['', '二', '三', '四', '五', '六', '七', '八'];
  return Array.from({ length: count }, (_, i) => {
    const base = VILLAGE_NAMES[i % VILLAGE_NAMES.length]!;
    const round = Math.floor(i / VILLAGE_NAMES.length);
    return { id: 100 + i, name: round === 0 ? base : `${base.slice(0, -1)}${ordinals[round] ?? round + 1}村` };
  });
}

/**
 * Households with the variety a township has: mostly 脱贫户 and 一般农户 with some households of
 * the 2014–2020 statuses, about one in eight a monitoring object, this month's changes (newly
 * monitored, risks eliminated, lifted, returned), incomes around the line, measures and subsidies.
 * Villages get unequal shares, so their rows differ.
 */
export function syntheticHouseholds(count: number, villages: readonly ReportVillage[], seed = 2026): ReportHousehold[] {
  const r = prng(seed);
  const statuses = householdStatus.entries.map((e) => e.code);
  const weights = villages.map((_, i) => 1 + ((i * 7) % 5));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const villageOf = () => {
    let x = r.next() * totalWeight;
    for (let i = 0; i < villages.length; i++) if ((x -= weights[i]!) < 0) return villages[i]!.id;
    return villages[villages.length - 1]!.id;
  };
  const light = (): Light => (r.chance(0.9) ? 'ok' : r.chance(0.5) ? 'check' : r.chance(0.8) ? 'problem' : 'unknown');
  const households: ReportHousehold[] = [];
  for (let i = 0; i < count && villages.length > 0; i++) {
    const status = r.chance(0.85) ? r.pick(['LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD_NO_POLICY', 'ORDINARY']) : r.pick(statuses);
    const monitored = r.chance(0.12);
    const category = monitored ? r.pick(monitoringCategory.entries).code : null;
    const risk = monitored ? r.pick(['ACTIVE', 'ACTIVE', 'ELIMINATED_ASSISTED', 'ELIMINATED_NATURAL']) : null;
    const state: ReportState = { status, monitoringCategory: category, riskState: risk };
    let previous: ReportState | null = { ...state };
    if (r.chance(0.02)) previous = null;
    else if (monitored && r.chance(0.1)) previous = { ...state, monitoringCategory: null, riskState: null };
    else if (risk?.startsWith('ELIMINATED') && r.chance(0.2)) previous = { ...state, riskState: 'ACTIVE' };
    else if (status === 'RETURNED' && r.chance(0.3)) previous = { ...state, status: 'LIFTED_POLICY' };
    else if (status.startsWith('LIFTED') && r.chance(0.05)) previous = { ...state, status: 'NOT_LIFTED' };
    const people = r.int(1, 6);
    const attribute = r.chance(0.9) ? r.pick(householdAttribute.entries).code : null;
    const hasIncome = r.chance(0.93);
    const measuresMonth = r.chance(0.15) ? r.int(1, 3) : 0;
    const measuresYear = measuresMonth + (r.chance(0.5) ? r.int(0, 6) : 0);
    const measuresMonthFen = measuresMonth * r.int(0, 500_000);
    const subsidiesMonthFen = r.chance(0.2) ? r.int(5_000, 300_000) : 0;
    households.push({
      householdId: i + 1,
      householdNo: String(5_227_010_000_000 + i),
      villageId: villageOf(),
      state,
      previous,
      people,
      joinedThisMonth: r.chance(0.01) ? 1 : 0,
      leftThisMonth: r.chance(0.008) ? 1 : 0,
      dibaoPeople: attribute === 'DIBAO' ? r.int(1, people) : 0,
      tekunPeople: attribute === 'TEKUN' ? 1 : 0,
      disabledPeople: r.chance(0.08) ? 1 : 0,
      attribute,
      mainCause: r.chance(0.92) ? r.pick(povertyCause.entries).code : null,
      incomeYear: hasIncome ? 2025 : null,
      perCapitaFen: hasIncome ? r.int(400_000, 2_600_000) : null,
      lineFen: hasIncome && r.chance(0.98) ? 760_000 : null,
      guarantees: { foodClothing: light(), education: light(), medical: light(), housing: light(), water: light() },
      measuresMonth,
      measuresMonthFen,
      measuresYear,
      measuresYearFen: measuresMonthFen + (measuresYear - measuresMonth) * r.int(0, 800_000),
      subsidiesMonthFen,
      subsidiesYearFen: subsidiesMonthFen + (r.chance(0.5) ? r.int(0, 1_200_000) : 0),
      visitsMonth: r.chance(0.4) ? r.int(1, 3) : 0,
      visitOverdue: r.chance(0.05),
    });
  }
  return households;
}

export const SAMPLE_META: ReportMeta = {
  month: '2026-03',
  townshipName: '青山镇',
  countyName: '示范县',
  source: 'snapshot',
  closedAt: '2026-04-02T09:30:00+08:00',
  closedBy: '李文书',
  asOf: '2026-04-02T09:30:00+08:00',
};

/** A report of `households` synthetic households over `villages` villages. */
export function syntheticReport(households: number, villages: number, meta: Partial<ReportMeta> = {}): MonthlyReport {
  const v = syntheticVillages(villages);
  return buildMonthlyReport(syntheticHouseholds(households, v), v, { ...SAMPLE_META, ...meta });
}
