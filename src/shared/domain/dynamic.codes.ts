import { defineTable } from './code-table';

/** 人员变更 (S8): removals 01–04, 08; additions 05–07. */
export const memberChange = defineTable('memberChange', '人员变更', [
  { code: '01', label: '死亡' },
  { code: '02', label: '嫁出' },
  { code: '03', label: '出国定居' },
  { code: '04', label: '判刑收监' },
  { code: '08', label: '其他转出' },
  { code: '05', label: '嫁入' },
  { code: '06', label: '新生儿' },
  { code: '07', label: '其他转入' },
]);
export const MEMBER_LEAVING_CODES = ['01', '02', '03', '04', '08'] as const;
export const MEMBER_JOINING_CODES = ['05', '06', '07'] as const;

/** 危房级别 / 有无安全住房 (S8). */
export const houseGrade = defineTable('houseGrade', '住房安全', [
  { code: '01', label: '有安全住房', aliases: ['安全', '否'] },
  { code: '02', label: '危房C级', aliases: ['C级', 'C类', '危房C类'] },
  { code: '03', label: '危房D级', aliases: ['D级', 'D类', '危房D类'] },
]);

/** 不计入家庭稳定脱贫收入的项目 (S17): recorded, never part of per-capita net income. */
export const excludedIncome = defineTable('excludedIncome', '不计入收入项目', [
  { code: '01', label: '教育资助（雨露计划、两后生培训补助、助学金）' },
  { code: '02', label: '医疗报销与医疗救助' },
  { code: '03', label: '住房补助（易地搬迁、危房改造）' },
  { code: '04', label: '产业奖补' },
  { code: '05', label: '扶贫小额贷款' },
  { code: '06', label: '临时救助' },
  { code: '07', label: '保险赔付' },
  { code: '08', label: '其他残疾人补贴' },
  { code: '09', label: '捐赠金、慰问金、短期赡养抚养金' },
  { code: '10', label: '短期抚恤金、优待金、补助金' },
  { code: '11', label: '其他短期政策性补贴（3 年以内）' },
]);

export const povertyLineLevel = defineTable('povertyLineLevel', '标准级别', [
  { code: 'NATIONAL', label: '国家标准' },
  { code: 'PROVINCE', label: '省定标准' },
  { code: 'CITY', label: '市定标准' },
]);

export const povertyLineKind = defineTable('povertyLineKind', '标准类型', [
  { code: 'EXIT_STANDARD', label: '脱贫（退出）标准' },
  { code: 'MONITORING_RANGE', label: '防返贫监测范围' },
]);

/** 义务教育阶段未上学原因 (S4, S5). */
export const outOfSchoolReason = defineTable('outOfSchoolReason', '未上学原因', [
  { code: '01', label: '因病' },
  { code: '02', label: '因残（送教上门或随班就读除外）' },
  { code: '03', label: '送教上门' },
  { code: '04', label: '已在外地就读' },
  { code: '99', label: '其他' },
]);
