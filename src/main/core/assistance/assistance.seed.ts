/**
 * The assistance part of a synthetic township: per village a first secretary and a work team,
 * cadres each paired with 10–30 households (about 2% left unpaired, some with an earlier
 * cadre), a year of measures, subsidies and visits that roughly keep the cadence, with some
 * households overdue. Names and ID numbers are generated; no real people.
 */
import type { CadreData, VisitCadence } from '../../../shared/schemas/assistance.schema';
import { checkCharacter } from '../../../shared/rules/id-number';
import type { SeededHousehold } from '../area';
import type { PlacesService } from '../registry/places.service';
import { FEMALE_CHARS, MALE_CHARS, mobile, SURNAMES } from '../registry/seed';
import type { Rng } from '../seed-random';
import type { CadresRepo } from './cadres.repo';
import { addDays, addMonths, localDateText } from './dates';
import type { PairingsRepo } from './pairings.repo';
import type { MeasuresRepo, SubsidiesRepo } from './records.repo';
import type { VisitsRepo } from './visits.repo';

/** Fictional units of the fictional 示范 county, with their 隶属关系. */
const UNITS: readonly (readonly [string, string])[] = [
  ['示范县农业农村局', '04'], ['示范县人力资源和社会保障局', '04'], ['示范县教育局', '04'], ['示范县卫生健康局', '04'],
  ['示范县住房和城乡建设局', '04'], ['示范县水务局', '04'], ['示范县财政局', '04'], ['示范县民政局', '04'],
  ['示范县林业局', '04'], ['示范县交通运输局', '04'], ['示范市发展和改革委员会', '03'], ['示范市自然资源局', '03'],
  ['示范市农业科学研究所', '03'], ['示范省农业科学院', '02'], ['青山镇人民政府', '05'], ['示范县农村信用合作联社', '07'],
];
const POSITIONS = ['科员', '科员', '办事员', '副科长', '科长', '主任科员', '副主任', '干部'];

/** 2021+ measure groups a year of monitoring-era work draws from, with typical items and amounts (yuan). */
const MEASURES: readonly { category: string; items: readonly string[]; yuan: readonly [number, number] | null; weight: number }[] = [
  { category: 'M_INDUSTRY', items: ['发放生猪养殖补助', '提供茶苗和技术指导', '中药材种植技术培训', '加入种养专业合作社'], yuan: [500, 5000], weight: 5 },
  { category: 'M_EMPLOYMENT', items: ['推荐到县工业园区务工', '电工技能培训', '劳务输出对接'], yuan: null, weight: 4 },
  { category: 'M_FINANCE', items: ['扶贫小额信贷贴息', '办理农业保险'], yuan: [300, 2000], weight: 2 },
  { category: 'M_PUBLIC_JOB', items: ['安排护林员公益岗位', '安排保洁员公益岗位', '安排护路员公益岗位'], yuan: null, weight: 2 },
  { category: 'M_HEALTH', items: ['代缴城乡居民基本医疗保险个人缴费', '家庭医生签约服务', '办理慢病门诊就医证'], yuan: [100, 400], weight: 4 },
  { category: 'M_EDUCATION', items: ['雨露计划职业教育补助', '申请国家助学金'], yuan: [1500, 3000], weight: 2 },
  { category: 'M_COMPULSORY_EDUCATION', items: ['控辍保学入户劝返', '义务教育营养改善计划'], yuan: null, weight: 1 },
  { category: 'M_HOUSING', items: ['农村危房改造', '房屋安全等级鉴定'], yuan: [8000, 30000], weight: 1 },
  { category: 'M_WATER', items: ['自来水入户管网延伸', '饮用水水质检测'], yuan: null, weight: 1 },
  { category: 'M_SAFETY_NET', items: ['纳入农村低保', '申请临时救助', '办理残疾人两项补贴'], yuan: null, weight: 3 },
  { category: 'M_SOCIAL', items: ['结对单位走访慰问', '爱心企业捐赠物资'], yuan: [200, 1000], weight: 2 },
  { category: 'M_LIVING_CONDITIONS', items: ['卫生厕所改造', '入户路硬化'], yuan: [1000, 4000], weight: 1 },
];

