/**
 * Code tables of the assistance area (domain.md §6): cadres and their roles, assistance
 * measures, subsidies and payments received, visits.
 */
import { defineTable, type CodeEntry } from './code-table';

/** 隶属关系 of the helping unit (S8 codes 01–07); the handbook's 省直/市直/县直 wording as aliases (S14). */
export const cadreAffiliation = defineTable('cadreAffiliation', '隶属关系', [
  { code: '01', label: '中央', aliases: ['中直', '中央单位'] },
  { code: '02', label: '省', aliases: ['省直', '省级'] },
  { code: '03', label: '市', aliases: ['市直', '市级', '州直'] },
  { code: '04', label: '县', aliases: ['县直', '县级', '区直'] },
  { code: '05', label: '乡镇', aliases: ['乡镇级', '乡级'] },
  { code: '06', label: '部队', aliases: ['军队'] },
  { code: '07', label: '其他', aliases: ['其它', '村级'] },
]);

/**
 * What a cadre is in the ledger. First secretaries and work-team members are cadres posted to
 * one village (驻村), so they carry the village and the posting dates (domain.md §6.3).
 */
export const cadreRole = defineTable('cadreRole', '帮扶身份', [
  { code: 'PAIRED_CADRE', label: '帮扶责任人', aliases: ['帮扶人', '结对帮扶干部'] },
  { code: 'FIRST_SECRETARY', label: '驻村第一书记', aliases: ['第一书记'] },
  { code: 'WORK_TEAM_MEMBER', label: '驻村工作队员', aliases: ['工作队员', '驻村工作队'] },
]);
/** Roles posted to a village: the village is required for them. */
export const POSTED_ROLES: readonly string[] = ['FIRST_SECRETARY', 'WORK_TEAM_MEMBER'];

/** Why a pairing ended. `REASSIGNED` is what the ledger writes itself when another cadre takes over. */
export const pairingEndReason = defineTable('pairingEndReason', '结对结束原因', [
  { code: 'REASSIGNED', label: '改由其他帮扶责任人帮扶', aliases: ['更换帮扶责任人', '调整帮扶人'] },
  { code: 'CADRE_LEFT', label: '帮扶责任人工作调动或退休', aliases: ['帮扶人调离'] },
  { code: 'ASSISTANCE_ENDED', label: '不再需要结对帮扶', aliases: ['帮扶期满', '稳定脱贫'] },
  { code: 'HOUSEHOLD_GONE', label: '农户迁出或注销', aliases: ['户籍迁出', '整户消亡'] },
  { code: 'ENTERED_IN_ERROR', label: '录入有误', aliases: ['错误录入'] },
  { code: 'OTHER', label: '其他', aliases: ['其它'] },
]);

export interface MeasureCategoryEntry extends CodeEntry {
  /**
   * 开发式帮扶 (domain.md §6.1, S4 5_12_007): the 2021+ groups that build the household's own
   * earning power. A monitored household with labour needs at least one of them.
   */
  readonly developmental?: true;
}

/**
 * 帮扶措施类别. `legacy` rows are the 2014–2020 扶贫手册 categories (S10) plus the 明白卡
 * catalogue groups that the handbook lacks (S12); `monitoring` rows are the 2021+ measure
 * columns of the national monitoring export (S4). Codes carry the era as their prefix so a
 * stored code says which model it came from; `OTHER` is valid in both.
 */
