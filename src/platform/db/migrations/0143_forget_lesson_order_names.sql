-- PIPL 删除 (migrations 0097, 0107, 0127): the party-lesson orders' steps (0142) copy their actor's
-- name too; closing an account replaces it there as well. Recreated with every table 0127 handles.
CREATE OR REPLACE FUNCTION forget_account_name(p_account bigint, p_name text) RETURNS jsonb
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
  UPDATE campaign_history SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('campaign_history', n);
  UPDATE emergency_report SET reported_by_name = p_name WHERE reported_by = p_account AND reported_by_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('emergency_report', n);
  UPDATE emergency_history SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('emergency_history', n);
  UPDATE whistle_step SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name IS DISTINCT FROM p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('whistle_step', n);
  UPDATE resolution_update SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('resolution_update', n);
  UPDATE major_matter_step SET actor_name = p_name WHERE actor_account_id = p_account AND actor_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('major_matter_step', n);
  UPDATE lesson_order_step SET actor_name = p_name WHERE actor_id = p_account AND actor_name <> p_name;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('lesson_order_step', n);
  RETURN counts;
END $$;
