import type { CadreAssessmentSettings, CadreListRound, CadreMonth, CadreRanking, CadreRating } from '../domain/cadre-assessment.types';
import type { ReportFile } from '../domain/report.types';
import {
  attendanceInput, cadreAssessmentInput, cadreBulletinInput, cadreListAdjustInput, cadreListAdvanceInput, cadreListRef, cadreMonthQuery,
  cadreObjectionInput, cadreObjectionResolveInput, cadreRankingQuery, ratingInput, ratingListQuery,
} from '../schemas/cadre-assessment.schema';
import { empty } from '../schemas/settings.schema';
import { read, write } from './method';

export const cadreApi = {
  'rating:record': write<CadreRating>()(ratingInput, '登记农户对其帮扶责任人的满意度评价（只能评价当前结对的责任人；评价不修改，只能更正替代）'),
  'rating:list': read<CadreRating[]>()(ratingListQuery, '一户或一名帮扶责任人的满意度评价记录'),
  'attendance:save': write<{ cadreId: number; month: string; days: number }>()(attendanceInput, '登记驻村干部某月在村天数'),
  'cadre:month': read<CadreMonth>()(cadreMonthQuery, '帮扶责任人某月的工作情况：结对户数、应走访与已走访、措施、满意度、在村天数、逾期未走访农户'),
  'cadre:ranking': read<CadreRanking>()(cadreRankingQuery, '全乡帮扶干部某月排名（含按考核标准提出的红黑榜建议）'),
  'cadreAssessment:get': read<CadreAssessmentSettings>()(empty, '读取帮扶干部红黑榜考核标准'),
  'cadreAssessment:update': write<CadreAssessmentSettings>()(cadreAssessmentInput, '修改帮扶干部红黑榜考核标准'),
  'cadreList:get': read<CadreListRound>()(cadreListRef, '某月帮扶干部红黑榜及流程状态'),
  'cadreList:draft': write<CadreListRound>()(cadreListRef, '按考核标准生成或刷新某月帮扶干部红黑榜草稿（已调整的保留）'),
  'cadreList:adjust': write<CadreListRound>()(cadreListAdjustInput, '调整某名干部的上榜结果和奖惩措施（与建议不同须写理由和审批人）'),
  'cadreList:advance': write<CadreListRound>()(cadreListAdvanceInput, '帮扶干部红黑榜下一步：评议 → 公示 → 定稿'),
  'cadreList:objection': write<CadreListRound>()(cadreObjectionInput, '登记公示期间对干部红黑榜的异议'),
  'cadreList:resolveObjection': write<CadreListRound>()(cadreObjectionResolveInput, '处理干部红黑榜异议'),
  'cadreList:bulletin': read<ReportFile>()(cadreBulletinInput, '帮扶干部红黑榜通报（Excel 或 PDF；公示后才能生成；不含证件号码和电话）'),
};
