-- The petition supermarket (信访超市, J5) under the Petition Work Regulations (信访工作条例, 2022).

-- A unit's window at the county centre and when it is staffed: every day (常驻), one weekday a week
-- (周驻, 1 = Monday … 7 = Sunday), one day a month (月驻; 29–31 fall on a short month's last day), or on call.
CREATE TABLE petition_window (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  unit_name         text NOT NULL CHECK (length(unit_name) BETWEEN 1 AND 60),
  department_id     bigint,
  schedule          text NOT NULL CHECK (schedule IN ('permanent', 'weekly', 'monthly', 'on_call')),
  weekday           smallint CHECK (weekday BETWEEN 1 AND 7),
  month_day         smallint CHECK (month_day BETWEEN 1 AND 31),
  -- who sits at the window; else the unit's department accounts
  staff_account_id  bigint REFERENCES account (id),
  active            boolean NOT NULL DEFAULT true,
  sort_order        integer NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, department_id) REFERENCES department (county_code, id),
  CHECK ((schedule = 'weekly') = (weekday IS NOT NULL)),
  CHECK ((schedule = 'monthly') = (month_day IS NOT NULL))
);
CREATE UNIQUE INDEX petition_window_unit_idx ON petition_window (county_code, unit_name);

-- One registration: a visitor (or a group) at a window, or a villager's matter registered by the
-- village's staff on their behalf (信访代理). Name, ID number and phone are personal data.
CREATE TABLE petition (
  county_code           text NOT NULL,
  id                    bigint GENERATED ALWAYS AS IDENTITY,
  number                text NOT NULL,
  channel               text NOT NULL CHECK (channel IN ('window', 'agency')),
  window_id             bigint,
  receiver_account_id   bigint NOT NULL REFERENCES account (id),
  -- where the matter belongs (the visitor's village, township, or the county): who sees it
  region_code           text NOT NULL REFERENCES region (code),
  region_path           ltree NOT NULL,
  visitor_name_enc      bytea NOT NULL,
  visitor_name_masked   text NOT NULL,
  id_number_enc         bytea,
  id_number_hash        bytea,
  id_number_masked      text,
  phone_enc             bytea,
  phone_hash            bytea,
  phone_masked          text,
  group_visit           boolean NOT NULL DEFAULT false,
  headcount             integer NOT NULL DEFAULT 1 CHECK (headcount BETWEEN 1 AND 500),
  matter                text NOT NULL CHECK (length(matter) BETWEEN 2 AND 2000),
  state                 text NOT NULL CHECK (state IN ('registered', 'accepted', 'answered', 'review_requested', 'reviewed', 'rereview_requested', 'rereviewed', 'not_accepted', 'on_spot', 'to_case', 'to_dispute', 'referred')),
  referral              text CHECK (referral IN ('litigation', 'arbitration', 'administrative_review', 'other')),
  case_id               bigint,
  -- the dispute it became (disputes module; linked without a foreign key until both are merged)
  dispute_id            bigint,
  answer                text,
  received_at           timestamptz NOT NULL,
  decided_at            timestamptz,
  accepted_at           timestamptz,
  extended_days         smallint CHECK (extended_days BETWEEN 1 AND 30),
  extension_reason      text,
  answered_at           timestamptz,
  review_requested_at   timestamptz,
  reviewed_at           timestamptz,
  rereview_requested_at timestamptz,
  rereviewed_at         timestamptz,
  -- the next statutory limit (calendar days) and which one it is; warned_kind: the last warning sent
  due_at                timestamptz,
  due_kind              text CHECK (due_kind IN ('decide', 'finish', 'review_request', 'review_decide', 'rereview_request', 'rereview_decide')),
  warned_kind           text,
  version               integer NOT NULL DEFAULT 1,
  client_request_id     uuid,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, number),
  FOREIGN KEY (county_code, window_id) REFERENCES petition_window (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id),
  CHECK (group_visit OR headcount = 1),
  CHECK (NOT group_visit OR headcount >= 2),
  CHECK ((channel = 'window') OR window_id IS NULL)
);
CREATE SEQUENCE petition_number_seq;
CREATE INDEX petition_region_path_gist ON petition USING gist (region_path);
CREATE INDEX petition_received_idx ON petition (county_code, received_at DESC);
CREATE INDEX petition_due_idx ON petition (county_code, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX petition_id_number_idx ON petition (county_code, id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE UNIQUE INDEX petition_client_request_idx ON petition (county_code, receiver_account_id, client_request_id) WHERE client_request_id IS NOT NULL;

-- Every step of a petition, in the transaction of the step.
CREATE TABLE petition_history (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  petition_id       bigint NOT NULL,
  at                timestamptz NOT NULL,
  action            text NOT NULL,
  from_state        text,
  to_state          text NOT NULL,
  actor_account_id  bigint REFERENCES account (id),
  actor_name        text,
  note              text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, petition_id) REFERENCES petition (county_code, id)
);
CREATE INDEX petition_history_petition_idx ON petition_history (county_code, petition_id, id);
