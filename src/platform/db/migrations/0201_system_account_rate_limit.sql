-- The calls a system account may make per minute (docs/exchange.md, docs/SECURITY.md): counted in
-- rate_limit_hit (migration 0155) under a key of the account, so the limit holds across every
-- server instance. The administrator chooses it per account (a hotline's trickle, a nightly bulk
-- loader); the default is 600 a minute.
ALTER TABLE system_account
  ADD COLUMN calls_per_minute integer NOT NULL DEFAULT 600 CHECK (calls_per_minute BETWEEN 1 AND 100000);
