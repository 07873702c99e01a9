/**
 * 两不愁三保障 and drinking-water safety (domain.md §5) as traffic lights. Education and medical
 * insurance are derived from the members; housing and water come from the latest survey; food and
 * clothing follow per-capita income against the year's line.
 */
import { ageOn } from './id-number';

export type Light = 'ok' | 'problem' | 'check' | 'unknown';

export interface Indicator {
  key: 'foodClothing' | 'education' | 'medical' | 'housing' | 'water';
  title: string;
  light: Light;
  /** Chinese explanation of the light, naming members where they are the reason. */
  detail: string;
}

export interface GuaranteeMember {
  name: string;
  birthDate: string;
  inSchool: string | null;
  outOfSchoolReason: string | null;
  residentMedicalInsurance: boolean;
  employeeMedicalInsurance: boolean;
}

export interface GuaranteeSurvey {
  houseGrade: string | null;
  waterSafe: boolean | null;
  waterHard: boolean | null;
  recordedOn: string;
}

export interface GuaranteeInput {
  asOf: string;
  members: readonly GuaranteeMember[];
  survey: GuaranteeSurvey | null;
  perCapitaFen: number | null;
  lineFen: number | null;
  lineLabel: string | null;
  incomeYear: number | null;
}

/** Compulsory schooling ages as the checks use them (S4 1_02_005: 6–16). */
const SCHOOL_AGE = { from: 6, to: 16 } as const;
/** Not in school: 非在校生, 学龄前儿童 (2021+), or nothing recorded. */
const NOT_STUDYING = new Set([null, '01', '21']);

export function assessGuarantees(g: GuaranteeInput): Indicator[] {
  return [foodClothing(g), education(g), medical(g), housing(g), water(g)];
}

function foodClothing(g: GuaranteeInput): Indicator {
  const base = { key: 'foodClothing', title: '不愁吃、不愁穿' } as const;
  if (g.perCapitaFen === null) return { ...base, light: 'unknown', detail: '尚未录入收入' };
  if (g.lineFen === null) return { ...base, light: 'unknown', detail: `未设置 ${g.incomeYear} 年的标准，无法比较` };
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return g.perCapitaFen >= g.lineFen
    ? { ...base, light: 'ok', detail: `${g.incomeYear} 年人均纯收入 ${yuan(g.perCapitaFen)} 元，不低于${g.lineLabel} ${yuan(g.lineFen)} 元` }
    : { ...base, light: 'problem', detail: `${g.incomeYear} 年人均纯收入 ${yuan(g.perCapitaFen)} 元，低于${g.lineLabel} ${yuan(g.lineFen)} 元` };
}

function education(g: GuaranteeInput): Indicator {
  const base = { key: 'education', title: '义务教育有保障' } as const;
  const schoolAge = g.members.filter((m) => {
    const age = ageOn(m.birthDate, g.asOf);
    return age >= SCHOOL_AGE.from && age <= SCHOOL_AGE.to;
  });
  const outOfSchool = schoolAge.filter((m) => NOT_STUDYING.has(m.inSchool));
  const unexplained = outOfSchool.filter((m) => !m.outOfSchoolReason);
  if (unexplained.length > 0) return { ...base, light: 'problem', detail: `适龄未在校且无原因：${unexplained.map((m) => m.name).join('、')}` };
  if (outOfSchool.length > 0) return { ...base, light: 'check', detail: `适龄未在校（已注明原因，请核实）：${outOfSchool.map((m) => m.name).join('、')}` };
  return { ...base, light: 'ok', detail: schoolAge.length ? `${schoolAge.length} 名适龄成员均在校` : '家中没有义务教育阶段适龄成员' };
}

function medical(g: GuaranteeInput): Indicator {
  const base = { key: 'medical', title: '基本医疗有保障' } as const;
  const uninsured = g.members.filter((m) => !m.residentMedicalInsurance && !m.employeeMedicalInsurance);
  const both = g.members.filter((m) => m.residentMedicalInsurance && m.employeeMedicalInsurance);
  if (uninsured.length > 0) return { ...base, light: 'problem', detail: `未参加基本医疗保险：${uninsured.map((m) => m.name).join('、')}` };
  if (both.length > 0) return { ...base, light: 'check', detail: `同时参加城乡居民和职工医保（重复参保）：${both.map((m) => m.name).join('、')}` };
  return { ...base, light: 'ok', detail: '全部成员参加基本医疗保险' };
}

function housing(g: GuaranteeInput): Indicator {
  const base = { key: 'housing', title: '住房安全有保障' } as const;
  if (!g.survey || g.survey.houseGrade === null) return { ...base, light: 'unknown', detail: '尚未核查住房安全' };
  if (g.survey.houseGrade === '01') return { ...base, light: 'ok', detail: `${g.survey.recordedOn} 核查：有安全住房` };
  return { ...base, light: 'problem', detail: `${g.survey.recordedOn} 核查：危房${g.survey.houseGrade === '02' ? 'C' : 'D'}级` };
}

function water(g: GuaranteeInput): Indicator {
  const base = { key: 'water', title: '饮水安全有保障' } as const;
  if (!g.survey || g.survey.waterSafe === null) return { ...base, light: 'unknown', detail: '尚未核查饮水安全' };
  if (!g.survey.waterSafe) return { ...base, light: 'problem', detail: `${g.survey.recordedOn} 核查：饮水不安全` };
  if (g.survey.waterHard) return { ...base, light: 'check', detail: `${g.survey.recordedOn} 核查：饮水安全，但取水困难` };
  return { ...base, light: 'ok', detail: `${g.survey.recordedOn} 核查：饮水安全` };
}
