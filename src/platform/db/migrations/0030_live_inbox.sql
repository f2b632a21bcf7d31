-- Live events come from the inbox itself: every notification row carries the transaction
-- that wrote it (xid8) and the live event's extra fields, and each server instance tails
-- the table past its last snapshot horizon (src/modules/notify/live.ts). A change no longer
-- calls pg_notify inside its transaction: NOTIFY takes a database-wide lock held through the
-- commit's WAL flush, which serialised every commit that announced something.
ALTER TABLE notification ADD COLUMN xid xid8;
ALTER TABLE notification ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
ALTER TABLE notification ADD COLUMN event jsonb;
CREATE INDEX notification_xid_idx ON notification (xid) WHERE xid IS NOT NULL;
