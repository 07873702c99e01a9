/**
 * The registry: township settings, villages and groups, households, members, audit log.
 * Production and living conditions (domain.md §1.1) will get their own 1:1 table
 * `household_conditions` in a later migration, so this table stays narrow for list queries.
 */
export default {
  version: 1,
  name: '建档立卡基础档案',
  sql: /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE villages (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  code       TEXT,
  sort       INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX villages_live_name ON villages(name) WHERE deleted_at IS NULL;

CREATE TABLE village_groups (
  id         INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  name       TEXT NOT NULL,
  code       TEXT,
  sort       INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX village_groups_live_name ON village_groups(village_id, name) WHERE deleted_at IS NULL;

CREATE TABLE households (
  id                      INTEGER PRIMARY KEY,
  household_no            TEXT NOT NULL UNIQUE,
  village_id              INTEGER NOT NULL REFERENCES villages(id),
  group_id                INTEGER REFERENCES village_groups(id),
  address                 TEXT,
  phone                   TEXT,
  bank_name               TEXT,
  bank_account            TEXT,
  identification_standard TEXT NOT NULL,
  attribute               TEXT,
  status                  TEXT NOT NULL,
  monitoring_category     TEXT,
  risk_state              TEXT,
  main_cause              TEXT,
  other_causes            TEXT NOT NULL DEFAULT '',
  identified_year         INTEGER,
  lifted_year             INTEGER,
  military_family         INTEGER NOT NULL DEFAULT 0 CHECK (military_family IN (0, 1)),
  only_child_family       INTEGER NOT NULL DEFAULT 0 CHECK (only_child_family IN (0, 1)),
  two_daughter_family     INTEGER NOT NULL DEFAULT 0 CHECK (two_daughter_family IN (0, 1)),
  relocated               INTEGER NOT NULL DEFAULT 0 CHECK (relocated IN (0, 1)),
  note                    TEXT,
  -- Denormalised for the list: kept in step by the registry service in the same transaction.
  head_name               TEXT NOT NULL DEFAULT '',
  head_id_number          TEXT,
  member_count            INTEGER NOT NULL DEFAULT 0,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  deleted_at              TEXT
) STRICT;
-- deleted_at leads each list index: every list reads either the live rows or the recycle bin.
CREATE INDEX households_place ON households(deleted_at, village_id, group_id, household_no);
CREATE INDEX households_status ON households(deleted_at, status);
CREATE INDEX households_head_name ON households(deleted_at, head_name);

-- What the list's search box reads (names, pinyin, IDs, phones), kept narrow so a substring
-- scan over 50,000 households stays within a few pages per thousand rows.
CREATE TABLE household_search (
  household_id INTEGER PRIMARY KEY REFERENCES households(id),
  text         TEXT NOT NULL
) STRICT;

CREATE TABLE members (
  id                         INTEGER PRIMARY KEY,
  household_id               INTEGER NOT NULL REFERENCES households(id),
  person_no                  TEXT,
  name                       TEXT NOT NULL,
  document_type              TEXT NOT NULL,
  id_number                  TEXT NOT NULL,
  sex                        TEXT NOT NULL CHECK (sex IN ('1', '2')),
  birth_date                 TEXT NOT NULL,
  relationship               TEXT NOT NULL,
  ethnicity                  TEXT NOT NULL,
  political_status           TEXT,
  education                  TEXT,
  in_school                  TEXT,
  health                     TEXT NOT NULL,
  disability_type            TEXT,
  labour                     TEXT,
  migrant_work               TEXT,
  work_months                INTEGER CHECK (work_months BETWEEN 0 AND 12),
  phone                      TEXT,
  resident_medical_insurance INTEGER NOT NULL DEFAULT 0 CHECK (resident_medical_insurance IN (0, 1)),
  employee_medical_insurance INTEGER NOT NULL DEFAULT 0 CHECK (employee_medical_insurance IN (0, 1)),
  serious_illness_insurance  INTEGER NOT NULL DEFAULT 0 CHECK (serious_illness_insurance IN (0, 1)),
  resident_pension           INTEGER NOT NULL DEFAULT 0 CHECK (resident_pension IN (0, 1)),
  dibao                      INTEGER NOT NULL DEFAULT 0 CHECK (dibao IN (0, 1)),
  tekun                      INTEGER NOT NULL DEFAULT 0 CHECK (tekun IN (0, 1)),
  sort                       INTEGER NOT NULL DEFAULT 0,
  created_at                 TEXT NOT NULL,
  updated_at                 TEXT NOT NULL,
  deleted_at                 TEXT
) STRICT;
CREATE INDEX members_household ON members(household_id, sort);
-- A person is registered once: the first 18 characters are the ID (a 残疾人证 number extends it).
CREATE UNIQUE INDEX members_live_person ON members(substr(id_number, 1, 18)) WHERE deleted_at IS NULL;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  operator    TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER,
  summary     TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
`,
};
