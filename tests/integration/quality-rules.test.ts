/**
 * Every data-quality rule on a real SQLite file: a clean household of each kind raises nothing,
 * and a household with exactly one defect (written straight into the file, as an old system or a
 * hand edit would leave it) is found by that rule, and only by the rules the defect implies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_RULES } from '../../src/main/core/quality/rules';
import type { QualityFinding } from '../../src/shared/domain/quality.types';
import { idFor, tempLedger } from '../support/temp-ledger';

const NOW = new Date('2026-11-15T04:00:00Z');
type Base = 'lifted' | 'monitored' | 'eliminated';

interface Built {
  id: number;
  head: number;
  spouse: number;
  child: number;
  cadreId: number;
  ids: { head: string; spouse: string; child: string };
  phone: string;
  headPhone: string;
  n: number;
}

let t: ReturnType<typeof tempLedger>;
let villageId: number;
let serial = 0;

const sql = (text: string, ...params: unknown[]) => t.ledger.db.prepare(text).run(...params);
/** A person's own area code, so every synthetic ID number in the file is different. */
const area = (n: number, k: number) => `52${String(n * 4 + k).padStart(4, '0')}`;
const flipCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const to15 = (id: string) => id.slice(0, 6) + id.slice(8, 17);

function build(base: Base = 'lifted', inVillage = villageId): Built {
  const n = ++serial;
  const ids = {
    head: idFor(area(n, 0), '19810510', 1),
    spouse: idFor(area(n, 1), '19830202', 2),
    child: idFor(area(n, 2), '20140301', 3),
  };
  const phone = `1370000${String(n).padStart(4, '0')}`;
  const headPhone = `1390000${String(n).padStart(4, '0')}`;
  const saved = t.must('household:save', {
    villageId: inVillage, status: 'LIFTED_HOUSEHOLD', attribute: 'GENERAL', mainCause: '07', identifiedYear: 2015, liftedYear: 2018,
    statusSince: '2021-01', phone,
    members: [
      { name: `户主${n}`, idNumber: ids.head, relationship: '01', education: '03', inSchool: '01', labour: '01', phone: headPhone, residentMedicalInsurance: true, seriousIllnessInsurance: true, residentPension: true },
      { name: `配偶${n}`, idNumber: ids.spouse, relationship: '02', education: '03', inSchool: '01', labour: '01', migrantWork: '04', workMonths: 10, residentMedicalInsurance: true, seriousIllnessInsurance: true },
      { name: `孩子${n}`, idNumber: ids.child, relationship: '03', inSchool: '04', labour: '04', residentMedicalInsurance: true, seriousIllnessInsurance: true },
    ],
  });
  const [head, spouse, child] = saved.members.map((m) => m.id) as [number, number, number];
  const cadre = t.must('cadre:save', { name: `干部${n}`, sex: '1', unit: '县农业农村局', affiliation: '04', phone: `1360000${String(n).padStart(4, '0')}` });
  t.must('pairing:assign', { cadreId: cadre.id, householdIds: [saved.id], startDate: '2024-01-01' });
  const income = { householdId: saved.id, wageFen: 4_000_000, operatingFen: 500_000, operatingCostFen: 100_000 };
  t.must('income:save', { ...income, year: 2025 });
  t.must('guarantee:save', { householdId: saved.id, recordedOn: '2025-06-01', houseGrade: '01', waterSafe: true, waterHard: false });
  if (base !== 'lifted') {
    t.must('status:change', { householdId: saved.id, kind: 'START_MONITORING', month: '2026-06', monitoringCategory: 'UNSTABLE' });
    t.must('measure:save', { householdId: saved.id, category: 'M_EMPLOYMENT', item: '推荐到县工业园区务工', date: '2026-07-10' });
  }
  if (base === 'eliminated') {
    t.must('status:change', { householdId: saved.id, kind: 'ELIMINATE_RISK', month: '2026-09', eliminationMethod: 'ASSISTED' });
    t.must('income:save', { ...income, year: 2026 });
  }
  return { id: saved.id, head, spouse, child, cadreId: cadre.id, ids, phone, headPhone, n };
}

function findings(householdId?: number): QualityFinding[] {
  t.must('quality:run', {});
  return t.must('quality:findings', { householdId, pageSize: 500 }).rows;
}

