-- Organisational life (issue 14, J8/J9): 三会一课 and 主题党日 held by party organisations, their
-- attendance (members of the organisation only), the rhythm each kind must keep per county, and party
-- lessons: a catalogue with media, branches' orders (配送+点单) and online viewing (云党课).

-- The required rhythm of each kind, per county (configurable, audited); `since` is the day from which a
-- branch that never held a kind counts as behind.
CREATE TABLE org_life_rhythm (
  county_code  text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  kind         text NOT NULL CHECK (kind IN ('branch_assembly', 'committee', 'group', 'lesson', 'theme_day')),
  period       text NOT NULL CHECK (period IN ('month', 'quarter', 'half_year', 'year')),
  since        date NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, kind)
);

CREATE TABLE org_life_meeting (
  county_code       text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                bigint GENERATED ALWAYS AS IDENTITY,
  org_id            bigint NOT NULL,
  -- the organisation's region path when held: every read is scoped by it
  region_path       ltree NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('branch_assembly', 'committee', 'group', 'lesson', 'theme_day')),
  held_on           date NOT NULL,
  topic             text NOT NULL CHECK (length(topic) BETWEEN 2 AND 100),
  minutes           text NOT NULL DEFAULT '' CHECK (length(minutes) <= 5000),
  present           integer NOT NULL DEFAULT 0,
  members_total     integer NOT NULL DEFAULT 0,
  created_by        bigint REFERENCES account (id),
  client_request_id uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES party_org (county_code, id)
);
CREATE INDEX org_life_meeting_path_gist ON org_life_meeting USING gist (region_path);
CREATE INDEX org_life_meeting_org_idx ON org_life_meeting (county_code, org_id, kind, held_on);
CREATE UNIQUE INDEX org_life_meeting_request_idx ON org_life_meeting (county_code, created_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

CREATE TABLE org_life_attendance (
  county_code  text NOT NULL,
  meeting_id   bigint NOT NULL,
  member_id    bigint NOT NULL,
  status       text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
  PRIMARY KEY (county_code, meeting_id, member_id),
  FOREIGN KEY (county_code, meeting_id) REFERENCES org_life_meeting (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES party_member (county_code, id)
);

-- The lesson catalogue (the menu of 配送+点单); media bytes live in the photos module's blob store.
CREATE TABLE party_lesson (
  county_code   text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  -- who offers it (the county's or a township's party organisation): seen below and above it
  region_path   ltree NOT NULL,
  topic         text NOT NULL CHECK (length(topic) BETWEEN 2 AND 100),
  speaker       text NOT NULL CHECK (length(speaker) BETWEEN 1 AND 60),
  format        text NOT NULL CHECK (format IN ('in_person', 'online')),
  summary       text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  minutes       integer NOT NULL CHECK (minutes BETWEEN 5 AND 480),
  media_key     text,
  media_kind    text CHECK (media_kind IN ('video', 'slides')),
  media_mime    text,
  media_bytes   integer,
  -- slides: how many pages (how far a member read is counted in pages)
  media_pages   integer,
  created_by    bigint REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX party_lesson_path_gist ON party_lesson USING gist (region_path);

-- A branch's order of a lesson, on the workflow runner: ordered → scheduled → delivered (held as the
-- branch's 党课 with its attendance), or cancelled before delivery.
CREATE TABLE lesson_order (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  lesson_id     bigint NOT NULL,
  org_id        bigint NOT NULL,
  region_path   ltree NOT NULL,
  wish          text NOT NULL DEFAULT '' CHECK (length(wish) <= 500),
  state         text NOT NULL DEFAULT 'ordered' CHECK (state IN ('ordered', 'scheduled', 'delivered', 'cancelled')),
  scheduled_at  timestamptz,
  place         text CHECK (length(place) <= 80),
  -- the 党课 it was delivered as (organisational life, with its attendance)
  meeting_id    bigint,
  version       integer NOT NULL DEFAULT 1,
  created_by    bigint REFERENCES account (id),
  client_request_id uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, lesson_id) REFERENCES party_lesson (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES party_org (county_code, id),
  FOREIGN KEY (county_code, meeting_id) REFERENCES org_life_meeting (county_code, id)
);
CREATE INDEX lesson_order_path_gist ON lesson_order USING gist (region_path);
CREATE UNIQUE INDEX lesson_order_request_idx ON lesson_order (county_code, created_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

CREATE TABLE lesson_order_step (
  county_code  text NOT NULL,
  order_id     bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  action       text NOT NULL,
  from_state   text NOT NULL,
  to_state     text NOT NULL,
  actor_id     bigint REFERENCES account (id),
  actor_name   text NOT NULL,
  note         text,
  at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, order_id, id),
  FOREIGN KEY (county_code, order_id) REFERENCES lesson_order (county_code, id)
);

-- 云党课: who watched an online lesson (an account; its party member when it has one), when, how far.
CREATE TABLE lesson_watch (
  county_code    text NOT NULL,
  lesson_id      bigint NOT NULL,
  account_id     bigint NOT NULL REFERENCES account (id),
  member_id      bigint,
  region_path    ltree NOT NULL,
  first_at       timestamptz NOT NULL,
  last_at        timestamptz NOT NULL,
  seconds        integer NOT NULL CHECK (seconds >= 0),
  furthest_pct   integer NOT NULL CHECK (furthest_pct BETWEEN 0 AND 100),
  PRIMARY KEY (county_code, lesson_id, account_id),
  FOREIGN KEY (county_code, lesson_id) REFERENCES party_lesson (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES party_member (county_code, id)
);
CREATE INDEX lesson_watch_path_gist ON lesson_watch USING gist (region_path);
