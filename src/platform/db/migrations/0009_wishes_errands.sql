-- Micro-wishes (微心愿, J10) and micro-errands / proxy services (微代办, 全程代办, J12-J13).

CREATE TABLE wish (
  county_code          text NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  number               text NOT NULL,
  grid_code            text NOT NULL REFERENCES region (code),
  grid_path            ltree NOT NULL,
  household_id         bigint,
  -- who the wish is for, as shown publicly: "王奶奶", never an ID number or phone
  beneficiary          text NOT NULL CHECK (length(beneficiary) BETWEEN 1 AND 40),
  beneficiary_kind     text NOT NULL CHECK (beneficiary_kind IN ('elderly_alone', 'left_behind_child', 'sick', 'disabled', 'poverty', 'other')),
  title                text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  detail               text NOT NULL DEFAULT '' CHECK (length(detail) <= 1000),
  source               text NOT NULL CHECK (source IN ('resident', 'visit', 'staff')),
  requester_account_id bigint REFERENCES account (id),
  visit_id             bigint,
  -- one-to-one (1) or many-to-one (>1 claimers share it)
  max_claimers         integer NOT NULL DEFAULT 1 CHECK (max_claimers BETWEEN 1 AND 20),
  status               text NOT NULL CHECK (status IN ('submitted', 'published', 'claimed', 'fulfilled', 'closed', 'rejected', 'withdrawn')),
  reject_reason        text,
  fulfil_note          text,
  fulfil_photo_ids     uuid[] NOT NULL DEFAULT '{}',
  thanks_note          text,
  version              integer NOT NULL DEFAULT 1,
  client_request_id    uuid,
  created_at           timestamptz NOT NULL,
  published_at         timestamptz,
  claimed_at           timestamptz,
  fulfilled_at         timestamptz,
  closed_at            timestamptz,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, number),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
  FOREIGN KEY (county_code, visit_id) REFERENCES visit (county_code, id)
);
-- wish numbers: 'XY' + the Beijing date + this sequence (like case numbers)
CREATE SEQUENCE wish_number_seq;
CREATE INDEX wish_grid_path_gist ON wish USING gist (grid_path);
CREATE INDEX wish_status_idx ON wish (county_code, status, created_at DESC);
CREATE INDEX wish_requester_idx ON wish (requester_account_id);
CREATE UNIQUE INDEX wish_client_request_idx ON wish (county_code, requester_account_id, client_request_id) WHERE client_request_id IS NOT NULL;

-- Who claimed a wish: a party organisation, paired unit, deputy, in-service member or cadre.
CREATE TABLE wish_claim (
  county_code         text NOT NULL,
  id                  bigint GENERATED ALWAYS AS IDENTITY,
  wish_id             bigint NOT NULL,
  claimer_account_id  bigint NOT NULL REFERENCES account (id),
  claimer_name        text NOT NULL CHECK (length(claimer_name) BETWEEN 1 AND 60),
  claimer_kind        text NOT NULL CHECK (claimer_kind IN ('party_org', 'paired_unit', 'deputy', 'in_service_member', 'cadre')),
  note                text,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  created_at          timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, wish_id) REFERENCES wish (county_code, id)
);
CREATE UNIQUE INDEX wish_claim_once_idx ON wish_claim (county_code, wish_id, claimer_account_id) WHERE status = 'active';
CREATE INDEX wish_claim_wish_idx ON wish_claim (county_code, wish_id);

-- A photo uploaded through POST /photos may show a fulfilled wish instead of a case.
ALTER TABLE case_photo ADD COLUMN wish_id bigint;
ALTER TABLE case_photo ADD FOREIGN KEY (county_code, wish_id) REFERENCES wish (county_code, id);

-- The catalogue of service items a village proxy point handles (清单制, J13):
-- guide, materials, where it is finally done, and the promised time.
CREATE TABLE service_item (
  county_code     text NOT NULL,
  code            text NOT NULL CHECK (code ~ '^[a-z_]{2,40}$'),
  kind            text NOT NULL CHECK (kind IN ('errand', 'proxy')),
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  guide_zh        text NOT NULL DEFAULT '',
  guide_en        text NOT NULL DEFAULT '',
  materials       text[] NOT NULL DEFAULT '{}',
  handled_at      text NOT NULL CHECK (handled_at IN ('village', 'township', 'county')),
  promise_days    integer NOT NULL CHECK (promise_days BETWEEN 0 AND 60),
  active          boolean NOT NULL DEFAULT true,
  sort            integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, code)
);

CREATE TABLE errand (
  county_code          text NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  number               text NOT NULL,
  grid_code            text NOT NULL REFERENCES region (code),
  grid_path            ltree NOT NULL,
  service_code         text NOT NULL,
  detail               text NOT NULL DEFAULT '' CHECK (length(detail) <= 1000),
  requester_account_id bigint NOT NULL REFERENCES account (id),
  contact_name         text,
  contact_phone_enc    bytea,
  contact_phone_hash   bytea,
  contact_phone_masked text,
  status               text NOT NULL CHECK (status IN ('requested', 'accepted', 'done', 'confirmed', 'declined', 'cancelled')),
  assignee_account_id  bigint REFERENCES account (id),
  decline_reason       text,
  result_note          text,
  -- photos of the finished errand (uploaded through POST /photos by the assignee)
  result_photo_ids     uuid[] NOT NULL DEFAULT '{}',
  rating               text CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  rating_comment       text CHECK (length(rating_comment) <= 500),
  due_at               timestamptz,
  version              integer NOT NULL DEFAULT 1,
  client_request_id    uuid,
  created_at           timestamptz NOT NULL,
  accepted_at          timestamptz,
  done_at              timestamptz,
  confirmed_at         timestamptz,
  closed_at            timestamptz,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, number),
  FOREIGN KEY (county_code, service_code) REFERENCES service_item (county_code, code)
);
-- errand numbers: 'DB' + the Beijing date + this sequence (like case numbers)
CREATE SEQUENCE errand_number_seq;
CREATE INDEX errand_grid_path_gist ON errand USING gist (grid_path);
CREATE INDEX errand_status_idx ON errand (county_code, status, created_at DESC);
CREATE INDEX errand_requester_idx ON errand (requester_account_id);
-- A photo serves one thing only: a case, a visit, a wish or an errand.
ALTER TABLE case_photo ADD COLUMN errand_id bigint;
ALTER TABLE case_photo ADD FOREIGN KEY (county_code, errand_id) REFERENCES errand (county_code, id);
ALTER TABLE case_photo ADD CONSTRAINT case_photo_one_use CHECK (num_nonnulls(case_id, visit_id, wish_id, errand_id) <= 1);
CREATE INDEX errand_assignee_idx ON errand (assignee_account_id) WHERE assignee_account_id IS NOT NULL;
CREATE UNIQUE INDEX errand_client_request_idx ON errand (county_code, requester_account_id, client_request_id) WHERE client_request_id IS NOT NULL;

-- Append-only step log of wishes and errands (who did what, when), like case_history.
CREATE TABLE service_history (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  entity_type        text NOT NULL CHECK (entity_type IN ('wish', 'errand')),
  entity_id          bigint NOT NULL,
  at                 timestamptz NOT NULL,
  action             text NOT NULL,
  from_status        text,
  to_status          text NOT NULL,
  actor_account_id   bigint REFERENCES account (id),
  actor_name         text,
  note               text,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX service_history_entity_idx ON service_history (county_code, entity_type, entity_id, id);
