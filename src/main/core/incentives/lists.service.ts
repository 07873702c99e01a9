/**
 * The month's ranking and red/black lists of a village (红黑榜, domain.md §8.1): proposed from the
 * month's points, confirmed or changed by the committee with a reason, an approver and a date;
 * a red entry may carry a reward (money in fen, or goods) and a black one a suspended support
 * item for a period; either can be kept unpublished, and a household is delisted (下榜) with a
 * date and a reason. Publicity sheets print names and deeds only (§11); the sheet writer
 * (io/publicity.ts) masks any number typed into a deed.
 */
import type { ApiParsed } from '../../../shared/api';
import type { ListProposal, PublicityData, RankingRow, RedBlackEntry } from '../../../shared/domain/incentive.types';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import { localDateText } from '../assistance/dates';
import { monthBounds, monthInt, monthOfInt } from '../reports/report-source';
import type { EvaluationsService } from './evaluations.service';

interface EntryRow {
  id: number; month: number; village_id: number; household_id: number; household_no: string; head_name: string; group_name: string | null; list: 'RED' | 'BLACK';
  reason_category: string; description: string; approver: string; approved_on: string; published: number; reward_fen: number | null;
  reward_goods: string | null; reward_paid_on: string | null; sanction: string | null; sanction_start: string | null; sanction_end: string | null;
  delisted_on: string | null; delist_reason: string | null;
}

const toEntry = (r: EntryRow): RedBlackEntry => ({
  id: r.id, month: monthOfInt(r.month), villageId: r.village_id, householdId: r.household_id, householdNo: r.household_no, headName: r.head_name,
  list: r.list, reasonCategory: r.reason_category, description: r.description, approver: r.approver, approvedOn: r.approved_on,
  published: r.published === 1, rewardFen: r.reward_fen, rewardGoods: r.reward_goods, rewardPaidOn: r.reward_paid_on, sanction: r.sanction,
  sanctionStart: r.sanction_start, sanctionEnd: r.sanction_end, delistedOn: r.delisted_on, delistReason: r.delist_reason,
});

const SELECT_ENTRY = `SELECT e.*, h.household_no, h.head_name, g.name AS group_name FROM red_black_entries e
  JOIN households h ON h.id = e.household_id LEFT JOIN village_groups g ON g.id = h.group_id`;

