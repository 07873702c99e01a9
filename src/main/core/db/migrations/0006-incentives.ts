/**
 * Red/black lists and points (红黑榜, 积分制, 爱心超市; domain.md §8). Criteria are versioned: an
 * edit retires a row and adds the next version, so an evaluation keeps the points of the rule it
 * used. A month's evaluation of a village moves draft → reviewed → publicised → final; only a
 * final round writes to the points ledger, which is append-only (triggers refuse UPDATE and
 * DELETE): a correction is a new, reversing entry.
 */
export default {
  version: 6,
  name: '红黑榜、积分与爱心超市',
  sql: /* sql */ `
CREATE TABLE point_criteria (
  id                INTEGER PRIMARY KEY,
  -- The same criterion across its versions.
  rule_key          TEXT NOT NULL,
  version           INTEGER NOT NULL,
  dimension         TEXT NOT NULL,
  item              TEXT NOT NULL,
  points            INTEGER NOT NULL CHECK (points <> 0),
  monthly_cap       INTEGER CHECK (monthly_cap IS NULL OR monthly_cap > 0),
  evidence_required INTEGER NOT NULL DEFAULT 0 CHECK (evidence_required IN (0, 1)),
  sort              INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL,
  retired_at        TEXT,
  UNIQUE (rule_key, version)
) STRICT;
CREATE UNIQUE INDEX point_criteria_current ON point_criteria(rule_key) WHERE retired_at IS NULL;

CREATE TABLE evaluation_rounds (
  id              INTEGER PRIMARY KEY,
  month           INTEGER NOT NULL CHECK (month BETWEEN 201401 AND 210012),
  village_id      INTEGER NOT NULL REFERENCES villages(id),
  state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'reviewed', 'publicised', 'final')),
  meeting_date    TEXT,
  publicity_start TEXT,
  publicity_end   TEXT,
  created_at      TEXT NOT NULL,
  reviewed_at     TEXT, reviewed_by TEXT,
  publicised_at   TEXT, publicised_by TEXT,
  finalised_at    TEXT, finalised_by TEXT,
  UNIQUE (month, village_id)
) STRICT;

CREATE TABLE evaluation_entries (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES evaluation_rounds(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  criterion_id INTEGER NOT NULL REFERENCES point_criteria(id),
  times        INTEGER NOT NULL DEFAULT 1 CHECK (times > 0),
  note         TEXT,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (round_id, household_id, criterion_id)
) STRICT;

CREATE TABLE round_objections (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES evaluation_rounds(id),
  household_id INTEGER REFERENCES households(id),
  text         TEXT NOT NULL,
  raised_on    TEXT NOT NULL,
  resolution   TEXT,
  resolved_on  TEXT,
  resolved_by  TEXT,
  recorded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE points_ledger (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  kind         TEXT NOT NULL CHECK (kind IN ('EARNED', 'GIFTED', 'REDEEMED', 'REVOKED', 'CORRECTION')),
  points       INTEGER NOT NULL CHECK (points <> 0),
  occurred_on  TEXT NOT NULL,
  round_id     INTEGER REFERENCES evaluation_rounds(id),
  redemption_id INTEGER,
  reverses_id  INTEGER REFERENCES points_ledger(id),
  reason       TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX points_ledger_household ON points_ledger(household_id, occurred_on);
CREATE INDEX points_ledger_round ON points_ledger(round_id) WHERE round_id IS NOT NULL;
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger BEGIN SELECT RAISE(ABORT, '积分台账只能追加，不能修改'); END;
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger BEGIN SELECT RAISE(ABORT, '积分台账只能追加，不能删除'); END;
-- The last guard against an overdrawn balance, whatever wrote the redemption.
CREATE TRIGGER points_ledger_no_overdraw BEFORE INSERT ON points_ledger
  WHEN NEW.kind = 'REDEEMED' AND (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE household_id = NEW.household_id) + NEW.points < 0
  BEGIN SELECT RAISE(ABORT, '积分余额不足'); END;

CREATE TABLE shop_items (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  unit         TEXT NOT NULL,
  points_price INTEGER NOT NULL CHECK (points_price > 0),
  stock        INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  created_at   TEXT NOT NULL,
  retired_at   TEXT
) STRICT;
CREATE UNIQUE INDEX shop_items_live_name ON shop_items(name) WHERE retired_at IS NULL;

CREATE TABLE stock_moves (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES shop_items(id),
  qty           INTEGER NOT NULL CHECK (qty <> 0),
  kind          TEXT NOT NULL CHECK (kind IN ('IN', 'REDEEM')),
  source        TEXT,
  redemption_id INTEGER,
  moved_on      TEXT NOT NULL,
  recorded_by   TEXT NOT NULL,
  recorded_at   TEXT NOT NULL
) STRICT;

CREATE TABLE redemptions (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  redeemed_on  TEXT NOT NULL,
  points       INTEGER NOT NULL CHECK (points > 0),
  lines_json   TEXT NOT NULL CHECK (json_valid(lines_json)),
  operator     TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE red_black_entries (
  id              INTEGER PRIMARY KEY,
  month           INTEGER NOT NULL CHECK (month BETWEEN 201401 AND 210012),
  village_id      INTEGER NOT NULL REFERENCES villages(id),
  household_id    INTEGER NOT NULL REFERENCES households(id),
  list            TEXT NOT NULL CHECK (list IN ('RED', 'BLACK')),
  reason_category TEXT NOT NULL,
  description     TEXT NOT NULL,
  approver        TEXT NOT NULL,
  approved_on     TEXT NOT NULL,
  published       INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
  -- Red: a reward in money (fen) or in kind, and when it was paid. Black: a suspended support item and its period.
  reward_fen      INTEGER CHECK (reward_fen IS NULL OR reward_fen > 0),
  reward_goods    TEXT,
  reward_paid_on  TEXT,
  sanction        TEXT,
  sanction_start  TEXT,
  sanction_end    TEXT,
  delisted_on     TEXT,
  delist_reason   TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  UNIQUE (month, household_id, list),
  CHECK ((delisted_on IS NULL) = (delist_reason IS NULL))
) STRICT;

-- A default set the township edits (domain.md §8: 勤劳致富, 孝老爱亲, 环境卫生, 参与村务, 遵纪守法).
INSERT INTO point_criteria (rule_key, version, dimension, item, points, monthly_cap, evidence_required, sort, created_at) VALUES
  ('work',       1, '勤劳致富', '发展种养业、务工或经营增收', 5, 10, 0, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('training',   1, '勤劳致富', '参加技能培训', 3, 6, 0, 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('elders',     1, '孝老爱亲', '赡养照料老人、家庭和睦', 5, 5, 0, 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('neglect',    1, '孝老爱亲', '不赡养老人（经核实）', -10, NULL, 1, 4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('tidy',       1, '环境卫生', '庭院整洁、垃圾入桶', 3, 3, 0, 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('litter',     1, '环境卫生', '乱倒垃圾、乱堆乱放', -3, NULL, 0, 6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('village',    1, '参与村务', '参加村民会议或义务劳动', 2, 6, 0, 7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('lawful',     1, '遵纪守法', '遵纪守法、无违法违纪', 2, 2, 0, 8, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('gambling',   1, '遵纪守法', '赌博或其他违法行为（经核实）', -10, NULL, 1, 9, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
`,
};
