/** B. 家庭结构 (domain.md §10 items 7–11) and J. 成员变动 (items 64–65). */
import {
  disabilityType, education, ethnicity, health, householdAttribute, householdStatus, identificationStandard, inSchool,
  labelOf, labour, migrantWork, monitoringCategory, povertyCause, relationship, riskState, sex, type CodeTable,
  HEAD_RELATIONSHIP, SPOUSE_RELATIONSHIP,
} from '../../../../shared/domain';
import { outOfSchoolReason } from '../../../../shared/domain/dynamic.codes';
import type { QHousehold, QMember } from '../check-context';
import { customRule, householdRule, memberRule, names, type QualityRule, type RuleFinding } from '../rule';

// Each table's codes as a set: B06 looks up ten codes for every person.
const codeSets = new Map<CodeTable, Set<string>>();
const has = (table: CodeTable, code: string) => {
  let set = codeSets.get(table);
  if (!set) codeSets.set(table, (set = new Set(table.entries.map((e) => e.code))));
  return set.has(code);
};
const count = (ms: readonly QMember[], relation: string) => {
  let n = 0;
  for (const m of ms) if (m.relationship === relation) n++;
  return n;
};
const impliedSex = new Map(relationship.entries.flatMap((r) => (r.impliesSex ? [[r.code, r.impliesSex] as const] : [])));

const MEMBER_CODES: [string, CodeTable, (m: QMember) => string | null][] = [
  ['性别', sex, (m) => m.sex],
  ['与户主关系', relationship, (m) => m.relationship],
  ['民族', ethnicity, (m) => m.ethnicity],
  ['文化程度', education, (m) => m.education],
  ['在校生状况', inSchool, (m) => m.inSchool],
  ['未上学原因', outOfSchoolReason, (m) => m.outOfSchoolReason],
  ['残疾类别', disabilityType, (m) => m.disabilityType],
  ['劳动技能', labour, (m) => m.labour],
  ['务工状况', migrantWork, (m) => m.migrantWork],
];

const HOUSEHOLD_CODES: [string, CodeTable, (h: QHousehold) => readonly (string | null)[]][] = [
  ['户状态', householdStatus, (h) => [h.status]],
  ['识别标准', identificationStandard, (h) => [h.identificationStandard]],
  ['贫困户属性', householdAttribute, (h) => [h.attribute]],
  ['监测对象类别', monitoringCategory, (h) => [h.monitoringCategory]],
  ['风险状态', riskState, (h) => [h.riskState]],
  ['致贫原因', povertyCause, (h) => [h.mainCause, ...h.otherCauses]],
];

