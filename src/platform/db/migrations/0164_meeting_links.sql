-- 议事厅 (issue 14, J11): invited participants linked to who they are, and the meeting each step
-- of 四议两公开 was taken at.

-- What a meeting is: a deliberation (议事会) or one of the village's bodies that takes a step of
-- 四议两公开 — 两委会议, 党员大会, 村民会议, 村民代表会议.
ALTER TABLE meeting ADD COLUMN kind text NOT NULL DEFAULT 'deliberation'
  CHECK (kind IN ('deliberation', 'two_committees', 'party_members', 'villagers', 'representatives'));

-- A participant may be linked to the resident, party member, enterprise (property manager or
-- new-economy organisation), station or 5+5+N team member it is (of the meeting's village).
ALTER TABLE meeting_participant
  ADD COLUMN ref_type text CHECK (ref_type IN ('resident', 'party_member', 'enterprise', 'station', 'team_member')),
  ADD COLUMN ref_id bigint,
  ADD CONSTRAINT meeting_participant_ref_pair CHECK ((ref_type IS NULL) = (ref_id IS NULL)),
  ADD CONSTRAINT meeting_participant_ref_kind CHECK (ref_type IS NULL OR (kind, ref_type) IN (
    ('resident', 'resident'), ('party_member', 'party_member'), ('property_manager', 'enterprise'),
    ('new_economy_org', 'enterprise'), ('station', 'station'), ('team_member', 'team_member')));
CREATE INDEX meeting_participant_ref_idx ON meeting_participant (county_code, ref_type, ref_id)
  WHERE ref_type IS NOT NULL;

-- The meeting a step of a major matter was taken at (none for 党支部提议 and the publications).
ALTER TABLE major_matter_step
  ADD COLUMN meeting_id bigint,
  ADD CONSTRAINT major_matter_step_meeting_fk FOREIGN KEY (county_code, meeting_id) REFERENCES meeting (county_code, id);
CREATE INDEX major_matter_step_meeting_idx ON major_matter_step (county_code, meeting_id)
  WHERE meeting_id IS NOT NULL;
