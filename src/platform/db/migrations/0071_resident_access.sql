-- Residents' own access (issue 15): invitations a village gives a household, the link between a
-- resident's account and their record, corrections (PIPL 更正) on the shared workflow runner, and
-- the complaint and suggestion channel about the platform itself (国办函〔2026〕12号).

-- Which record an account is (one account per person; the link goes when the account closes).
CREATE TABLE resident_account (
  county_code  text NOT NULL,
  resident_id  bigint NOT NULL,
  account_id   bigint NOT NULL UNIQUE REFERENCES account (id),
  linked_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, resident_id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id)
);

-- Only the SHA-256 of the code is stored; the code is shown once, to the village that issued it.
CREATE TABLE household_invitation (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  household_id  bigint NOT NULL,
  grid_path     ltree NOT NULL,
  code_hash     bytea NOT NULL UNIQUE,
  issued_by     bigint NOT NULL REFERENCES account (id),
  issued_at     timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  withdrawn_at  timestamptz,
  used_at       timestamptz,
  used_by       bigint REFERENCES account (id),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  CHECK (expires_at > issued_at),
  CHECK ((used_at IS NULL) = (used_by IS NULL))
);
CREATE INDEX household_invitation_household_idx ON household_invitation (county_code, household_id);

-- 更正: a resident asks the village to correct their record, within a limit (due_at).
CREATE TABLE correction_request (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  resident_id    bigint NOT NULL,
  household_id   bigint NOT NULL,
  grid_path      ltree NOT NULL,
  requester_id   bigint REFERENCES account (id),
  fields         text[] NOT NULL CHECK (cardinality(fields) >= 1),
  detail         text NOT NULL CHECK (length(detail) BETWEEN 2 AND 1000),
  status         text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'corrected', 'rejected', 'withdrawn')),
  answer         text CHECK (length(answer) <= 1000),
  due_at         timestamptz NOT NULL,
  reminded_at    timestamptz,
  closed_at      timestamptz,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id)
);
CREATE INDEX correction_request_grid_path_gist ON correction_request USING gist (grid_path);
CREATE INDEX correction_request_due_idx ON correction_request (due_at) WHERE status = 'submitted';

CREATE TABLE correction_step (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  correction_id  bigint NOT NULL,
  action         text NOT NULL,
  from_state     text NOT NULL,
  to_state       text NOT NULL,
  actor_id       bigint REFERENCES account (id),
  actor_name     text,
  note           text,
  at             timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, correction_id) REFERENCES correction_request (county_code, id)
);
CREATE INDEX correction_step_correction_idx ON correction_step (county_code, correction_id);

-- 投诉建议 about the platform, answered by the county.
CREATE TABLE platform_feedback (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  author_id     bigint REFERENCES account (id),
  kind          text NOT NULL CHECK (kind IN ('complaint', 'suggestion')),
  body          text NOT NULL CHECK (length(body) BETWEEN 4 AND 2000),
  answer        text CHECK (length(answer) <= 2000),
  answered_by   bigint REFERENCES account (id),
  answered_at   timestamptz,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX platform_feedback_author_idx ON platform_feedback (author_id);