interface Case {
  rule: string;
  base?: Base;
  /** Applies the defect; returns the household whose findings are checked (default the one built). */
  defect: (h: Built) => number | void;
  /** A member rule: the finding must name this member. */
  member?: (h: Built) => number;
  /** Rules the same defect rightly raises too. */
  also?: string[];
}

const setMember = (id: number, assignments: string, ...params: unknown[]) => sql(`UPDATE members SET ${assignments} WHERE id = ?`, ...params, id);
const setHousehold = (id: number, assignments: string, ...params: unknown[]) => sql(`UPDATE households SET ${assignments} WHERE id = ?`, ...params, id);
const setIncome = (id: number, assignments: string, ...params: unknown[]) => sql(`UPDATE income_records SET ${assignments} WHERE household_id = ?`, ...params, id);
/** Gives a member a new (valid) number for a birth date and sex, so age-based defects do not also break the ID. */
const reborn = (h: Built, member: number, birth: string, k: number, male: boolean) =>
  setMember(member, 'birth_date = ?, id_number = ?', `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`, idFor(area(h.n, k), birth, male ? 1 : 2));

const CASES: Case[] = [
  { rule: 'A01', defect: (h) => void setMember(h.head, 'id_number = ?', flipCheckDigit(h.ids.head)), member: (h) => h.head },
  { rule: 'A02', defect: (h) => void setMember(h.head, 'id_number = ?', to15(h.ids.head)), member: (h) => h.head },
  { rule: 'A03', defect: (h) => void setMember(h.head, 'id_number = ?', '999999198105100011'), member: (h) => h.head },
  { rule: 'A04', defect: (h) => void setMember(h.spouse, "document_type = '2', id_number = ?", `${h.ids.spouse}91`), member: (h) => h.spouse },
  {
    rule: 'A05', member: (h) => h.spouse,
    defect: (h) => void setMember(h.spouse, "document_type = '2', id_number = ?, health = '04', disability_type = '1', labour = '05', migrant_work = NULL, work_months = NULL", `${h.ids.spouse}43`),
    also: ['D03'],
  },
  { rule: 'A06', defect: (h) => void setMember(h.head, "birth_date = '1981-05-11'"), member: (h) => h.head },
  {
    rule: 'A07', member: (h) => h.head,
    defect: (h) => {
      const other = build();
      setMember(other.head, 'id_number = ?', to15(h.ids.head));
    },
  },
  {
    rule: 'A08', member: (h) => h.spouse,
    defect: (h) => {
      const other = build();
      setMember(other.spouse, "name = ?, birth_date = '1983-02-02', id_number = ?", `配偶${h.n}`, idFor(area(other.n, 3), '19830202', 2));
    },
  },
  { rule: 'A09', member: (h) => h.head, defect: (h) => void setMember(build().head, 'phone = ?', h.headPhone) },
  { rule: 'A10', member: (h) => h.spouse, defect: (h) => void t.must('cadre:save', { name: '某干部', sex: '2', idNumber: h.ids.spouse, unit: '镇政府', affiliation: '05' }) },
  { rule: 'X05', defect: (h) => void sql('UPDATE cadres SET phone = ? WHERE id = ?', h.headPhone, h.cadreId) },
  { rule: 'X06', defect: (h) => void [build(), build()].forEach((o) => setHousehold(o.id, 'phone = ?', h.phone)) },
  { rule: 'X07', defect: (h) => void [h, build()].forEach((o) => setHousehold(o.id, "bank_account = '6228480000000000001'")) },

  { rule: 'B01', defect: (h) => void setMember(h.head, "relationship = '03'") },
  { rule: 'B02', defect: (h) => void setMember(h.child, "relationship = '01'") },
  { rule: 'B03', defect: (h) => void setMember(h.child, "relationship = '02'") },
  { rule: 'B04', defect: (h) => void setMember(h.spouse, "sex = '1', id_number = ?", idFor(area(h.n, 3), '19830202', 1)) },
  { rule: 'B05', defect: (h) => void setMember(h.child, "relationship = '04'"), member: (h) => h.child },
  { rule: 'B06', defect: (h) => void setMember(h.head, "ethnicity = '77'"), member: (h) => h.head },
  { rule: 'B07', defect: (h) => void setHousehold(h.id, "main_cause = '88'") },
  { rule: 'B08', defect: (h) => void sql("UPDATE members SET left_on = '2026-01-01', leave_reason = '08' WHERE household_id = ?", h.id) },
  { rule: 'B09', defect: (h) => void setHousehold(h.id, 'member_count = 4') },
  {
    rule: 'B10',
    defect: (h) => {
      setMember(h.head, "left_on = '2026-05-01', leave_reason = '01'");
      setHousehold(h.id, 'member_count = 2');
    },
  },
  {
    rule: 'B11', member: (h) => h.child,
    defect: (h) => {
      setMember(h.child, "left_on = '2026-05-01', leave_reason = '01', dibao = 1");
      setHousehold(h.id, 'member_count = 2');
    },
  },
  { rule: 'B12', defect: (h) => void setHousehold(h.id, 'identified_year = 2012'), member: (h) => h.child },

  { rule: 'C01', defect: (h) => void setMember(h.child, "education = '02'"), member: (h) => h.child },
  { rule: 'C02', defect: (h) => void setMember(h.spouse, 'education = NULL, in_school = NULL'), member: (h) => h.spouse },
  { rule: 'C03', defect: (h) => void setMember(h.child, "in_school = '01', education = '02'"), member: (h) => h.child, also: ['X02'] },
  { rule: 'C04', defect: (h) => void setMember(h.child, "in_school = '02'"), member: (h) => h.child },
  { rule: 'C05', defect: (h) => void setMember(h.child, "in_school = '07'"), member: (h) => h.child, also: ['C06'] },
  { rule: 'C06', defect: (h) => void reborn(h, h.child, '20150101', 3, true), member: (h) => h.child },
  {
    rule: 'C07', member: (h) => h.child,
    defect: (h) => {
      reborn(h, h.child, '20060101', 3, true);
      setMember(h.child, "in_school = '01', education = '02', labour = '01'");
    },
  },
  { rule: 'C08', defect: (h) => void setMember(h.head, "labour = '04'"), member: (h) => h.head },
  { rule: 'C09', defect: (h) => void setMember(h.child, "labour = '01'"), member: (h) => h.child, also: ['C11'] },
  { rule: 'C10', defect: (h) => void reborn(h, h.head, '19600510', 0, true), member: (h) => h.head },
  {
    rule: 'C11', member: (h) => h.child,
    defect: (h) => {
      reborn(h, h.child, '20100301', 3, true);
      setMember(h.child, "in_school = '07', labour = '01'");
    },
  },
  { rule: 'C12', defect: (h) => void setMember(h.spouse, "document_type = '2', id_number = ?, health = '04', disability_type = '4'", `${h.ids.spouse}41`), member: (h) => h.spouse },
  { rule: 'C13', defect: (h) => void setMember(h.head, "health = '04', disability_type = '4', labour = '05'"), member: (h) => h.head },
  { rule: 'C14', defect: (h) => void setMember(h.head, "document_type = '2', id_number = ?, health = '04', labour = '05'", `${h.ids.head}43`), member: (h) => h.head },
  { rule: 'C15', defect: (h) => void setMember(h.child, "out_of_school_reason = '01'"), member: (h) => h.child },

  { rule: 'D01', defect: (h) => void setMember(h.spouse, 'work_months = NULL'), member: (h) => h.spouse, also: ['D03'] },
  { rule: 'D02', defect: (h) => void setMember(h.spouse, "labour = '03'"), member: (h) => h.spouse, also: ['C08'] },
  { rule: 'D03', defect: (h) => void setIncome(h.id, 'wage_fen = 0, operating_fen = 4500000') },
  { rule: 'D04', defect: (h) => void setMember(h.child, "migrant_work = '01', work_months = 3"), member: (h) => h.child },
  { rule: 'D05', defect: (h) => void setMember(h.spouse, "phone = '08511234567'"), member: (h) => h.spouse },
  { rule: 'D06', defect: (h) => void setMember(h.head, "labour = '02'"), member: (h) => h.head },

  { rule: 'E01', defect: (h) => void setMember(h.child, 'resident_medical_insurance = 0'), member: (h) => h.child, also: ['X02'] },
  { rule: 'E02', defect: (h) => void setMember(h.child, 'employee_medical_insurance = 1'), member: (h) => h.child },
  { rule: 'E03', defect: (h) => void setMember(h.child, 'serious_illness_insurance = 0'), member: (h) => h.child },
  { rule: 'E04', defect: (h) => void setMember(h.head, 'labour = NULL'), member: (h) => h.head },
  { rule: 'E05', defect: (h) => void setHousehold(h.id, "attribute = 'DIBAO'"), also: ['E09'] },
  { rule: 'E06', defect: (h) => void setMember(h.head, 'dibao = 1') },
  { rule: 'E07', defect: (h) => void setHousehold(h.id, "attribute = 'TEKUN'"), also: ['E09'] },
  { rule: 'E08', defect: (h) => void setMember(h.head, 'dibao = 1, tekun = 1'), member: (h) => h.head, also: ['E06'] },
  {
    rule: 'E09',
    defect: (h) => {
      setHousehold(h.id, "attribute = 'DIBAO'");
      sql('UPDATE members SET dibao = 1 WHERE household_id = ?', h.id);
    },
  },
  { rule: 'E10', defect: (h) => void setIncome(h.id, 'dibao_fen = 300000') },
  {
    rule: 'E11', base: 'monitored',
    defect: (h) => {
      setHousehold(h.id, "attribute = 'DIBAO'");
      setMember(h.head, 'dibao = 1');
      setIncome(h.id, 'dibao_fen = 300000');
    },
  },
  { rule: 'E12', base: 'monitored', defect: (h) => void setMember(h.spouse, "document_type = '2', id_number = ?, health = '04', disability_type = '4', labour = '05'", `${h.ids.spouse}41`) },
  {
    rule: 'E13', also: ['C08', 'D02'],
    defect: (h) => void sql("UPDATE members SET labour = '04' WHERE household_id = ?", h.id),
  },
  { rule: 'E14', defect: (h) => void setIncome(h.id, 'pension_fen = 5000') },

  { rule: 'F01', defect: (h) => void setHousehold(h.id, 'main_cause = NULL') },
  { rule: 'F02', defect: (h) => void setHousehold(h.id, "other_causes = '07'") },
  { rule: 'F03', defect: (h) => void setHousehold(h.id, "main_cause = '01'") },
  { rule: 'F04', defect: (h) => void setHousehold(h.id, 'lifted_year = NULL') },

  { rule: 'G01', defect: (h) => void setIncome(h.id, 'wage_fen = 400000000') },
  { rule: 'G02', defect: (h) => void sql('DELETE FROM income_records WHERE household_id = ?', h.id) },
  { rule: 'G03', defect: (h) => void setIncome(h.id, 'wage_fen = 1000000, operating_fen = 0, operating_cost_fen = 0') },
  { rule: 'G04', defect: (h) => void setIncome(h.id, 'operating_cost_fen = 0') },
  { rule: 'G05', defect: (h) => void setIncome(h.id, 'wage_fen = 5000, operating_fen = 3000000') },
  { rule: 'G06', base: 'eliminated', defect: (h) => void setIncome(h.id, 'wage_fen = 1000000, operating_fen = 0, operating_cost_fen = 0'), also: ['G03'] },
  { rule: 'G07', defect: (h) => void t.must('subsidy:save', { householdId: h.id, category: 'DIBAO', amountFen: 300_000, date: '2025-03-01', source: 'FISCAL' }) },
  { rule: 'H01', defect: (h) => void sql('DELETE FROM guarantee_surveys WHERE household_id = ?', h.id) },

  { rule: 'I01', base: 'eliminated', defect: (h) => void sql("UPDATE guarantee_surveys SET house_grade = '03' WHERE household_id = ?", h.id) },
  { rule: 'I02', base: 'eliminated', defect: (h) => void sql('DELETE FROM measures WHERE household_id = ?', h.id) },
  { rule: 'I03', base: 'monitored', defect: (h) => void sql('DELETE FROM measures WHERE household_id = ?', h.id) },
  {
    rule: 'I04', base: 'monitored',
    defect: (h) => {
      sql("UPDATE status_events SET month = 202604 WHERE household_id = ? AND kind = 'START_MONITORING'", h.id);
      sql("UPDATE measures SET category = 'M_HEALTH' WHERE household_id = ?", h.id);
    },
  },
  { rule: 'I05', base: 'monitored', defect: (h) => void sql("UPDATE measures SET category = 'OTHER' WHERE household_id = ?", h.id) },
  { rule: 'I06', base: 'monitored', defect: (h) => void sql("UPDATE pairings SET end_date = '2026-10-01', end_reason = 'OTHER' WHERE household_id = ?", h.id) },
  {
    rule: 'I07',
    defect: (h) => {
      setMember(h.spouse, "migrant_work = '02'");
      t.must('subsidy:save', { householdId: h.id, category: 'MIGRANT_TRANSPORT', amountFen: 50_000, date: '2026-03-01', source: 'FISCAL' });
    },
  },
  { rule: 'I08', base: 'eliminated', defect: (h) => void sql('DELETE FROM income_records WHERE household_id = ? AND year = 2026', h.id) },

  {
    rule: 'X01',
    defect: (h) => void t.must('income:save', { householdId: h.id, year: 2018, wageFen: 300_000 }),
  },
  { rule: 'X02', defect: (h) => void sql('UPDATE guarantee_surveys SET water_safe = 0 WHERE household_id = ?', h.id) },
  { rule: 'X03', base: 'eliminated', defect: (h) => void sql("UPDATE status_events SET month = 202607 WHERE household_id = ? AND kind = 'ELIMINATE_RISK'", h.id) },
  {
    rule: 'X04',
    defect: (h) => {
      t.must('income:save', { householdId: h.id, year: 2024, wageFen: 4_000_000, operatingFen: 500_000, operatingCostFen: 100_000 });
      t.must('income:save', {
        householdId: h.id, year: 2025, wageFen: 4_000_000, operatingFen: 500_000, operatingCostFen: 100_000, otherTransferFen: 2_000_000,
        excluded: [{ category: '06', amountFen: 1_500_000 }],
      });
    },
  },
];

