/** E. 保险与社会保障 (domain.md §10 items 34–41). */
import { normalizeIdText } from '../../../../shared/rules/id-number';
import { isActiveMonitoring, isRegistered, type QMember } from '../check-context';
import { householdRule, memberRule, names, yuan, type QualityRule } from '../rule';

const NO_LABOUR = new Set(['03', '04']);
/** A year's payment this small is a typo (yuan entered as 万元, a month's figure …), not a payment. */
const IMPLAUSIBLE_FEN = 100_00;
const labourAge = (m: QMember) => m.age >= 16 && m.age <= 65;
const severeDisability = (m: QMember) => m.documentType === '2' && ['1', '2'].includes(normalizeIdText(m.idNumber)[19] ?? '');

export const welfareRules: QualityRule[] = [
  memberRule(
    {
      id: 'E01', group: 'E', severity: 'warning', title: '未参加基本医疗保险',
      explanation: '城乡居民医保和职工医保都没有参加，“基本医疗有保障”不达标。请动员参保（困难群众可享受资助参保）后改正。',
      source: '§10-34 / 35；S5 17、S4 2_01_008 / 2_01_016',
    },
    (m) => (!m.residentMedicalInsurance && !m.employeeMedicalInsurance ? '城乡居民医保、职工医保均未参加' : null),
  ),
  memberRule(
    {
      id: 'E02', group: 'E', severity: 'warning', title: '城乡居民医保和职工医保重复参保',
      explanation: '同时参加两种基本医疗保险属于重复参保，应只保留一种。请核实。',
      source: '§10-34；S4 2_01_009 / 2_12_015',
    },
    (m) => (m.residentMedicalInsurance && m.employeeMedicalInsurance ? '同时参加城乡居民医保和职工医保' : null),
  ),
  memberRule(
    {
      id: 'E03', group: 'E', severity: 'warning', title: '参加居民医保但未参加大病保险',
      explanation: '参加城乡居民医保的一般同时享有大病保险。请核实并补填。',
      source: '§10-35；S5 14、S4 2_01_006 / 2_12_010',
    },
    (m) => (m.residentMedicalInsurance && !m.seriousIllnessInsurance ? '参加了城乡居民医保，大病保险为“否”' : null),
  ),
  memberRule(
    {
      id: 'E04', group: 'E', severity: 'error', title: '必填项为空',
      explanation: '民族、健康状况、劳动技能、与户主关系是国家系统的必填项。请补全。',
      source: '§10-37；S5 11、16、18–27',
    },
    (m) => {
      const empty = [
        !m.ethnicity ? '民族' : '', m.health.length === 0 ? '健康状况' : '', !m.labour ? '劳动技能' : '', !m.relationship ? '与户主关系' : '',
      ].filter(Boolean);
      return empty.length ? `${empty.join('、')}未填` : null;
    },
  ),
  householdRule(
    {
      id: 'E05', group: 'E', severity: 'warning', title: '低保户没有享受低保的成员',
      explanation: '贫困户属性为低保户，却没有一名成员标记享受低保。请核实低保身份，或改正贫困户属性。',
      source: '§10-38；S7',
    },
    (h, ms) => (h.attribute === 'DIBAO' && ms.length > 0 && !ms.some((m) => m.dibao) ? '属性为低保户，在册成员都未享受低保' : null),
  ),
  householdRule(
    {
      id: 'E06', group: 'E', severity: 'warning', title: '一般户有享受低保或特困的成员',
      explanation: '贫困户属性为一般户，却有成员享受低保或特困供养。请核实后改为低保户或特困供养户。',
      source: '§10-38；S7',
    },
    (h, ms) => {
      const on = ms.filter((m) => m.dibao || m.tekun);
      return h.attribute === 'GENERAL' && on.length ? `属性为一般户，${names(on)}享受低保或特困供养` : null;
    },
  ),
  householdRule(
    {
      id: 'E07', group: 'E', severity: 'warning', title: '特困供养户有劳动年龄且有劳动力的成员',
      explanation: '特困供养（五保）对象应无劳动能力、无生活来源、无法定赡养人。户内有 16–65 岁有劳动力的成员，请核实供养资格。',
      source: '§10-38；S7',
    },
    (h, ms) => {
      const able = ms.filter((m) => labourAge(m) && (m.labour === '01' || m.labour === '02'));
      return h.attribute === 'TEKUN' && able.length ? `属性为特困供养户，${names(able)}为劳动年龄且有劳动力` : null;
    },
  ),
  memberRule(
    {
      id: 'E08', group: 'E', severity: 'warning', title: '同一人同时享受低保和特困供养',
      explanation: '特困供养与低保不能同时享受。请核实后只保留一项。',
      source: '§10-38；S7',
    },
    (m) => (m.dibao && m.tekun ? '同时标记享受低保和特困供养' : null),
  ),
  householdRule(
    {
      id: 'E09', group: 'E', severity: 'warning', title: '低保户或特困户没有相应收入',
      explanation: '低保户的低保金、特困供养户的供养金在收入中为 0。请核实发放情况，补录到收入中。',
      source: '§10-38；S7',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      if (!income || income.year < ctx.year - 1) return null;
      if (h.attribute === 'DIBAO' && income.dibaoFen === 0) return `属性为低保户，${income.year} 年低保金为 0`;
      if (h.attribute === 'TEKUN' && income.tekunFen === 0) return `属性为特困供养户，${income.year} 年特困供养金为 0`;
      return null;
    },
  ),
  householdRule(
    {
      id: 'E10', group: 'E', severity: 'warning', title: '没有低保或特困成员却有低保金、特困金收入',
      explanation: '户内没有享受低保或特困供养的成员，收入中却有低保金或特困供养金。请核实是收入录错还是成员标记漏填。',
      source: '§10-38；S7',
    },
    (h, ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      if (!income || income.year < ctx.year - 1 || ms.some((m) => m.dibao || m.tekun)) return null;
      const parts = [income.dibaoFen > 0 ? `低保金 ${yuan(income.dibaoFen)} 元` : '', income.tekunFen > 0 ? `特困供养金 ${yuan(income.tekunFen)} 元` : ''].filter(Boolean);
      return parts.length ? `没有成员享受低保或特困，${income.year} 年收入中有${parts.join('、')}` : null;
    },
  ),
  householdRule(
    {
      id: 'E11', group: 'E', severity: 'warning', title: '监测户兜底保障措施与低保特困成员不符',
      explanation: '监测户有低保或特困成员却没有“综合保障”类帮扶措施，或有低保、特困兜底措施却没有相应成员。请补录措施或核实成员标记。',
      source: '§10-39；S4 4_11_015、5_16_003…006',
    },
    (h, ms, ctx) => {
      if (!isActiveMonitoring(h)) return null;
      const measures = ctx.measures().get(h.id) ?? [];
      const safetyNet = measures.some((x) => x.category === 'M_SAFETY_NET' || x.category === 'L_SAFETY_NET' || x.category === 'L_DIBAO');
      const named = measures.some((x) => x.namesSafetyNet);
      const covered = ms.filter((m) => m.dibao || m.tekun);
      if (covered.length && !safetyNet) return `${names(covered)}享受低保或特困，没有综合保障类帮扶措施`;
      if (named && !covered.length) return '有低保或特困兜底措施，户内没有享受低保或特困的成员';
      return null;
    },
  ),
  householdRule(
    {
      id: 'E12', group: 'E', severity: 'warning', title: '监测户有一、二级残疾人却没有残疾人补贴',
      explanation: '一、二级（重度）残疾人可享受重度残疾人护理补贴。请核实是否已申请，已发放的补录补贴记录。',
      source: '§10-40；S4 5_16_008',
    },
    (h, ms, ctx) => {
      if (!isActiveMonitoring(h)) return null;
      const severe = ms.filter(severeDisability);
      if (!severe.length) return null;
      const paid = (ctx.subsidies().get(h.id) ?? []).some((s) => s.category === 'DISABILITY') || (ctx.measures().get(h.id) ?? []).some((x) => x.namesDisability);
      return paid ? null : `${names(severe)}为一、二级残疾，没有残疾人补贴或相应措施`;
    },
  ),
  householdRule(
    {
      id: 'E13', group: 'E', severity: 'warning', title: '全家无劳动力却未纳入低保或特困',
      explanation: '在册成员都丧失劳动力或无劳动力，户内没有人享受低保或特困供养。请核实是否应纳入兜底保障。',
      source: '§10-41；S4 5_19_003 / 5_19_007 / 5_11_033',
    },
    (h, ms) => (isRegistered(h) && ms.length > 0 && ms.every((m) => m.labour !== null && NO_LABOUR.has(m.labour)) && !ms.some((m) => m.dibao || m.tekun)
      ? `${ms.length} 名成员均无劳动力，没有人享受低保或特困供养`
      : null),
  ),
  householdRule(
    {
      id: 'E14', group: 'E', severity: 'warning', title: '低保金、特困金、养老金或计生金金额过小',
      explanation: '全年金额不足 100 元，多为把月额或万元当成了元。请核对收入表。',
      source: '§10-46；S6 23–27',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      if (!income) return null;
      const small = ([['低保金', income.dibaoFen], ['特困供养金', income.tekunFen], ['养老金', income.pensionFen], ['计划生育金', income.familyPlanningFen]] as const)
        .filter(([, fen]) => fen > 0 && fen < IMPLAUSIBLE_FEN)
        .map(([label, fen]) => `${label} ${yuan(fen)} 元`);
      return small.length ? `${income.year} 年${small.join('、')}` : null;
    },
  ),
];
