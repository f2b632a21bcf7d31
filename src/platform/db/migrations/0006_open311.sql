-- Open311 GeoReport v2 (src/modules/open311): what a client sends that has no column on the
-- case itself, and the indexes behind the public listings (time windows per county).

ALTER TABLE open311_key ADD COLUMN last_used_at timestamptz;
CREATE INDEX open311_key_county_idx ON open311_key (county_code, id);

-- A case created through POST requests: which key created it and the client's media_url(s)
-- (links only: the server never fetches them).
CREATE TABLE open311_request (
  county_code  text NOT NULL,
  case_id      bigint NOT NULL,
  key_id       bigint NOT NULL REFERENCES open311_key (id),
  media_urls   text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, case_id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);

-- A comment posted through POST servicerequestupdates (a case_history row with action
-- 'comment'): the client's own update id (retries answer the same row), its status and media.
CREATE TABLE open311_update (
  county_code       text NOT NULL,
  history_id        bigint NOT NULL,
  case_id           bigint NOT NULL,
  key_id            bigint NOT NULL REFERENCES open311_key (id),
  client_update_id  text NOT NULL,
  client_status     text NOT NULL,
  media_urls        text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, history_id),
  UNIQUE (key_id, client_update_id),
  FOREIGN KEY (county_code, history_id) REFERENCES case_history (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);

-- GET requests (a 90-day window of requested_datetime) and GET servicerequestupdates (a window of `at`).
CREATE INDEX IF NOT EXISTS cases_county_reported_idx ON cases (county_code, reported_at);
CREATE INDEX IF NOT EXISTS case_history_county_at_idx ON case_history (county_code, at);
