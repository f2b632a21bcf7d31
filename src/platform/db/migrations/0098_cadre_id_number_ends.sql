-- Cadres keep their ID number like residents do: encrypted (AES-GCM), found only by its blind index,
-- shown masked; one cadre record per person in a county. Helper assignments (enterprise_helper) and
-- mentor pairs (cadre_mentor) end with a date and a reason.
ALTER TABLE cadre
  ADD COLUMN id_number_enc    bytea,
  ADD COLUMN id_number_hash   bytea,
  ADD COLUMN id_number_masked text;
CREATE UNIQUE INDEX cadre_id_number_hash_idx ON cadre (county_code, id_number_hash) WHERE id_number_hash IS NOT NULL;

ALTER TABLE cadre_mentor
  ADD COLUMN end_reason text CHECK (end_reason IS NULL OR length(end_reason) BETWEEN 2 AND 200);
ALTER TABLE enterprise_helper
  ADD COLUMN end_reason text CHECK (end_reason IS NULL OR length(end_reason) BETWEEN 2 AND 200);
