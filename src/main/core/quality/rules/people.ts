/** C. 教育、年龄与劳动力 and D. 务工就业 (domain.md §10 items 12–33). Ages are whole years today. */
import { education, HEALTHY, DISABLED, inSchool, labelOf, labour, migrantWork } from '../../../../shared/domain';
import { outOfSchoolReason } from '../../../../shared/domain/dynamic.codes';
import { normalizeIdText } from '../../../../shared/rules/id-number';
import { isStudying, NOT_STUDYING, type QMember } from '../check-context';
import { householdRule, memberRule, yuan, type QualityRule } from '../rule';

const LOST_OR_NONE = new Set(['03', '04']);
const WEAK_LOST_OR_NONE = new Set(['03', '04', '05']);
const ABLE = new Set(['01', '02']);
const PRESCHOOL = new Set(['02', '21']);
const JUNIOR = new Set(['04', '05', '06']);
const SENIOR = new Set(['07', '08', '09', '10', '11', '12']);
const HIGHER = new Set(['13', '14', '15', '16', '22', '23', '24', '25', '26', '27', '28', '29', '30']);
const MASTER = new Set(['31']);
/** 高中 and above. */
const SENIOR_OR_ABOVE = new Set([...SENIOR, ...HIGHER, ...MASTER]);
const PRIMARY_OR_BELOW = new Set(['02', '03', '21']);
const MOBILE = /^1[3-9]\d{9}$/;
const OUT_OF_TOWNSHIP = new Set(['02', '03', '04']);

const healthy = (m: QMember) => m.health.length === 1 && m.health[0] === HEALTHY;
const inSchoolText = (m: QMember) => labelOf(inSchool, m.inSchool ?? '');
const labourText = (m: QMember) => labelOf(labour, m.labour ?? '');

/** Grade 1 or 2 limb disability, read from the 残疾人证 number (19th digit category 4, 20th grade). */
function severeLimbDisability(m: QMember): boolean {
  if (m.documentType !== '2') return false;
  const text = normalizeIdText(m.idNumber);
  return text[18] === '4' && (text[19] === '1' || text[19] === '2');
}

