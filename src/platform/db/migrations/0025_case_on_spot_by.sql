-- Separation of duties: who fixed a case on the spot. The village verifies that fix (close or
-- rework), never the one who made it, and a part-time worker earns the on-the-spot points only
-- when the village closes it. Cleared when the case is sent back (rework) or reopened.
ALTER TABLE cases ADD COLUMN on_spot_by_account_id bigint REFERENCES account (id);
