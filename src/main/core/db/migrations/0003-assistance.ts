/**
 * Assistance: cadres (帮扶责任人, 驻村第一书记, 工作队员), cadre ↔ household pairings,
 * measures, subsidies received, visits. Pairings, measures and subsidies are history: a
 * pairing is ended, never overwritten; a wrong measure or subsidy is revoked, never deleted.
 * Dates are 'YYYY-MM-DD' text (they sort and compare as dates); money is integer fen.
 */
export default {
  version: 3,
  name: '帮扶责任人、结对、帮扶措施、补贴资金、走访记录',
  sql: /* sql */ `
CREATE TABLE cadres (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  sex              TEXT NOT NULL CHECK (sex IN ('1', '2')),
  id_number        TEXT,
  role             TEXT NOT NULL,
  unit             TEXT NOT NULL,
  affiliation      TEXT NOT NULL,
  position         TEXT,
  phone            TEXT,
  dispatching_unit TEXT,
  team_name        TEXT,
  -- The village a first secretary or work-team member is posted to (驻村).
  village_id       INTEGER REFERENCES villages(id),
  posting_start    TEXT,
  posting_end      TEXT,
  note             TEXT,
  -- Name, pinyin, unit and phone in lower case, for the list's search box.
  search_text      TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT,
  CHECK (posting_end IS NULL OR posting_start IS NULL OR posting_end >= posting_start)
) STRICT;
CREATE UNIQUE INDEX cadres_live_id_number ON cadres(id_number) WHERE deleted_at IS NULL AND id_number IS NOT NULL;
CREATE INDEX cadres_live_name ON cadres(deleted_at, name);
CREATE INDEX cadres_village ON cadres(village_id, role) WHERE village_id IS NOT NULL;

-- [start_date, end_date): the day one pairing ends is the day the next one starts.
CREATE TABLE pairings (
  id           INTEGER PRIMARY KEY,
  cadre_id     INTEGER NOT NULL REFERENCES cadres(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  start_date   TEXT NOT NULL,
  end_date     TEXT,
  end_reason   TEXT,
  end_note     TEXT,
  created_at   TEXT NOT NULL,
  ended_at     TEXT,
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK ((end_date IS NULL) = (end_reason IS NULL))
) STRICT;
-- One cadre per household at a time; also how "current cadre" and "unpaired" are looked up.
CREATE UNIQUE INDEX pairings_open_household ON pairings(household_id) WHERE end_date IS NULL;
CREATE INDEX pairings_household ON pairings(household_id, start_date);
CREATE INDEX pairings_cadre ON pairings(cadre_id, start_date);
-- A cadre's load (open pairings) counted from the index alone.
CREATE INDEX pairings_open_cadre ON pairings(cadre_id) WHERE end_date IS NULL;

CREATE TABLE measures (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  category      TEXT NOT NULL,
  item          TEXT NOT NULL,
  measure_date  TEXT NOT NULL,
  amount_fen    INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
  helping_unit  TEXT,
  note          TEXT,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  revoke_reason TEXT,
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
) STRICT;
CREATE INDEX measures_household ON measures(household_id, measure_date);
CREATE INDEX measures_date ON measures(measure_date);

CREATE TABLE subsidies (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  category      TEXT NOT NULL,
  amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
  paid_date     TEXT NOT NULL,
  source        TEXT NOT NULL,
  note          TEXT,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  revoke_reason TEXT,
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
) STRICT;
CREATE INDEX subsidies_household ON subsidies(household_id, paid_date);
CREATE INDEX subsidies_date ON subsidies(paid_date);

CREATE TABLE visits (
  id                 INTEGER PRIMARY KEY,
  household_id       INTEGER NOT NULL REFERENCES households(id),
  cadre_id           INTEGER NOT NULL REFERENCES cadres(id),
  visit_date         TEXT NOT NULL,
  visit_type         TEXT NOT NULL,
  purposes           TEXT NOT NULL,
  findings           TEXT,
  risk_flags         TEXT NOT NULL DEFAULT '',
  measures_delivered TEXT,
  next_visit_date    TEXT,
  -- Any live cadre may visit; whether it was the household's own cadre that day is kept.
  by_paired_cadre    INTEGER NOT NULL CHECK (by_paired_cadre IN (0, 1)),
  created_at         TEXT NOT NULL,
  CHECK (next_visit_date IS NULL OR next_visit_date >= visit_date)
) STRICT;
CREATE INDEX visits_household_date ON visits(household_id, visit_date);
CREATE INDEX visits_cadre_date ON visits(cadre_id, visit_date);
CREATE INDEX visits_date ON visits(visit_date);

-- Each household's latest visit, written with the visit in the same transaction. Visits are
-- never deleted, so it only moves forward. The "visits due" view joins it to every live
-- household: a primary-key probe per household costs a fifth of a max() seek into visits.
CREATE TABLE visit_coverage (
  household_id    INTEGER PRIMARY KEY REFERENCES households(id),
  last_visit_date TEXT NOT NULL
) STRICT;

-- The same view reads every live household's village and monitoring state: from this index
-- alone, without touching the wide household rows.
CREATE INDEX households_visit_cadence ON households(deleted_at, village_id, monitoring_category, risk_state);
`,
};
