/**
 * The accountability part of a synthetic township: about two in three paired households rated
 * their cadre in the last three months (mostly satisfied, a few not), and the posted cadres'
 * days in the village for the last three months. Written straight into the tables inside the
 * seed's transaction, like the other areas' seeds.
 */
import type { AreaDeps, SeededHousehold } from '../area';
import { addDays, addMonths, daysBetween, localDateText } from '../assistance/dates';
import type { Rng } from '../seed-random';
import { monthInt } from '../reports/report-source';

export function seedAccountability({ db, now }: AreaDeps, rng: Rng, _households: readonly SeededHousehold[], today: Date): Record<string, number> {
  const day = localDateText(today);
  const at = now().toISOString();
  const open = db.prepare('SELECT id, household_id, cadre_id, start_date FROM pairings WHERE end_date IS NULL').all() as {
    id: number; household_id: number; cadre_id: number; start_date: string;
  }[];
  const insertRating = db.prepare(
    `INSERT INTO cadre_ratings (household_id, cadre_id, pairing_id, rated_on, overall, policy, delivery, frequency, comment, method, recorded_by, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '乡帮扶办', ?, '系统生成')`,
  );
  const verdict = () => (rng.chance(0.72) ? '1' : rng.chance(0.8) ? '2' : '3');
  let ratings = 0;
  const windowStart = addDays(day, -80);
  for (const p of open) {
    if (!rng.chance(0.66)) continue;
    const from = p.start_date > windowStart ? p.start_date : windowStart;
    const span = daysBetween(from, day);
    if (span < 0) continue;
    const overall = verdict();
    const comment = overall === '3' ? rng.pick(['走访次数少，希望多来看看', '反映的问题还没有解决']) : null;
    insertRating.run(p.household_id, p.cadre_id, p.id, addDays(from, rng.int(0, span)), overall, verdict(), verdict(), verdict(), comment,
      rng.chance(0.5) ? 'PHONE' : 'IN_PERSON', at);
    ratings++;
  }

  const posted = db.prepare(
    `SELECT id, posting_start FROM cadres WHERE deleted_at IS NULL AND role IN ('FIRST_SECRETARY', 'WORK_TEAM_MEMBER') AND posting_start IS NOT NULL`,
  ).all() as { id: number; posting_start: string }[];
  const insertAttendance = db.prepare('INSERT INTO cadre_attendance (cadre_id, month, days, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)');
  let attendance = 0;
  for (let back = 3; back >= 1; back--) {
    const month = addMonths(day, -back).slice(0, 7);
    for (const c of posted) {
      if (c.posting_start > `${month}-28`) continue;
      insertAttendance.run(c.id, monthInt(month), rng.chance(0.9) ? rng.int(20, 25) : rng.int(12, 19), '乡帮扶办', at);
      attendance++;
    }
  }
  return { ratings, attendance };
}
