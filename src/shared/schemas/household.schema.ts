import {
  documentType, education, ethnicity, health, HEALTHY, disabilityType, householdAttribute, householdStatus,
  identificationStandard, inSchool, labelOf, labour, migrantWork, monitoringCategory, politicalStatus,
  povertyCause, relationship, riskState, sex, HEAD_RELATIONSHIP, SPOUSE_RELATIONSHIP,
} from '../domain';
import { outOfSchoolReason } from '../domain/dynamic.codes';
import { checkDocumentNumber, documentTypeOfNumber } from '../rules/id-number';
import { codeOf, id, optionalCodeOf, optionalDate, optionalPhone, optionalText, optionalYear, personName, requiredText, z } from './zod';

const flag = z.boolean({ error: '应为“是”或“否”' }).default(false);

/** The number checked by itself, its type read from its length (20 or 22 characters: a disability certificate). */
function checkNumberAlone(value: string) {
  return checkDocumentNumber(value, documentTypeOfNumber(value));
}

export const memberInput = z.object({
  id: id.optional(),
  personNo: optionalText(30, '人编号'),
  name: personName(30, '姓名'),
  documentType: codeOf(documentType, '证件类型').default('1'),
  // Checked on the field itself, so a typo shows in the same pass as every other field error.
  idNumber: requiredText(30, '证件号码').superRefine((value, ctx) => {
    const check = checkNumberAlone(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: `证件号码${check.message}` });
  }),
  /** Derived from the ID when left empty; cross-checked when given. */
  sex: optionalCodeOf(sex, '性别'),
  birthDate: optionalDate('出生日期'),
  relationship: codeOf(relationship, '与户主关系'),
  ethnicity: codeOf(ethnicity, '民族').default('01'),
  politicalStatus: optionalCodeOf(politicalStatus, '政治面貌'),
  education: optionalCodeOf(education, '文化程度'),
  inSchool: optionalCodeOf(inSchool, '在校生状况'),
  outOfSchoolReason: optionalCodeOf(outOfSchoolReason, '未上学原因'),
  health: z.array(codeOf(health, '健康状况'), { error: '请选择健康状况' }).min(1, { error: '请选择健康状况' }).default([HEALTHY]),
  disabilityType: optionalCodeOf(disabilityType, '残疾类别'),
  labour: optionalCodeOf(labour, '劳动技能'),
  migrantWork: optionalCodeOf(migrantWork, '务工状况'),
  workMonths: z
    .union([z.number().int({ error: '务工时间应为整数月' }).min(0, { error: '务工时间不能小于 0' }).max(12, { error: '务工时间不能超过 12 个月' }), z.null()])
    .optional()
    .transform((v) => v ?? null),
  phone: optionalPhone('成员联系电话'),
  residentMedicalInsurance: flag,
  employeeMedicalInsurance: flag,
  seriousIllnessInsurance: flag,
  residentPension: flag,
  dibao: flag,
  tekun: flag,
});

const householdFields = z.object({
  id: id.optional(),
  householdNo: optionalText(30, '户编号').refine((v) => v === null || /^[0-9A-Za-z-]+$/.test(v), {
    error: '户编号只能包含数字、字母和“-”',
  }),
  villageId: z.number({ error: '请选择行政村' }).int().positive({ error: '请选择行政村' }),
  groupId: z.number().int().positive().nullish().transform((v) => v ?? null),
  address: optionalText(100, '家庭住址'),
  phone: optionalPhone('户联系电话'),
  bankName: optionalText(40, '开户银行'),
  bankAccount: optionalText(30, '银行卡号').refine((v) => v === null || /^\d{8,30}$/.test(v), {
    error: '银行卡号应为 8–30 位数字',
  }),
  identificationStandard: codeOf(identificationStandard, '识别标准').default('1'),
  attribute: optionalCodeOf(householdAttribute, '贫困户属性'),
  status: codeOf(householdStatus, '户状态'),
  monitoringCategory: optionalCodeOf(monitoringCategory, '监测对象类别'),
  riskState: optionalCodeOf(riskState, '风险状态'),
  mainCause: optionalCodeOf(povertyCause, '主要致贫原因'),
  otherCauses: z.array(codeOf(povertyCause, '其他致贫原因')).max(2, { error: '其他致贫原因最多选 2 项' }).default([]),
  identifiedYear: optionalYear('识别年度'),
  liftedYear: optionalYear('脱贫年度'),
  militaryFamily: flag,
  onlyChildFamily: flag,
  twoDaughterFamily: flag,
  relocated: flag,
  note: optionalText(500, '备注'),
  /**
   * New households only: the month their status holds from (default this month), so a clerk
   * entering an old 建档立卡 file can start its history in the era it belongs to.
   */
  statusSince: z
    .union([
      z
        .string()
        .trim()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '状态起始月份应为“年-月”，如 2016-03' })
        .refine((m) => m >= '1949-01' && m <= '2100-12', { error: (iss) => `状态起始月份“${String(iss.input)}”不在 1949—2100 年之间` }),
      z.literal(''),
      z.null(),
    ])
    .optional()
    .transform((v) => (v ? v : null)),
  members: z.array(memberInput, { error: '缺少家庭成员' }),
});

