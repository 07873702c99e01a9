/**
 * A synthetic township for demos, tests and benchmarks: plausible names, valid IDs, realistic
 * ages and codes, reproducible from a seed. No real people: names are drawn at random from
 * common characters and ID numbers are built from random dates and sequence numbers.
 */
import { householdInput, type HouseholdData, type seedInput } from '../../../shared/schemas/household.schema';
import type { z } from '../../../shared/schemas/zod';
import { checkCharacter } from '../../../shared/rules/id-number';
import type { AuditRepo } from '../audit/audit.repo';
import type { Db } from '../db/connection';
import type { HouseholdsRepo } from './households.repo';
import type { PlacesService } from './places.service';
import { prng, type Rng } from '../seed-random';
import type { SeededHousehold } from '../area';

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const MALE_CHARS = '伟强磊军勇杰涛明超刚平辉鹏华飞建国文斌波宇浩凯健俊帆帅旭宁龙林德志海峰山成福贵发荣富生金忠义';
export const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀英华玲红梅兰燕萍琴云莲凤翠桂珍莉婷雪慧巧春';
const VILLAGE_NAMES = [
  '石桥', '柳溪', '青龙', '白岩', '新田', '杨柳', '红旗', '龙潭', '凤凰', '黄泥', '大坪', '水口', '高峰', '桃园', '松林',
  '马鞍', '金竹', '双河', '长岭', '岩脚', '坪上', '沙坝', '茶园', '枫香', '官庄', '河东', '河西', '三合', '团结', '和平',
];
const GROUP_NAMES = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组', '九组', '十组'];
/** Address code of the fictional county the IDs are issued in (a valid province prefix). */
const COUNTY_CODE = '522799';


export interface SeedReport {
  villages: number;
  groups: number;
  households: number;
  members: number;
  /** What each area added (status events, cadres, visits …), by name. */
  more: Record<string, number>;
}

/** An area's share of the township, written after the households in the same transaction. */
export type AreaSeed = (rng: Rng, households: readonly SeededHousehold[], today: Date) => Record<string, number>;

export function seedTownship(
  db: Db,
  deps: { places: PlacesService; repo: HouseholdsRepo; audit: AuditRepo; now: () => Date; areaSeeds: readonly AreaSeed[] },
  input: z.output<typeof seedInput>,
): SeedReport {
  const rng = prng(input.seed);
  const usedIds = new Set<string>();
  const year = deps.now().getFullYear();

  return db.transaction((): SeedReport => {
    if (!deps.places.getSettings()) {
      deps.places.updateSettings({
        provinceName: '示范省', provinceCode: null, cityName: '示范市', cityCode: null,
        countyName: '示范县', countyCode: COUNTY_CODE, townshipName: '青山镇', townshipCode: null, operatorName: '系统生成',
      });
    }
    const villageCount = input.villages ?? Math.min(VILLAGE_NAMES.length, Math.max(3, Math.ceil(input.households / 300)));
    const existing = new Set(deps.places.listVillages().map((v) => v.name));
    const villages: { id: number; index: number; groups: number[] }[] = [];
    let groupCount = 0;
    for (let i = 0; villages.length < villageCount; i++) {
      const base = VILLAGE_NAMES[i % VILLAGE_NAMES.length]!;
      const name = i < VILLAGE_NAMES.length ? `${base}村` : `${base}${Math.floor(i / VILLAGE_NAMES.length) + 1}村`;
      if (existing.has(name)) continue;
      const v = deps.places.saveVillage({ name, code: null, sort: i });
      const groups: number[] = [];
      for (let g = 0, n = rng.int(3, 8); g < n; g++) {
        groups.push(deps.places.saveGroup({ villageId: v.id, name: GROUP_NAMES[g]!, code: null, sort: g }).id);
      }
      groupCount += groups.length;
      villages.push({ id: v.id, index: i + 1, groups });
    }

    const at = deps.now().toISOString();
    let members = 0;
    const perVillage = new Map<number, number>();
    const seeded: SeededHousehold[] = [];
    for (let i = 0; i < input.households; i++) {
      const village = villages[i % villages.length]!;
      const seq = (perVillage.get(village.id) ?? 0) + 1;
      perVillage.set(village.id, seq);
      const householdNo = `${COUNTY_CODE}${String(village.index).padStart(3, '0')}${String(seq).padStart(5, '0')}`;
      const raw = syntheticHousehold(rng, year, usedIds, village.id, rng.pick(village.groups), householdNo);
      const h: HouseholdData = householdInput.parse(raw);
      const id = deps.repo.insert(h, householdNo, at);
      h.members.forEach((m, sort) => deps.repo.insertMember(id, m, sort, at));
      deps.repo.refreshSummary(id, householdNo, h.phone, h.members);
      members += h.members.length;
      seeded.push({
        id, villageId: village.id, status: h.status, memberCount: h.members.length, monitoringCategory: h.monitoringCategory,
        riskState: h.riskState, monitored: h.monitoringCategory !== null && h.riskState === 'ACTIVE',
        identifiedYear: h.identifiedYear, liftedYear: h.liftedYear,
      });
    }
    const more: Record<string, number> = {};
    for (const areaSeed of deps.areaSeeds) Object.assign(more, areaSeed(rng, seeded, deps.now()));
    const report = { villages: villages.length, groups: groupCount, households: input.households, members, more };
    deps.audit.record({
      action: 'create', entity: 'seed', entityId: null,
      summary: `生成演示数据：${report.villages} 个行政村，${report.households} 户，${report.members} 人（随机种子 ${input.seed}）`,
      after: report,
    });
    return report;
  })();
}

