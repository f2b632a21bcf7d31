-- Sunshine three affairs (阳光三务公开, J14): party affairs, village affairs and finances
-- published online by the village, read and questioned by its villagers.
-- 村民委员会组织法 §30: village affairs at least quarterly, finances monthly, major matters at once.
CREATE TABLE disclosure (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  village_code      text NOT NULL REFERENCES region (code),
  village_path      ltree NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('party', 'village', 'finance')),
  -- the period it covers: '2026-10' (month), '2026-Q3' (quarter), '2026' (year); NULL for a major matter
  period            text CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  major             boolean NOT NULL DEFAULT false,
  title             text NOT NULL CHECK (length(title) BETWEEN 2 AND 80),
  body              text NOT NULL CHECK (length(body) <= 20000),
  -- finance disclosures: [{item, income, expense}] in yuan, summed on screen
  finance_lines     jsonb NOT NULL DEFAULT '[]',
  status            text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
  withdraw_reason   text,
  created_by        bigint NOT NULL REFERENCES account (id),
  published_by      bigint REFERENCES account (id),
  created_at        timestamptz NOT NULL,
  published_at      timestamptz,
  updated_at        timestamptz NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX disclosure_village_path_gist ON disclosure USING gist (village_path);
CREATE INDEX disclosure_village_idx ON disclosure (county_code, village_code, kind, published_at DESC);

-- Each step of a disclosure (created, edited, published, withdrawn): who, when, why — shown as its history.
CREATE TABLE disclosure_history (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  disclosure_id     bigint NOT NULL,
  action            text NOT NULL CHECK (action IN ('created', 'edited', 'published', 'withdrawn')),
  actor_account_id  bigint NOT NULL REFERENCES account (id),
  actor_name        text NOT NULL,
  at                timestamptz NOT NULL,
  note              text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, disclosure_id) REFERENCES disclosure (county_code, id)
);
CREATE INDEX disclosure_history_idx ON disclosure_history (county_code, disclosure_id, id);

-- Villagers' questions on a disclosure and the village's answers (public to the village).
CREATE TABLE disclosure_question (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  disclosure_id     bigint NOT NULL,
  asker_account_id  bigint NOT NULL REFERENCES account (id),
  question          text NOT NULL CHECK (length(question) BETWEEN 2 AND 500),
  answer            text CHECK (length(answer) <= 2000),
  answered_by       bigint REFERENCES account (id),
  asked_at          timestamptz NOT NULL,
  answered_at       timestamptz,
  -- a phone's retry of the same question answers the same row
  client_request_id uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, disclosure_id) REFERENCES disclosure (county_code, id)
);
CREATE INDEX disclosure_question_idx ON disclosure_question (county_code, disclosure_id, id);
CREATE UNIQUE INDEX disclosure_question_request_idx ON disclosure_question (county_code, asker_account_id, client_request_id);

-- Who has read what (a count on screen, "已读 N 人"); one row per reader.
CREATE TABLE disclosure_read (
  county_code    text NOT NULL,
  disclosure_id  bigint NOT NULL,
  account_id     bigint NOT NULL REFERENCES account (id),
  read_at        timestamptz NOT NULL,
  PRIMARY KEY (county_code, disclosure_id, account_id),
  FOREIGN KEY (county_code, disclosure_id) REFERENCES disclosure (county_code, id)
);
