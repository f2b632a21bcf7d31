-- A petition turned into a dispute (to_dispute) points at the dispute record the step made.
ALTER TABLE petition
  ADD CONSTRAINT petition_dispute_fk FOREIGN KEY (county_code, dispute_id) REFERENCES dispute (county_code, id);
CREATE INDEX petition_dispute_idx ON petition (county_code, dispute_id) WHERE dispute_id IS NOT NULL;
