-- 应急 (issue 13): a county or township declares an emergency event over an area of grids; the
-- vulnerable households of the area (care tags) are checked from the phones; teams and supplies;
-- location sharing of field workers only while the event is declared (国办函〔2026〕12号).

-- Kinds of event a county declares again and again (flood, blizzard …), per county.
CREATE TABLE emergency_template (
  county_code    text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  key            text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  kind           text NOT NULL CHECK (kind IN ('flood', 'blizzard', 'fire', 'chemical_leak', 'epidemic')),
  title          text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  -- the households checked: any of these care tags on the household or a present member
  care_tags      text[] NOT NULL CHECK (cardinality(care_tags) BETWEEN 1 AND 10),
  -- the case category a request for help becomes (its emergency deadlines apply)
  category_code  text NOT NULL,
  sort_order     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, key)
);

CREATE TABLE emergency_event (
  county_code        text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  kind               text NOT NULL CHECK (kind IN ('flood', 'blizzard', 'fire', 'chemical_leak', 'epidemic')),
  template_key       text NOT NULL,
  title              text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  -- the declarer's region (a county or a township): the area lies below it
  region_code        text NOT NULL REFERENCES region (code),
  region_path        ltree NOT NULL,
  care_tags          text[] NOT NULL,
  category_code      text NOT NULL,
  state              text NOT NULL DEFAULT 'declared' CHECK (state IN ('declared', 'closed')),
  version            integer NOT NULL DEFAULT 1,
  declared_by        bigint NOT NULL REFERENCES account (id),
  declared_at        timestamptz NOT NULL,
  closed_by          bigint REFERENCES account (id),
  closed_at          timestamptz,
  summary            jsonb,
  close_note         text CHECK (length(close_note) <= 500),
  check_count        integer NOT NULL DEFAULT 0,
  client_request_id  uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, template_key) REFERENCES emergency_template (county_code, key),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX emergency_event_region_gist ON emergency_event USING gist (region_path);
CREATE UNIQUE INDEX emergency_event_client_request_idx ON emergency_event (county_code, declared_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- The area: one row per grid.
CREATE TABLE emergency_area (
  county_code  text NOT NULL,
  event_id     bigint NOT NULL,
  grid_code    text NOT NULL REFERENCES region (code),
  grid_path    ltree NOT NULL,
  PRIMARY KEY (county_code, event_id, grid_code),
  FOREIGN KEY (county_code, event_id) REFERENCES emergency_event (county_code, id)
);
CREATE INDEX emergency_area_grid_path_gist ON emergency_area USING gist (grid_path);

-- One check per vulnerable household of the area; its status is the latest report's (by the
-- phone's time), every report is kept in emergency_report.
CREATE TABLE emergency_check (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  event_id      bigint NOT NULL,
  household_id  bigint NOT NULL,
  grid_code     text NOT NULL REFERENCES region (code),
  grid_path     ltree NOT NULL,
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'safe', 'evacuated', 'needs_help', 'unreachable')),
  reported_by   bigint REFERENCES account (id),
  reported_at   timestamptz,
  first_reported_at timestamptz,
  -- the urgent case a "needs help" became (once per household and event)
  case_id       bigint,
  version       integer NOT NULL DEFAULT 1,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, event_id, household_id),
  FOREIGN KEY (county_code, event_id) REFERENCES emergency_event (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id),
  CHECK ((status = 'pending') = (reported_at IS NULL))
);
CREATE INDEX emergency_check_grid_path_gist ON emergency_check USING gist (grid_path);
CREATE INDEX emergency_check_event_idx ON emergency_check (county_code, event_id, status);

-- Every status report (history), one per household per moment; a phone's queued report resent
-- with the same clientRequestId is the same report.
CREATE TABLE emergency_report (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  event_id           bigint NOT NULL,
  check_id           bigint NOT NULL,
  status             text NOT NULL CHECK (status IN ('safe', 'evacuated', 'needs_help', 'unreachable')),
  note               text CHECK (length(note) <= 300),
  reported_by        bigint NOT NULL REFERENCES account (id),
  reported_by_name   text NOT NULL,
  reported_at        timestamptz NOT NULL,
  received_at        timestamptz NOT NULL,
  client_request_id  uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, check_id) REFERENCES emergency_check (county_code, id),
  UNIQUE (county_code, check_id, reported_at)
);
CREATE UNIQUE INDEX emergency_report_client_request_idx ON emergency_report (county_code, reported_by, client_request_id)
  WHERE client_request_id IS NOT NULL;
CREATE INDEX emergency_report_check_idx ON emergency_report (county_code, check_id, reported_at);