/** Subsidy categories with a plausible single payment (yuan) and where the money comes from. */
const SUBSIDIES: readonly { category: string; yuan: readonly [number, number]; sources: readonly string[]; weight: number }[] = [
  { category: 'DIBAO', yuan: [300, 650], sources: ['FISCAL'], weight: 4 },
  { category: 'PENSION', yuan: [120, 220], sources: ['FISCAL'], weight: 4 },
  { category: 'ECOLOGICAL', yuan: [200, 1500], sources: ['FISCAL'], weight: 3 },
  { category: 'FARM', yuan: [100, 800], sources: ['FISCAL'], weight: 3 },
  { category: 'DISABILITY', yuan: [60, 120], sources: ['FISCAL'], weight: 1 },
  { category: 'FAMILY_PLANNING', yuan: [960, 960], sources: ['FISCAL'], weight: 1 },
  { category: 'PUBLIC_JOB_WAGE', yuan: [500, 800], sources: ['FISCAL'], weight: 2 },
  { category: 'INDUSTRY_AWARD', yuan: [1000, 5000], sources: ['FISCAL', 'UNIT'], weight: 2 },
  { category: 'EDUCATION', yuan: [1500, 3000], sources: ['FISCAL', 'DONATION'], weight: 1 },
  { category: 'MEDICAL', yuan: [500, 8000], sources: ['FISCAL'], weight: 1 },
  { category: 'HOUSING', yuan: [10000, 35000], sources: ['FISCAL'], weight: 1 },
  { category: 'TEMPORARY_RELIEF', yuan: [500, 3000], sources: ['FISCAL'], weight: 1 },
  { category: 'CONDOLENCE', yuan: [200, 1000], sources: ['UNIT', 'DONATION', 'SOCIAL_INVESTMENT'], weight: 1 },
];

const FINDINGS = [
  '家中情况稳定，收入来源主要为务工。',
  '户主身体状况一般，已提醒按时复诊。',
  '家庭成员均已参加医疗保险。',
  '房屋安全，饮水正常。',
  '子女在校就读正常。',
  '今年养殖规模扩大，收入较上年增加。',
  '务工人员返乡，需关注就业。',
  '已宣讲防返贫监测政策和申报渠道。',
];
const RISK_NOTES: Record<string, string> = {
  INCOME: '务工收入下降，需关注收入变化。',
  EDUCATION: '子女上学交通不便，存在辍学风险。',
  MEDICAL: '家中有人患慢性病，医疗支出较大。',
  HOUSING: '房屋墙体开裂，建议做安全鉴定。',
  WATER: '旱季自来水时有中断。',
};

interface SeedCadre {
  id: number;
  unit: string;
}

