-- Campaign and emergency status for other systems' subscribers (docs/exchange.md): events
-- `campaign.progress`, `campaign.closed`, `emergency.declared`, `emergency.progress`,
-- `emergency.closed`. Declared and closed are written by triggers in the transaction of the change
-- (the outbox of migration 0174); progress is counted by a sweep (exchange/progress.ts) at most once
-- a minute per campaign or emergency, and only when the counts moved since the last one sent (this
-- table's mark), so a campaign of 10,000 targets done in an afternoon is a webhook a minute, not
-- 10,000. A system hears an event only if the campaign's or emergency's whole region lies in its
-- scope. Payloads carry counts by state and the subject's id, title and region: no person, no
-- household.
CREATE TABLE exchange_progress_mark (
  county_code  text NOT NULL,
  subject      text NOT NULL CHECK (subject IN ('campaign', 'emergency')),
  subject_id   bigint NOT NULL,
  counts       jsonb NOT NULL,
  sent_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, subject, subject_id)
);

-- one delivery per live subscriber of the event whose system's scope holds the region
CREATE FUNCTION exchange_enqueue(p_county text, p_path ltree, p_event text, p_payload jsonb)
RETURNS integer LANGUAGE sql AS $$
  WITH ins AS (
    INSERT INTO exchange_delivery (county_code, subscription_id, event, payload)
    SELECT s.county_code, s.id, p_event, p_payload
    FROM exchange_subscription s
    JOIN system_account a
      ON a.county_code = s.county_code AND a.id = s.system_account_id AND a.revoked_at IS NULL
     AND p_path <@ a.scope_path
    WHERE s.county_code = p_county AND s.removed_at IS NULL AND p_event = ANY (s.events)
    RETURNING 1
  )
  SELECT count(*)::int FROM ins
$$;

CREATE FUNCTION exchange_campaign_counts(p_county text, p_id bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'open', count(*) FILTER (WHERE state = 'open'),
    'done', count(*) FILTER (WHERE state = 'done'),
    'notApplicable', count(*) FILTER (WHERE state = 'not_applicable'),
    'missed', count(*) FILTER (WHERE state = 'missed'))
  FROM campaign_target WHERE county_code = p_county AND campaign_id = p_id
$$;

CREATE FUNCTION exchange_emergency_counts(p_county text, p_id bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'pending', count(*) FILTER (WHERE status = 'pending'),
    'safe', count(*) FILTER (WHERE status = 'safe'),
    'evacuated', count(*) FILTER (WHERE status = 'evacuated'),
    'needsHelp', count(*) FILTER (WHERE status = 'needs_help'),
    'unreachable', count(*) FILTER (WHERE status = 'unreachable'))
  FROM emergency_check WHERE county_code = p_county AND event_id = p_id
$$;

CREATE FUNCTION exchange_campaign_payload(c campaign, p_event text, p_at timestamptz) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'event', p_event, 'occurredAt', p_at,
    'campaign', jsonb_build_object(
      'id', c.id, 'title', c.title, 'templateKey', c.template_key, 'regionCode', c.region_code,
      'state', c.state, 'startsOn', c.starts_on, 'endsOn', c.ends_on, 'targetCount', c.target_count,
      'counts', exchange_campaign_counts(c.county_code, c.id)))
$$;

CREATE FUNCTION exchange_emergency_payload(e emergency_event, p_event text, p_at timestamptz) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'event', p_event, 'occurredAt', p_at,
    'emergency', jsonb_build_object(
      'id', e.id, 'kind', e.kind, 'title', e.title, 'regionCode', e.region_code, 'state', e.state,
      'declaredAt', e.declared_at, 'closedAt', e.closed_at,
      'counts', exchange_emergency_counts(e.county_code, e.id)))
$$;

CREATE FUNCTION exchange_after_emergency_declared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM exchange_enqueue(e.county_code, e.region_path, 'emergency.declared',
                           exchange_emergency_payload(e, 'emergency.declared', e.declared_at))
  FROM new_rows n
  JOIN emergency_event e ON e.county_code = n.county_code AND e.id = n.id
  WHERE n.declared_at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER emergency_event_exchange_declared AFTER INSERT ON emergency_event
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION exchange_after_emergency_declared();

CREATE FUNCTION exchange_after_emergency_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM exchange_enqueue(e.county_code, e.region_path, 'emergency.closed',
                           exchange_emergency_payload(e, 'emergency.closed', e.closed_at))
  FROM new_rows n
  JOIN emergency_event e ON e.county_code = n.county_code AND e.id = n.id
  JOIN old_rows o ON o.county_code = n.county_code AND o.id = n.id
  WHERE n.state = 'closed' AND o.state <> 'closed' AND n.closed_at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER emergency_event_exchange_closed AFTER UPDATE ON emergency_event
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION exchange_after_emergency_closed();

CREATE FUNCTION exchange_after_campaign_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM exchange_enqueue(c.county_code, c.region_path, 'campaign.closed',
                           exchange_campaign_payload(c, 'campaign.closed', c.closed_at))
  FROM new_rows n
  JOIN campaign c ON c.county_code = n.county_code AND c.id = n.id
  JOIN old_rows o ON o.county_code = n.county_code AND o.id = n.id
  WHERE n.state = 'closed' AND o.state <> 'closed' AND n.closed_at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER campaign_exchange_closed AFTER UPDATE ON campaign
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION exchange_after_campaign_closed();
