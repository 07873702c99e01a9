/**
 * Runs the rules, keeps the latest run's findings, and the clerk's "checked, correct" marks. A
 * mark is tied to a finding's subject (rule + record) and basis (its message, which carries the
 * values the rule saw): the next run keeps it quiet only while the basis is the same.
 */
import type { ApiParsed } from '../../../shared/api';
import type {
  QualityFinding, QualityRuleCount, QualityRuleInfo, QualityRun, QualitySummary, QualityTrigger,
} from '../../../shared/domain/quality.types';
import type { Page } from '../../../shared/domain/registry.types';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import type { PovertyLines } from '../dynamic/income.service';
import { createCheckContext, type CheckContext } from './check-context';
import type { QualityRule, RuleFinding } from './rule';
import { QUALITY_RULES } from './rules';

interface RunRow { id: number; ran_at: string; trigger: QualityTrigger; operator: string; duration_ms: number; households: number; errors: number; warnings: number; acknowledged: number }
interface FindingRow {
  id: number; rule_id: string; severity: 'error' | 'warning'; household_id: number | null; member_id: number | null; village_id: number | null;
  household_no: string | null; village_name: string | null; group_name: string | null; head_name: string | null; member_name: string | null; id_number: string | null;
  message: string; ack_id: number | null; ack_note: string | null; ack_by: string | null; ack_at: string | null;
}

const toRun = (r: RunRow): QualityRun => ({
  id: r.id, ranAt: r.ran_at, trigger: r.trigger, operator: r.operator, durationMs: r.duration_ms, households: r.households,
  errors: r.errors, warnings: r.warnings, acknowledged: r.acknowledged,
});

const info = ({ check: _check, ...rule }: QualityRule): QualityRuleInfo => rule;

/** Findings held before they are written. */
const FINDINGS_BATCH = 2048;

function subjectOf(rule: QualityRule, f: RuleFinding): string {
  return [rule.id, rule.scope, f.householdId ?? '', f.memberId ?? '', f.villageId ?? '', f.key ?? ''].join('|');
}