export const peopleRules: QualityRule[] = [
  memberRule(
    {
      id: 'C01', group: 'C', severity: 'warning', title: '在校生同时填写了文化程度',
      explanation: '在校生填“在校生状况”，文化程度应留空；不在校的才填文化程度。请按国家系统口径改正。',
      source: '§10-12；S5 04、S4 3_01_003 / 3_12_004',
    },
    (m) => (isStudying(m) && m.education !== null ? `在校生状况为${inSchoolText(m)}，又填了文化程度${labelOf(education, m.education)}` : null),
  ),
  memberRule(
    {
      id: 'C02', group: 'C', severity: 'warning', title: '文化程度、在校生状况、未上学原因都没填',
      explanation: '6 岁以上的成员应填文化程度（不在校）或在校生状况（在校）。请补全。',
      source: '§10-12；S4 3_01_002 / 3_12_003',
    },
    (m) => (m.age >= 6 && m.education === null && NOT_STUDYING.has(m.inSchool) && m.outOfSchoolReason === null
      ? `${m.age} 岁，文化程度和在校情况都没有填写`
      : null),
  ),
  memberRule(
    {
      id: 'C03', group: 'C', severity: 'error', title: '义务教育适龄未在校且无原因',
      explanation: '6–16 岁未在校又没有注明原因（因病、因残、送教上门、已在外地就读）。这是“义务教育有保障”的问题：请核实是否辍学并落实控辍保学，或补填原因。',
      source: '§10-13；S4 1_02_005',
    },
    (m) => (m.age >= 6 && m.age <= 16 && NOT_STUDYING.has(m.inSchool) && m.outOfSchoolReason === null
      ? `${m.age} 岁，在校生状况为“${m.inSchool === null ? '未填' : inSchoolText(m)}”，未注明未上学原因`
      : null),
  ),
  memberRule(
    {
      id: 'C04', group: 'C', severity: 'warning', title: '7 岁以上健康成员仍为学前教育',
      explanation: '7 岁以上、身体健康，在校生状况却是学前教育或学龄前儿童，多为数据没有逐年更新。请核实现在的就读年级。',
      source: '§10-14；S4 5_12_013 / 5_17_001',
    },
    (m) => (m.age >= 7 && healthy(m) && m.inSchool !== null && PRESCHOOL.has(m.inSchool) ? `${m.age} 岁，在校生状况仍为${inSchoolText(m)}` : null),
  ),
  memberRule(
    {
      id: 'C05', group: 'C', severity: 'warning', title: '年龄与就读阶段明显不符',
      explanation: '14 岁及以下却在读高中及以上，或 20 岁及以上还在读小学及以下。请核对出生日期或在校生状况。',
      source: '§10-15；S7',
    },
    (m) => {
      if (m.inSchool === null) return null;
      if (m.age <= 14 && SENIOR_OR_ABOVE.has(m.inSchool)) return `${m.age} 岁，在读${inSchoolText(m)}`;
      if (m.age >= 20 && PRIMARY_OR_BELOW.has(m.inSchool)) return `${m.age} 岁，在校生状况为${inSchoolText(m)}`;
      return null;
    },
  ),
  memberRule(
    {
      id: 'C06', group: 'C', severity: 'warning', title: '在读年级与年龄不符',
      explanation: '初中一般 12–17 岁，高中或中职 15–20 岁，高职、技师学院或本科 18 岁以上，研究生 20 岁以上。请核对年级或出生日期。',
      source: '§10-16；S4 5_17_003…006、5_12_017 / 018',
    },
    (m) => {
      const s = m.inSchool;
      if (s === null || Number.isNaN(m.age)) return null;
      const out = (range: string) => `${m.age} 岁在读${inSchoolText(m)}（一般 ${range}）`;
      if (JUNIOR.has(s) && (m.age < 12 || m.age > 17)) return out('12–17 岁');
      if (SENIOR.has(s) && (m.age < 15 || m.age > 20)) return out('15–20 岁');
      if (HIGHER.has(s) && m.age < 18) return out('18 岁以上');
      if (MASTER.has(s) && m.age < 20) return out('20 岁以上');
      return null;
    },
  ),
  memberRule(
    {
      id: 'C07', group: 'C', severity: 'warning', title: '16–22 岁文化程度为小学及以下',
      explanation: '16–22 岁的人应已完成义务教育，文化程度却是小学或文盲。请核实，确属辍学的可纳入“两后生”培训。',
      source: '§10-17；S4 5_17_007 / 5_12_019',
    },
    (m) => (m.age >= 16 && m.age <= 22 && !isStudying(m) && (m.education === '01' || m.education === '02')
      ? `${m.age} 岁，文化程度为${labelOf(education, m.education)}`
      : null),
  ),
  memberRule(
    {
      id: 'C08', group: 'C', severity: 'warning', title: '劳动年龄健康人口登记为无劳动力',
      explanation: '16–59 岁、健康、不在校，劳动技能却是丧失、无或弱劳动力。请核实劳动能力，有劳动力的应落实就业帮扶。',
      source: '§10-19；S7、S4 1111_14 / 1111_15 / 5_12_008',
    },
    (m) => (m.age >= 16 && m.age < 60 && healthy(m) && !isStudying(m) && m.labour !== null && WEAK_LOST_OR_NONE.has(m.labour)
      ? `${m.age} 岁，健康，不在校，劳动技能为${labourText(m)}`
      : null),
  ),
  memberRule(
    {
      id: 'C09', group: 'C', severity: 'warning', title: '未满 16 岁却登记有劳动力',
      explanation: '未满 16 周岁的劳动技能应为“无劳动力”。请改正。',
      source: '§10-20；S4 2_01_011 / 2_12_014',
    },
    (m) => (m.age < 16 && m.labour !== null && m.labour !== '04' ? `${m.age} 岁，劳动技能为${labourText(m)}` : null),
  ),
  memberRule(
    {
      id: 'C10', group: 'C', severity: 'warning', title: '60 岁以上登记为普通或技能劳动力',
      explanation: '60 岁以上一般按弱劳动力或无劳动力登记。确仍在务工的请保留，否则请改正。',
      source: '§10-21；S4 2_12_005 / 2_12_017',
    },
    (m) => (m.age > 60 && m.labour !== null && ABLE.has(m.labour) && m.migrantWork === null ? `${m.age} 岁，劳动技能为${labourText(m)}，未登记务工` : null),
  ),
  memberRule(
    {
      id: 'C11', group: 'C', severity: 'warning', title: '在校生登记有劳动力',
      explanation: '在校生的劳动技能应为“无劳动力”。请改正。',
      source: '§10-22；S4 1111_07',
    },
    (m) => (isStudying(m) && m.labour !== null && m.labour !== '04' ? `在读${inSchoolText(m)}，劳动技能为${labourText(m)}` : null),
  ),
  memberRule(
    {
      id: 'C12', group: 'C', severity: 'warning', title: '一、二级肢体残疾登记为普通劳动力',
      explanation: '残疾人证表明为一级或二级肢体残疾，劳动技能却是普通劳动力。请核实。',
      source: '§10-23；S4 4_01_007 / 4_01_008',
    },
    (m) => (severeLimbDisability(m) && m.labour === '01' ? `残疾人证号表示${normalizeIdText(m.idNumber)[19]}级肢体残疾，劳动技能为普通劳动力` : null),
  ),
  memberRule(
    {
      id: 'C13', group: 'C', severity: 'warning', title: '健康状况为残疾但没有残疾人证号',
      explanation: '登记为残疾，证件却不是残疾人证，无法享受残疾人两项补贴。请核实是否已办证，已办的录入残疾人证号。',
      source: '§10-24；S7 残疾人无残疾证、S4 4_01_002 / 4_12_003',
    },
    (m) => (m.health.includes(DISABLED) && m.documentType !== '2' ? '健康状况为残疾，证件类型不是残疾人证' : null),
  ),
  memberRule(
    {
      id: 'C14', group: 'C', severity: 'warning', title: '残疾人未填残疾类别',
      explanation: '健康状况为残疾的，应填写残疾类别。请对照残疾人证补填。',
      source: '§2.1',
    },
    (m) => (m.health.includes(DISABLED) && m.disabilityType === null ? '健康状况为残疾，没有填残疾类别' : null),
  ),
  memberRule(
    {
      id: 'C15', group: 'C', severity: 'warning', title: '因病、因残未上学但健康状况为健康',
      explanation: '未上学原因是因病或因残，健康状况却是健康，二者矛盾。请核实。',
      source: '§10-25；S4 2_01_012',
    },
    (m) => (healthy(m) && (m.outOfSchoolReason === '01' || m.outOfSchoolReason === '02')
      ? `未上学原因为${labelOf(outOfSchoolReason, m.outOfSchoolReason)}，健康状况为健康`
      : null),
  ),
  memberRule(
    {
      id: 'D01', group: 'D', severity: 'warning', title: '务工状况与务工时间不一致',
      explanation: '填了务工状况却没有务工时间（或为 0），或填了务工时间却没有务工状况。请补全。',
      source: '§10-26；S5 13、S7',
    },
    (m) => {
      if (m.migrantWork !== null && !m.workMonths) return `务工状况为${labelOf(migrantWork, m.migrantWork)}，务工时间为${m.workMonths === null ? '空' : ' 0 个月'}`;
      if (m.migrantWork === null && m.workMonths) return `务工时间 ${m.workMonths} 个月，未填务工状况`;
      return null;
    },
  ),
  memberRule(
    {
      id: 'D02', group: 'D', severity: 'warning', title: '无劳动力或丧失劳动力却登记务工',
      explanation: '劳动技能为丧失劳动力或无劳动力，却登记了务工。请核实劳动技能或务工情况。',
      source: '§10-27；S7、S4 2_01_015',
    },
    // Under 16 it is D04's finding.
    (m) => (m.age >= 16 && m.labour !== null && LOST_OR_NONE.has(m.labour) && m.migrantWork !== null ? `劳动技能为${labourText(m)}，务工状况为${labelOf(migrantWork, m.migrantWork)}` : null),
  ),
  householdRule(
    {
      id: 'D03', group: 'D', severity: 'warning', title: '工资性收入与务工人员不符',
      explanation: '有工资性收入却没有务工人员（公益岗位的请登记务工），或有务工人员却没有工资性收入。请核实收入或务工情况。',
      source: '§10-28；S7',
    },
    (h, ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      if (!income || income.year < ctx.year - 1 || ms.length === 0) return null;
      let workers = 0;
      for (const m of ms) if (m.migrantWork !== null && (m.workMonths ?? 0) > 0) workers++;
      if (income.wageFen === 0 && workers > 0) return `有 ${workers} 人务工，${income.year} 年工资性收入为 0`;
      if (income.wageFen === 0 || workers > 0) return null;
      const year = String(income.year);
      const publicJob = (ctx.subsidies().get(h.id) ?? []).some((s) => s.category === 'PUBLIC_JOB_WAGE' && s.paidDate.startsWith(year));
      return publicJob ? null : `${income.year} 年工资性收入 ${yuan(income.wageFen)} 元，户内没有务工人员`;
    },
  ),
  memberRule(
    {
      id: 'D04', group: 'D', severity: 'warning', title: '未满 16 岁登记了务工',
      explanation: '未满 16 周岁不应登记务工（童工）。请核对出生日期或务工情况。',
      source: '§10-31；S4 5_16_010',
    },
    (m) => (m.age < 16 && (m.migrantWork !== null || (m.workMonths ?? 0) > 0) ? `${m.age} 岁，登记了务工` : null),
  ),
  memberRule(
    {
      id: 'D05', group: 'D', severity: 'warning', title: '外出务工人员电话不是有效手机号',
      explanation: '乡镇外务工人员要能电话回访，电话应为 11 位手机号。请核实改正。',
      source: '§10-32；S4 2_01_013 / 014 / 2_12_007',
    },
    (m) => (m.migrantWork !== null && OUT_OF_TOWNSHIP.has(m.migrantWork) && m.phone && !MOBILE.test(m.phone) ? `${labelOf(migrantWork, m.migrantWork)}，电话“${m.phone}”不是手机号` : null),
  ),
  memberRule(
    {
      id: 'D06', group: 'D', severity: 'warning', title: '技能劳动力或大专以上学历未务工',
      explanation: '有技能或大专以上学历、16–60 岁、不在校，却没有务工就业。请核实，需要的落实就业帮扶。',
      source: '§10-33；S4 5_20_028…031',
    },
    (m) => (m.age >= 16 && m.age <= 60 && !isStudying(m) && m.migrantWork === null && (m.labour === '02' || ['05', '07', '08'].includes(m.education ?? ''))
      ? `${m.age} 岁，${m.labour === '02' ? '技能劳动力' : `文化程度${labelOf(education, m.education ?? '')}`}，未登记务工`
      : null),
  ),
];