-- The event's steps (declare, close).
CREATE TABLE emergency_history (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  event_id          bigint NOT NULL,
  at                timestamptz NOT NULL,
  action            text NOT NULL,
  from_state        text,
  to_state          text NOT NULL,
  actor_account_id  bigint REFERENCES account (id),
  actor_name        text NOT NULL,
  note              text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, event_id) REFERENCES emergency_event (county_code, id)
);
CREATE INDEX emergency_history_event_idx ON emergency_history (county_code, event_id, at);

-- Requests for help from the field: each became an urgent case.
CREATE TABLE emergency_help (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  event_id      bigint NOT NULL,
  check_id      bigint,
  case_id       bigint NOT NULL,
  grid_code     text NOT NULL REFERENCES region (code),
  grid_path     ltree NOT NULL,
  asked_by      bigint NOT NULL REFERENCES account (id),
  asked_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, event_id) REFERENCES emergency_event (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id),
  UNIQUE (county_code, case_id)
);
CREATE UNIQUE INDEX emergency_help_check_idx ON emergency_help (county_code, event_id, check_id) WHERE check_id IS NOT NULL;
CREATE INDEX emergency_help_grid_path_gist ON emergency_help USING gist (grid_path);

-- Location sharing: a worker's explicit consent for one event (stopped by the worker or by the close).
CREATE TABLE emergency_location_consent (
  county_code  text NOT NULL,
  event_id     bigint NOT NULL,
  account_id   bigint NOT NULL REFERENCES account (id),
  consented_at timestamptz NOT NULL,
  stopped_at   timestamptz,
  PRIMARY KEY (county_code, event_id, account_id),
  FOREIGN KEY (county_code, event_id) REFERENCES emergency_event (county_code, id)
);

-- Positions shared: only while the event is declared; purged when it closes.
CREATE TABLE emergency_position (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  event_id     bigint NOT NULL,
  account_id   bigint NOT NULL REFERENCES account (id),
  lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  grid_code    text NOT NULL REFERENCES region (code),
  at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, event_id, account_id) REFERENCES emergency_location_consent (county_code, event_id, account_id)
);
CREATE INDEX emergency_position_latest_idx ON emergency_position (county_code, event_id, account_id, at DESC);

-- 应急队伍: village militia, volunteers, party-member vanguard of a township or village.
CREATE TABLE emergency_team (
  county_code  text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  region_code  text NOT NULL REFERENCES region (code),
  region_path  ltree NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('militia', 'volunteer', 'vanguard')),
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 40),
  created_by   bigint REFERENCES account (id),
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, region_code, name)
);
CREATE INDEX emergency_team_region_gist ON emergency_team USING gist (region_path);

-- Members are people of the archive or accounts (never typed-in strangers).
CREATE TABLE emergency_team_member (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  team_id      bigint NOT NULL,
  resident_id  bigint,
  account_id   bigint REFERENCES account (id),
  duty         text NOT NULL DEFAULT '' CHECK (length(duty) <= 40),
  added_at     timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, team_id) REFERENCES emergency_team (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id),
  CHECK ((resident_id IS NULL) <> (account_id IS NULL))
);
CREATE UNIQUE INDEX emergency_team_member_key ON emergency_team_member
  (county_code, team_id, coalesce(resident_id, 0), coalesce(account_id, 0));

-- Supplies: stock per township and village, never negative (the CHECK is the last word also when
-- two issues race: each is one conditional UPDATE).
CREATE TABLE emergency_stock (
  county_code  text NOT NULL,
  region_code  text NOT NULL REFERENCES region (code),
  region_path  ltree NOT NULL,
  item         text NOT NULL CHECK (item ~ '^[a-z][a-z0-9_]{1,39}$'),
  quantity     integer NOT NULL CHECK (quantity >= 0),
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, region_code, item)
);
CREATE INDEX emergency_stock_region_gist ON emergency_stock USING gist (region_path);

CREATE TABLE emergency_stock_move (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  region_code        text NOT NULL REFERENCES region (code),
  region_path        ltree NOT NULL,
  item               text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('receive', 'issue')),
  quantity           integer NOT NULL CHECK (quantity > 0),
  balance            integer NOT NULL CHECK (balance >= 0),
  -- a transfer is an issue here and a receive at the other region (the issue row carries the request id)
  counterpart_code   text REFERENCES region (code),
  event_id           bigint,
  note               text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  moved_by           bigint REFERENCES account (id),
  moved_at           timestamptz NOT NULL,
  client_request_id  uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, event_id) REFERENCES emergency_event (county_code, id)
);
CREATE INDEX emergency_stock_move_region_gist ON emergency_stock_move USING gist (region_path);
CREATE UNIQUE INDEX emergency_stock_move_client_request_idx ON emergency_stock_move (county_code, moved_by, client_request_id)
  WHERE client_request_id IS NOT NULL;
