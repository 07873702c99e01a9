import type {
  Criterion, EvaluationRound, LedgerEntry, ListProposal, PointsBalance, RankingRow, RedBlackEntry, Redemption, ShopItem,
} from '../domain/incentive.types';
import type { ReportFile } from '../domain/report.types';
import {
  criteriaQuery, criterionInput, criterionRef, delistInput, householdPointsRef, listQuery, objectionInput, objectionResolveInput,
  pointsAdjustInput, proposeInput, publicityInput, rankingQuery, redBlackInput, redeemInput, roundAdvanceInput, roundEntriesInput,
  roundRef, shopItemInput, stockInInput,
} from '../schemas/incentive.schema';
import { z } from '../schemas/zod';
import { read, write } from './method';

export const incentiveApi = {
  'criteria:list': read<Criterion[]>()(criteriaQuery, '积分评议标准（维度、事项、分值、每月上限）'),
  'criteria:save': write<Criterion>()(criterionInput, '新增或修改评议事项（修改产生新版本，已评的仍按旧分值）'),
  'criteria:retire': write<{ ruleKey: string }>()(criterionRef, '停用评议事项'),
  'round:get': read<EvaluationRound>()(roundRef, '某村某月的积分评议表（农户 × 事项）及流程状态'),
  'round:saveEntries': write<EvaluationRound>()(roundEntriesInput, '填写评议表（仅草稿可改）'),
  'round:advance': write<EvaluationRound>()(roundAdvanceInput, '评议流程下一步：民主评议 → 公示 → 定稿（定稿后记入积分台账）'),
  'round:objection': write<EvaluationRound>()(objectionInput, '登记公示期间的异议'),
  'round:resolveObjection': write<EvaluationRound>()(objectionResolveInput, '处理异议'),
  'points:balance': read<PointsBalance>()(householdPointsRef, '某户截至某日的积分余额'),
  'points:ledger': read<LedgerEntry[]>()(z.object({ householdId: z.number().int().positive() }), '某户的积分台账（只增不改）'),
  'points:ranking': read<RankingRow[]>()(rankingQuery, '某村某月积分排名'),
  'points:adjust': write<LedgerEntry>()(pointsAdjustInput, '赠予积分或更正（更正为一笔新的冲正记录，原记录不改）'),
  'shop:items': read<ShopItem[]>()(z.object({}).strict(), '爱心超市物品与库存'),
  'shop:saveItem': write<ShopItem>()(shopItemInput, '新增或修改超市物品'),
  'shop:stockIn': write<ShopItem>()(stockInInput, '物品入库（捐赠）'),
  'shop:redeem': write<Redemption>()(redeemInput, '积分兑换（核对户主身份证，余额和库存不足时拒绝）'),
  'redblack:propose': read<ListProposal[]>()(proposeInput, '按当月积分提出红黑榜建议名单'),
  'redblack:save': write<RedBlackEntry>()(redBlackInput, '登记或修改红黑榜名单（事由、审批人、奖惩）'),
  'redblack:delist': write<RedBlackEntry>()(delistInput, '下榜（改正后）'),
  'redblack:list': read<RedBlackEntry[]>()(listQuery, '某月红黑榜名单'),
  'redblack:publicity': read<ReportFile>()(publicityInput, '红黑榜公示表（Excel 或 PDF；红榜写姓名和事迹，黑榜只写姓名；不含证件号码和电话）'),
  'incentives:household': read<{ balance: PointsBalance; ledger: LedgerEntry[]; lists: RedBlackEntry[] }>()(
    z.object({ householdId: z.number().int().positive() }),
    '某户的积分与红黑榜记录',
  ),
};
