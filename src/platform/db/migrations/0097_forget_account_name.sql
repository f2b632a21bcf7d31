-- PIPL 删除: when a person closes their account, every copy of their name that other rows took
-- when they acted (step and history logs, a wish claim, a report's or errand's contact name) is
-- replaced, set-based, in the transaction that closes the account. The rows themselves stay: what
-- was reported and done keeps its public record, only the name goes. Returns how many rows of each
-- table changed (the caller audits the counts, never the name).
--
-- A new table that copies an account's name must be added here; people/close-names.test.ts fails
-- when a text column ending in `_name` sits beside a column referencing `account` and is not listed.
CREATE FUNCTION forget_account_name(p_account bigint, p_name text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  counts jsonb := '{}';
  n int;
BEGIN
  UPDATE case_history SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('case_history', n);
  UPDATE cases SET reporter_name = p_name WHERE reporter_account_id = p_account AND reporter_name IS NOT NULL AND reporter_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('cases', n);
  UPDATE service_history SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('service_history', n);
  UPDATE wish_claim SET claimer_name = p_name WHERE claimer_account_id = p_account AND claimer_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('wish_claim', n);
  UPDATE errand SET contact_name = p_name WHERE requester_account_id = p_account AND contact_name IS NOT NULL AND contact_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('errand', n);
  UPDATE disclosure_history SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('disclosure_history', n);
  UPDATE dispute_step SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('dispute_step', n);
  UPDATE petition_history SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('petition_history', n);
  UPDATE archive_history SET actor_name = p_name WHERE actor_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('archive_history', n);
  UPDATE correction_step SET actor_name = p_name WHERE actor_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('correction_step', n);
  RETURN counts;
END $$;
