import { defineTable } from './code-table';

/** 识别标准 (S9 sys_standard, 1-based). */
export const identificationStandard = defineTable('identificationStandard', '识别标准', [
  { code: '1', label: '国家标准' },
  { code: '2', label: '省定标准' },
  { code: '3', label: '市定标准' },
]);

/** 贫困户属性: stored as three stable codes; each era's wording is kept as aliases (domain.md §1.2). */
export const householdAttribute = defineTable('householdAttribute', '贫困户属性', [
  { code: 'GENERAL', label: '一般贫困户', aliases: ['一般脱贫户', 'ybpkh', '一般户'] },
  { code: 'DIBAO', label: '低保贫困户', aliases: ['低保脱贫户', 'dbpkh', '低保户'] },
  {
    code: 'TEKUN',
    label: '特困供养贫困户',
    aliases: ['五保贫困户', '五保户', 'wbpkh', '特困供养脱贫户', '低保特困供养贫困户', '五保-分散供养', '五保-集中供养'],
  },
]);

/**
 * 户状态 across both eras (domain.md §1.3). 2014–2020 statuses are kept for households whose
 * history starts then; from 2021 a household is either 脱贫户 or 一般农户, and monitoring is a
 * separate attribute (monitoringCategory + riskState).
 */
export const householdStatus = defineTable('householdStatus', '户状态', [
  { code: 'NOT_LIFTED', label: '未脱贫', era: 'legacy', aliases: ['贫困', '贫困户', '未脱贫户', '未脱贫贫困户'] },
  { code: 'PRE_LIFTED', label: '预脱贫', era: 'legacy' },
  { code: 'LIFTED_POLICY', label: '已脱贫（享受政策）', era: 'legacy', aliases: ['已脱贫', '脱贫', '已脱贫享受政策'] },
  { code: 'LIFTED_NO_POLICY', label: '已脱贫（不再享受政策）', era: 'legacy', aliases: ['已脱贫不再享受政策'] },
  { code: 'RETURNED', label: '返贫', era: 'legacy', aliases: ['返贫贫困户'] },
  { code: 'REMOVED', label: '清退', era: 'legacy', aliases: ['剔除'] },
  { code: 'LIFTED_HOUSEHOLD', label: '脱贫户', era: 'monitoring', aliases: ['脱贫户(继续享受政策)', '脱贫户(享受政策)'] },
  { code: 'LIFTED_HOUSEHOLD_NO_POLICY', label: '脱贫户（不享受政策）', era: 'monitoring', aliases: ['脱贫不享受政策户'] },
  { code: 'ORDINARY', label: '一般农户', era: 'monitoring', aliases: ['普通农户', '一般户'] },
]);

/** 监测对象类别 (S21 codes 0/1/2 kept as aliases). */
export const monitoringCategory = defineTable('monitoringCategory', '监测对象类别', [
  { code: 'UNSTABLE', label: '脱贫不稳定户', era: 'monitoring', aliases: ['0'] },
  { code: 'MARGINAL', label: '边缘易致贫户', era: 'monitoring', aliases: ['1'] },
  { code: 'SUDDEN_HARDSHIP', label: '突发严重困难户', era: 'monitoring', aliases: ['2'] },
]);

export const riskState = defineTable('riskState', '风险状态', [
  { code: 'ACTIVE', label: '风险未消除', era: 'monitoring', aliases: ['否', '未消除'] },
  { code: 'ELIMINATED_ASSISTED', label: '风险已消除（帮扶消除）', era: 'monitoring', aliases: ['帮扶消除'] },
  { code: 'ELIMINATED_NATURAL', label: '风险已消除（自然消除）', era: 'monitoring', aliases: ['自然消除'] },
]);

/** 致贫原因, national form order with S8 codes; 因婚/因丧/缺电 are local additions (domain.md §3.1). */
export const povertyCause = defineTable('povertyCause', '致贫原因', [
  { code: '01', label: '因病' },
  { code: '02', label: '因残' },
  { code: '03', label: '因学' },
  { code: '04', label: '因灾' },
  { code: '05', label: '缺土地' },
  { code: '06', label: '缺水' },
  { code: '07', label: '缺技术' },
  { code: '08', label: '缺劳力', aliases: ['缺劳动力'] },
  { code: '09', label: '缺资金' },
  { code: '10', label: '交通条件落后' },
  { code: '11', label: '自身发展动力不足' },
  { code: '12', label: '其他', aliases: ['其它', '99'] },
  { code: '13', label: '因婚' },
  { code: '14', label: '因丧' },
  { code: '15', label: '缺电' },
]);

/** 致贫/返贫风险 (2021+, S20 codes). */
export const riskType = defineTable('riskType', '致贫返贫风险', [
  { code: '01', label: '因病', era: 'monitoring' },
  { code: '0201', label: '因自然灾害（洪涝）', era: 'monitoring' },
  { code: '0202', label: '因自然灾害（地质）', era: 'monitoring' },
  { code: '0203', label: '因自然灾害（旱灾）', era: 'monitoring' },
  { code: '0204', label: '因自然灾害（生物）', era: 'monitoring' },
  { code: '0205', label: '因自然灾害（气象）', era: 'monitoring' },
  { code: '0206', label: '因自然灾害（地震）', era: 'monitoring' },
  { code: '0299', label: '因自然灾害（其他）', era: 'monitoring', aliases: ['因自然灾害'] },
  { code: '03', label: '因残', era: 'monitoring' },
  { code: '04', label: '缺劳动力', era: 'monitoring', aliases: ['因缺劳动力'] },
  { code: '05', label: '因意外事故', era: 'monitoring' },
  { code: '06', label: '因产业项目失败', era: 'monitoring', aliases: ['因产业失败'] },
  { code: '07', label: '因务工就业不稳', era: 'monitoring', aliases: ['务工就业不稳'] },
  { code: '08', label: '因安全住房', era: 'monitoring' },
  { code: '09', label: '因学', era: 'monitoring' },
  { code: '10', label: '因安全饮水', era: 'monitoring' },
  { code: '99', label: '其他', era: 'monitoring' },
]);