function syntheticHousehold(rng: Rng, year: number, usedIds: Set<string>, villageId: number, groupId: number, householdNo: string) {
  const surname = rng.pick<string>(SURNAMES);
  const headMale = rng.chance(0.82);
  const headAge = rng.int(28, 82);
  const people: { name: string; sex: '1' | '2'; age: number; relationship: string }[] = [];
  const name = (sexCode: '1' | '2', family = surname) =>
    family + (sexCode === '1' ? rng.pick<string>(MALE_CHARS) : rng.pick<string>(FEMALE_CHARS)) + (rng.chance(0.6) ? rng.pick<string>(sexCode === '1' ? MALE_CHARS : FEMALE_CHARS) : '');
  const headSex = headMale ? '1' : '2';
  people.push({ name: name(headSex), sex: headSex, age: headAge, relationship: '01' });
  if (rng.chance(0.72) && headAge < 78) {
    const sexCode = headMale ? '2' : '1';
    people.push({ name: name(sexCode, rng.pick<string>(SURNAMES)), sex: sexCode, age: Math.max(20, headAge + rng.int(-6, 4)), relationship: '02' });
  }
  const children = headAge < 30 ? rng.int(0, 1) : rng.int(0, 3);
  for (let c = 0; c < children; c++) {
    const sexCode = rng.chance(0.52) ? '1' : '2';
    const age = Math.max(0, headAge - rng.int(20, 34));
    people.push({ name: name(sexCode), sex: sexCode, age, relationship: sexCode === '1' ? '03' : '04' });
  }
  if (headAge < 50 && rng.chance(0.18)) {
    const sexCode = rng.chance(0.5) ? '1' : '2';
    people.push({ name: name(sexCode), sex: sexCode, age: headAge + rng.int(22, 32), relationship: sexCode === '1' ? '11' : '12' });
  }
  if (headAge > 58 && rng.chance(0.35)) {
    const sexCode = rng.chance(0.5) ? '1' : '2';
    people.push({ name: name(sexCode), sex: sexCode, age: rng.int(0, 12), relationship: sexCode === '1' ? '07' : '08' });
  }

  // Today's states only: every registered household exited by 2020; the history leading here is
  // written by the dynamic area's seed.
  const status = rng.pick(['LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD', 'LIFTED_HOUSEHOLD_NO_POLICY', 'ORDINARY'] as const);
  const monitored = rng.chance(0.12);
  const monitoringCategory = monitored ? (status === 'ORDINARY' ? rng.pick(['MARGINAL', 'SUDDEN_HARDSHIP']) : rng.pick(['UNSTABLE', 'UNSTABLE', 'SUDDEN_HARDSHIP'])) : null;
  const mainCause = status === 'ORDINARY' ? null : rng.pick(['01', '01', '02', '03', '07', '08', '09', '11', '05', '04']);
  const identifiedYear = status === 'ORDINARY' ? null : rng.int(2014, 2019);

  const household = {
    householdNo,
    villageId,
    groupId,
    phone: rng.chance(0.7) ? mobile(rng) : null,
    identificationStandard: '1',
    attribute: status === 'ORDINARY' ? null : rng.pick(['GENERAL', 'GENERAL', 'GENERAL', 'DIBAO', 'TEKUN']),
    status,
    monitoringCategory,
    riskState: monitored ? rng.pick(['ACTIVE', 'ACTIVE', 'ELIMINATED_ASSISTED', 'ELIMINATED_NATURAL']) : null,
    mainCause,
    otherCauses: mainCause && rng.chance(0.3) ? [mainCause === '09' ? '07' : '09'] : [],
    identifiedYear,
    liftedYear: identifiedYear ? rng.int(Math.max(identifiedYear, 2016), 2020) : null,
    members: people.map((p) => syntheticMember(rng, year, usedIds, p)),
  };
  return consistentHousehold(household, headAge);
}

