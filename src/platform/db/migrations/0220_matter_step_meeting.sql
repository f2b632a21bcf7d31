-- 四议两公开 (issue 14): 两委会议商议, 党员大会审议 and 村民(代表)会议决议 are taken at a meeting whose
-- attendance gives the quorum — every new such step names it. NOT VALID keeps the steps recorded
-- before this rule (they named none) as they are; every row written from now on is checked.
ALTER TABLE major_matter_step
  ADD CONSTRAINT major_matter_step_meeting_named
  CHECK (action NOT IN ('discuss', 'review', 'decide') OR meeting_id IS NOT NULL) NOT VALID;
