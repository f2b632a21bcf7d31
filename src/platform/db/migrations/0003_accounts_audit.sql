-- Staff and resident accounts. Every account has a scope: one region node whose
-- subtree it sees and acts on. Accounts are few and global (Citus: reference table).
CREATE TABLE account (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{2,39}$'),
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('resident', 'grid_worker', 'village_staff', 'township_centre',
                                               'county_centre', 'department_staff', 'party_organiser', 'admin')),
  scope_code     text NOT NULL REFERENCES region (code),
  county_code    text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_scope_idx ON account (scope_code);

-- Sessions: only a SHA-256 of the token is stored. Used for the cookie and bearer tokens alike.
CREATE TABLE session (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    bytea NOT NULL UNIQUE,
  account_id    bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  user_agent    text
);
CREATE INDEX session_account_idx ON session (account_id);

-- Append-only audit log, written in the same transaction as the change it records.
-- Holds ids and field names, never personal data.
CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code  text,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint REFERENCES account (id),
  actor_role   text,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  reason       text,
  request_id   text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
