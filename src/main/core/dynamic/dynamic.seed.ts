import { applyStatusEvent, type StatusEventInput, type StatusState } from '../../../shared/rules/status-machine';
import type { SeededHousehold } from '../area';
import type { Db } from '../db/connection';
import type { Rng } from '../seed-random';
import { currentMonth } from '../clock';
import type { StatusRepo } from './status.repo';

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;
function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return month(Math.floor(t / 12), (t % 12) + 1);
}

/**
 * A plausible life for each seeded household that ends in the state it was seeded with:
 * identified, planned and lifted out before 2021, carried into the transition period, then
 * perhaps monitored and its risk eliminated. Every step goes through the real state machine.
 */
export function seedDynamic(db: Db, repo: StatusRepo, rng: Rng, households: readonly SeededHousehold[], today: Date): Record<string, number> {
  const thisMonth = currentMonth(today);
  const recordedAt = today.toISOString();
  const setState = db.prepare('UPDATE households SET status = ?, monitoring_category = ?, risk_state = ? WHERE id = ?');
  const insertIncome = db.prepare(
    `INSERT INTO income_records (household_id, year, wage_fen, operating_fen, property_dividend_fen, dibao_fen, tekun_fen, pension_fen,
       eco_compensation_fen, operating_cost_fen, excluded_json, recorded_at, operator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '系统生成')`,
  );
  // What the registry seed made of each household, so its income agrees with its people.
  const facts = new Map(
    (db.prepare(
      `SELECT h.id, h.attribute, sum(m.migrant_work IS NOT NULL AND coalesce(m.work_months, 0) > 0) AS workers
       FROM households h JOIN members m ON m.household_id = h.id GROUP BY h.id`,
    ).all() as { id: number; attribute: string | null; workers: number }[]).map((r) => [r.id, r]),
  );
  // Members born after their household was identified joined it as newborns (人员变更 06).
  db.prepare(
    `UPDATE members SET joined_on = birth_date, join_reason = '06'
     WHERE joined_on IS NULL AND CAST(substr(birth_date, 1, 4) AS INTEGER) > (SELECT identified_year FROM households h WHERE h.id = members.household_id)`,
  ).run();
  const insertSurvey = db.prepare(
    `INSERT INTO guarantee_surveys (household_id, recorded_on, house_grade, water_safe, water_hard, recorded_at, operator)
     VALUES (?, ?, ?, ?, ?, ?, '系统生成')`,
  );
  const lastYear = today.getFullYear() - 1;
  // A demo township needs a line to compare last year's income with; it is marked as demo data so
  // nobody mistakes it for a province's published figure.
  db.prepare(
    `INSERT INTO poverty_lines (year, level, kind, amount_fen, region, source, created_at, updated_at)
     SELECT ?, 'PROVINCE', 'MONITORING_RANGE', 750000, '示范省', '演示数据（合成），请按本省文件修改', ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM poverty_lines WHERE year = ? AND kind = 'MONITORING_RANGE' AND deleted_at IS NULL)`,
  ).run(lastYear, recordedAt, recordedAt, lastYear);
  let events = 0;
  let incomes = 0;
  for (const h of households) {
    const plan: StatusEventInput[] = [];
    if (h.status === 'ORDINARY') {
      plan.push({ kind: 'REGISTER', month: month(rng.int(2021, 2023), rng.int(1, 12)), initial: { status: 'ORDINARY', monitoringCategory: null, riskState: null } });
    } else {
      const identified = h.identifiedYear ?? 2015;
      const lifted = Math.max(h.liftedYear ?? identified, identified);
      plan.push({ kind: 'REGISTER', month: month(identified, rng.int(1, 4)), initial: { status: 'NOT_LIFTED', monitoringCategory: null, riskState: null } });
      plan.push({ kind: 'PLAN_EXIT', month: month(lifted, rng.int(5, 8)) });
      plan.push({ kind: 'EXIT', month: month(lifted, rng.int(10, 12)) });
      if (lifted < 2020 && rng.chance(0.08)) {
        plan.push({ kind: 'RETURN', month: month(lifted + 1, rng.int(2, 6)) });
        plan.push({ kind: 'EXIT', month: month(lifted + 1, 12) });
      }
      plan.push({ kind: 'TRANSITION', month: '2021-01' });
      if (h.status === 'LIFTED_HOUSEHOLD_NO_POLICY') plan.push({ kind: 'POLICY_END', month: month(rng.int(2021, 2023), rng.int(2, 12)) });
    }
    if (h.monitoringCategory) {
      const last = plan[plan.length - 1]!.month;
      const start = [last, month(rng.int(2022, 2024), rng.int(1, 12))].sort()[1]!;
      plan.push({ kind: 'START_MONITORING', month: start, monitoringCategory: h.monitoringCategory });
      if (h.riskState && h.riskState !== 'ACTIVE') {
        const end = addMonths(start, rng.int(3, 15));
        plan.push({ kind: 'ELIMINATE_RISK', month: end < thisMonth ? end : thisMonth, eliminationMethod: h.riskState === 'ELIMINATED_NATURAL' ? 'NATURAL' : 'ASSISTED' });
      }
    }
    let state: StatusState | null = null;
    let previous = '';
    for (const planned of plan) {
      // Keep the story in order and out of the future, whatever the dice said.
      const clamped = [planned.month, previous].sort()[1]!;
      const event = { ...planned, month: clamped > thisMonth ? thisMonth : clamped };
      previous = event.month;
      const next = applyStatusEvent(state, event);
      if (!next.ok) throw new Error(`seed: household ${h.id} ${event.kind} ${event.month}: ${next.message}`);
      state = next.state;
      repo.insert(h.id, event.kind, event.month, state, { eliminationMethod: event.eliminationMethod ?? null, reason: event.kind === 'RETURN' ? '因病返贫' : null, recordedAt, operator: '系统生成' });
      events++;
    }
    setState.run(state!.status, state!.monitoringCategory, state!.riskState, h.id);

    // Last year's income: mostly well above the monitoring range, a few households near or below it
    // (never one whose risk was eliminated through assistance: that needs income above the range).
    const drawnPerCapita = rng.chance(0.06) ? rng.int(4500, 7800) : rng.int(8500, 26000);
    const perCapitaYuan = h.riskState === 'ELIMINATED_ASSISTED' ? Math.max(drawnPerCapita, 8500) : drawnPerCapita;
    const net = perCapitaYuan * h.memberCount * 100;
    const fact = facts.get(h.id);
    // Wages only where someone works; the draw is made either way so the dice stay in step.
    const wageShare = 0.45 + rng.next() * 0.35;
    const wage = fact?.workers ? Math.round(net * wageShare) : 0;
    // 低保金 for 低保 households, 特困供养金 for 特困 ones, nothing for the rest.
    const drawnDibao = h.status !== 'ORDINARY' && rng.chance(0.2) ? rng.int(2400, 6000) * 100 : 0;
    const dibao = fact?.attribute === 'DIBAO' ? drawnDibao || 3600_00 : 0;
    const tekun = fact?.attribute === 'TEKUN' ? 5400_00 : 0;
    const pension = rng.chance(0.5) ? rng.int(1200, 2400) * 100 : 0;
    const eco = rng.chance(0.2) ? rng.int(100, 900) * 100 : 0;
    const dividend = rng.chance(0.3) ? rng.int(200, 800) * 100 : 0;
    const cost = rng.int(500, 4000) * 100;
    const operating = Math.max(0, net - wage - dibao - tekun - pension - eco - dividend + cost);
    const excluded = rng.chance(0.15) ? [{ category: rng.pick(['02', '04', '06', '07']), amountFen: rng.int(500, 20000) * 100, note: null }] : [];
    insertIncome.run(h.id, lastYear, wage, operating, dividend, dibao, tekun, pension, eco, cost, JSON.stringify(excluded), recordedAt);
    incomes++;
    // An unsafe house or water is why a household is being monitored: only active monitoring objects have one.
    const atRisk = h.monitoringCategory !== null && h.riskState === 'ACTIVE';
    const drawnGrade = rng.chance(0.97) ? '01' : rng.pick(['02', '03']);
    const surveyed = `${lastYear}-${String(rng.int(3, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const drawnSafe = rng.chance(0.98) ? 1 : 0;
    insertSurvey.run(h.id, surveyed, atRisk ? drawnGrade : '01', atRisk ? drawnSafe : 1, rng.chance(0.05) ? 1 : 0, recordedAt);
  }
  return { statusEvents: events, incomeRecords: incomes, guaranteeSurveys: incomes };
}
