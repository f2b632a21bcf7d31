-- Cases (事件/诉求) and everything they move through: departments, the category
-- catalogue, the working calendar, escalation rules, history, photos, inbox, outbox.

-- 职能部门: county bureaus and township offices. `code` is stable across townships
-- (every township has an urban_management_office), so a category names one code per tier.
CREATE TABLE department (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,59}$'),
  name          text NOT NULL,
  name_en       text,
  tier          text NOT NULL CHECK (tier IN ('township', 'county')),
  region_code   text NOT NULL REFERENCES region (code),
  region_path   ltree NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, region_code, code)
);
CREATE INDEX department_region_path_gist ON department USING gist (region_path);

ALTER TABLE account ADD COLUMN department_id bigint;
ALTER TABLE account ADD CONSTRAINT account_department_fk FOREIGN KEY (county_code, department_id) REFERENCES department (county_code, id);

-- The category catalogue (GB/T 30428.2 shape + social governance). Global reference data.
CREATE TABLE category (
  code              text PRIMARY KEY CHECK (code ~ '^[PEG][0-9]{4}$'),
  kind              text NOT NULL CHECK (kind IN ('component', 'event', 'governance')),
  major_code        text NOT NULL,
  major_name        text NOT NULL,
  major_name_en     text NOT NULL,
  name              text NOT NULL,
  name_en           text NOT NULL,
  keywords          text[] NOT NULL DEFAULT '{}',
  filing_criteria   text NOT NULL,
  closing_criteria  text NOT NULL,
  -- {"township": "<department code>", "county": "<department code>"}
  departments       jsonb NOT NULL,
  -- {"village": {"amount": 1, "unit": "sameday"}, "township": {...}, "county": {...}}
  deadlines         jsonb NOT NULL,
  -- Open311 service definition attributes
  attributes        jsonb NOT NULL DEFAULT '[]',
  active            boolean NOT NULL DEFAULT true,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Working calendar overrides: holidays on weekdays and make-up working days on weekends.
CREATE TABLE calendar_day (
  day    date PRIMARY KEY,
  kind   text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name   text
);

-- 三级联动: which tier a case goes to from a tier, and who is copied. NULL matches any.
CREATE TABLE escalation_rule (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  category_code  text REFERENCES category (code),
  urgency        text CHECK (urgency IN ('normal', 'urgent', 'emergency')),
  from_tier      text NOT NULL CHECK (from_tier IN ('village', 'township')),
  to_tier        text NOT NULL CHECK (to_tier IN ('township', 'county')),
  cc             text[] NOT NULL DEFAULT '{}',
  note           text,
  active         boolean NOT NULL DEFAULT true,
  PRIMARY KEY (county_code, id),
  CHECK ((from_tier, to_tier) IN (('village', 'township'), ('village', 'county'), ('township', 'county')))
);

CREATE TABLE cases (
  county_code            text NOT NULL,
  id                     bigint GENERATED ALWAYS AS IDENTITY,
  number                 text NOT NULL,
  source                 text NOT NULL CHECK (source IN ('resident_app', 'patrol', 'hotline', 'petition', 'enterprise', 'grassroots_request', 'campaign', 'open311')),
  category_code          text NOT NULL REFERENCES category (code),
  state                  text NOT NULL,
  tier                   text NOT NULL CHECK (tier IN ('village', 'township', 'county')),
  -- the region node of the tier holding the case: its village, township or county
  holder_code            text NOT NULL REFERENCES region (code),
  urgency                text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'emergency')),
  expedited              boolean NOT NULL DEFAULT false,
  supervised             boolean NOT NULL DEFAULT false,
  description            text NOT NULL,
  address                text,
  lng                    double precision,
  lat                    double precision,
  grid_code              text NOT NULL REFERENCES region (code),
  grid_path              ltree NOT NULL,
  attributes             jsonb NOT NULL DEFAULT '{}',
  reporter_account_id    bigint REFERENCES account (id),
  reporter_name          text,
  reporter_contact_enc   bytea,
  reporter_contact_hash  bytea,
  reporter_contact_masked text,
  department_id          bigint,
  duplicate_of           bigint,
  -- a delay asked for and not yet decided: {amount, unit, reason, by, at}
  pending_delay          jsonb,
  deadline_at            timestamptz,
  yellow_at              timestamptz,
  red_at                 timestamptz,
  -- overdue now, at the current tier (a county-tier case past its deadline)
  overdue                boolean NOT NULL DEFAULT false,
  -- how many tier deadlines this case has missed (each auto-escalation adds one)
  overdue_count          integer NOT NULL DEFAULT 0,
  tier_entered_at        timestamptz NOT NULL,
  rework_count           integer NOT NULL DEFAULT 0,
  reopen_count           integer NOT NULL DEFAULT 0,
  evaluation             text CHECK (evaluation IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  evaluation_comment     text,
  version                integer NOT NULL DEFAULT 1,
  reported_at            timestamptz NOT NULL,
  filed_at               timestamptz,
  closed_at              timestamptz,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, number),
  FOREIGN KEY (county_code, department_id) REFERENCES department (county_code, id),
  FOREIGN KEY (county_code, duplicate_of) REFERENCES cases (county_code, id)
);
CREATE INDEX cases_grid_path_gist ON cases USING gist (grid_path);
CREATE INDEX cases_open_deadline_idx ON cases (deadline_at) WHERE closed_at IS NULL AND overdue = false;
CREATE INDEX cases_state_idx ON cases (county_code, state, tier);
CREATE INDEX cases_reporter_idx ON cases (reporter_account_id);
CREATE INDEX cases_department_idx ON cases (county_code, department_id) WHERE department_id IS NOT NULL;
CREATE INDEX cases_category_idx ON cases (county_code, category_code, reported_at);