export function createQualityService({ db, audit, places, now }: AreaDeps, lines: PovertyLines, rules: readonly QualityRule[] = QUALITY_RULES) {
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const stmt = {
    latestRun: db.prepare('SELECT * FROM quality_runs ORDER BY id DESC LIMIT 1'),
    // Entered when the run starts (its findings refer to it) and completed when it ends.
    insertRun: db.prepare(
      `INSERT INTO quality_runs (ran_at, trigger, operator, duration_ms, households, errors, warnings, acknowledged)
       VALUES ('', @trigger, @operator, 0, 0, 0, 0, 0)`,
    ),
    finishRun: db.prepare('UPDATE quality_runs SET ran_at = @ranAt, duration_ms = @durationMs, households = @households WHERE id = @id'),
    recount: db.prepare(
      `UPDATE quality_runs SET
         errors = (SELECT count(*) FROM quality_findings WHERE severity = 'error' AND ack_id IS NULL),
         warnings = (SELECT count(*) FROM quality_findings WHERE severity = 'warning' AND ack_id IS NULL),
         acknowledged = (SELECT count(*) FROM quality_findings WHERE ack_id IS NOT NULL)
       WHERE id = ?`,
    ),
    clearFindings: db.prepare('DELETE FROM quality_findings'),
    insertFinding: db.prepare(
      `INSERT INTO quality_findings (run_id, rule_id, severity, household_id, member_id, village_id, subject, basis, message, ack_id)
       VALUES (@runId, @ruleId, @severity, @householdId, @memberId, @villageId, @subject, @basis, @message, @ackId)`,
    ),
    liveAcks: db.prepare('SELECT id, subject, basis FROM quality_acknowledgements WHERE revoked_at IS NULL'),
    counts: db.prepare(
      `SELECT rule_id AS ruleId, sum(ack_id IS NULL) AS open, sum(ack_id IS NOT NULL) AS acknowledged FROM quality_findings GROUP BY rule_id`,
    ),
    findingById: db.prepare('SELECT * FROM quality_findings WHERE id = ?'),
    ackById: db.prepare('SELECT * FROM quality_acknowledgements WHERE id = ?'),
    revokeAckOfSubject: db.prepare('UPDATE quality_acknowledgements SET revoked_at = @at, revoked_by = @by WHERE subject = @subject AND revoked_at IS NULL'),
    insertAck: db.prepare(
      `INSERT INTO quality_acknowledgements (rule_id, subject, basis, household_id, note, operator, at)
       VALUES (@ruleId, @subject, @basis, @householdId, @note, @by, @at)`,
    ),
    setAck: db.prepare('UPDATE quality_findings SET ack_id = ? WHERE id = ?'),
    revokeAck: db.prepare('UPDATE quality_acknowledgements SET revoked_at = @at, revoked_by = @by WHERE id = @id'),
    clearAck: db.prepare('UPDATE quality_findings SET ack_id = NULL WHERE ack_id = ?'),
  };

  const FINDING_SELECT = `
    SELECT f.id, f.rule_id, f.severity, f.household_id, f.member_id, f.village_id, f.message, f.ack_id,
           h.household_no, v.name AS village_name, g.name AS group_name, h.head_name, m.name AS member_name, m.id_number,
           a.note AS ack_note, a.operator AS ack_by, a.at AS ack_at
    FROM quality_findings f
    LEFT JOIN households h ON h.id = f.household_id
    LEFT JOIN villages v ON v.id = f.village_id
    LEFT JOIN village_groups g ON g.id = h.group_id
    LEFT JOIN members m ON m.id = f.member_id
    LEFT JOIN quality_acknowledgements a ON a.id = f.ack_id`;

  const toFinding = (r: FindingRow): QualityFinding => {
    const rule = ruleById.get(r.rule_id);
    return {
      id: r.id, ruleId: r.rule_id, severity: r.severity, scope: rule?.scope ?? 'household',
      householdId: r.household_id, householdNo: r.household_no, villageId: r.village_id, villageName: r.village_name, groupName: r.group_name,
      headName: r.head_name, memberId: r.member_id, memberName: r.member_name, idNumber: r.member_id === null ? null : r.id_number,
      message: r.message,
      acknowledgement: r.ack_id === null ? null : { id: r.ack_id, note: r.ack_note ?? '', by: r.ack_by ?? '', at: r.ack_at ?? '' },
    };
  };

  function latest(): QualityRun | null {
    const row = stmt.latestRun.get() as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  function summary(): QualitySummary {
    const counts = new Map((stmt.counts.all() as QualityRuleCount[]).map((c) => [c.ruleId, c]));
    return {
      run: latest(),
      rules: rules.map(info),
      counts: rules.map((r) => counts.get(r.id) ?? { ruleId: r.id, open: 0, acknowledged: 0 }),
    };
  }

  function findingById(id: number): QualityFinding {
    const row = db.prepare(`${FINDING_SELECT} WHERE f.id = ?`).get(id) as FindingRow | undefined;
    if (!row) throw new LedgerError('NOT_FOUND', '没有这条疑点，可能已重新检查；请刷新后再试');
    return toFinding(row);
  }

  const memberRules = rules.filter((r) => r.testMember);
  const householdRules = rules.filter((r) => r.testHousehold);
  const otherRules = rules.filter((r) => !r.testMember && !r.testHousehold);

  /**
   * Every rule over the registry, each finding handed to `found` as it is made. Rules about one
   * person (or one household) are asked together while that record is at hand: one pass over
   * 167,000 people instead of forty.
   */
  function findAll(ctx: CheckContext, found: (rule: QualityRule, f: RuleFinding) => void, onlyPerRecord = false): void {
    for (const m of ctx.members()) {
      for (const rule of memberRules) {
        const message = rule.testMember!(m, ctx);
        if (message !== null) found(rule, { householdId: m.householdId, memberId: m.id, message });
      }
    }
    const people = ctx.membersOf();
    for (const h of ctx.households()) {
      const ms = people.get(h.id) ?? [];
      for (const rule of householdRules) {
        const message = rule.testHousehold!(h, ms, ctx);
        if (message !== null) found(rule, { householdId: h.id, message });
      }
    }
    if (!onlyPerRecord) for (const rule of otherRules) for (const f of rule.check(ctx)) found(rule, f);
  }

  const perRecordRuleIds = [...memberRules, ...householdRules].map((r) => r.id);
  const clearPerRecordFindings = db.prepare(`DELETE FROM quality_findings WHERE household_id = ? AND rule_id IN (${perRecordRuleIds.map(() => '?').join(', ')})`);
  /** The live "checked, correct" marks by the subject they vouch for. */
  const liveAcks = () => new Map((stmt.liveAcks.all() as { id: number; subject: string; basis: string }[]).map((a) => [a.subject, a]));
  const recheck = db.transaction((householdId: number): QualitySummary => {
    const ctx = createCheckContext(db, lines, now, householdId);
    const household = ctx.householdById().get(householdId);
    if (!household) throw new LedgerError('NOT_FOUND', '没有这户，或已删除');
    const runId = latest()!.id;
    const acks = liveAcks();
    clearPerRecordFindings.run(householdId, ...perRecordRuleIds);
    findAll(ctx, (rule, f) => insertFinding(runId, rule, f, acks, household.villageId), true);
    stmt.recount.run(runId);
    return summary();
  });

  function insertFinding(runId: number, rule: QualityRule, f: RuleFinding, acks: ReadonlyMap<string, { id: number; basis: string }>, villageId: number | null): void {
    const subject = subjectOf(rule, f);
    const ack = acks.get(subject);
    stmt.insertFinding.run({
      runId, ruleId: rule.id, severity: rule.severity, householdId: f.householdId, memberId: f.memberId ?? null,
      villageId: f.villageId ?? villageId, subject, basis: f.message, message: f.message, ackId: ack && ack.basis === f.message ? ack.id : null,
    });
  }

  /**
   * The whole registry checked and its findings written as they are found, a batch at a time, in
   * one transaction (a rule that fails leaves the previous run as it was). A township's first
   * import gives some 300,000 findings; collected before writing they took 35 MB more than the
   * checks themselves. The run's time is still that of the checking alone, and it is dated when
   * the checks are done.
   */
  const runAll = db.transaction((trigger: QualityTrigger): void => {
    const runId = Number(stmt.insertRun.run({ trigger, operator: places.operatorName() }).lastInsertRowid);
    stmt.clearFindings.run();
    const acks = liveAcks();
    const started = performance.now();
    let writingMs = 0;
    const ctx = createCheckContext(db, lines, now);
    const batch: { rule: QualityRule; f: RuleFinding }[] = [];
    const flush = () => {
      const writing = performance.now();
      const villageOf = ctx.householdById();
      for (const { rule, f } of batch) insertFinding(runId, rule, f, acks, f.householdId === null ? null : villageOf.get(f.householdId)?.villageId ?? null);
      batch.length = 0;
      writingMs += performance.now() - writing;
    };
    findAll(ctx, (rule, f) => {
      if (batch.push({ rule, f }) >= FINDINGS_BATCH) flush();
    });
    const durationMs = Math.round(performance.now() - started - writingMs);
    const ranAt = now().toISOString();
    flush();
    stmt.finishRun.run({ id: runId, ranAt, durationMs, households: ctx.householdById().size });
    stmt.recount.run(runId);
  });

  return {
    rules: (): QualityRuleInfo[] => rules.map(info),

    /**
     * All rules over the whole registry; the findings replace the previous run's. With a
     * household: that household again, after an edit, by the rules about one person or one
     * household (the rules comparing records with each other wait for the next full run).
     */
    run(trigger: QualityTrigger, householdId?: number): QualitySummary {
      if (householdId !== undefined && latest()) return recheck(householdId);
      runAll(trigger);
      return summary();
    },

    summary,

    findings(q: ApiParsed<'quality:findings'>): Page<QualityFinding> {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (q.ruleId) (where.push('f.rule_id = @ruleId'), (params.ruleId = q.ruleId));
      if (q.villageId) (where.push('f.village_id = @villageId'), (params.villageId = q.villageId));
      if (q.householdId) (where.push('f.household_id = @householdId'), (params.householdId = q.householdId));
      if (q.severity) (where.push('f.severity = @severity'), (params.severity = q.severity));
      if (!q.includeAcknowledged) where.push('f.ack_id IS NULL');
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM quality_findings f ${clause}`).get(params) as { n: number }).n;
      const rows = db.prepare(
        `${FINDING_SELECT} ${clause}
         ORDER BY f.severity = 'warning', f.rule_id, v.sort, f.village_id, h.household_no, f.member_id, f.id
         LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as FindingRow[];
      return { rows: rows.map(toFinding), total };
    },

    acknowledge: db.transaction(({ findingId, note }: ApiParsed<'quality:acknowledge'>): QualityFinding => {
      const row = stmt.findingById.get(findingId) as { id: number; rule_id: string; subject: string; basis: string; household_id: number | null; message: string; ack_id: number | null } | undefined;
      if (!row) throw new LedgerError('NOT_FOUND', '没有这条疑点，可能已重新检查；请刷新后再试');
      if (row.ack_id !== null) throw new LedgerError('CONFLICT', '这条疑点已标记为已核实');
      const at = now().toISOString();
      const by = places.operatorName();
      stmt.revokeAckOfSubject.run({ at, by, subject: row.subject });
      const ackId = Number(stmt.insertAck.run({ ruleId: row.rule_id, subject: row.subject, basis: row.basis, householdId: row.household_id, note, by, at }).lastInsertRowid);
      stmt.setAck.run(ackId, findingId);
      const run = latest();
      if (run) stmt.recount.run(run.id);
      audit.record({
        action: 'create', entity: 'quality_acknowledgement', entityId: ackId, householdId: row.household_id,
        summary: `疑点 ${row.rule_id}“${ruleById.get(row.rule_id)?.title ?? ''}”标记为已核实无误：${note}（${row.message}）`,
      });
      return findingById(findingId);
    }),

    unacknowledge: db.transaction(({ acknowledgementId }: ApiParsed<'quality:unacknowledge'>): { id: number } => {
      const ack = stmt.ackById.get(acknowledgementId) as { id: number; rule_id: string; household_id: number | null; note: string; revoked_at: string | null } | undefined;
      if (!ack) throw new LedgerError('NOT_FOUND', '没有这条核实标记');
      if (ack.revoked_at !== null) throw new LedgerError('CONFLICT', '这条核实标记已撤销');
      stmt.revokeAck.run({ id: ack.id, at: now().toISOString(), by: places.operatorName() });
      stmt.clearAck.run(ack.id);
      const run = latest();
      if (run) stmt.recount.run(run.id);
      audit.record({
        action: 'revoke', entity: 'quality_acknowledgement', entityId: ack.id, householdId: ack.household_id,
        summary: `撤销疑点 ${ack.rule_id} 的核实标记（原说明：${ack.note}）`,
      });
      return { id: ack.id };
    }),

    /** Every finding (open, and marked ones when asked), for the workbook. */
    all(villageId: number | undefined, includeAcknowledged: boolean): QualityFinding[] {
      const where = [villageId ? 'f.village_id = @villageId' : '', includeAcknowledged ? '' : 'f.ack_id IS NULL'].filter(Boolean);
      return (db.prepare(
        `${FINDING_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY f.rule_id, v.sort, f.village_id, h.household_no, f.member_id, f.id`,
      ).all({ villageId }) as FindingRow[]).map(toFinding);
    },

    latest,
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
