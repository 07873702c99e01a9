/**
 * Month-end closes (月末结账). Closing a month freezes the households' facts its report is
 * computed from, as one compressed snapshot, so the report can be printed again later exactly as
 * it was sent up. Reopening needs a reason; the close and its snapshot stay as history, and
 * closing again adds a new close.
 */
export default {
  version: 5,
  name: '月末结账与快照',
  sql: /* sql */ `
CREATE TABLE month_closes (
  id            INTEGER PRIMARY KEY,
  month         INTEGER NOT NULL CHECK (month BETWEEN 201401 AND 210012), -- YYYYMM
  closed_at     TEXT NOT NULL,
  closed_by     TEXT NOT NULL,
  households    INTEGER NOT NULL,
  -- gzip of the JSON { villages, households, asOf }: the ReportHousehold rows of the month.
  snapshot      BLOB NOT NULL,
  -- Closing with open data-quality errors is confirmed first; the confirmation is kept.
  confirmed_note TEXT,
  reopened_at   TEXT,
  reopened_by   TEXT,
  reopen_reason TEXT,
  CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
) STRICT;
-- At most one close in force per month.
CREATE UNIQUE INDEX month_closes_in_force ON month_closes(month) WHERE reopened_at IS NULL;
CREATE INDEX month_closes_month ON month_closes(month, id);
`,
};
