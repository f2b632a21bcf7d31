-- 基层请求、部门必应 (issue 13): a village or township (or, for an enterprise's need, its grid
-- worker or its helping cadre) raises a request — a "whistle" (吹哨) — to a county department.
-- The department must answer within its limit; it cannot return it, only hand it on with a reason
-- to the department that should answer (the clock keeps running: docs/whistles.md).

CREATE SEQUENCE whistle_number_seq;

CREATE TABLE whistle (
  county_code          text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  number               text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('grassroots', 'enterprise')),
  subject              text NOT NULL CHECK (length(subject) BETWEEN 2 AND 80),
  description          text NOT NULL CHECK (length(description) BETWEEN 2 AND 2000),
  urgent               boolean NOT NULL DEFAULT false,
  -- the raising place (a village, a township, or an enterprise's grid) and its path
  region_code          text NOT NULL REFERENCES region (code),
  region_path          ltree NOT NULL,
  raised_by            bigint NOT NULL REFERENCES account (id),
  -- the department that must answer now
  department_id        bigint NOT NULL,
  state                text NOT NULL DEFAULT 'raised' CHECK (state IN ('raised', 'answered', 'confirmed')),
  raised_at            timestamptz NOT NULL,
  -- when the present department received it (raised, handed on, reopened) and its limit
  received_at          timestamptz NOT NULL,
  due_at               timestamptz NOT NULL,
  answer               text CHECK (length(answer) BETWEEN 2 AND 2000),
  answered_at          timestamptz,
  confirmed_at         timestamptz,
  escalated_at         timestamptz,
  hand_on_count        integer NOT NULL DEFAULT 0,
  reopen_count         integer NOT NULL DEFAULT 0,
  case_id              bigint,
  household_id         bigint,
  enterprise_id        bigint,
  -- the helping cadre who follows an enterprise's need up (enterprise_helper at raising)
  follow_cadre_id      bigint,
  client_request_id    uuid,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (number),
  FOREIGN KEY (county_code, department_id) REFERENCES department (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  FOREIGN KEY (county_code, enterprise_id) REFERENCES enterprise (county_code, id),
  FOREIGN KEY (county_code, follow_cadre_id) REFERENCES cadre (county_code, id),
  CHECK ((kind = 'enterprise') = (enterprise_id IS NOT NULL)),
  CHECK ((state = 'raised') = (answered_at IS NULL)),
  CHECK ((state = 'confirmed') = (confirmed_at IS NOT NULL))
);
CREATE INDEX whistle_region_path_gist ON whistle USING gist (region_path);
CREATE INDEX whistle_department_idx ON whistle (county_code, department_id, state);
CREATE INDEX whistle_due_idx ON whistle (due_at) WHERE state = 'raised' AND escalated_at IS NULL;
CREATE UNIQUE INDEX whistle_client_request_idx ON whistle (county_code, raised_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- Every step: raise, hand on, answer, confirm, reopen, escalate (sweep), direct (county centre).
-- department_id: the department holding the whistle when the step was taken; received_at and
-- due_at its clock then — the departments' indicators are read from here.
CREATE TABLE whistle_step (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  whistle_id         bigint NOT NULL,
  at                 timestamptz NOT NULL,
  action             text NOT NULL,
  from_state         text,
  to_state           text NOT NULL,
  department_id      bigint NOT NULL,
  to_department_id   bigint,
  received_at        timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  actor_account_id   bigint REFERENCES account (id),
  actor_name         text,
  note               text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, whistle_id) REFERENCES whistle (county_code, id),
  FOREIGN KEY (county_code, department_id) REFERENCES department (county_code, id),
  FOREIGN KEY (county_code, to_department_id) REFERENCES department (county_code, id)
);
CREATE INDEX whistle_step_whistle_idx ON whistle_step (county_code, whistle_id, id);
CREATE INDEX whistle_step_department_idx ON whistle_step (county_code, department_id, action, at);

-- The optional photos of a whistle are served by the photos module.
ALTER TABLE case_photo ADD COLUMN whistle_id bigint;
ALTER TABLE case_photo ADD FOREIGN KEY (county_code, whistle_id) REFERENCES whistle (county_code, id);
ALTER TABLE case_photo DROP CONSTRAINT case_photo_one_use;
ALTER TABLE case_photo ADD CONSTRAINT case_photo_one_use
  CHECK (num_nonnulls(case_id, visit_id, wish_id, errand_id, mediation_session_id, campaign_target_id, whistle_id) <= 1);
CREATE INDEX case_photo_whistle_idx ON case_photo (county_code, whistle_id) WHERE whistle_id IS NOT NULL;

-- Whistle and campaign notices open what they are about: every type a notice may be about.
ALTER TABLE notification DROP CONSTRAINT notification_about_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_about_type_check
  CHECK (about_type IN ('case', 'wish', 'errand', 'disclosure', 'redemption', 'points', 'visit', 'dispute',
    'petition', 'emergency', 'whistle', 'campaign'));