export const measureCategory = defineTable<MeasureCategoryEntry>('measureCategory', '帮扶措施类别', [
  { code: 'L_INDUSTRY', label: '产业扶贫', era: 'legacy', aliases: ['产业扶持'] },
  { code: 'L_EDUCATION', label: '教育扶持', era: 'legacy', aliases: ['教育扶贫'] },
  { code: 'L_MEDICAL', label: '医疗扶持', era: 'legacy', aliases: ['健康扶贫', '医疗扶贫'] },
  { code: 'L_HOUSING', label: '危房改造', era: 'legacy' },
  { code: 'L_LABOUR_TRANSFER', label: '劳动力转移', era: 'legacy' },
  { code: 'L_FARM_SUBSIDY', label: '惠农补贴', era: 'legacy' },
  { code: 'L_RESERVOIR', label: '库区移民', era: 'legacy' },
  { code: 'L_PENSION', label: '养老保险', era: 'legacy' },
  { code: 'L_DIBAO', label: '低保金', era: 'legacy', aliases: ['低保'] },
  { code: 'L_ECOLOGICAL', label: '生态补偿', era: 'legacy', aliases: ['生态扶贫'] },
  { code: 'L_DONATION', label: '社会捐赠', era: 'legacy' },
  { code: 'L_EMPLOYMENT', label: '就业扶贫', era: 'legacy' },
  { code: 'L_RELOCATION', label: '易地扶贫搬迁', era: 'legacy' },
  { code: 'L_PUBLIC_JOB', label: '公益岗位', era: 'legacy' },
  { code: 'L_FINANCE', label: '金融扶贫', era: 'legacy', aliases: ['扶贫小额信贷'] },
  { code: 'L_LIVING_CONDITIONS', label: '生活条件改善', era: 'legacy' },
  { code: 'L_SAFETY_NET', label: '综合保障', era: 'legacy' },
  { code: 'L_MOTIVATION', label: '扶志教育', era: 'legacy' },
  { code: 'M_INDUSTRY', label: '产业帮扶', era: 'monitoring', developmental: true },
  { code: 'M_EMPLOYMENT', label: '就业帮扶', era: 'monitoring', developmental: true },
  { code: 'M_FINANCE', label: '金融帮扶', era: 'monitoring', developmental: true },
  { code: 'M_PUBLIC_JOB', label: '公益岗位帮扶', era: 'monitoring', developmental: true, aliases: ['公益性岗位帮扶'] },
  { code: 'M_HEALTH', label: '健康帮扶', era: 'monitoring' },
  { code: 'M_EDUCATION', label: '教育帮扶', era: 'monitoring' },
  { code: 'M_COMPULSORY_EDUCATION', label: '义务教育保障', era: 'monitoring' },
  { code: 'M_HOUSING', label: '住房安全保障', era: 'monitoring' },
  { code: 'M_WATER', label: '饮水安全保障', era: 'monitoring' },
  { code: 'M_SAFETY_NET', label: '综合保障', era: 'monitoring' },
  { code: 'M_SOCIAL', label: '社会帮扶', era: 'monitoring' },
  { code: 'M_RELOCATION', label: '搬迁', era: 'monitoring', aliases: ['易地搬迁'] },
  { code: 'M_LIVING_CONDITIONS', label: '生产生活条件改善', era: 'monitoring' },
  { code: 'M_INFRASTRUCTURE', label: '基础设施建设', era: 'monitoring' },
  { code: 'OTHER', label: '其他', aliases: ['其它'] },
]);

export function isDevelopmentalMeasure(code: string): boolean {
  return measureCategory.entries.some((e) => e.code === code && e.developmental === true);
}

export interface SubsidyCategoryEntry extends CodeEntry {
  /**
   * Where the payment belongs in the income form (domain.md §4.1): `transfer` = 转移性收入,
   * `wage` = 工资性收入, `excluded` = recorded but not counted as stable income (S17 不计入项目).
   */
  readonly income: 'transfer' | 'wage' | 'excluded';
}

