/**
 * The export register (导出登记): who exported which households, when, in which layout. A roster
 * carries names, ID numbers and bank cards out of the office, so each export is a row with its
 * filter, and the households it took are listed one by one, written with the audit entry.
 */
export default {
  version: 4,
  name: '导出登记',
  sql: /* sql */ `
CREATE TABLE export_log (
  id              INTEGER PRIMARY KEY,
  exported_at     TEXT NOT NULL,
  operator        TEXT NOT NULL,
  layout          TEXT NOT NULL CHECK (layout IN ('national-household', 'national-member', 'national-2022', 'template')),
  -- The filter as the clerk chose it (village, status, search, number ticked), for the register's "范围".
  filter_json     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filter_json)),
  -- The same filter in words, with the village and group names as they were on the day.
  scope           TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  household_count INTEGER NOT NULL CHECK (household_count >= 0),
  -- Sheet rows under the header: people for the person layouts, households for the household table.
  row_count       INTEGER NOT NULL CHECK (row_count >= 0)
) STRICT;

-- sort keeps the order the households were written in; the second index answers "who exported this household".
CREATE TABLE export_log_households (
  export_id    INTEGER NOT NULL REFERENCES export_log(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  sort         INTEGER NOT NULL,
  PRIMARY KEY (export_id, sort)
) STRICT;
CREATE INDEX export_log_households_household ON export_log_households(household_id, export_id);
`,
};
