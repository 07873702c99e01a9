import { defineTable, type CodeEntry } from './code-table';

export const sex = defineTable('sex', '性别', [
  { code: '1', label: '男', aliases: ['男性'] },
  { code: '2', label: '女', aliases: ['女性'] },
]);
export type SexCode = '1' | '2';

export const documentType = defineTable('documentType', '证件类型', [
  { code: '1', label: '身份证', aliases: ['居民身份证', '公民身份号码'] },
  { code: '2', label: '残疾人证', aliases: ['残疾证'] },
]);

export interface RelationshipEntry extends CodeEntry {
  /** Sex the relationship implies (S4 sex-consistency sets); absent = either sex. */
  readonly impliesSex?: SexCode;
}

/**
 * 与户主关系: 01–20 and 99 are the 2014–2020 national codes (S8). The seven 2021+ values
 * (S5 rule 03) have no verified national code; 21–27 are ours.
 */
export const relationship = defineTable<RelationshipEntry>('relationship', '与户主关系', [
  { code: '01', label: '户主', aliases: ['本人或户主', '本人'] },
  { code: '02', label: '配偶' },
  { code: '03', label: '之子', impliesSex: '1' },
  { code: '04', label: '之女', impliesSex: '2' },
  { code: '05', label: '之儿媳', impliesSex: '2' },
  { code: '06', label: '之女婿', impliesSex: '1' },
  { code: '07', label: '之孙子', impliesSex: '1' },
  { code: '08', label: '之孙女', impliesSex: '2' },
  { code: '09', label: '之外孙子', impliesSex: '1' },
  { code: '10', label: '之外孙女', impliesSex: '2' },
  { code: '11', label: '之父', impliesSex: '1' },
  { code: '12', label: '之母', impliesSex: '2' },
  { code: '13', label: '之岳父', impliesSex: '1' },
  { code: '14', label: '之岳母', impliesSex: '2' },
  { code: '15', label: '之公公', impliesSex: '1' },
  { code: '16', label: '之婆婆', impliesSex: '2' },
  { code: '17', label: '之祖父', impliesSex: '1' },
  { code: '18', label: '之祖母', impliesSex: '2' },
  { code: '19', label: '之外祖父', impliesSex: '1' },
  { code: '20', label: '之外祖母', impliesSex: '2' },
  { code: '21', label: '之兄弟姐妹', era: 'monitoring' },
  { code: '22', label: '之曾孙子', era: 'monitoring', impliesSex: '1' },
  { code: '23', label: '之曾孙女', era: 'monitoring', impliesSex: '2' },
  { code: '24', label: '之侄儿', era: 'monitoring', impliesSex: '1' },
  { code: '25', label: '之侄女', era: 'monitoring', impliesSex: '2' },
  { code: '26', label: '之兄弟媳妇', era: 'monitoring', impliesSex: '2' },
  { code: '27', label: '之叔伯', era: 'monitoring', impliesSex: '1' },
  { code: '99', label: '其他', aliases: ['其它'] },
]);
export const HEAD_RELATIONSHIP = '01';
export const SPOUSE_RELATIONSHIP = '02';

/** 文化程度: 01–06 are the 2014–2020 codes (S8, S9); 2021+ splits 大专 from 本科及以上 (codes 07/08 ours). */
export const education = defineTable('education', '文化程度', [
  { code: '01', label: '文盲或半文盲' },
  { code: '02', label: '小学' },
  { code: '03', label: '初中' },
  { code: '04', label: '高中', aliases: ['高中(中专)'] },
  { code: '05', label: '大专及以上', era: 'legacy' },
  { code: '06', label: '学龄前儿童', era: 'legacy' },
  { code: '07', label: '大专', era: 'monitoring' },
  { code: '08', label: '本科及以上', era: 'monitoring' },
]);