/** 补贴/资金 a household received. Long-term policy payments count as income; one-off aid does not (S17). */
export const subsidyCategory = defineTable<SubsidyCategoryEntry>('subsidyCategory', '补贴资金类别', [
  { code: 'DIBAO', label: '低保金', income: 'transfer', aliases: ['最低生活保障金'] },
  { code: 'TEKUN', label: '特困供养金', income: 'transfer', aliases: ['五保金', '特困人员供养金'] },
  { code: 'PENSION', label: '养老保险金', income: 'transfer', aliases: ['养老金', '城乡居民养老保险金'] },
  { code: 'ECOLOGICAL', label: '生态补偿金', income: 'transfer', aliases: ['林业补贴', '生态公益林补偿金'] },
  { code: 'FAMILY_PLANNING', label: '计划生育奖励扶助金', income: 'transfer', aliases: ['计划生育金'] },
  { code: 'DISABILITY', label: '残疾人两项补贴', income: 'transfer', aliases: ['困难残疾人生活补贴和重度残疾人护理补贴', '残疾人补贴'] },
  { code: 'FARM', label: '农业补贴', income: 'transfer', aliases: ['惠农补贴', '耕地地力保护补贴'] },
  { code: 'ELDERLY', label: '高龄补贴', income: 'transfer' },
  { code: 'PUBLIC_JOB_WAGE', label: '公益岗位工资', income: 'wage', aliases: ['公益性岗位工资', '公益岗位补贴'] },
  { code: 'INDUSTRY_AWARD', label: '产业奖补', income: 'excluded', aliases: ['产业奖补资金'] },
  { code: 'EDUCATION', label: '教育资助', income: 'excluded', aliases: ['雨露计划补助', '助学金'] },
  { code: 'MEDICAL', label: '医疗救助', income: 'excluded' },
  { code: 'HOUSING', label: '危房改造补助', income: 'excluded', aliases: ['危改补助'] },
  { code: 'TEMPORARY_RELIEF', label: '临时救助', income: 'excluded', aliases: ['临时救助金'] },
  { code: 'MIGRANT_TRANSPORT', label: '外出务工交通补贴', income: 'excluded', aliases: ['外出务工补贴'] },
  { code: 'CONDOLENCE', label: '慰问金', income: 'excluded', aliases: ['捐赠金'] },
  { code: 'OTHER', label: '其他', income: 'excluded', aliases: ['其它'] },
]);

/** 资金来源, as the funds sheet of the periodic report splits it (domain.md §9.1, S40). */
export const fundSource = defineTable('fundSource', '资金来源', [
  { code: 'FISCAL', label: '财政专项', aliases: ['财政专项资金', '财政资金'] },
  { code: 'CREDIT', label: '信贷资金', aliases: ['信贷'] },
  { code: 'UNIT', label: '单位自筹', aliases: ['帮扶单位自筹'] },
  { code: 'DONATION', label: '社会捐助', aliases: ['社会募捐', '社会捐赠'] },
  { code: 'SOCIAL_INVESTMENT', label: '社会引资' },
  { code: 'OTHER', label: '其他', aliases: ['其它'] },
]);

/** 走访方式 (domain.md §6.4). */
export const visitType = defineTable('visitType', '走访方式', [
  { code: 'HOME', label: '入户走访', aliases: ['入户'] },
  { code: 'PHONE', label: '电话', aliases: ['电话回访', '电话走访'] },
  { code: 'GATHERING', label: '集中', aliases: ['集中走访', '集中座谈'] },
]);

/** 走访事由 (multi-select). */
export const visitPurpose = defineTable('visitPurpose', '走访事由', [
  { code: 'POLICY', label: '政策宣讲' },
  { code: 'INCOME', label: '收入核算' },
  { code: 'RISK', label: '风险排查' },
  { code: 'CONDOLENCE', label: '慰问' },
  { code: 'MEASURES', label: '帮扶落实' },
]);

/** 走访发现的风险 (multi-select): income plus 两不愁三保障 and drinking water (domain.md §5). */
export const visitRiskFlag = defineTable('visitRiskFlag', '发现风险', [
  { code: 'INCOME', label: '收入' },
  { code: 'EDUCATION', label: '教育' },
  { code: 'MEDICAL', label: '医疗' },
  { code: 'HOUSING', label: '住房' },
  { code: 'WATER', label: '饮水' },
]);
