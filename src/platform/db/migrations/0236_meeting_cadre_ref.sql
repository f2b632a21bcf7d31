-- 议事厅 (issue 14): an invited cadre (村干部) is linked to the cadre register (干部库) by the cadre's
-- id, as residents, party members, enterprises, stations and 5+5+N members already are — no longer
-- a copied name only. Rows written before keep their names (ref_type NULL).
ALTER TABLE meeting_participant DROP CONSTRAINT meeting_participant_ref_type_check;
ALTER TABLE meeting_participant ADD CONSTRAINT meeting_participant_ref_type_check
  CHECK (ref_type IN ('resident', 'party_member', 'enterprise', 'station', 'team_member', 'cadre'));
ALTER TABLE meeting_participant DROP CONSTRAINT meeting_participant_ref_kind;
ALTER TABLE meeting_participant ADD CONSTRAINT meeting_participant_ref_kind CHECK (ref_type IS NULL OR (kind, ref_type) IN (
  ('resident', 'resident'), ('party_member', 'party_member'), ('property_manager', 'enterprise'),
  ('new_economy_org', 'enterprise'), ('station', 'station'), ('team_member', 'team_member'),
  ('village_cadre', 'cadre')));