/** Writes the assistance rows straight through the repos (one seed audit entry covers them all). */
export function seedAssistance(
  deps: {
    places: PlacesService; cadres: CadresRepo; pairings: PairingsRepo; measures: MeasuresRepo; subsidies: SubsidiesRepo; visits: VisitsRepo; cadence: VisitCadence;
    /** The first day of the month each monitoring object was taken in: its measures come after. */
    monitoringSince: ReadonlyMap<number, string>;
  },
  rng: Rng,
  households: readonly SeededHousehold[],
  now: Date,
): Record<string, number> {
  const today = localDateText(now);
  const at = now.toISOString();
  const yearAgo = addDays(today, -365);
  const usedIds = new Set<string>();
  const counts = { cadres: 0, pairings: 0, measures: 0, subsidies: 0, visits: 0 };
  const villageNames = new Map(deps.places.listVillages().map((v) => [v.id, v.name]));

  const weighted = <T extends { weight: number }>(items: readonly T[]): T => {
    let r = rng.next() * items.reduce((s, i) => s + i.weight, 0);
    for (const item of items) if ((r -= item.weight) < 0) return item;
    return items[items.length - 1]!;
  };
  const dayWithin = (from: string, to: string) => addDays(from, rng.int(0, Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000))));
  const fen = ([min, max]: readonly [number, number]) => rng.int(min, max) * 100 + (rng.chance(0.3) ? rng.int(1, 99) : 0);

  function newCadre(role: string, extra: Partial<CadreData>): SeedCadre {
    const male = rng.chance(0.7);
    const sexCode = male ? '1' : '2';
    const chars = male ? MALE_CHARS : FEMALE_CHARS;
    const name = rng.pick<string>(SURNAMES) + rng.pick<string>(chars) + (rng.chance(0.6) ? rng.pick<string>(chars) : '');
    const [unit, affiliation] = rng.pick(UNITS);
    const cadre: CadreData = {
      name, sex: sexCode, idNumber: rng.chance(0.5) ? cadreIdNumber(sexCode) : null, role, unit, affiliation,
      position: rng.pick(POSITIONS), phone: mobile(rng), dispatchingUnit: null, teamName: null, villageId: null,
      postingStart: null, postingEnd: null, note: null, ...extra,
    };
    counts.cadres++;
    return { id: deps.cadres.insert(cadre, at), unit: cadre.unit };
  }

  function cadreIdNumber(sexCode: '1' | '2'): string {
    for (;;) {
      const birth = `${rng.int(1966, 1998)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
      const sequence = rng.int(0, 499) * 2 + (sexCode === '1' ? 1 : 2);
      const first17 = `522701${birth}${String(sequence).padStart(3, '0')}`;
      if (!usedIds.has(first17)) {
        usedIds.add(first17);
        return first17 + checkCharacter(first17);
      }
    }
  }

  const byVillage = new Map<number, SeededHousehold[]>();
  for (const h of households) {
    const list = byVillage.get(h.villageId);
    if (list) list.push(h);
    else byVillage.set(h.villageId, [h]);
  }

  for (const [villageId, villageHouseholds] of byVillage) {
    const villageName = villageNames.get(villageId) ?? '';
    const postingStart = dayWithin(addDays(today, -3 * 365), addDays(today, -200));
    const [dispatchingUnit] = rng.pick(UNITS);
    const team = { villageId, postingStart, dispatchingUnit, teamName: `${villageName}驻村工作队` };
    newCadre('FIRST_SECRETARY', { ...team, position: '驻村第一书记' });
    const workTeam = Array.from({ length: rng.int(3, 5) }, () => newCadre('WORK_TEAM_MEMBER', team));

    // Cadres each take a consecutive run of 10–30 of the village's households; ~2% stay unpaired.
    const toPair = villageHouseholds.filter(() => !rng.chance(0.02));
    const currentCadre = new Map<number, { cadre: SeedCadre; since: string; before: SeedCadre | null }>();
    for (let i = 0; i < toPair.length; ) {
      const left = toPair.length - i;
      const size = left <= 30 ? left : rng.int(10, Math.min(30, left - 10));
      const cadre = newCadre('PAIRED_CADRE', {});
      const since = dayWithin(addDays(today, -4 * 365), addDays(today, -60));
      for (const h of toPair.slice(i, i + size)) {
        let before: SeedCadre | null = null;
        if (rng.chance(0.12)) {
          // An earlier cadre, handed over on the day the current one started.
          before = rng.pick(workTeam);
          const earlier = deps.pairings.insert(before.id, h.id, dayWithin('2016-01-01', addDays(since, -365)), at);
          deps.pairings.end(earlier, since, rng.pick(['REASSIGNED', 'CADRE_LEFT']), null, at);
          counts.pairings++;
        }
        deps.pairings.insert(cadre.id, h.id, since, at);
        counts.pairings++;
        currentCadre.set(h.id, { cadre, since, before });
      }
      i += size;
    }

    for (const h of villageHouseholds) {
      const paired = currentCadre.get(h.id);
      const helpingUnit = paired?.cadre.unit ?? rng.pick(UNITS)[0];

      const since = deps.monitoringSince.get(h.id);
      const measuresFrom = since && since > yearAgo && since <= today ? since : yearAgo;
      for (let n = rng.int(1, 4); n > 0; n--) {
        const m = weighted(MEASURES);
        deps.measures.insert(
          { householdId: h.id, category: m.category, item: rng.pick(m.items), date: dayWithin(measuresFrom, today), amountFen: m.yuan && rng.chance(0.7) ? fen(m.yuan) : null, helpingUnit, note: null },
          at,
        );
        counts.measures++;
      }
      for (let n = rng.int(1, 3); n > 0; n--) {
        const s = weighted(SUBSIDIES);
        deps.subsidies.insert({ householdId: h.id, category: s.category, amountFen: fen(s.yuan), date: dayWithin(yearAgo, today), source: rng.pick(s.sources), note: null }, at);
        counts.subsidies++;
      }

      // Visits back from the latest, one cadence apart (a little early at times); ~15% overdue, ~1% never visited.
      if (rng.chance(0.01)) continue;
      const months = h.monitored ? deps.cadence.monitoredMonths : deps.cadence.otherMonths;
      const dueAfter = addMonths(today, -months);
      let date = rng.chance(0.15) ? dayWithin(addDays(dueAfter, -90), addDays(dueAfter, -1)) : dayWithin(dueAfter, today);
      while (date >= yearAgo) {
        const ownCadre = !paired ? null : date >= paired.since ? paired.cadre : paired.before;
        const visitor = ownCadre === null || rng.chance(0.1) ? rng.pick(workTeam) : ownCadre;
        const riskFlags = rng.chance(0.12) ? [rng.pick(Object.keys(RISK_NOTES))] : [];
        deps.visits.insert(
          {
            householdId: h.id,
            cadreId: visitor.id,
            date,
            type: rng.pick(['HOME', 'HOME', 'HOME', 'HOME', 'HOME', 'HOME', 'HOME', 'PHONE', 'PHONE', 'GATHERING']),
            purposes: [...new Set([rng.pick(['POLICY', 'RISK', 'MEASURES']), rng.pick(['INCOME', 'RISK', 'CONDOLENCE', 'MEASURES'])])],
            findings: riskFlags.length ? RISK_NOTES[riskFlags[0]!]! : rng.pick(FINDINGS),
            riskFlags,
            measuresDelivered: rng.chance(0.2) ? '宣讲帮扶政策，核实收入情况' : null,
            nextVisitDate: addMonths(date, months),
            rating: null,
          },
          visitor === ownCadre,
          at,
        );
        counts.visits++;
        date = addDays(addMonths(date, -months), rng.int(0, 10));
      }
    }
  }
  return counts;
}
