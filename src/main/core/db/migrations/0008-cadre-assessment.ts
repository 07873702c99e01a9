/**
 * Cadre accountability (domain.md §8.1, the cadres' list). Ratings are append-only: a wrong one
 * is replaced by a correction that names it (supersedes_id), and both stay. Attendance is one
 * row per posted cadre and month. The township's cadre list of a month follows the same workflow
 * columns as a village's evaluation round (draft → reviewed → publicised → final), so one piece
 * of code (incentives/round-workflow.ts) moves both.
 */
export default {
  version: 8,
  name: '帮扶干部考核：满意度评价、驻村考勤、干部红黑榜',
  sql: /* sql */ `
CREATE TABLE cadre_ratings (
  id                INTEGER PRIMARY KEY,
  household_id      INTEGER NOT NULL REFERENCES households(id),
  cadre_id          INTEGER NOT NULL REFERENCES cadres(id),
  pairing_id        INTEGER NOT NULL REFERENCES pairings(id),
  visit_id          INTEGER REFERENCES visits(id),
  rated_on          TEXT NOT NULL,
  overall           TEXT NOT NULL CHECK (overall IN ('1', '2', '3')),
  policy            TEXT CHECK (policy IN ('1', '2', '3')),
  delivery          TEXT CHECK (delivery IN ('1', '2', '3')),
  frequency         TEXT CHECK (frequency IN ('1', '2', '3')),
  comment           TEXT,
  method            TEXT NOT NULL,
  recorded_by       TEXT NOT NULL,
  supersedes_id     INTEGER UNIQUE REFERENCES cadre_ratings(id),
  correction_reason TEXT,
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  CHECK ((supersedes_id IS NULL) = (correction_reason IS NULL))
) STRICT;
CREATE INDEX cadre_ratings_cadre ON cadre_ratings(cadre_id, rated_on);
CREATE INDEX cadre_ratings_household ON cadre_ratings(household_id, rated_on);
CREATE TRIGGER cadre_ratings_no_update BEFORE UPDATE ON cadre_ratings BEGIN SELECT RAISE(ABORT, '满意度评价不能修改，只能登记更正'); END;
CREATE TRIGGER cadre_ratings_no_delete BEFORE DELETE ON cadre_ratings BEGIN SELECT RAISE(ABORT, '满意度评价不能删除，只能登记更正'); END;

CREATE TABLE cadre_attendance (
  cadre_id    INTEGER NOT NULL REFERENCES cadres(id),
  month       INTEGER NOT NULL CHECK (month BETWEEN 201401 AND 210012),
  days        INTEGER NOT NULL CHECK (days BETWEEN 0 AND 31),
  note        TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (cadre_id, month)
) STRICT;

CREATE TABLE cadre_list_rounds (
  id              INTEGER PRIMARY KEY,
  month           INTEGER NOT NULL UNIQUE CHECK (month BETWEEN 201401 AND 210012),
  state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'reviewed', 'publicised', 'final')),
  meeting_date    TEXT,
  publicity_start TEXT,
  publicity_end   TEXT,
  -- The day the figures were counted to and the thresholds they were judged by.
  as_of           TEXT NOT NULL,
  thresholds_json TEXT NOT NULL CHECK (json_valid(thresholds_json)),
  created_at      TEXT NOT NULL,
  reviewed_at     TEXT, reviewed_by TEXT,
  publicised_at   TEXT, publicised_by TEXT,
  finalised_at    TEXT, finalised_by TEXT
) STRICT;

CREATE TABLE cadre_list_entries (
  id                INTEGER PRIMARY KEY,
  round_id          INTEGER NOT NULL REFERENCES cadre_list_rounds(id),
  cadre_id          INTEGER NOT NULL REFERENCES cadres(id),
  proposed          TEXT CHECK (proposed IN ('RED', 'BLACK')),
  proposal_reasons  TEXT NOT NULL DEFAULT '',
  list              TEXT CHECK (list IN ('RED', 'BLACK')),
  adjust_reason     TEXT,
  approver          TEXT,
  consequence       TEXT,
  consequence_note  TEXT,
  consecutive_black INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_black IN (0, 1)),
  figures_json      TEXT NOT NULL CHECK (json_valid(figures_json)),
  UNIQUE (round_id, cadre_id),
  -- A decision other than the proposal carries its reason and approver.
  CHECK (list IS proposed OR (adjust_reason IS NOT NULL AND approver IS NOT NULL)),
  CHECK (list IS NOT NULL OR consequence IS NULL)
) STRICT;
CREATE INDEX cadre_list_entries_cadre ON cadre_list_entries(cadre_id);

CREATE TABLE cadre_round_objections (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES cadre_list_rounds(id),
  cadre_id    INTEGER REFERENCES cadres(id),
  text        TEXT NOT NULL,
  raised_on   TEXT NOT NULL,
  resolution  TEXT,
  resolved_on TEXT,
  resolved_by TEXT,
  recorded_at TEXT NOT NULL
) STRICT;
`,
};
