-- Campaign notices (issue 13): when a campaign nearing the end of its window with open targets
-- was last announced to its supervising tiers, so the sweep tells them once.
ALTER TABLE campaign ADD COLUMN end_warned_at timestamptz;
