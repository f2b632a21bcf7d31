-- Dispute screening and the three rhythms (J2), mediation (J6).
-- 日排查、日报告 (village, daily), 周调度、周报告 (township, weekly), 月调度、月报告 (county, monthly).

-- A village's screening of one day: the disputes found, or "nothing found today" (a report too).
CREATE TABLE dispute_screening (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  village_code       text NOT NULL REFERENCES region (code),
  village_path       ltree NOT NULL,
  day                date NOT NULL,
  nothing_found      boolean NOT NULL,
  found              integer NOT NULL CHECK (found >= 0),
  note               text CHECK (length(note) <= 500),
  filed_by           bigint REFERENCES account (id),
  client_request_id  uuid,
  created_at         timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  CHECK (nothing_found = (found = 0))
);
-- one screening per village per day
CREATE UNIQUE INDEX dispute_screening_day_idx ON dispute_screening (county_code, village_code, day);
CREATE UNIQUE INDEX dispute_screening_client_request_idx ON dispute_screening (county_code, filed_by, client_request_id) WHERE client_request_id IS NOT NULL;
-- reports read a period's screenings of a county (then filter by path)
CREATE INDEX dispute_screening_county_day_idx ON dispute_screening (county_code, day);

-- A dispute (矛盾纠纷) found at a village and the tier that holds it now.
CREATE TABLE dispute (
  county_code          text NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  number               text NOT NULL,
  grid_code            text NOT NULL REFERENCES region (code),
  grid_path            ltree NOT NULL,
  household_id         bigint,
  screening_id         bigint,
  type                 text NOT NULL CHECK (type IN ('neighbour', 'family', 'marriage', 'land_homestead', 'labour', 'property', 'compensation', 'contract', 'other')),
  summary              text NOT NULL CHECK (length(summary) BETWEEN 2 AND 1000),
  amount_yuan          numeric(14, 2) CHECK (amount_yuan >= 0),
  risk_level           text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  risk_signs           text[] NOT NULL DEFAULT '{}',
  tier                 text NOT NULL CHECK (tier IN ('village', 'township', 'county')),
  holder_code          text NOT NULL REFERENCES region (code),
  state                text NOT NULL CHECK (state IN ('open', 'assigned', 'settled', 'failed', 'closed')),
  -- township: the lead office (deputy director leads) and the assisting offices; county: the department
  lead_department_id   bigint,
  assisting_department_ids bigint[] NOT NULL DEFAULT '{}',
  case_id              bigint,
  tier_entered_at      timestamptz NOT NULL,
  deadline_at          timestamptz NOT NULL,
  overdue              boolean NOT NULL DEFAULT false,
  agreement            text,
  fail_reason          text,
  settled_at           timestamptz,
  failed_at            timestamptz,
  follow_up_due        date,
  follow_up_at         timestamptz,
  follow_up_held       boolean,
  follow_up_note       text,
  reported_by          bigint REFERENCES account (id),
  client_request_id    uuid,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, number),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  FOREIGN KEY (county_code, screening_id) REFERENCES dispute_screening (county_code, id),
  FOREIGN KEY (county_code, lead_department_id) REFERENCES department (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE SEQUENCE dispute_number_seq;
CREATE INDEX dispute_grid_path_gist ON dispute USING gist (grid_path);
CREATE INDEX dispute_due_idx ON dispute (deadline_at) WHERE state IN ('open', 'assigned') AND NOT overdue;
CREATE INDEX dispute_created_idx ON dispute (county_code, created_at);
CREATE UNIQUE INDEX dispute_client_request_idx ON dispute (county_code, reported_by, client_request_id) WHERE client_request_id IS NOT NULL;

-- The parties: a resident of the archive (by id) or an outsider by name (phone encrypted, masked).
CREATE TABLE dispute_party (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  dispute_id     bigint NOT NULL,
  side           text NOT NULL CHECK (side IN ('applicant', 'respondent')),
  resident_id    bigint,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  phone_enc      bytea,
  phone_masked   text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, dispute_id) REFERENCES dispute (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id)
);
CREATE INDEX dispute_party_dispute_idx ON dispute_party (county_code, dispute_id);

-- Every step of a dispute, with the tier it was at after the step.
CREATE TABLE dispute_step (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  dispute_id        bigint NOT NULL,
  at                timestamptz NOT NULL,
  action            text NOT NULL,
  from_state        text,
  to_state          text NOT NULL,
  tier              text NOT NULL CHECK (tier IN ('village', 'township', 'county')),
  actor_account_id  bigint REFERENCES account (id),
  actor_name        text NOT NULL,
  note              text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, dispute_id) REFERENCES dispute (county_code, id)
);
CREATE INDEX dispute_step_dispute_idx ON dispute_step (county_code, dispute_id, id);
CREATE INDEX dispute_step_at_idx ON dispute_step (county_code, at, action);

-- The township's weekly and the county's monthly report, issued: figures computed from the data
-- at the moment of issue (never typed). A missing one is flagged on the board above.
CREATE TABLE dispute_report (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  region_code    text NOT NULL REFERENCES region (code),
  region_path    ltree NOT NULL,
  period         text NOT NULL CHECK (period IN ('week', 'month')),
  period_start   date NOT NULL,
  figures        jsonb NOT NULL,
  issued_by      bigint REFERENCES account (id),
  issued_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, region_code, period, period_start)
);

