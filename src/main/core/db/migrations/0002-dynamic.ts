/**
 * Dynamic management (动态管理): status events, member joins and departures, the yearly income
 * ledger, poverty lines, housing and water surveys. Every change is a row; the household's
 * status columns become the latest event's state, kept in step in the same transaction.
 */
export default {
  version: 2,
  name: '动态管理：状态变更、人员变更、收入、标准、两不愁三保障',
  sql: /* sql */ `
CREATE TABLE status_events (
  id                  INTEGER PRIMARY KEY,
  household_id        INTEGER NOT NULL REFERENCES households(id),
  kind                TEXT NOT NULL,
  month               INTEGER NOT NULL CHECK (month BETWEEN 201001 AND 210012), -- YYYYMM
  -- The month the next live event took over (NULL while this one is in force): "status as of
  -- month M" is then one range test per row instead of a search for each household's latest.
  until_month         INTEGER,
  status              TEXT NOT NULL,
  monitoring_category TEXT,
  risk_state          TEXT,
  elimination_method  TEXT CHECK (elimination_method IN ('ASSISTED', 'NATURAL')),
  reason              TEXT,
  recorded_at         TEXT NOT NULL,
  operator            TEXT NOT NULL,
  revoked_at          TEXT,
  revoke_reason       TEXT
) STRICT;
-- Covers "as of month M" entirely (no table reads), and finds a household's latest event.
CREATE INDEX status_events_in_force ON status_events(household_id, month, until_month, status, monitoring_category, risk_state)
  WHERE revoked_at IS NULL;

-- Every household already registered gets its first event: its state as recorded, this month.
INSERT INTO status_events (household_id, kind, month, status, monitoring_category, risk_state, recorded_at, operator)
SELECT id, 'REGISTER', CAST(strftime('%Y%m', 'now') AS INTEGER), status, monitoring_category, risk_state,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '数据升级'
FROM households;

ALTER TABLE members ADD COLUMN out_of_school_reason TEXT;
ALTER TABLE members ADD COLUMN joined_on TEXT;
ALTER TABLE members ADD COLUMN join_reason TEXT;
ALTER TABLE members ADD COLUMN left_on TEXT;
ALTER TABLE members ADD COLUMN leave_reason TEXT;
-- Someone who married out or moved away may be registered again elsewhere; the dead stay reserved.
DROP INDEX members_live_person;
CREATE UNIQUE INDEX members_live_person ON members(substr(id_number, 1, 18))
  WHERE deleted_at IS NULL AND (left_on IS NULL OR leave_reason = '01');
-- Month-end counts by village read households through this index alone.
CREATE INDEX households_census ON households(deleted_at, village_id, member_count);
-- Only members who joined or left on a date make a past family size differ from today's.
CREATE INDEX members_moves ON members(household_id, joined_on, left_on)
  WHERE deleted_at IS NULL AND (joined_on IS NOT NULL OR left_on IS NOT NULL);

-- Lets one household's whole history be read from the audit log, across every area.
ALTER TABLE audit_log ADD COLUMN household_id INTEGER;
UPDATE audit_log SET household_id = entity_id WHERE entity = 'household';
CREATE INDEX audit_log_household ON audit_log(household_id, id) WHERE household_id IS NOT NULL;

CREATE TABLE income_records (
  id                    INTEGER PRIMARY KEY,
  household_id          INTEGER NOT NULL REFERENCES households(id),
  year                  INTEGER NOT NULL,
  wage_fen              INTEGER NOT NULL DEFAULT 0,
  operating_fen         INTEGER NOT NULL DEFAULT 0,
  property_dividend_fen INTEGER NOT NULL DEFAULT 0,
  property_other_fen    INTEGER NOT NULL DEFAULT 0,
  family_planning_fen   INTEGER NOT NULL DEFAULT 0,
  dibao_fen             INTEGER NOT NULL DEFAULT 0,
  tekun_fen             INTEGER NOT NULL DEFAULT 0,
  pension_fen           INTEGER NOT NULL DEFAULT 0,
  eco_compensation_fen  INTEGER NOT NULL DEFAULT 0,
  other_transfer_fen    INTEGER NOT NULL DEFAULT 0,
  operating_cost_fen    INTEGER NOT NULL DEFAULT 0,
  family_size_override  INTEGER CHECK (family_size_override > 0),
  excluded_json         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(excluded_json)),
  note                  TEXT,
  recorded_at           TEXT NOT NULL,
  operator              TEXT NOT NULL
) STRICT;
-- The latest row per (household, year) is the figure in force; earlier rows are its history.
CREATE INDEX income_records_household_year ON income_records(household_id, year, id);

CREATE TABLE poverty_lines (
  id         INTEGER PRIMARY KEY,
  year       INTEGER NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCE', 'CITY')),
  kind       TEXT NOT NULL CHECK (kind IN ('EXIT_STANDARD', 'MONITORING_RANGE')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  region     TEXT,
  source     TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX poverty_lines_live ON poverty_lines(year, level, kind) WHERE deleted_at IS NULL;
-- Only the values domain.md marks verified [V]; the township edits or adds the rest in settings.
INSERT INTO poverty_lines (year, level, kind, amount_fen, region, source, created_at, updated_at) VALUES
  (2014, 'NATIONAL', 'EXIT_STANDARD', 280000, NULL, '国家扶贫开发信息系统收入分组（2800 元档）', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  (2016, 'NATIONAL', 'EXIT_STANDARD', 295200, NULL, '问题数据核查口径：国家贫困标准 2952 元', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  (2020, 'NATIONAL', 'EXIT_STANDARD', 400000, NULL, '脱贫户人均纯收入不低于 4000 元的核查口径', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  (2023, 'PROVINCE', 'MONITORING_RANGE', 730000, '贵州省', '2023 年人均纯收入低于 7300 元的监测口径', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE guarantee_surveys (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  recorded_on  TEXT NOT NULL,
  house_grade  TEXT CHECK (house_grade IN ('01', '02', '03')),
  water_safe   INTEGER CHECK (water_safe IN (0, 1)),
  water_hard   INTEGER CHECK (water_hard IN (0, 1)),
  note         TEXT,
  recorded_at  TEXT NOT NULL,
  operator     TEXT NOT NULL
) STRICT;
CREATE INDEX guarantee_surveys_household ON guarantee_surveys(household_id, recorded_on, id);
`,
};
