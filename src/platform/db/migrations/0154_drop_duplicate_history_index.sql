-- case_history had two identical indexes on (county_code, at): case_history_county_at_idx
-- (0006, for Open311's updated_after) and case_history_at_idx (0055, for the indicators).
-- Every history row paid for both; one serves both readers.
DROP INDEX IF EXISTS case_history_county_at_idx;
