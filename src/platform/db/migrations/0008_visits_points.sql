-- Door-to-door visits (走访, J3) and the points ledger of part-time grid workers (积分, J4).

-- How often a household is due a visit, per care tag; '' is every other household.
-- A household's interval is the shortest of its tags'.
CREATE TABLE visit_policy (
  county_code    text NOT NULL,
  care_tag       text NOT NULL,
  interval_days  integer NOT NULL CHECK (interval_days BETWEEN 1 AND 366),
  PRIMARY KEY (county_code, care_tag)
);

-- When the household's next visit is due: set after each visit and when the policy
-- changes. NULL: never visited, so due now (lists sort NULLs first).
ALTER TABLE household ADD COLUMN visit_due_at timestamptz;
CREATE INDEX household_visit_due_idx ON household (county_code, grid_code, visit_due_at);

CREATE TABLE visit (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  household_id       bigint NOT NULL,
  grid_code          text NOT NULL REFERENCES region (code),
  grid_path          ltree NOT NULL,
  worker_account_id  bigint NOT NULL REFERENCES account (id),
  -- when the visit happened (the phone's clock: a visit kept offline arrives later)
  visited_at         timestamptz NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('routine', 'care', 'follow_up', 'campaign')),
  outcome            text NOT NULL CHECK (outcome IN ('all_well', 'needs_help', 'issue_reported', 'not_home')),
  needs              text[] NOT NULL DEFAULT '{}',
  notes              text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  lng                double precision,
  lat                double precision,
  photo_ids          uuid[] NOT NULL DEFAULT '{}',
  -- what the visit led to: a case reported from it, a micro-wish collected
  case_id            bigint,
  client_request_id  uuid,
  received_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX visit_household_idx ON visit (county_code, household_id, visited_at DESC);
CREATE INDEX visit_grid_path_gist ON visit USING gist (grid_path);
CREATE INDEX visit_worker_idx ON visit (worker_account_id, visited_at DESC);
CREATE UNIQUE INDEX visit_client_request_idx ON visit (county_code, worker_account_id, client_request_id) WHERE client_request_id IS NOT NULL;

-- A photo uploaded through POST /photos may be used by a visit instead of a case.
ALTER TABLE case_photo ADD COLUMN visit_id bigint;
ALTER TABLE case_photo ADD FOREIGN KEY (county_code, visit_id) REFERENCES visit (county_code, id);

-- Points: what recognised work earns, per county (editable by administrators).
CREATE TABLE points_rule (
  county_code  text NOT NULL,
  code         text NOT NULL CHECK (code ~ '^[a-z_]{2,40}$'),
  name_zh      text NOT NULL,
  name_en      text NOT NULL,
  points       integer NOT NULL CHECK (points BETWEEN 1 AND 1000),
  -- at most this many points a day from this rule (NULL: no cap)
  daily_cap    integer CHECK (daily_cap IS NULL OR daily_cap > 0),
  active       boolean NOT NULL DEFAULT true,
  PRIMARY KEY (county_code, code)
);

-- The balance lives on the worker, changed in the same transaction as the ledger
-- row; the CHECK makes an overdraft impossible even with two requests at once.
ALTER TABLE grid_worker ADD COLUMN points_balance integer NOT NULL DEFAULT 0 CHECK (points_balance >= 0);
CREATE INDEX grid_worker_account_idx ON grid_worker (account_id) WHERE account_id IS NOT NULL;

-- Append-only ledger: earned (+), redeemed (-), adjusted (±, with a reason).
CREATE TABLE points_entry (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  worker_id     bigint NOT NULL,
  grid_path     ltree NOT NULL,
  delta         integer NOT NULL CHECK (delta <> 0),
  -- a rule code, 'redeem', 'refund' or 'adjust'
  reason        text NOT NULL,
  ref_type      text,
  ref_id        text,
  note          text,
  balance_after integer NOT NULL CHECK (balance_after >= 0),
  actor_account_id bigint REFERENCES account (id),
  at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, worker_id) REFERENCES grid_worker (county_code, id)
);
CREATE INDEX points_entry_worker_idx ON points_entry (county_code, worker_id, id DESC);
CREATE INDEX points_entry_grid_path_gist ON points_entry USING gist (grid_path);
-- the same piece of work never earns twice
CREATE UNIQUE INDEX points_entry_once_idx ON points_entry (county_code, worker_id, reason, ref_type, ref_id) WHERE ref_id IS NOT NULL;

-- Daily goods a region (township or village) keeps for exchange.
CREATE TABLE goods (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  region_code   text NOT NULL REFERENCES region (code),
  region_path   ltree NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  unit          text NOT NULL DEFAULT '件',
  points_cost   integer NOT NULL CHECK (points_cost BETWEEN 1 AND 100000),
  stock         integer NOT NULL CHECK (stock >= 0),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX goods_region_path_gist ON goods USING gist (region_path);

CREATE TABLE redemption (
  county_code     text NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  worker_id       bigint NOT NULL,
  goods_id        bigint NOT NULL,
  grid_path       ltree NOT NULL,
  quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  points          integer NOT NULL CHECK (points > 0),
  status          text NOT NULL CHECK (status IN ('requested', 'handed_over', 'cancelled')),
  requested_at    timestamptz NOT NULL,
  decided_at      timestamptz,
  decided_by      bigint REFERENCES account (id),
  client_request_id uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, worker_id) REFERENCES grid_worker (county_code, id),
  FOREIGN KEY (county_code, goods_id) REFERENCES goods (county_code, id)
);
CREATE INDEX redemption_worker_idx ON redemption (county_code, worker_id, id DESC);
CREATE INDEX redemption_grid_path_gist ON redemption USING gist (grid_path);
CREATE UNIQUE INDEX redemption_client_request_idx ON redemption (county_code, worker_id, client_request_id) WHERE client_request_id IS NOT NULL;