/**
 * The dice pick a household's attribute and main cause before its people; this makes them agree
 * afterwards (the data-quality checks would rightly flag them otherwise) without drawing again,
 * so the rest of the township stays what the same seed always gave. 特困供养 is for a person
 * living alone from 60; a 低保 household has its people on 低保; a cause of illness, disability or
 * schooling needs a member who is ill, disabled or at school.
 */
function consistentHousehold<H extends { attribute: string | null; mainCause: string | null; otherCauses: string[]; members: ReturnType<typeof syntheticMember>[] }>(h: H, headAge: number): H {
  const attribute = h.attribute === 'TEKUN' && !(h.members.length === 1 && headAge >= 60) ? 'DIBAO' : h.attribute;
  const members = h.members.map((m) => ({ ...m, dibao: attribute === 'DIBAO', tekun: attribute === 'TEKUN' && m.relationship === '01' }));
  const fits = (cause: string) =>
    cause === '01' ? members.some((m) => m.health.some((x) => x === '02' || x === '03'))
      : cause === '02' ? members.some((m) => m.health.includes('04'))
        : cause === '03' ? members.some((m) => m.inSchool !== null && m.inSchool !== '01')
          : true;
  const mainCause = h.mainCause === null || fits(h.mainCause) ? h.mainCause : '07';
  return { ...h, attribute, members, mainCause, otherCauses: h.otherCauses.filter((c) => c !== mainCause) };
}

function syntheticMember(rng: Rng, year: number, usedIds: Set<string>, p: { name: string; sex: '1' | '2'; age: number; relationship: string }) {
  const birthYear = year - p.age - 1;
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const birth = `${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  let idNumber = '';
  for (let seq = rng.int(1, 480); ; seq++) {
    const sequence = seq * 2 - (p.sex === '1' ? 1 : 0); // odd for men, even for women
    const first17 = `${COUNTY_CODE}${birth}${String(sequence % 1000).padStart(3, '0')}`;
    if (!usedIds.has(first17)) {
      usedIds.add(first17);
      idNumber = first17 + checkCharacter(first17);
      break;
    }
  }
  const age = p.age;
  // Teenagers not yet in senior school are still finishing 九年级: compulsory schooling runs to 16.
  const inSchool = age < 3 ? null : age < 6 ? '02' : age < 12 ? '03' : age < 15 ? rng.pick(['04', '05', '06']) : age < 18 && rng.chance(0.7) ? rng.pick(['07', '08', '09', '10', '11']) : age <= 16 ? '06' : '01';
  const studying = inSchool !== null && inSchool !== '01';
  const sick = age > 45 && rng.chance(0.2);
  const disabled = rng.chance(0.04);
  const migrant = age >= 18 && age <= 55 && !disabled && !sick && !studying && rng.chance(0.45);
  const member = {
    name: p.name,
    documentType: '1',
    idNumber,
    relationship: p.relationship,
    ethnicity: rng.chance(0.8) ? '01' : rng.pick(['06', '09', '12', '15']),
    politicalStatus: age >= 18 ? (rng.chance(0.06) ? '01' : '13') : age >= 14 && rng.chance(0.3) ? '03' : null,
    education: studying || age < 6 ? null : age > 65 ? rng.pick(['01', '01', '02']) : age < 23 ? rng.pick(['03', '03', '04', '04']) : rng.pick(['02', '03', '03', '04']),
    inSchool: age < 6 && !studying ? null : inSchool,
    health: disabled ? ['04'] : sick ? [rng.pick(['02', '03'])] : ['01'],
    disabilityType: disabled ? rng.pick(['1', '2', '4', '5', '7']) : null,
    // Skilled labour that stays home would be flagged as unemployed; the draw is kept for the dice's sake.
    labour: age < 16 || studying ? '04' : age >= 60 ? rng.pick(['03', '04', '05']) : disabled || sick ? rng.pick(['03', '05']) : skilledOrNot(rng.pick(['01', '01', '01', '02']), migrant),
    migrantWork: migrant ? rng.pick(['01', '02', '03', '04', '04']) : null,
    workMonths: migrant ? rng.int(3, 12) : null,
    phone: age >= 18 && rng.chance(0.4) ? mobile(rng) : null,
    residentMedicalInsurance: true,
    seriousIllnessInsurance: true,
    residentPension: age >= 16 && !studying,
    dibao: false,
    tekun: false,
  };
  // A disabled person's document is the 残疾人证: the ID, then the category and the grade.
  if (member.disabilityType !== null) {
    member.documentType = '2';
    member.idNumber = `${idNumber}${member.disabilityType}${(Number(idNumber[16]) % 4) + 1}`;
  }
  return member;
}

function skilledOrNot(drawn: string, migrant: boolean): string {
  return migrant ? drawn : '01';
}

export function mobile(rng: Rng): string {
  return `1${rng.pick('3456789')}${String(rng.int(0, 999999999)).padStart(9, '0')}`;
}
