-- In-service party members (在职党员, issue 14): they register (报到) with the community or village
-- where they live, under an account of their own (role in_service_member, scoped to that village),
-- approved by its staff; their service hours on wishes they claimed are recorded per fulfilment and
-- reported to their employer unit.

ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('resident', 'grid_worker', 'village_staff',
  'township_centre', 'county_centre', 'department_staff', 'party_organiser', 'admin', 'in_service_member'));

CREATE TABLE in_service_member (
  county_code      text NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  account_id       bigint NOT NULL UNIQUE REFERENCES account (id),
  -- the community or village of their home (报到地)
  home_code        text NOT NULL REFERENCES region (code),
  home_path        ltree NOT NULL,
  phone_enc        bytea NOT NULL,
  phone_hash       bytea NOT NULL,
  phone_masked     text NOT NULL,
  employer_unit    text NOT NULL CHECK (length(employer_unit) BETWEEN 2 AND 60),
  -- the employer unit's party organisation, when it is in the county's tree
  employer_org_id  bigint,
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  reject_reason    text CHECK (length(reject_reason) <= 200),
  reviewed_by      bigint REFERENCES account (id),
  reviewed_at      timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, employer_org_id) REFERENCES party_org (county_code, id)
);
CREATE INDEX in_service_member_home_gist ON in_service_member USING gist (home_path);
CREATE INDEX in_service_member_employer_idx ON in_service_member (county_code, employer_org_id);
-- one live registration per phone in a county
CREATE UNIQUE INDEX in_service_member_phone_idx ON in_service_member (county_code, phone_hash) WHERE status <> 'rejected';

-- Hours of service: one row per fulfilled wish and member (the fulfilment records it).
CREATE TABLE service_hours (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  member_id     bigint NOT NULL,
  wish_id       bigint NOT NULL,
  hours         numeric(4, 1) NOT NULL CHECK (hours > 0 AND hours <= 24),
  served_on     date NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, wish_id, member_id),
  FOREIGN KEY (county_code, member_id) REFERENCES in_service_member (county_code, id),
  FOREIGN KEY (county_code, wish_id) REFERENCES wish (county_code, id)
);
CREATE INDEX service_hours_member_idx ON service_hours (county_code, member_id);
