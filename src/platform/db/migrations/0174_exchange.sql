-- Data exchange with other government systems (J17, docs/exchange.md).
--
-- A system account (12345 hotline, petition system, civil affairs …) is created by the county's
-- administrator: a name, a scope node, the operations it may call and an API key of which only the
-- SHA-256 is kept. Its subscribers receive signed webhooks; the deliveries are written by a trigger
-- in the transaction of the case step that causes them (an outbox), and the same trigger appends
-- the change to the feed that systems pull (`exchange_change`, read past a snapshot horizon).
CREATE TABLE system_account (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  scope_code    text NOT NULL REFERENCES region (code),
  scope_path    ltree NOT NULL,
  operations    text[] NOT NULL,
  key_hash      bytea NOT NULL UNIQUE,
  created_by    bigint REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  rotated_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  PRIMARY KEY (county_code, id),
  UNIQUE (id)
);

CREATE TABLE exchange_subscription (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  system_account_id  bigint NOT NULL,
  url                text NOT NULL,
  -- the signing secret, encrypted like personal data (the worker needs it in clear to sign)
  secret_enc         bytea NOT NULL,
  events             text[] NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  removed_at         timestamptz,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, system_account_id) REFERENCES system_account (county_code, id)
);

-- the outbox of webhooks: one row per subscriber and event; dead after too many failures
CREATE TABLE exchange_delivery (
  county_code      text NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  subscription_id  bigint NOT NULL,
  event            text NOT NULL,
  payload          jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  last_status      int,
  delivered_at     timestamptz,
  dead_at          timestamptz,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, subscription_id) REFERENCES exchange_subscription (county_code, id)
);
CREATE INDEX exchange_delivery_due_idx ON exchange_delivery (next_attempt_at)
  WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX exchange_delivery_dead_idx ON exchange_delivery (county_code, dead_at)
  WHERE dead_at IS NOT NULL AND delivered_at IS NULL;

-- the changes feed: case created / state changed / closed, in the order transactions finished
CREATE TABLE exchange_change (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  xid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
  at             timestamptz NOT NULL,
  case_id        bigint NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('created', 'state_changed', 'closed')),
  number         text NOT NULL,
  from_state     text,
  to_state       text NOT NULL,
  category_code  text NOT NULL,
  grid_code      text NOT NULL,
  grid_path      ltree NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX exchange_change_feed_idx ON exchange_change (county_code, xid, id);

-- a case another system made, under that system's own number (unique per system account)
CREATE TABLE case_external_ref (
  county_code        text NOT NULL,
  system_account_id  bigint NOT NULL,
  external_ref       text NOT NULL,
  case_id            bigint NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, system_account_id, external_ref),
  UNIQUE (county_code, case_id),
  FOREIGN KEY (county_code, system_account_id) REFERENCES system_account (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);

-- per county: whether its open data (anonymised aggregates) is published; off by default
CREATE TABLE exchange_setting (
  county_code  text PRIMARY KEY,
  open_data    boolean NOT NULL DEFAULT false,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION exchange_case_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH ch AS (
    INSERT INTO exchange_change (county_code, at, case_id, kind, number, from_state, to_state,
                                 category_code, grid_code, grid_path)
    SELECT h.county_code, h.at, h.case_id,
           CASE WHEN h.action = 'report' THEN 'created'
                WHEN h.to_state = 'closed' THEN 'closed' ELSE 'state_changed' END,
           c.number, h.from_state, h.to_state, c.category_code, c.grid_code, c.grid_path
    FROM new_rows h
    JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
    -- a backfill (the demo's history) is no event; only steps of the last hour are
    WHERE h.at > now() - interval '1 hour'
      AND (h.action = 'report' OR h.from_state IS DISTINCT FROM h.to_state)
    RETURNING *
  )
  INSERT INTO exchange_delivery (county_code, subscription_id, event, payload)
  SELECT ch.county_code, s.id, 'case.' || ch.kind,
         jsonb_build_object(
           'id', ch.id, 'event', 'case.' || ch.kind, 'occurredAt', ch.at,
           'case', jsonb_build_object('id', ch.case_id, 'number', ch.number, 'state', ch.to_state,
                                      'fromState', ch.from_state, 'categoryCode', ch.category_code,
                                      'gridCode', ch.grid_code),
           'externalRef', r.external_ref,
           -- the answer to the system's own ticket: the last note the case's steps carry
           'answer', CASE WHEN ch.kind = 'closed' AND r.external_ref IS NOT NULL THEN
             (SELECT x.note FROM case_history x
              WHERE x.county_code = ch.county_code AND x.case_id = ch.case_id AND x.note IS NOT NULL
              ORDER BY x.id DESC LIMIT 1) END)
  FROM ch
  JOIN exchange_subscription s
    ON s.county_code = ch.county_code AND s.removed_at IS NULL AND ('case.' || ch.kind) = ANY (s.events)
  JOIN system_account a
    ON a.county_code = s.county_code AND a.id = s.system_account_id AND a.revoked_at IS NULL
   AND ch.grid_path <@ a.scope_path
  LEFT JOIN case_external_ref r
    ON r.county_code = ch.county_code AND r.case_id = ch.case_id AND r.system_account_id = a.id;
  RETURN NULL;
END $$;

CREATE TRIGGER case_history_exchange AFTER INSERT ON case_history
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION exchange_case_after_insert();

-- a call by another system is audited as that system's account (its name shown in the log)
ALTER TABLE audit_log ADD COLUMN system_account_id bigint;