export const structureRules: QualityRule[] = [
  householdRule(
    {
      id: 'B01', group: 'B', severity: 'error', title: '户内没有户主',
      explanation: '每户须有且只有一名户主。请把一名成员的“与户主关系”设为户主（户主去世的，办理户主变更）。',
      source: '§10-7；S5 07、S7 贫困户无户主、S4 3_02_012 / 3_11_001',
    },
    (h, ms, ctx) => {
      if (ms.length === 0 || ms.some((m) => m.relationship === HEAD_RELATIONSHIP)) return null;
      // A head who died and was never replaced is B10's finding.
      if ((ctx.allMembersOf().get(h.id) ?? []).some((m) => m.relationship === HEAD_RELATIONSHIP && m.leaveReason === '01')) return null;
      return `${ms.length} 名在册成员中没有户主`;
    },
  ),
  householdRule(
    {
      id: 'B02', group: 'B', severity: 'error', title: '户主多于一人',
      explanation: '一户只能有一名户主。请核对户口簿，把其他人的“与户主关系”改正。',
      source: '§10-8；S5 05、S4 3_11_002',
    },
    (_h, ms) => {
      if (count(ms, HEAD_RELATIONSHIP) < 2) return null;
      const heads = ms.filter((m) => m.relationship === HEAD_RELATIONSHIP);
      return `有 ${heads.length} 名户主：${names(heads)}`;
    },
  ),
  householdRule(
    {
      id: 'B03', group: 'B', severity: 'error', title: '户主配偶多于一人',
      explanation: '一户只能有一名户主配偶。其他人可能是儿媳、女婿等，请核对户口簿改正关系。',
      source: '§10-8；S5 06',
    },
    (_h, ms) => {
      if (count(ms, SPOUSE_RELATIONSHIP) < 2) return null;
      const spouses = ms.filter((m) => m.relationship === SPOUSE_RELATIONSHIP);
      return `有 ${spouses.length} 名配偶：${names(spouses)}`;
    },
  ),
  householdRule(
    {
      id: 'B04', group: 'B', severity: 'warning', title: '户主与配偶性别相同',
      explanation: '户主与配偶性别相同，多为性别或与户主关系录错。请对照身份证核实。',
      source: '§10-9；S5 28、S4 2_12_008',
    },
    (_h, ms) => {
      const head = ms.find((m) => m.relationship === HEAD_RELATIONSHIP);
      const spouse = ms.find((m) => m.relationship === SPOUSE_RELATIONSHIP);
      return head && spouse && head.sex === spouse.sex ? `户主${head.name}与配偶${spouse.name}都是${labelOf(sex, head.sex)}性` : null;
    },
  ),
  memberRule(
    {
      id: 'B05', group: 'B', severity: 'warning', title: '与户主关系与性别不符',
      explanation: '如“之子”应为男性、“之女”应为女性。请核对性别或与户主关系。',
      source: '§10-9；S7、S4 2_02_001',
    },
    (m) => {
      const implied = impliedSex.get(m.relationship);
      return implied && has(sex, m.sex) && implied !== m.sex ? `与户主关系为“${labelOf(relationship, m.relationship)}”，性别却是${labelOf(sex, m.sex)}` : null;
    },
  ),
  memberRule(
    {
      id: 'B06', group: 'B', severity: 'error', title: '成员信息的代码不在代码表内',
      explanation: '与户主关系、民族、文化程度等须取国家代码表中的值；旧系统导入或手工改库时可能留下无效代码。请重新选择。',
      source: '§10-10；S5 03',
    },
    (m) => {
      let bad: string[] | null = null;
      for (const [label, table, value] of MEMBER_CODES) {
        const v = value(m);
        if (v !== null && v !== '' && !has(table, v)) (bad ??= []).push(`${label}“${v}”`);
      }
      for (const v of m.health) if (v !== '' && !has(health, v)) (bad ??= []).push(`健康状况“${v}”`);
      return bad ? `${bad.join('、')}不是有效代码` : null;
    },
  ),
  householdRule(
    {
      id: 'B07', group: 'B', severity: 'error', title: '户信息的代码不在代码表内',
      explanation: '户状态、贫困户属性、致贫原因、监测类别等须取代码表中的值。请在农户档案中重新选择。',
      source: '§10-10',
    },
    (h) => {
      const bad: string[] = [];
      for (const [label, table, values] of HOUSEHOLD_CODES) {
        for (const v of values(h)) if (v !== null && v !== '' && !has(table, v)) bad.push(`${label}“${v}”`);
      }
      return bad.length ? `${bad.join('、')}不是有效代码` : null;
    },
  ),
  householdRule(
    {
      id: 'B08', group: 'B', severity: 'error', title: '空挂户：没有在册成员',
      explanation: '户内成员已全部死亡或迁出，户却仍在台账中（贫困户空挂）。整户消亡的请办理注销，迁出的请转出。',
      source: '§10-11；S7 贫困户空挂',
    },
    (_h, ms, ctx) => (ms.length === 0 ? `没有在册成员（曾登记 ${(ctx.allMembersOf().get(_h.id) ?? []).length} 人）` : null),
  ),
  householdRule(
    {
      id: 'B09', group: 'B', severity: 'error', title: '家庭人口数与在册成员不符',
      explanation: '户的家庭人口数与在册成员人数不一致，已故或迁出的人可能仍被计入。人口数影响人均纯收入，请核实。',
      source: '§10-64',
    },
    (h, ms) => (ms.length > 0 && h.memberCount !== ms.length ? `家庭人口数为 ${h.memberCount}，在册成员 ${ms.length} 人` : null),
  ),
  householdRule(
    {
      id: 'B10', group: 'B', severity: 'error', title: '户主已死亡未变更户主',
      explanation: '户主已登记死亡，户内还没有新户主。请办理户主变更，由在册成员接任户主。',
      source: '§10-64；S8 人员变更 01',
    },
    (h, ms, ctx) => {
      if (ms.some((m) => m.relationship === HEAD_RELATIONSHIP)) return null;
      const dead = (ctx.allMembersOf().get(h.id) ?? []).find((m) => m.relationship === HEAD_RELATIONSHIP && m.leaveReason === '01');
      return dead && ms.length > 0 ? `户主${dead.name}已于 ${dead.leftOn} 死亡，仍未变更户主` : null;
    },
  ),
  customRule(
    {
      id: 'B11', group: 'B', severity: 'error', scope: 'member', title: '已故人员仍享受低保或特困供养',
      explanation: '已登记死亡的人仍标记为享受低保或特困供养，可能存在死亡人员冒领。请通知民政部门停发，并改正标记。',
      source: '§10-64',
    },
    (ctx): RuleFinding[] =>
      ctx.allMembers()
        .filter((m) => m.leaveReason === '01' && (m.dibao || m.tekun))
        .map((m) => ({ householdId: m.householdId, memberId: m.id, message: `${m.name}已于 ${m.leftOn} 死亡，仍标记为享受${[m.dibao ? '低保' : '', m.tekun ? '特困供养' : ''].filter(Boolean).join('和')}` })),
  ),
  memberRule(
    {
      id: 'B12', group: 'B', severity: 'warning', title: '识别后出生的成员未登记为新增人口',
      explanation: '成员出生于识别年度之后，却没有“新生儿”等增员记录和增员日期。请补办人员增加，使历年人口数正确。',
      source: '§10-65',
    },
    (m, ctx) => {
      const h = ctx.householdById().get(m.householdId);
      if (!h?.identifiedYear || m.joinedOn !== null) return null;
      const born = Number(m.birthDate.slice(0, 4));
      return born > h.identifiedYear ? `出生于 ${m.birthDate}，晚于识别年度 ${h.identifiedYear}，但没有增员记录` : null;
    },
  ),
];
