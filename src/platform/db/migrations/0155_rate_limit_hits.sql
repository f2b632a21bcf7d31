-- Rate-limit counters shared by every server instance (WANGGE_RATE_LIMITS=database): one row a
-- route and key (the key is a SHA-256 of what the route limits by — address, account name — so
-- no address or name is stored). UNLOGGED: counters are worth nothing after a crash, and not
-- writing them to the WAL keeps a sign-in cheap; a standby does not carry them (after a failover
-- the windows start afresh). Not a county table: a key is not a county's.
CREATE UNLOGGED TABLE rate_limit_hit (
  key bytea PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hit_reset_idx ON rate_limit_hit (reset_at);