-- Every transition, written in the transaction that makes it. Indicators are computed from here.
CREATE TABLE case_history (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  case_id           bigint NOT NULL,
  at                timestamptz NOT NULL,
  action            text NOT NULL,
  from_state        text,
  to_state          text NOT NULL,
  tier              text NOT NULL,
  actor_account_id  bigint REFERENCES account (id),
  actor_role        text,
  actor_name        text,
  department_id     bigint,
  note              text,
  photo_ids         uuid[] NOT NULL DEFAULT '{}',
  deadline_at       timestamptz,
  on_time           boolean,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_history_case_idx ON case_history (county_code, case_id, id);

CREATE TABLE case_photo (
  county_code   text NOT NULL,
  id            uuid NOT NULL,
  case_id       bigint,
  phase         text NOT NULL CHECK (phase IN ('before', 'after', 'evidence')),
  mime          text NOT NULL,
  width         integer NOT NULL,
  height        integer NOT NULL,
  bytes         integer NOT NULL,
  sha256        text NOT NULL,
  taken_at      timestamptz,
  gps_lat       double precision,
  gps_lng       double precision,
  original_key  text NOT NULL,
  public_key    text NOT NULL,
  thumb_key     text NOT NULL,
  uploaded_by   bigint REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_photo_case_idx ON case_photo (county_code, case_id);

-- Per-user inbox; SSE pushes these live.
CREATE TABLE notification (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  account_id   bigint NOT NULL REFERENCES account (id),
  case_id      bigint,
  kind         text NOT NULL,
  title        text NOT NULL,
  body         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX notification_account_idx ON notification (account_id, id DESC);

-- Messages to outside channels (SMS, WeChat …), written with their cause, sent by a worker.
CREATE TABLE outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code      text NOT NULL,
  channel          text NOT NULL,
  recipient        text NOT NULL,
  payload          jsonb NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Open311 API keys (only a hash is kept).
CREATE TABLE open311_key (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code  text NOT NULL,
  key_hash     bytea NOT NULL UNIQUE,
  label        text NOT NULL,
  created_by   bigint REFERENCES account (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

CREATE SEQUENCE case_number_seq;
