-- 5+5+N village teams (J7): five councils, five roles and N local groups per village, with members
-- (residents from the archive or outside people), from whom mediators and meeting participants are chosen.
CREATE TABLE team (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  village_code  text NOT NULL REFERENCES region (code),
  village_path  ltree NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('council', 'role', 'group')),
  -- one of the five councils or five roles; a local group's own short code
  code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 40),
  duty          text NOT NULL DEFAULT '' CHECK (length(duty) <= 500),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, village_code, code)
);
CREATE INDEX team_village_path_gist ON team USING gist (village_path);

CREATE TABLE team_member (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  team_id       bigint NOT NULL,
  resident_id   bigint,
  -- a resident's name as in the archive, or an outside person's (lawyer, retired cadre …)
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  title         text NOT NULL DEFAULT '' CHECK (length(title) <= 40),
  affiliation   text NOT NULL DEFAULT '' CHECK (length(affiliation) <= 60),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, team_id) REFERENCES team (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id)
);
CREATE INDEX team_member_team_idx ON team_member (county_code, team_id);
CREATE UNIQUE INDEX team_member_resident_idx ON team_member (county_code, team_id, resident_id) WHERE resident_id IS NOT NULL AND active;
