-- A case's place from the territory (issue 11 "Maps"): the grid unit (村民小组、自然屯、楼栋) a
-- case was reported in, so lists, the case file and the maps name village, group and grid instead
-- of bare coordinates. Grid units get a point (where the hamlet, group or building sits; set by
-- the village or imported); a case is linked at intake to the unit of its grid nearest its point.

ALTER TABLE grid_unit
  ADD COLUMN lng double precision CHECK (lng BETWEEN 73 AND 136),
  ADD COLUMN lat double precision CHECK (lat BETWEEN 3 AND 54),
  ADD CHECK ((lng IS NULL) = (lat IS NULL));

ALTER TABLE cases
  ADD COLUMN unit_id bigint,
  ADD FOREIGN KEY (county_code, unit_id) REFERENCES grid_unit (county_code, id);

-- The top-level unit of the grid nearest the point (east–west degrees shortened by the latitude);
-- null without a point or when none of the grid's units has one.
CREATE FUNCTION case_unit_of(p_county text, p_grid text, p_lng double precision, p_lat double precision)
RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT u.id FROM grid_unit u
   WHERE p_lng IS NOT NULL AND p_lat IS NOT NULL
     AND u.county_code = p_county AND u.grid_code = p_grid AND u.parent_id IS NULL AND u.lng IS NOT NULL
   ORDER BY (u.lng - p_lng) ^ 2 * cos(radians(p_lat)) ^ 2 + (u.lat - p_lat) ^ 2, u.id
   LIMIT 1
$$;

-- At intake (and when a case's point or grid is corrected): the place follows the point.
CREATE FUNCTION case_unit_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.unit_id := case_unit_of(NEW.county_code, NEW.grid_code, NEW.lng, NEW.lat);
  RETURN NEW;
END $$;
CREATE TRIGGER case_unit_link BEFORE INSERT OR UPDATE OF lng, lat, grid_code ON cases
  FOR EACH ROW EXECUTE FUNCTION case_unit_link();

-- A unit placed (or moved) later: the cases of its grid still without a unit are linked then —
-- a case already linked keeps the place it was given.
CREATE FUNCTION case_unit_backfill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET unit_id = case_unit_of(c.county_code, c.grid_code, c.lng, c.lat)
    FROM (SELECT DISTINCT county_code, grid_path FROM placed WHERE lng IS NOT NULL) g
   WHERE c.county_code = g.county_code AND c.grid_path = g.grid_path
     AND c.unit_id IS NULL AND c.lng IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER grid_unit_placed_insert AFTER INSERT ON grid_unit
  REFERENCING NEW TABLE AS placed FOR EACH STATEMENT EXECUTE FUNCTION case_unit_backfill();
CREATE TRIGGER grid_unit_placed_update AFTER UPDATE ON grid_unit
  REFERENCING NEW TABLE AS placed FOR EACH STATEMENT EXECUTE FUNCTION case_unit_backfill();

-- Backfill: the cases already there, for the units that already have a point.
UPDATE cases SET unit_id = case_unit_of(county_code, grid_code, lng, lat)
 WHERE lng IS NOT NULL AND unit_id IS NULL;

CREATE INDEX cases_unit_idx ON cases (county_code, unit_id) WHERE unit_id IS NOT NULL;
