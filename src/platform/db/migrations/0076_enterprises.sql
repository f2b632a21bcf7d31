-- Enterprises and social organisations (两新组织) on the grid, their party organisation or
-- party-building instructor (党建指导员), the cadres assigned to help them (助企纾困) and the
-- help ledger: visits, problems raised and how each was solved (or raised as a case).
CREATE TABLE enterprise (
  county_code     text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  grid_code       text NOT NULL REFERENCES region (code),
  grid_path       ltree NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('enterprise', 'social_org')),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- 统一社会信用代码 (GB 32100-2015), check character verified by the application
  credit_code     text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  address         text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  size            text NOT NULL CHECK (size IN ('large', 'medium', 'small', 'micro')),
  sector          text NOT NULL CHECK (length(sector) BETWEEN 1 AND 50),
  -- 规模以上企业
  above_scale     boolean NOT NULL DEFAULT false,
  -- the enterprise's own party organisation (party module), or none
  party_org_id    bigint,
  -- 党建指导员: a cadre of the register
  instructor_id   bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, credit_code),
  FOREIGN KEY (county_code, party_org_id) REFERENCES party_org (county_code, id),
  FOREIGN KEY (county_code, instructor_id) REFERENCES cadre (county_code, id)
);
CREATE INDEX enterprise_grid_path_gist ON enterprise USING gist (grid_path);

-- A cadre assigned to help an enterprise (选派干部), from a date until a date.
CREATE TABLE enterprise_helper (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  enterprise_id  bigint NOT NULL,
  cadre_id       bigint NOT NULL,
  started_on     date NOT NULL,
  ended_on       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, enterprise_id) REFERENCES enterprise (county_code, id),
  FOREIGN KEY (county_code, cadre_id) REFERENCES cadre (county_code, id),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX enterprise_helper_active_idx ON enterprise_helper (county_code, enterprise_id, cadre_id) WHERE ended_on IS NULL;

-- The help ledger: a visit, or a problem the enterprise raised; a problem is solved (with how)
-- or raised as a case (source 'enterprise') that its cadre follows.
CREATE TABLE enterprise_help (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  enterprise_id  bigint NOT NULL,
  cadre_id       bigint NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('visit', 'problem')),
  happened_on    date NOT NULL,
  note           text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
  state          text NOT NULL CHECK (state IN ('recorded', 'open', 'solved', 'raised')),
  solution       text CHECK (solution IS NULL OR length(solution) <= 1000),
  solved_on      date,
  case_id        bigint,
  created_by     bigint REFERENCES account (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, enterprise_id) REFERENCES enterprise (county_code, id),
  FOREIGN KEY (county_code, cadre_id) REFERENCES cadre (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id),
  CHECK ((kind = 'visit') = (state = 'recorded')),
  CHECK ((state = 'solved') = (solution IS NOT NULL AND solved_on IS NOT NULL)),
  CHECK ((state = 'raised') = (case_id IS NOT NULL))
);
CREATE INDEX enterprise_help_enterprise_idx ON enterprise_help (county_code, enterprise_id, happened_on DESC);
