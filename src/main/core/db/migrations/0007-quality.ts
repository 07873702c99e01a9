/**
 * 数据质量检查: each run keeps its counts; only the latest run's findings are kept (a run
 * replaces them), since a finding is a fact about today's data. A clerk's "checked, correct"
 * mark outlives runs: it matches a finding by rule, record and the basis the rule saw, so it
 * goes quiet only while the data it vouched for is unchanged.
 */
export default {
  version: 7,
  name: '数据质量检查：检查记录、疑点、核实标记',
  sql: /* sql */ `
CREATE TABLE quality_runs (
  id           INTEGER PRIMARY KEY,
  ran_at       TEXT NOT NULL,
  trigger      TEXT NOT NULL CHECK (trigger IN ('manual', 'import', 'month-close', 'cli')),
  operator     TEXT NOT NULL,
  duration_ms  INTEGER NOT NULL,
  households   INTEGER NOT NULL,
  errors       INTEGER NOT NULL,
  warnings     INTEGER NOT NULL,
  acknowledged INTEGER NOT NULL
) STRICT;

CREATE TABLE quality_findings (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES quality_runs(id),
  rule_id      TEXT NOT NULL,
  severity     TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  household_id INTEGER,
  member_id    INTEGER,
  village_id   INTEGER,
  -- rule + record (+ the rule's own key, e.g. a shared phone number): what a mark is tied to.
  subject      TEXT NOT NULL,
  basis        TEXT NOT NULL,
  message      TEXT NOT NULL,
  ack_id       INTEGER
) STRICT;
CREATE INDEX quality_findings_rule ON quality_findings(rule_id, village_id);
CREATE INDEX quality_findings_household ON quality_findings(household_id) WHERE household_id IS NOT NULL;

CREATE TABLE quality_acknowledgements (
  id            INTEGER PRIMARY KEY,
  rule_id       TEXT NOT NULL,
  subject       TEXT NOT NULL,
  basis         TEXT NOT NULL,
  household_id  INTEGER,
  note          TEXT NOT NULL,
  operator      TEXT NOT NULL,
  at            TEXT NOT NULL,
  revoked_at    TEXT,
  revoked_by    TEXT
) STRICT;
CREATE UNIQUE INDEX quality_acknowledgements_live ON quality_acknowledgements(subject) WHERE revoked_at IS NULL;
`,
};