type Ctx = z.core.$RefinementCtx<z.output<typeof householdFields>>;

/** Rules that span fields: one head, ID ↔ sex/birth, relationship ↔ sex, causes, monitoring. */
function checkHousehold(h: z.output<typeof householdFields>, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  if (h.members.length === 0) issue(['members'], '至少录入一名家庭成员（户主）');
  const heads = h.members.flatMap((m, i) => (m.relationship === HEAD_RELATIONSHIP ? [i] : []));
  if (h.members.length > 0 && heads.length === 0) {
    issue(['members'], '缺少户主：请把一名成员的“与户主关系”设为“户主”');
  } else if (heads.length > 1) {
    issue(['members'], `一户只能有一名户主，现在有 ${heads.length} 名（第 ${heads.map((i) => i + 1).join('、')} 行）`);
  }
  const spouses = h.members.flatMap((m, i) => (m.relationship === SPOUSE_RELATIONSHIP ? [i] : []));
  if (spouses.length > 1) issue(['members'], `一户只能有一名户主配偶，现在有 ${spouses.length} 名`);

  const seenIds = new Map<string, number>();
  h.members.forEach((m, i) => {
    const check = checkDocumentNumber(m.idNumber, m.documentType);
    if (!check.ok) {
      // A number wrong in itself is already reported on its own field (this refinement still runs
      // after field issues); a number right in itself can only disagree with the document type.
      if (checkNumberAlone(m.idNumber).ok) {
        issue(['members', i, 'documentType'], '证件类型为“身份证”，但号码是 20 或 22 位的残疾人证号；请把证件类型改为“残疾人证”');
      }
      return;
    }
    if (m.sex !== null && m.sex !== check.sex) {
      issue(['members', i, 'sex'], `性别“${labelOf(sex, m.sex)}”与证件号码不符（号码表示${labelOf(sex, check.sex)}）`);
    }
    if (m.birthDate !== null && m.birthDate !== check.birthDate) {
      issue(['members', i, 'birthDate'], `出生日期 ${m.birthDate} 与证件号码不符（号码表示 ${check.birthDate}）`);
    }
    const first = seenIds.get(check.value.slice(0, 18));
    if (first !== undefined) issue(['members', i, 'idNumber'], `证件号码与第 ${first + 1} 名成员重复`);
    else seenIds.set(check.value.slice(0, 18), i);

    const memberSex = m.sex ?? check.sex;
    const implied = relationship.entries.find((r) => r.code === m.relationship)?.impliesSex;
    if (implied && implied !== memberSex) {
      issue(['members', i, 'relationship'], `与户主关系“${labelOf(relationship, m.relationship)}”应为${labelOf(sex, implied)}性，与性别不符`);
    }
    if (m.health.includes(HEALTHY) && m.health.length > 1) {
      issue(['members', i, 'health'], `健康状况不能同时选“健康”和其他状况`);
    }
    if (m.workMonths !== null && m.workMonths > 0 && m.migrantWork === null) {
      issue(['members', i, 'migrantWork'], '填了务工时间，请同时选择务工状况');
    }
  });

  const head = heads.length === 1 ? h.members[heads[0]!] : undefined;
  if (head && spouses.length === 1) {
    const spouse = h.members[spouses[0]!]!;
    const headSex = head.sex ?? sexFromId(head);
    const spouseSex = spouse.sex ?? sexFromId(spouse);
    if (headSex && spouseSex && headSex === spouseSex) {
      issue(['members', spouses[0]!, 'relationship'], '配偶与户主性别相同，请核对性别或与户主关系');
    }
  }

  if (h.status !== 'ORDINARY' && h.mainCause === null) issue(['mainCause'], '请选择主要致贫原因');
  if (h.mainCause !== null && h.otherCauses.includes(h.mainCause)) {
    issue(['otherCauses'], '其他致贫原因不能与主要致贫原因相同');
  }
  if (new Set(h.otherCauses).size !== h.otherCauses.length) issue(['otherCauses'], '其他致贫原因有重复项');

  const era = householdStatus.entries.find((s) => s.code === h.status)?.era;
  if (h.monitoringCategory !== null) {
    if (era !== 'monitoring') {
      issue(['monitoringCategory'], '监测对象类别只适用于 2021 年以后的户状态（脱贫户或一般农户）');
    } else if (h.monitoringCategory === 'UNSTABLE' && h.status === 'ORDINARY') {
      issue(['monitoringCategory'], '“脱贫不稳定户”只能是脱贫户；一般农户请选“边缘易致贫户”或“突发严重困难户”');
    } else if (h.monitoringCategory === 'MARGINAL' && h.status !== 'ORDINARY') {
      issue(['monitoringCategory'], '“边缘易致贫户”只能是一般农户；脱贫户请选“脱贫不稳定户”或“突发严重困难户”');
    }
    if (h.riskState === null) issue(['riskState'], '监测对象请选择风险状态');
  } else if (h.riskState !== null) {
    issue(['riskState'], '只有监测对象才有风险状态，请先选择监测对象类别');
  }
  if (h.identifiedYear !== null && h.liftedYear !== null && h.liftedYear < h.identifiedYear) {
    issue(['liftedYear'], `脱贫年度 ${h.liftedYear} 不能早于识别年度 ${h.identifiedYear}`);
  }
}

