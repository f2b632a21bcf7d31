-- 上级号召、全市响应 (issue 13): a campaign pushed to every grid of the launcher's subtree.
-- Targets are built by rule from the household archive when the campaign is launched; each is
-- done once and only once ("不漏一人、不重一人").

-- Recurring campaigns a county launches again and again (pension certification …), per county.
CREATE TABLE campaign_template (
  county_code  text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  key          text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  title        text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 300),
  rule         jsonb NOT NULL,
  checklist    jsonb NOT NULL,
  days         integer NOT NULL CHECK (days BETWEEN 1 AND 366),
  sort_order   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, key)
);

CREATE TABLE campaign (
  county_code         text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                  bigint GENERATED ALWAYS AS IDENTITY,
  title               text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  template_key        text,
  -- the launcher's region (a county or a township) and its path: targets lie below it
  region_code         text NOT NULL REFERENCES region (code),
  region_path         ltree NOT NULL,
  launched_by         bigint NOT NULL REFERENCES account (id),
  rule                jsonb NOT NULL,
  checklist           jsonb NOT NULL,
  supervising         text[] NOT NULL CHECK (supervising <@ ARRAY['county', 'township', 'village']::text[]),
  starts_on           date NOT NULL,
  ends_on             date NOT NULL,
  state               text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'closed')),
  version             integer NOT NULL DEFAULT 1,
  target_count        integer NOT NULL DEFAULT 0,
  missed_count        integer,
  close_reason        text CHECK (length(close_reason) BETWEEN 2 AND 500),
  closed_at           timestamptz,
  closed_by           bigint REFERENCES account (id),
  client_request_id   uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (ends_on >= starts_on),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX campaign_region_path_gist ON campaign USING gist (region_path);
CREATE UNIQUE INDEX campaign_client_request_idx ON campaign (county_code, launched_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- One row per household (household rules) or per resident (resident rules): "none counted twice"
-- is the unique key; "done once" is the state, changed only from open by a conditional update.
CREATE TABLE campaign_target (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  campaign_id        bigint NOT NULL,
  household_id       bigint NOT NULL,
  resident_id        bigint,
  grid_code          text NOT NULL REFERENCES region (code),
  grid_path          ltree NOT NULL,
  state              text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'not_applicable', 'missed')),
  answers            jsonb,
  na_reason          text CHECK (na_reason IN ('deceased', 'moved_away', 'in_hospital', 'other')),
  note               text CHECK (length(note) <= 500),
  done_by            bigint REFERENCES account (id),
  done_at            timestamptz,
  received_at        timestamptz,
  client_request_id  uuid,
  version            integer NOT NULL DEFAULT 1,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, campaign_id) REFERENCES campaign (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id),
  CONSTRAINT campaign_target_once UNIQUE NULLS NOT DISTINCT (county_code, campaign_id, household_id, resident_id),
  CHECK ((state IN ('done', 'not_applicable')) = (done_at IS NOT NULL)),
  CHECK ((state = 'not_applicable') = (na_reason IS NOT NULL)),
  CHECK ((state = 'done') = (answers IS NOT NULL))
);
CREATE INDEX campaign_target_grid_path_gist ON campaign_target USING gist (grid_path);
CREATE INDEX campaign_target_campaign_idx ON campaign_target (county_code, campaign_id, state);
CREATE INDEX campaign_target_household_idx ON campaign_target (county_code, household_id);
CREATE UNIQUE INDEX campaign_target_client_request_idx ON campaign_target (county_code, done_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- Every step of a campaign (launch, close) and of its targets (done, not applicable, relocated).
CREATE TABLE campaign_history (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  campaign_id       bigint NOT NULL,
  target_id         bigint,
  at                timestamptz NOT NULL,
  action            text NOT NULL,
  from_state        text,
  to_state          text NOT NULL,
  actor_account_id  bigint REFERENCES account (id),
  actor_name        text,
  note              text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, campaign_id) REFERENCES campaign (county_code, id),
  FOREIGN KEY (county_code, target_id) REFERENCES campaign_target (county_code, id)
);
CREATE INDEX campaign_history_campaign_idx ON campaign_history (county_code, campaign_id, id);

-- The optional photo of a target's checklist is served by the photos module.
ALTER TABLE case_photo ADD COLUMN campaign_target_id bigint;
ALTER TABLE case_photo ADD FOREIGN KEY (county_code, campaign_target_id) REFERENCES campaign_target (county_code, id);
ALTER TABLE case_photo DROP CONSTRAINT case_photo_one_use;
ALTER TABLE case_photo ADD CONSTRAINT case_photo_one_use
  CHECK (num_nonnulls(case_id, visit_id, wish_id, errand_id, mediation_session_id, campaign_target_id) <= 1);
CREATE INDEX case_photo_campaign_target_idx ON case_photo (county_code, campaign_target_id)
  WHERE campaign_target_id IS NOT NULL;
