/**
 * The points ledger (积分台账): append-only (the database refuses UPDATE and DELETE, and an
 * overdrawing redemption), so a balance at any date is the sum of the entries up to that date,
 * and a correction is a new entry that reverses an old one. The charity supermarket (爱心超市)
 * spends from it: stock never below zero (a CHECK), balance never below zero (a trigger), both
 * checked first with a Chinese message, in one IMMEDIATE transaction.
 */
import type { ApiParsed } from '../../../shared/api';
import type { LedgerEntry, LedgerKind, PointsBalance, Redemption, ShopItem } from '../../../shared/domain/incentive.types';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import { localDateText } from '../assistance/dates';

interface LedgerRow { id: number; household_id: number; kind: LedgerKind; points: number; occurred_on: string; reason: string; reverses_id: number | null; recorded_by: string; recorded_at: string }
interface ItemRow { id: number; name: string; unit: string; points_price: number; stock: number }

const toEntry = (r: LedgerRow): LedgerEntry => ({
  id: r.id, householdId: r.household_id, kind: r.kind, points: r.points, occurredOn: r.occurred_on, reason: r.reason,
  reversesId: r.reverses_id, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
});
const toItem = (r: ItemRow): ShopItem => ({ id: r.id, name: r.name, unit: r.unit, pointsPrice: r.points_price, stock: r.stock });

export interface AppendEntry {
  householdId: number;
  kind: LedgerKind;
  points: number;
  occurredOn: string;
  reason: string;
  roundId?: number;
  redemptionId?: number;
  reversesId?: number;
}

