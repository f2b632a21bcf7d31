-- 应急 live (issue 13): the centre's emergency map fills in through server-sent events instead of
-- polling. Every report of a household, every shared position and every declaration or closing
-- becomes a row of emergency_live_event, written by triggers in the change's own transaction (as
-- case_live_event, migration 0103). Every server instance tails it by transaction id past a
-- snapshot horizon and hands each row to the streams whose scope holds its place (the household's
-- grid, the worker's grid, the event's region). A row names only the event, the grid and the
-- kind: no household, no person, no coordinates — the page reloads the map, which is scoped.
-- Only changes of the last hour become rows (a backfill or the demo's history does not); rows
-- older than a day are pruned by the readers.
CREATE TABLE emergency_live_event (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  at           timestamptz NOT NULL DEFAULT now(),
  event_id     bigint NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('declared', 'report', 'position', 'closed')),
  grid_code    text,
  area_path    ltree NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX emergency_live_event_xid_idx ON emergency_live_event (xid);
CREATE INDEX emergency_live_event_at_idx ON emergency_live_event (at);

CREATE FUNCTION emergency_live_after_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO emergency_live_event (county_code, event_id, kind, grid_code, area_path)
  SELECT n.county_code, n.event_id, 'report', c.grid_code, c.grid_path
  FROM new_rows n
  JOIN emergency_check c ON c.county_code = n.county_code AND c.id = n.check_id
  WHERE n.received_at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER emergency_report_live AFTER INSERT ON emergency_report
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION emergency_live_after_report();

CREATE FUNCTION emergency_live_after_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO emergency_live_event (county_code, event_id, kind, grid_code, area_path)
  SELECT n.county_code, n.event_id, 'position', n.grid_code, r.path
  FROM new_rows n
  JOIN region r ON r.code = n.grid_code
  WHERE n.at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER emergency_position_live AFTER INSERT ON emergency_position
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION emergency_live_after_position();

CREATE FUNCTION emergency_live_after_declare() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO emergency_live_event (county_code, event_id, kind, area_path)
  SELECT n.county_code, n.id, 'declared', n.region_path
  FROM new_rows n
  WHERE n.declared_at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER emergency_event_live_declared AFTER INSERT ON emergency_event
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION emergency_live_after_declare();

CREATE FUNCTION emergency_live_after_close() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO emergency_live_event (county_code, event_id, kind, area_path)
  SELECT n.county_code, n.id, 'closed', n.region_path
  FROM new_rows n
  JOIN old_rows o ON o.county_code = n.county_code AND o.id = n.id
  WHERE n.state = 'closed' AND o.state <> 'closed' AND n.closed_at > now() - interval '1 hour';
  RETURN NULL;
END $$;
CREATE TRIGGER emergency_event_live_closed AFTER UPDATE ON emergency_event
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION emergency_live_after_close();