beforeAll(() => {
  t = tempLedger({ now: () => NOW });
  t.must('settings:update', {
    provinceName: '示范省', provinceCode: null, cityName: '示范市', cityCode: null, countyName: '示范县', countyCode: '520102',
    townshipName: '青山镇', townshipCode: null, operatorName: '测试员',
  });
  villageId = t.must('village:save', { name: '青山村', code: null, sort: 0 }).id;
  t.must('cadre:save', { name: '第一书记', sex: '1', unit: '县财政局', affiliation: '04', role: 'FIRST_SECRETARY', villageId, postingStart: '2024-01-01' });
  for (const year of [2024, 2025, 2026]) t.must('povertyLine:save', { year, level: 'PROVINCE', kind: 'MONITORING_RANGE', amountFen: 750_000, region: '示范省', source: '测试' });
  t.must('povertyLine:save', { year: 2018, level: 'NATIONAL', kind: 'EXIT_STANDARD', amountFen: 350_000, region: null, source: '测试' });
});
afterAll(() => t.cleanup());

describe('data-quality rules', () => {
  it('has a case below for every rule, and every rule has a Chinese title, explanation and source', () => {
    const ruleIds = QUALITY_RULES.map((r) => r.id).filter((id) => id !== 'V01');
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(ruleIds));
    expect(QUALITY_RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(QUALITY_RULES.map((r) => r.id)).size).toBe(QUALITY_RULES.length);
    for (const r of QUALITY_RULES) {
      expect(r.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.explanation.length).toBeGreaterThan(15);
      expect(r.source).not.toBe('');
    }
  });

  it('raises nothing on a clean household of each kind', () => {
    const clean = (['lifted', 'monitored', 'eliminated'] as const).map((b) => build(b));
    const all = findings();
    for (const h of clean) expect(all.filter((f) => f.householdId === h.id).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    expect(all.filter((f) => f.ruleId === 'V01')).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.rule}: finds exactly this defect`, () => {
      const h = build(c.base ?? 'lifted');
      const target = c.defect(h) ?? h.id;
      const mine = findings(target);
      const expected = new Set([c.rule, ...(c.also ?? [])]);
      expect(mine.map((f) => f.ruleId), mine.map((f) => `${f.ruleId} ${f.message}`).join('\n')).toContain(c.rule);
      expect(mine.filter((f) => !expected.has(f.ruleId)).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
      const hit = mine.find((f) => f.ruleId === c.rule)!;
      expect(hit.message).toMatch(/[\u4e00-\u9fa5]/);
      if (c.member) {
        const memberId = c.member(h);
        expect(mine.filter((f) => f.ruleId === c.rule).map((f) => f.memberId)).toContain(memberId);
        expect(hit.idNumber).toBe(t.ledger.db.prepare('SELECT id_number FROM members WHERE id = ?').pluck().get(hit.memberId));
      }
    });
  }

  it('V01: a village with households but no first secretary in post', () => {
    const bare = t.must('village:save', { name: '无书记村', code: null, sort: 9 }).id;
    build('lifted', bare);
    const village = findings().filter((f) => f.ruleId === 'V01');
    expect(village.map((f) => f.villageId)).toEqual([bare]);
    expect(village[0]!.message).toContain('无书记村');
  });
});
