-- The household archive kept by the grid (一户一档, issue 15): grid units below the grid,
-- a per-record history with snapshots (the archive as it was on a date), one person one
-- record across the county (the ID number's blind index, database-enforced), and merges of
-- the duplicates that were there before the rule.

-- 楼栋、单元 in communities; 自然屯、村民小组 in villages. A unit may sit in a building.
CREATE TABLE grid_unit (
  county_code  text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  grid_code    text NOT NULL REFERENCES region (code),
  grid_path    ltree NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('building', 'unit', 'hamlet', 'villagers_group')),
  parent_id    bigint,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, parent_id) REFERENCES grid_unit (county_code, id),
  CHECK ((kind = 'unit') = (parent_id IS NOT NULL))
);
CREATE UNIQUE INDEX grid_unit_name_key ON grid_unit (county_code, grid_code, coalesce(parent_id, 0), name);
CREATE INDEX grid_unit_grid_path_gist ON grid_unit USING gist (grid_path);

ALTER TABLE household
  ADD COLUMN unit_id    bigint,
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD FOREIGN KEY (county_code, unit_id) REFERENCES grid_unit (county_code, id);

-- present: lives here; moved_out: left the county; deceased; merged: a duplicate folded into merged_into.
ALTER TABLE resident
  ADD COLUMN status           text NOT NULL DEFAULT 'present'
                              CHECK (status IN ('present', 'moved_out', 'deceased', 'merged')),
  ADD COLUMN marital_status   text CHECK (marital_status IN ('unmarried', 'married', 'divorced', 'widowed')),
  ADD COLUMN died_on          date,
  ADD COLUMN merged_into      bigint,
  ADD COLUMN legacy_duplicate boolean NOT NULL DEFAULT false,
  ADD COLUMN version          integer NOT NULL DEFAULT 1,
  ADD FOREIGN KEY (county_code, merged_into) REFERENCES resident (county_code, id),
  ADD CHECK ((status = 'merged') = (merged_into IS NOT NULL));

-- Records that shared an ID number before the rule: all but the oldest are marked, so the
-- unique index below can be built; the merge tool folds them (GET /residents/duplicates).
UPDATE resident r
   SET legacy_duplicate = true
  FROM (SELECT county_code, id_number_hash, min(id) AS keep
          FROM resident GROUP BY county_code, id_number_hash HAVING count(*) > 1) d
 WHERE r.county_code = d.county_code AND r.id_number_hash = d.id_number_hash AND r.id <> d.keep;

-- One person, one record across the county: a new record or a changed ID number that is
-- already on another (unmerged) record is refused by the database itself.
CREATE UNIQUE INDEX resident_id_number_once ON resident (county_code, id_number_hash)
  WHERE status <> 'merged' AND NOT legacy_duplicate;
CREATE INDEX resident_legacy_duplicate_idx ON resident (county_code, id_number_hash) WHERE legacy_duplicate;

-- Every change to a household or resident: who, when, what (field names), why, and the record
-- as it stood after the change (masked ID number and phone only — never the clear values).
-- The first change of a record opened before this history also writes an `opened` row with the
-- record as it was, so the archive can be read as it stood on any date.
CREATE TABLE archive_history (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  subject       text NOT NULL CHECK (subject IN ('household', 'resident')),
  subject_id    bigint NOT NULL,
  -- the household the record belongs to after the change (for a household: itself)
  household_id  bigint NOT NULL,
  event         text NOT NULL,
  at            timestamptz NOT NULL,
  effective_on  date,
  actor_id      bigint REFERENCES account (id),
  actor_name    text,
  reason        text CHECK (length(reason) <= 200),
  changed       text[] NOT NULL DEFAULT '{}',
  snapshot      jsonb NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX archive_history_subject_idx ON archive_history (county_code, subject, subject_id, at);
CREATE INDEX archive_history_household_idx ON archive_history (county_code, household_id, at);

-- A phone that lost the answer sends the same registration again (platform/db/idempotency.ts).
ALTER TABLE household ADD COLUMN created_by bigint REFERENCES account (id), ADD COLUMN client_request_id uuid;
CREATE UNIQUE INDEX household_client_request_key ON household (county_code, created_by, client_request_id);
ALTER TABLE resident ADD COLUMN created_by bigint REFERENCES account (id), ADD COLUMN client_request_id uuid;
CREATE UNIQUE INDEX resident_client_request_key ON resident (county_code, created_by, client_request_id);
