-- 全程代办 relay (J13, issue 14): a proxy item taken in at the village proxy point travels to the
-- township convenience platform and on to the county approval centre, each tier with its own step
-- and time limit, and back to the village, which hands the result to the villager. Village staff
-- may register a walk-in request for a villager without a phone (the resident from the archive).

ALTER TABLE errand DROP CONSTRAINT errand_status_check;
ALTER TABLE errand ADD CONSTRAINT errand_status_check CHECK (status IN ('requested', 'accepted', 'at_township',
  'at_county', 'returned', 'done', 'confirmed', 'declined', 'cancelled'));

-- where the item is now and until when that tier has it (working days of the county's calendar)
ALTER TABLE errand ADD COLUMN tier text CHECK (tier IN ('village', 'township', 'county'));
ALTER TABLE errand ADD COLUMN tier_since timestamptz;
ALTER TABLE errand ADD COLUMN tier_due_at timestamptz;
-- set by the relay sweep once the tier's time ran out (the step log says when)
ALTER TABLE errand ADD COLUMN tier_overdue boolean NOT NULL DEFAULT false;
-- a walk-in: the villager from the archive; the requester is the staff who registered it
ALTER TABLE errand ADD COLUMN on_behalf_resident_id bigint;
ALTER TABLE errand ADD FOREIGN KEY (county_code, on_behalf_resident_id) REFERENCES resident (county_code, id);
CREATE INDEX errand_tier_due_idx ON errand (tier_due_at) WHERE tier_overdue = false AND status IN ('accepted', 'at_township', 'at_county', 'returned');
