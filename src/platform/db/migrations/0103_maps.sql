-- A county's maps (issue 11 "Maps"): which tiles the maps draw under the grid polygons, and
-- whether residents may see the public map of reports (off until the county turns it on).
-- 'none' draws the grid polygons alone (offline machines); 'tianditu' needs the county's key;
-- 'amap' tiles are GCJ-02, so the web shifts markers and polygons onto them; 'custom' is any
-- {z}/{x}/{y} template with its coordinate system.
CREATE TABLE map_setting (
  county_code   text PRIMARY KEY,
  tiles         text NOT NULL DEFAULT 'none' CHECK (tiles IN ('none', 'tianditu', 'amap', 'custom')),
  tianditu_key  text CHECK (tianditu_key ~ '^[0-9A-Za-z]{16,64}$'),
  custom_url    text CHECK (custom_url ~ '^https?://[^\s<>"'']+$' AND length(custom_url) <= 300),
  custom_crs    text NOT NULL DEFAULT 'wgs84' CHECK (custom_crs IN ('wgs84', 'gcj02')),
  public_map    boolean NOT NULL DEFAULT false,
  updated_by    bigint REFERENCES account (id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (tiles <> 'tianditu' OR tianditu_key IS NOT NULL),
  CHECK (tiles <> 'custom' OR custom_url IS NOT NULL)
);

-- County-wide live events (the dashboard): a case reported or closed, with the grid it lies in,
-- written by a trigger in the transaction of its history row. Every server instance tails this
-- table by transaction id past a snapshot horizon (as the inbox, migration 0030) and hands each
-- event to the dashboard streams whose scope holds the grid. Only steps of the last hour become
-- events (a backfill or the demo's history does not); rows older than a day are pruned by the
-- readers.
CREATE TABLE case_live_event (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  at           timestamptz NOT NULL DEFAULT now(),
  case_id      bigint NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('reported', 'closed')),
  number       text NOT NULL,
  state        text NOT NULL,
  grid_code    text NOT NULL,
  grid_path    ltree NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX case_live_event_xid_idx ON case_live_event (xid);
CREATE INDEX case_live_event_at_idx ON case_live_event (at);

CREATE FUNCTION case_live_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_live_event (county_code, case_id, kind, number, state, grid_code, grid_path)
  SELECT h.county_code, h.case_id, CASE WHEN h.action = 'report' THEN 'reported' ELSE 'closed' END,
         c.number, h.to_state, c.grid_code, c.grid_path
  FROM new_rows h
  JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
  WHERE h.at > now() - interval '1 hour'
    AND (h.action = 'report' OR (h.to_state = 'closed' AND h.from_state IS DISTINCT FROM 'closed'));
  RETURN NULL;
END $$;

CREATE TRIGGER case_history_live AFTER INSERT ON case_history
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_live_after_insert();
