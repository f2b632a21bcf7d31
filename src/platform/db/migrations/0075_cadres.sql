-- Cadres (J16): village two-committee members (村两委), reserve cadres (后备干部) and their
-- training, first secretaries (第一书记) sent to villages, mentors of new secretaries.
-- One row per person; what they are is in posts, reserve, postings and pairings.
-- county_code leads every key (docs/adr/0002).
CREATE TABLE cadre (
  county_code    text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  -- where the cadre serves: a village/community (two-committee members, reserve cadres),
  -- a township or the county itself (cadres of organs sent to villages or enterprises)
  region_code    text NOT NULL REFERENCES region (code),
  region_path    ltree NOT NULL,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender         text NOT NULL CHECK (gender IN ('male', 'female')),
  birth_year     integer NOT NULL CHECK (birth_year BETWEEN 1930 AND 2010),
  -- highest education: 小学 初中 高中 中专 大专 本科 研究生
  education      text NOT NULL CHECK (education IN ('primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate')),
  -- two-committee posts: 书记 副书记 主任 副主任 委员; secretary + director = 一肩挑
  posts          text[] NOT NULL DEFAULT '{}' CHECK (posts <@ ARRAY['secretary', 'deputy_secretary', 'director', 'deputy_director', 'member']::text[]),
  reserve        boolean NOT NULL DEFAULT false,
  -- the unit a cadre of an organ works for (county bureau, township office), free text
  unit           text CHECK (unit IS NULL OR length(unit) <= 100),
  -- an account of the cadre, when they have one: notices of the cases they follow reach it
  account_id     bigint REFERENCES account (id),
  phone_enc      bytea,
  phone_hash     bytea,
  phone_masked   text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX cadre_region_path_gist ON cadre USING gist (region_path);
CREATE INDEX cadre_region_idx ON cadre (county_code, region_code);
CREATE INDEX cadre_phone_hash_idx ON cadre (county_code, phone_hash);

-- 后备干部 training: courses, hours, date.
CREATE TABLE cadre_training (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  cadre_id     bigint NOT NULL,
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  held_on      date NOT NULL,
  hours        numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 1000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, cadre_id) REFERENCES cadre (county_code, id)
);
CREATE INDEX cadre_training_cadre_idx ON cadre_training (county_code, cadre_id);

-- 驻村第一书记: a cadre sent to a village or community by a unit, from a date, until a date.
CREATE TABLE first_secretary (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  cadre_id      bigint NOT NULL,
  village_code  text NOT NULL REFERENCES region (code),
  village_path  ltree NOT NULL,
  sending_unit  text NOT NULL CHECK (length(sending_unit) BETWEEN 1 AND 100),
  -- 党政型 经济型 科技型 政法型
  unit_kind     text NOT NULL CHECK (unit_kind IN ('party_government', 'economic', 'technology', 'legal')),
  started_on    date NOT NULL,
  ended_on      date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, cadre_id) REFERENCES cadre (county_code, id),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX first_secretary_path_gist ON first_secretary USING gist (village_path);
CREATE INDEX first_secretary_cadre_idx ON first_secretary (county_code, cadre_id);

-- 导师帮带: an experienced secretary paired with a new one (清原: 20 new secretaries).
CREATE TABLE cadre_mentor (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  mentor_id    bigint NOT NULL,
  mentee_id    bigint NOT NULL,
  started_on   date NOT NULL,
  ended_on     date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, mentor_id) REFERENCES cadre (county_code, id),
  FOREIGN KEY (county_code, mentee_id) REFERENCES cadre (county_code, id),
  CHECK (mentor_id <> mentee_id),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX cadre_mentor_pair_idx ON cadre_mentor (county_code, mentee_id, mentor_id) WHERE ended_on IS NULL;
