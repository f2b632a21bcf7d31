-- 议事厅 (issue 14, J11): meetings convened by a grid party organisation or a village, with their
-- agenda, invited participants, attendance, minutes, the matters they settle and resolutions
-- followed through until done; and 四议两公开, the village decision procedure for major matters.

CREATE TABLE meeting (
  county_code       text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                bigint GENERATED ALWAYS AS IDENTITY,
  -- where it is held: a village or a grid (its path scopes every read)
  region_code       text NOT NULL REFERENCES region (code),
  region_path       ltree NOT NULL,
  convener_kind     text NOT NULL CHECK (convener_kind IN ('grid_party', 'village')),
  convener_name     text NOT NULL CHECK (length(convener_name) BETWEEN 2 AND 60),
  title             text NOT NULL CHECK (length(title) BETWEEN 2 AND 80),
  held_on           date NOT NULL,
  place             text NOT NULL DEFAULT '' CHECK (length(place) <= 60),
  agenda            text[] NOT NULL CHECK (cardinality(agenda) BETWEEN 1 AND 20),
  minutes           text CHECK (length(minutes) <= 5000),
  state             text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held')),
  version           integer NOT NULL DEFAULT 1,
  created_by        bigint REFERENCES account (id),
  client_request_id uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX meeting_region_path_gist ON meeting USING gist (region_path);
CREATE INDEX meeting_held_on_idx ON meeting (county_code, held_on);
CREATE UNIQUE INDEX meeting_client_request_idx ON meeting (county_code, created_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- Invited participants: a name as the minutes may show it (never an ID number or a phone) and
-- what they come as; attendance is recorded when the meeting is held.
CREATE TABLE meeting_participant (
  county_code  text NOT NULL,
  meeting_id   bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL CHECK (kind IN ('resident', 'party_member', 'property_manager', 'station',
                 'new_economy_org', 'team_member', 'village_cadre', 'department', 'other')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  attended     boolean,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, meeting_id) REFERENCES meeting (county_code, id)
);
CREATE INDEX meeting_participant_meeting_idx ON meeting_participant (county_code, meeting_id);

-- The matters a meeting takes up ("hard problems"): free-standing or a case, dispute or wish.
CREATE TABLE meeting_matter (
  county_code  text NOT NULL,
  meeting_id   bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  title        text NOT NULL CHECK (length(title) BETWEEN 2 AND 80),
  link_type    text CHECK (link_type IN ('case', 'dispute', 'wish')),
  link_id      bigint,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, meeting_id) REFERENCES meeting (county_code, id),
  CHECK ((link_type IS NULL) = (link_id IS NULL))
);
CREATE INDEX meeting_matter_meeting_idx ON meeting_matter (county_code, meeting_id);

-- Resolutions and their follow-through (as Decidim's accountability component): status,
-- progress, the person responsible, dated updates. A matter is settled when all its resolutions are done.
CREATE TABLE meeting_resolution (
  county_code  text NOT NULL,
  meeting_id   bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  matter_id    bigint,
  text         text NOT NULL CHECK (length(text) BETWEEN 2 AND 500),
  responsible  text NOT NULL CHECK (length(responsible) BETWEEN 1 AND 60),
  due_on       date,
  status       text NOT NULL DEFAULT 'not_started'
                 CHECK (status IN ('not_started', 'in_progress', 'done', 'dropped')),
  progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  done_on      date,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, meeting_id) REFERENCES meeting (county_code, id),
  FOREIGN KEY (county_code, matter_id) REFERENCES meeting_matter (county_code, id),
  CHECK ((status = 'done') = (done_on IS NOT NULL)),
  CHECK (status <> 'done' OR progress = 100)
);
CREATE INDEX meeting_resolution_meeting_idx ON meeting_resolution (county_code, meeting_id);

CREATE TABLE resolution_update (
  county_code    text NOT NULL,
  resolution_id  bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  on_date        date NOT NULL,
  status         text NOT NULL,
  progress       integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
  note           text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
  actor_account_id bigint REFERENCES account (id),
  actor_name     text NOT NULL,
  at             timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, resolution_id) REFERENCES meeting_resolution (county_code, id)
);
CREATE INDEX resolution_update_resolution_idx ON resolution_update (county_code, resolution_id);

-- 四议两公开: one major matter of a village through its six steps, with the figures of each vote.
CREATE TABLE major_matter (
  county_code        text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  village_code       text NOT NULL REFERENCES region (code),
  village_path       ltree NOT NULL,
  title              text NOT NULL CHECK (length(title) BETWEEN 2 AND 80),
  proposal           text NOT NULL CHECK (length(proposal) BETWEEN 2 AND 2000),
  state              text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'discussed', 'reviewed',
                       'decided', 'resolution_published', 'result_published', 'rejected')),
  -- 党员大会审议: the branch's members on the day, present, in favour
  members_total      integer CHECK (members_total >= 0),
  members_present    integer CHECK (members_present >= 0),
  members_for        integer CHECK (members_for >= 0),
  -- 村民会议 (villagers) or 村民代表会议 (representatives) and its figures
  assembly_kind      text CHECK (assembly_kind IN ('villagers', 'representatives')),
  assembly_total     integer CHECK (assembly_total >= 0),
  assembly_present   integer CHECK (assembly_present >= 0),
  households_total   integer CHECK (households_total >= 0),
  households_present integer CHECK (households_present >= 0),
  assembly_for       integer CHECK (assembly_for >= 0),
  resolution_text    text CHECK (length(resolution_text) <= 2000),
  result_text        text CHECK (length(result_text) <= 2000),
  resolution_disclosure_id bigint,
  result_disclosure_id     bigint,
  version            integer NOT NULL DEFAULT 1,
  created_by         bigint REFERENCES account (id),
  client_request_id  uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, resolution_disclosure_id) REFERENCES disclosure (county_code, id),
  FOREIGN KEY (county_code, result_disclosure_id) REFERENCES disclosure (county_code, id)
);
CREATE INDEX major_matter_village_path_gist ON major_matter USING gist (village_path);
CREATE UNIQUE INDEX major_matter_client_request_idx ON major_matter (county_code, created_by, client_request_id)
  WHERE client_request_id IS NOT NULL;
-- each publication is made once
CREATE UNIQUE INDEX major_matter_resolution_disclosure_idx ON major_matter (county_code, resolution_disclosure_id)
  WHERE resolution_disclosure_id IS NOT NULL;
CREATE UNIQUE INDEX major_matter_result_disclosure_idx ON major_matter (county_code, result_disclosure_id)
  WHERE result_disclosure_id IS NOT NULL;

CREATE TABLE major_matter_step (
  county_code      text NOT NULL,
  matter_id        bigint NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  action           text NOT NULL,
  from_state       text NOT NULL,
  to_state         text NOT NULL,
  actor_account_id bigint REFERENCES account (id),
  actor_name       text NOT NULL,
  note             text,
  at               timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, matter_id) REFERENCES major_matter (county_code, id)
);
CREATE INDEX major_matter_step_matter_idx ON major_matter_step (county_code, matter_id);