export function createListsService({ db, audit, places, now }: AreaDeps, evaluations: EvaluationsService) {
  const stmt = {
    // Balances of a village's households at a day, in one pass over their ledger entries.
    balances: db.prepare<[string, number]>(
      `SELECT h.id, h.household_no, h.head_name, coalesce(sum(l.points), 0) AS balance
       FROM households h LEFT JOIN points_ledger l ON l.household_id = h.id AND l.occurred_on <= ?
       WHERE h.village_id = ? AND h.deleted_at IS NULL GROUP BY h.id`,
    ),
    byId: db.prepare<[number]>(`${SELECT_ENTRY} WHERE e.id = ?`),
    ofMonth: db.prepare<[number]>(`${SELECT_ENTRY} WHERE e.month = ? ORDER BY e.village_id, e.list DESC, h.household_no`),
    ofVillageMonth: db.prepare<[number, number]>(`${SELECT_ENTRY} WHERE e.month = ? AND e.village_id = ? ORDER BY e.list DESC, h.household_no`),
    ofHousehold: db.prepare<[number]>(`${SELECT_ENTRY} WHERE e.household_id = ? ORDER BY e.month DESC, e.id DESC`),
    householdVillage: db.prepare<[number]>('SELECT village_id FROM households WHERE id = ? AND deleted_at IS NULL').pluck(),
    insert: db.prepare(
      `INSERT INTO red_black_entries (month, village_id, household_id, list, reason_category, description, approver, approved_on, published,
         reward_fen, reward_goods, reward_paid_on, sanction, sanction_start, sanction_end, created_at, created_by)
       VALUES (@month, @villageId, @householdId, @list, @reasonCategory, @description, @approver, @approvedOn, @published,
         @rewardFen, @rewardGoods, @rewardPaidOn, @sanction, @sanctionStart, @sanctionEnd, @at, @by)`,
    ),
    update: db.prepare(
      `UPDATE red_black_entries SET list = @list, reason_category = @reasonCategory, description = @description, approver = @approver,
         approved_on = @approvedOn, published = @published, reward_fen = @rewardFen, reward_goods = @rewardGoods, reward_paid_on = @rewardPaidOn,
         sanction = @sanction, sanction_start = @sanctionStart, sanction_end = @sanctionEnd WHERE id = @id`,
    ),
    delist: db.prepare('UPDATE red_black_entries SET delisted_on = @date, delist_reason = @reason WHERE id = @id'),
  };

  const today = () => localDateText(now());

  function ranking(month: string, villageId: number): RankingRow[] {
    const round = evaluations.roundRow(month, villageId);
    const points = round ? evaluations.totals(round.id) : new Map<number, number>();
    const rows = stmt.balances.all(monthBounds(month).end, villageId) as { id: number; household_no: string; head_name: string; balance: number }[];
    const sorted = rows
      .map((r) => ({ householdId: r.id, householdNo: r.household_no, headName: r.head_name, monthPoints: points.get(r.id) ?? 0, balance: r.balance }))
      .sort((a, b) => b.monthPoints - a.monthPoints || b.balance - a.balance || a.householdNo.localeCompare(b.householdNo));
    // Equal points share a rank (1, 2, 2, 4).
    let rank = 0;
    return sorted.map((r, i) => {
      if (i === 0 || sorted[i - 1]!.monthPoints !== r.monthPoints) rank = i + 1;
      return { rank, ...r };
    });
  }

  function entry(id: number): RedBlackEntry {
    const r = stmt.byId.get(id) as EntryRow | undefined;
    if (!r) throw new LedgerError('NOT_FOUND', '没有这条红黑榜记录');
    return toEntry(r);
  }

  return {
    ranking,

    propose(q: ApiParsed<'redblack:propose'>): ListProposal[] {
      const rows = ranking(q.month, q.villageId);
      const red = rows.filter((r) => r.monthPoints > 0).slice(0, q.redTop);
      const black = rows.filter((r) => r.monthPoints < q.blackBelow).sort((a, b) => a.monthPoints - b.monthPoints).slice(0, q.blackBottom);
      const proposal = (list: 'RED' | 'BLACK') => (r: RankingRow): ListProposal => ({ list, householdId: r.householdId, householdNo: r.householdNo, headName: r.headName, monthPoints: r.monthPoints });
      return [...red.map(proposal('RED')), ...black.map(proposal('BLACK'))];
    },

    save: db.transaction((input: ApiParsed<'redblack:save'>): RedBlackEntry => {
      if (stmt.householdVillage.get(input.householdId) !== input.villageId) throw new LedgerError('VALIDATION', '这一户不在所选的行政村');
      if (input.list === 'RED' && (input.sanction || input.sanctionStart)) throw new LedgerError('VALIDATION', '红榜不设暂停帮扶事项');
      if (input.list === 'BLACK' && (input.rewardFen || input.rewardGoods)) throw new LedgerError('VALIDATION', '黑榜不设奖励');
      if (input.sanctionStart && input.sanctionEnd && input.sanctionEnd < input.sanctionStart) throw new LedgerError('VALIDATION', '暂停结束日期不能早于开始日期');
      const values = { ...input, month: monthInt(input.month), published: input.published ? 1 : 0 };
      let id = input.id;
      try {
        if (id === undefined) id = Number(stmt.insert.run({ ...values, at: now().toISOString(), by: places.operatorName() }).lastInsertRowid);
        else {
          const before = entry(id);
          if (before.householdId !== input.householdId || before.month !== input.month) throw new LedgerError('VALIDATION', '不能改动记录所属的农户和月份，请另行登记');
          stmt.update.run({ ...values, id });
        }
      } catch (e) {
        if (String(e).includes('UNIQUE')) throw new LedgerError('CONFLICT', `这一户本月已在${input.list === 'RED' ? '红' : '黑'}榜上`);
        throw e;
      }
      const saved = entry(id);
      audit.record({
        action: input.id ? 'update' : 'create', entity: 'red_black_entry', entityId: id, householdId: input.householdId,
        summary: `${input.list === 'RED' ? '红榜' : '黑榜'}：户主 ${saved.headName}（${input.reasonCategory}），审批人 ${input.approver}${input.published ? '' : '，不公开'}`,
        after: saved,
      });
      return saved;
    }),

    delist: db.transaction((input: ApiParsed<'redblack:delist'>): RedBlackEntry => {
      const before = entry(input.id);
      if (before.delistedOn) throw new LedgerError('CONFLICT', `已于 ${before.delistedOn} 下榜`);
      if (input.date > today()) throw new LedgerError('VALIDATION', '下榜日期不能晚于今天');
      stmt.delist.run({ id: input.id, date: input.date, reason: input.reason });
      audit.record({ action: 'update', entity: 'red_black_entry', entityId: input.id, householdId: before.householdId, summary: `下榜：户主 ${before.headName}（${input.reason}）` });
      return entry(input.id);
    }),

    list(q: ApiParsed<'redblack:list'>): RedBlackEntry[] {
      const rows = q.villageId === undefined ? stmt.ofMonth.all(monthInt(q.month)) : stmt.ofVillageMonth.all(monthInt(q.month), q.villageId);
      return (rows as EntryRow[]).map(toEntry);
    },

    ofHousehold: (householdId: number): RedBlackEntry[] => (stmt.ofHousehold.all(householdId) as EntryRow[]).map(toEntry),

    /** What the month's publicity sheet of a village prints: published, not delisted; names and deeds only. */
    publicity(month: string, villageId: number, townshipName: string): PublicityData {
      const round = evaluations.get(month, villageId);
      const rows = (stmt.ofVillageMonth.all(monthInt(month), villageId) as EntryRow[]).filter((r) => r.published === 1 && !r.delisted_on);
      return {
        townshipName,
        villageName: round.villageName,
        month,
        publicityStart: round.publicityStart,
        publicityEnd: round.publicityEnd,
        red: rows.filter((r) => r.list === 'RED').map((r) => ({ name: r.head_name, groupName: r.group_name, reasonCategory: r.reason_category, description: r.description })),
        black: rows.filter((r) => r.list === 'BLACK').map((r) => ({ name: r.head_name, groupName: r.group_name })),
        date: today(),
      };
    },
  };
}

export type ListsService = ReturnType<typeof createListsService>;