-- Mediators: staff, members of the 5+5+N teams (team_member_id: linked by the teams registry), lawyers …
CREATE TABLE mediator (
  county_code     text NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  region_code     text NOT NULL REFERENCES region (code),
  region_path     ltree NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  source          text NOT NULL CHECK (source IN ('staff', 'team', 'lawyer', 'volunteer', 'retired_cadre', 'other')),
  team_member_id  bigint,
  title           text CHECK (length(title) <= 60),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX mediator_path_gist ON mediator USING gist (region_path);

-- Mediation places: village 评理说事点, named rooms (老裴调解室), township and county centres.
CREATE TABLE mediation_place (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  region_code   text NOT NULL REFERENCES region (code),
  region_path   ltree NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('village_point', 'room', 'township_centre', 'county_centre')),
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  address       text CHECK (length(address) <= 120),
  mediator_id   bigint,
  video         boolean NOT NULL DEFAULT false,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, region_code, name),
  FOREIGN KEY (county_code, mediator_id) REFERENCES mediator (county_code, id)
);
CREATE INDEX mediation_place_path_gist ON mediation_place USING gist (region_path);

-- A mediation session and its record sheet (评理记录表 / 调解笔录).
CREATE TABLE mediation_session (
  county_code      text NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  dispute_id       bigint NOT NULL,
  held_on          date NOT NULL,
  place_id         bigint NOT NULL,
  remote           boolean NOT NULL DEFAULT false,
  parties_present  text NOT NULL CHECK (length(parties_present) BETWEEN 1 AND 300),
  mediator_ids     bigint[] NOT NULL CHECK (cardinality(mediator_ids) BETWEEN 1 AND 10),
  facts            text NOT NULL CHECK (length(facts) BETWEEN 2 AND 4000),
  applicant_claim  text NOT NULL CHECK (length(applicant_claim) BETWEEN 1 AND 2000),
  respondent_claim text NOT NULL CHECK (length(respondent_claim) BETWEEN 1 AND 2000),
  outcome          text NOT NULL CHECK (outcome IN ('agreed', 'failed', 'adjourned')),
  agreement        text CHECK (length(agreement) <= 4000),
  fail_reason      text CHECK (length(fail_reason) <= 1000),
  recorded_by      bigint REFERENCES account (id),
  client_request_id uuid,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, dispute_id) REFERENCES dispute (county_code, id),
  FOREIGN KEY (county_code, place_id) REFERENCES mediation_place (county_code, id),
  CHECK (outcome <> 'agreed' OR agreement IS NOT NULL),
  CHECK (outcome <> 'failed' OR fail_reason IS NOT NULL)
);
CREATE INDEX mediation_session_dispute_idx ON mediation_session (county_code, dispute_id);
CREATE UNIQUE INDEX mediation_session_client_request_idx ON mediation_session (county_code, recorded_by, client_request_id) WHERE client_request_id IS NOT NULL;

-- The signed paper of a record sheet is a photo served by the photos module.
ALTER TABLE case_photo ADD COLUMN mediation_session_id bigint;
ALTER TABLE case_photo ADD FOREIGN KEY (county_code, mediation_session_id) REFERENCES mediation_session (county_code, id);
ALTER TABLE case_photo DROP CONSTRAINT case_photo_one_use;
ALTER TABLE case_photo ADD CONSTRAINT case_photo_one_use CHECK (num_nonnulls(case_id, visit_id, wish_id, errand_id, mediation_session_id) <= 1);
CREATE INDEX case_photo_mediation_idx ON case_photo (county_code, mediation_session_id) WHERE mediation_session_id IS NOT NULL;

-- The township fund's rewards for settling petition-related disputes (per mediator or place).
CREATE TABLE mediation_reward (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  township_code  text NOT NULL REFERENCES region (code),
  township_path  ltree NOT NULL,
  dispute_id     bigint NOT NULL,
  mediator_id    bigint,
  place_id       bigint,
  amount_yuan    numeric(10, 2) NOT NULL CHECK (amount_yuan > 0 AND amount_yuan <= 100000),
  reason         text NOT NULL CHECK (length(reason) BETWEEN 2 AND 300),
  awarded_on     date NOT NULL,
  awarded_by     bigint REFERENCES account (id),
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, dispute_id) REFERENCES dispute (county_code, id),
  FOREIGN KEY (county_code, mediator_id) REFERENCES mediator (county_code, id),
  FOREIGN KEY (county_code, place_id) REFERENCES mediation_place (county_code, id),
  CHECK (num_nonnulls(mediator_id, place_id) >= 1)
);
CREATE INDEX mediation_reward_path_gist ON mediation_reward USING gist (township_path);

-- A notice may be about a dispute.
ALTER TABLE notification DROP CONSTRAINT notification_about_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_about_type_check
  CHECK (about_type IN ('wish', 'errand', 'disclosure', 'redemption', 'points', 'visit', 'dispute'));
