-- A mediator registered from a 5+5+N team member points at the member record (teams), once per member.
ALTER TABLE mediator
  ADD CONSTRAINT mediator_team_member_fk FOREIGN KEY (county_code, team_member_id) REFERENCES team_member (county_code, id);
CREATE UNIQUE INDEX mediator_team_member_idx ON mediator (county_code, team_member_id) WHERE team_member_id IS NOT NULL;