export function createPointsLedger({ db, audit, places, now }: AreaDeps) {
  const stmt = {
    insert: db.prepare(
      `INSERT INTO points_ledger (household_id, kind, points, occurred_on, round_id, redemption_id, reverses_id, reason, recorded_by, recorded_at)
       VALUES (@householdId, @kind, @points, @occurredOn, @roundId, @redemptionId, @reversesId, @reason, @by, @at)`,
    ),
    byId: db.prepare<[number]>('SELECT * FROM points_ledger WHERE id = ?'),
    list: db.prepare<[number]>('SELECT * FROM points_ledger WHERE household_id = ? ORDER BY occurred_on, id'),
    balance: db.prepare<[number, string]>(
      `SELECT coalesce(sum(points), 0) AS balance,
              coalesce(sum(CASE WHEN kind = 'EARNED' THEN points END), 0) AS earned,
              coalesce(sum(CASE WHEN kind = 'GIFTED' THEN points END), 0) AS gifted,
              coalesce(-sum(CASE WHEN kind = 'REDEEMED' THEN points END), 0) AS redeemed,
              coalesce(sum(CASE WHEN kind IN ('REVOKED', 'CORRECTION') THEN points END), 0) AS revoked
       FROM points_ledger WHERE household_id = ? AND occurred_on <= ?`,
    ),
    household: db.prepare<[number]>('SELECT id, household_no, head_name, head_id_number FROM households WHERE id = ? AND deleted_at IS NULL'),
    items: db.prepare('SELECT * FROM shop_items WHERE retired_at IS NULL ORDER BY name'),
    item: db.prepare<[number]>('SELECT * FROM shop_items WHERE id = ? AND retired_at IS NULL'),
    insertItem: db.prepare('INSERT INTO shop_items (name, unit, points_price, created_at) VALUES (@name, @unit, @pointsPrice, @at)'),
    updateItem: db.prepare('UPDATE shop_items SET name = @name, unit = @unit, points_price = @pointsPrice WHERE id = @id'),
    stock: db.prepare<[number, number]>('UPDATE shop_items SET stock = stock + ? WHERE id = ?'),
    move: db.prepare(
      `INSERT INTO stock_moves (item_id, qty, kind, source, redemption_id, moved_on, recorded_by, recorded_at)
       VALUES (@itemId, @qty, @kind, @source, @redemptionId, @date, @by, @at)`,
    ),
    insertRedemption: db.prepare(
      'INSERT INTO redemptions (household_id, redeemed_on, points, lines_json, operator, recorded_at) VALUES (@householdId, @date, @points, @lines, @by, @at)',
    ),
  };

  const today = () => localDateText(now());

  function household(householdId: number) {
    const h = stmt.household.get(householdId) as { id: number; household_no: string; head_name: string; head_id_number: string | null } | undefined;
    if (!h) throw new LedgerError('NOT_FOUND', `没有编号为 ${householdId} 的农户档案，或已删除`);
    return h;
  }

  function append(e: AppendEntry): LedgerEntry {
    const id = Number(
      stmt.insert.run({
        householdId: e.householdId, kind: e.kind, points: e.points, occurredOn: e.occurredOn, roundId: e.roundId ?? null,
        redemptionId: e.redemptionId ?? null, reversesId: e.reversesId ?? null, reason: e.reason, by: places.operatorName(), at: now().toISOString(),
      }).lastInsertRowid,
    );
    return toEntry(stmt.byId.get(id) as LedgerRow);
  }

  function balance(householdId: number, asOf = today()): PointsBalance {
    household(householdId);
    const b = stmt.balance.get(householdId, asOf) as Omit<PointsBalance, 'householdId' | 'asOf'>;
    return { householdId, asOf, ...b };
  }

  const redeemTx = db.transaction((input: ApiParsed<'shop:redeem'>): Redemption => {
    const h = household(input.householdId);
    const head = h.head_id_number ?? '';
    const matches = input.headId.length === 6 ? head.slice(-6) === input.headId : head === input.headId;
    if (!head || !matches) throw new LedgerError('VALIDATION', '户主身份证号码与档案不符，请核对证件后再兑换', { issues: [{ path: 'headId', message: '与户主身份证号码不符' }] });
    if (input.date > today()) throw new LedgerError('VALIDATION', '兑换日期不能晚于今天');
    const lines = input.lines.map((l) => {
      const item = stmt.item.get(l.itemId) as ItemRow | undefined;
      if (!item) throw new LedgerError('NOT_FOUND', `没有编号为 ${l.itemId} 的物品，或已下架`);
      if (item.stock < l.qty) throw new LedgerError('CONFLICT', `“${item.name}”库存只有 ${item.stock}${item.unit}，不够兑换 ${l.qty}${item.unit}`);
      return { itemId: item.id, name: item.name, qty: l.qty, points: item.points_price * l.qty };
    });
    const points = lines.reduce((s, l) => s + l.points, 0);
    const available = balance(input.householdId, '9999-12-31').balance;
    if (available < points) throw new LedgerError('CONFLICT', `积分余额 ${available} 分，不够兑换所需的 ${points} 分`);
    const by = places.operatorName();
    const at = now().toISOString();
    const redemptionId = Number(stmt.insertRedemption.run({ householdId: h.id, date: input.date, points, lines: JSON.stringify(lines), by, at }).lastInsertRowid);
    for (const l of lines) {
      stmt.stock.run(-l.qty, l.itemId);
      stmt.move.run({ itemId: l.itemId, qty: -l.qty, kind: 'REDEEM', source: null, redemptionId, date: input.date, by, at });
    }
    append({ householdId: h.id, kind: 'REDEEMED', points: -points, occurredOn: input.date, redemptionId, reason: `爱心超市兑换：${lines.map((l) => `${l.name}×${l.qty}`).join('、')}` });
    audit.record({ action: 'create', entity: 'redemption', entityId: redemptionId, householdId: h.id, summary: `户主 ${h.head_name} 兑换 ${lines.map((l) => `${l.name}×${l.qty}`).join('、')}，${points} 分` });
    return { id: redemptionId, householdId: h.id, redeemedOn: input.date, points, lines, operator: by, balanceAfter: available - points };
  });

  return {
    append,
    balance,
    list(householdId: number): LedgerEntry[] {
      household(householdId);
      return (stmt.list.all(householdId) as LedgerRow[]).map(toEntry);
    },

    adjust: db.transaction((input: ApiParsed<'points:adjust'>): LedgerEntry => {
      const h = household(input.householdId);
      if (input.date > today()) throw new LedgerError('VALIDATION', '日期不能晚于今天');
      if (input.kind === 'GIFTED' && input.points < 0) throw new LedgerError('VALIDATION', '赠予积分应为正数；扣减请用更正');
      if (input.reversesId !== undefined) {
        const original = stmt.byId.get(input.reversesId) as LedgerRow | undefined;
        if (!original || original.household_id !== h.id) throw new LedgerError('NOT_FOUND', '要冲正的积分记录不属于这一户');
        if (input.points !== -original.points) throw new LedgerError('VALIDATION', `冲正应为原记录的相反数 ${-original.points} 分`);
      }
      const entry = append({ householdId: h.id, kind: input.kind, points: input.points, occurredOn: input.date, reason: input.reason, reversesId: input.reversesId });
      audit.record({
        action: 'create', entity: 'points_ledger', entityId: entry.id, householdId: h.id,
        summary: `${input.kind === 'GIFTED' ? '赠予积分' : '积分更正'}：户主 ${h.head_name} ${input.points > 0 ? '+' : ''}${input.points} 分（${input.reason}）`,
      });
      return entry;
    }),

    items: (): ShopItem[] => (stmt.items.all() as ItemRow[]).map(toItem),

    saveItem: db.transaction((input: ApiParsed<'shop:saveItem'>): ShopItem => {
      if (input.id !== undefined && !stmt.item.get(input.id)) throw new LedgerError('NOT_FOUND', '没有这个物品，或已下架');
      try {
        const id = input.id ?? Number(stmt.insertItem.run({ ...input, at: now().toISOString() }).lastInsertRowid);
        if (input.id !== undefined) stmt.updateItem.run(input);
        audit.record({ action: input.id ? 'update' : 'create', entity: 'shop_item', entityId: id, summary: `超市物品：${input.name}（${input.pointsPrice} 分/${input.unit}）` });
        return toItem(stmt.item.get(id) as ItemRow);
      } catch (e) {
        if (String(e).includes('UNIQUE')) throw new LedgerError('CONFLICT', `已有名为“${input.name}”的物品`);
        throw e;
      }
    }),

    stockIn: db.transaction((input: ApiParsed<'shop:stockIn'>): ShopItem => {
      const item = stmt.item.get(input.itemId) as ItemRow | undefined;
      if (!item) throw new LedgerError('NOT_FOUND', '没有这个物品，或已下架');
      const by = places.operatorName();
      stmt.stock.run(input.qty, item.id);
      stmt.move.run({ itemId: item.id, qty: input.qty, kind: 'IN', source: input.source, redemptionId: null, date: input.date, by, at: now().toISOString() });
      audit.record({ action: 'create', entity: 'stock_move', entityId: item.id, summary: `入库：${item.name} ${input.qty}${item.unit}（${input.source}）` });
      return toItem(stmt.item.get(item.id) as ItemRow);
    }),

    /** IMMEDIATE: two counters redeeming at once cannot both read the balance before either writes. */
    redeem: (input: ApiParsed<'shop:redeem'>): Redemption => redeemTx.immediate(input),
  };
}

export type PointsLedger = ReturnType<typeof createPointsLedger>;
