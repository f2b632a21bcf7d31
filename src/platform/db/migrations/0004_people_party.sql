-- County data: households, residents, grid workers, party organisations and members.
-- Every table carries county_code and has it in its primary key, the distribution
-- column when the data moves to Citus (docs/adr/0002). Foreign keys include it too.
CREATE TABLE household (
  county_code     text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  grid_code       text NOT NULL REFERENCES region (code),
  grid_path       ltree NOT NULL,
  address         text NOT NULL,
  member_count    integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
  care_tags       text[] NOT NULL DEFAULT '{}',
  last_visit_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX household_grid_path_gist ON household USING gist (grid_path);
CREATE INDEX household_grid_idx ON household (county_code, grid_code);
CREATE INDEX household_care_tags_gin ON household USING gin (care_tags);

-- ID numbers and phones: AES-256-GCM ciphertext, an HMAC for exact search, and a
-- masked form for lists. The clear value is only ever returned by an audited reveal.
CREATE TABLE resident (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  household_id      bigint NOT NULL,
  grid_code         text NOT NULL REFERENCES region (code),
  grid_path         ltree NOT NULL,
  name              text NOT NULL,
  gender            text NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date        date NOT NULL,
  relation          text NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other')),
  id_number_enc     bytea NOT NULL,
  id_number_hash    bytea NOT NULL,
  id_number_masked  text NOT NULL,
  phone_enc         bytea,
  phone_hash        bytea,
  phone_masked      text,
  care_tags         text[] NOT NULL DEFAULT '{}',
  is_party_member   boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id)
);
CREATE INDEX resident_grid_path_gist ON resident USING gist (grid_path);
CREATE INDEX resident_household_idx ON resident (county_code, household_id);
CREATE INDEX resident_id_number_hash_idx ON resident (county_code, id_number_hash);
CREATE INDEX resident_phone_hash_idx ON resident (county_code, phone_hash);
CREATE INDEX resident_name_trgm ON resident USING gin (name gin_trgm_ops);

CREATE TABLE grid_worker (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  grid_code     text NOT NULL REFERENCES region (code),
  grid_path     ltree NOT NULL,
  resident_id   bigint NOT NULL,
  employment    text NOT NULL CHECK (employment IN ('fullTime', 'partTime')),
  -- 中心户 central household, 楼长 building head, 单元长 unit head, 党员 party member, 志愿者 volunteer
  duty          text NOT NULL CHECK (duty IN ('grid_worker', 'central_household', 'building_head', 'unit_head', 'party_member', 'volunteer')),
  account_id    bigint REFERENCES account (id),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id)
);
CREATE INDEX grid_worker_grid_path_gist ON grid_worker USING gist (grid_path);

-- County party committee > township party (working) committee > village/community
-- branch > grid party group. region_code ties each organisation to the territory.
CREATE TABLE party_org (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  parent_id     bigint,
  kind          text NOT NULL CHECK (kind IN ('county_committee', 'township_committee', 'branch', 'grid_group')),
  name          text NOT NULL,
  region_code   text NOT NULL REFERENCES region (code),
  region_path   ltree NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, parent_id) REFERENCES party_org (county_code, id)
);
CREATE INDEX party_org_region_path_gist ON party_org USING gist (region_path);

CREATE TABLE party_member (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  resident_id   bigint NOT NULL,
  org_id        bigint NOT NULL,
  joined_on     date,
  region_path   ltree NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, resident_id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES party_org (county_code, id)
);
CREATE INDEX party_member_region_path_gist ON party_member USING gist (region_path);

-- 党员联系户: each party member is linked to a set of households.
CREATE TABLE party_member_household (
  county_code   text NOT NULL,
  member_id     bigint NOT NULL,
  household_id  bigint NOT NULL,
  PRIMARY KEY (county_code, member_id, household_id),
  FOREIGN KEY (county_code, member_id) REFERENCES party_member (county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id)
);

-- Things that happen once per database (e.g. the demo load), with when.
CREATE TABLE system_state (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
