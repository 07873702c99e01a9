import type { AuditEntry, Page } from '../../../shared/domain/registry.types';
import type { Db } from '../db/connection';

export interface AuditRecord {
  action: AuditEntry['action'];
  entity: string;
  entityId: number | null;
  /** The household the change concerns, so its history can be read across areas. */
  householdId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  operator: string;
  action: AuditEntry['action'];
  entity: string;
  entity_id: number | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

/** Who changed what. Callers write through it inside their own transaction, never after it. */
export function createAuditRepo(db: Db, now: () => Date, operator: () => string) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, operator, action, entity, entity_id, household_id, summary, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const filter = '(@entity IS NULL OR entity = @entity) AND (@entityId IS NULL OR entity_id = @entityId)';
  const count = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE ${filter}`);
  const page = db.prepare(`SELECT * FROM audit_log WHERE ${filter} ORDER BY id DESC LIMIT @limit OFFSET @offset`);
  const ofHousehold = db.prepare<[number]>('SELECT * FROM audit_log WHERE household_id = ? ORDER BY id');

  return {
    record(r: AuditRecord): void {
      if (!db.inTransaction) throw new Error('audit entries are written inside the change’s transaction');
      insert.run(
        now().toISOString(),
        operator(),
        r.action,
        r.entity,
        r.entityId,
        r.householdId ?? (r.entity === 'household' ? r.entityId : null),
        r.summary,
        r.before === undefined ? null : JSON.stringify(r.before),
        r.after === undefined ? null : JSON.stringify(r.after),
      );
    },
    list(q: { entity?: string | undefined; entityId?: number | undefined; page: number; pageSize: number }): Page<AuditEntry> {
      const where = { entity: q.entity ?? null, entityId: q.entityId ?? null };
      const total = (count.get(where) as { n: number }).n;
      const rows = (page.all({ ...where, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as AuditRow[]).map(toEntry);
      return { rows, total };
    },
    /** Everything that happened to one household, oldest first, whichever area wrote it. */
    ofHousehold(householdId: number): AuditEntry[] {
      return (ofHousehold.all(householdId) as AuditRow[]).map(toEntry);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    operator: r.operator,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    summary: r.summary,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  };
}