/** 在校生状况: 01–16 are the 2014–2020 codes (S8, S9); 2021+ values not in that list get codes 21+ (ours). */
export const inSchool = defineTable('inSchool', '在校生状况', [
  { code: '01', label: '非在校生' },
  { code: '02', label: '学前教育' },
  { code: '03', label: '小学' },
  { code: '04', label: '七年级' },
  { code: '05', label: '八年级' },
  { code: '06', label: '九年级' },
  { code: '07', label: '高中一年级', aliases: ['普通高中一年级'] },
  { code: '08', label: '高中二年级', aliases: ['普通高中二年级'] },
  { code: '09', label: '高中三年级', aliases: ['普通高中三年级'] },
  { code: '10', label: '中职一年级' },
  { code: '11', label: '中职二年级' },
  { code: '12', label: '中职三年级' },
  { code: '13', label: '高职一年级', aliases: ['高职高专一年级'] },
  { code: '14', label: '高职二年级', aliases: ['高职高专二年级'] },
  { code: '15', label: '高职三年级', aliases: ['高职高专三年级'] },
  { code: '16', label: '大专及以上', era: 'legacy' },
  { code: '21', label: '学龄前儿童', era: 'monitoring' },
  { code: '22', label: '技师学院一年级', era: 'monitoring' },
  { code: '23', label: '技师学院二年级', era: 'monitoring' },
  { code: '24', label: '技师学院三年级', era: 'monitoring' },
  { code: '25', label: '技师学院四年级', era: 'monitoring' },
  { code: '26', label: '本科一年级', era: 'monitoring' },
  { code: '27', label: '本科二年级', era: 'monitoring' },
  { code: '28', label: '本科三年级', era: 'monitoring' },
  { code: '29', label: '本科四年级', era: 'monitoring' },
  { code: '30', label: '本科五年级', era: 'monitoring' },
  { code: '31', label: '硕士研究生及以上', era: 'monitoring' },
]);

/** 健康状况 (S8, S14, S42). A member may have several (e.g. 残疾 + 长期慢性病); 健康 excludes the others. */
export const health = defineTable('health', '健康状况', [
  { code: '01', label: '健康' },
  { code: '02', label: '长期慢性病' },
  { code: '03', label: '患有大病', aliases: ['大病'] },
  { code: '04', label: '残疾' },
]);
export const HEALTHY = '01';
export const DISABLED = '04';

/** 残疾类别 (GB/T 26341 order). */
export const disabilityType = defineTable('disabilityType', '残疾类别', [
  { code: '1', label: '视力残疾', aliases: ['视力'] },
  { code: '2', label: '听力残疾', aliases: ['听力'] },
  { code: '3', label: '言语残疾', aliases: ['言语'] },
  { code: '4', label: '肢体残疾', aliases: ['肢体'] },
  { code: '5', label: '智力残疾', aliases: ['智力'] },
  { code: '6', label: '精神残疾', aliases: ['精神'] },
  { code: '7', label: '多重残疾', aliases: ['多重'] },
]);

/** 劳动技能: 2014–16 codes 01–04 (S8, S9); 弱劳动力或半劳动力 from 2017 (S5 rule 12). */
export const labour = defineTable('labour', '劳动技能', [
  { code: '01', label: '普通劳动力' },
  { code: '02', label: '技能劳动力' },
  { code: '03', label: '丧失劳动力' },
  { code: '04', label: '无劳动力' },
  { code: '05', label: '弱劳动力或半劳动力', aliases: ['弱劳动力', '半劳动力'] },
]);

/** 务工状况 (S8, S9). */
export const migrantWork = defineTable('migrantWork', '务工状况', [
  { code: '01', label: '乡（镇）内务工', aliases: ['乡内务工', '乡镇内务工'] },
  { code: '02', label: '乡（镇）外县内务工', aliases: ['县内务工', '乡外县内务工'] },
  { code: '03', label: '县外省内务工', aliases: ['省内务工'] },
  { code: '04', label: '省外务工' },
  { code: '99', label: '其他', aliases: ['05', '其它'] },
]);

/** 政治面貌 (GB/T 4762). */
export const politicalStatus = defineTable('politicalStatus', '政治面貌', [
  { code: '01', label: '中共党员' },
  { code: '02', label: '中共预备党员' },
  { code: '03', label: '共青团员' },
  { code: '04', label: '民革党员' },
  { code: '05', label: '民盟盟员' },
  { code: '06', label: '民建会员' },
  { code: '07', label: '民进会员' },
  { code: '08', label: '农工党党员' },
  { code: '09', label: '致公党党员' },
  { code: '10', label: '九三学社社员' },
  { code: '11', label: '台盟盟员' },
  { code: '12', label: '无党派人士', aliases: ['无党派民主人士'] },
  { code: '13', label: '群众' },
]);

const ETHNIC_GROUPS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** 民族, GB/T 3304 codes (01 汉族 … 56 基诺族, 97 其他, 98 外国血统). */
export const ethnicity = defineTable('ethnicity', '民族', [
  ...ETHNIC_GROUPS.map((label, i) => ({ code: String(i + 1).padStart(2, '0'), label, aliases: [label.replace(/族$/, '')] })),
  { code: '97', label: '其他', aliases: ['其他未识别民族', '其它'] },
  { code: '98', label: '外国血统中国籍人士' },
]);

export const yesNo = defineTable('yesNo', '是否', [
  { code: '1', label: '是', aliases: ['Y', 'y', 'true'] },
  { code: '0', label: '否', aliases: ['N', 'n', 'false'] },
]);