function sexFromId(m: { idNumber: string; documentType: string }) {
  const c = checkDocumentNumber(m.idNumber, m.documentType);
  return c.ok ? c.sex : null;
}

/** The household form, as every door and the import receive it; output has IDs normalised and sex/birth filled. */
export const householdInput = householdFields.superRefine(checkHousehold).transform((h) => ({
  ...h,
  members: h.members.map((m) => {
    const c = checkDocumentNumber(m.idNumber, m.documentType);
    if (!c.ok) return m; // unreachable: refinement already failed
    return { ...m, idNumber: c.value, sex: m.sex ?? c.sex, birthDate: m.birthDate ?? c.birthDate };
  }),
}));
export type HouseholdInput = z.input<typeof householdInput>;
export type HouseholdData = z.output<typeof householdInput>;
export type MemberInput = z.input<typeof memberInput>;
export type MemberData = HouseholdData['members'][number];

export const householdSortKeys = ['village', 'householdNo', 'headName', 'memberCount', 'updatedAt'] as const;

export const householdListQuery = z.object({
  q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字' }).optional(),
  villageId: z.number().int().positive().optional(),
  groupId: z.number().int().positive().optional(),
  status: codeOf(householdStatus, '户状态').optional(),
  attribute: codeOf(householdAttribute, '贫困户属性').optional(),
  mainCause: codeOf(povertyCause, '主要致贫原因').optional(),
  monitoringCategory: codeOf(monitoringCategory, '监测对象类别').optional(),
  deleted: z.boolean().default(false),
  page: z.number().int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z.number().int().min(1).max(200, { error: '每页最多 200 条' }).default(20),
  sort: z.enum(householdSortKeys, { error: '不支持的排序字段' }).default('village'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type HouseholdListQuery = z.input<typeof householdListQuery>;

export const auditListQuery = z.object({
  entity: z.string().max(30).optional(),
  entityId: z.number().int().positive().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.input<typeof auditListQuery>;

export const seedInput = z.object({
  households: z.number({ error: '户数应为整数，如 --households 500' }).int({ error: '户数应为整数' }).min(1, { error: '户数至少为 1' }).max(200000, { error: '户数最多 200000' }),
  seed: z.number().int().default(1),
  villages: z.number().int().min(1).max(200).optional(),
});
export type SeedInput = z.input<typeof seedInput>;
