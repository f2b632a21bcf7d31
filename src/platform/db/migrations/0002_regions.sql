-- The territory tree: province > city > county > township > village > grid (> sub-grid).
-- Codes are the national statistical division codes (2/4/6/9/12 digits); a grid is
-- its village's code + a 3-digit sequence. `path` is the ltree of codes from the
-- province down, so "everything under X" is one GiST-indexed `path <@ X.path`.
-- Small and read-mostly: on Citus this is a reference table (see docs/adr/0002).
CREATE TABLE region (
  code         text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3}([0-9]{3}([0-9]{3})?)?)?)?)?)?$'),
  parent_code  text REFERENCES region (code),
  county_code  text CHECK (county_code IS NULL OR county_code ~ '^[0-9]{6}$'),
  level        text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village', 'grid')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  path         ltree NOT NULL UNIQUE,
  -- village: 'village' (rural) | 'community' (urban); grid: 'rural' | 'community'
  kind         text CHECK (kind IN ('village', 'community', 'rural')),
  -- GeoJSON Polygon/MultiPolygon in WGS-84 and its bounding box
  geometry     jsonb,
  min_lng      double precision,
  min_lat      double precision,
  max_lng      double precision,
  max_lat      double precision,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((level IN ('province', 'city')) = (county_code IS NULL)),
  CHECK ((parent_code IS NULL) = (level = 'province'))
);
CREATE INDEX region_path_gist ON region USING gist (path);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_county_level_idx ON region (county_code, level);
CREATE INDEX region_name_trgm ON region USING gin (name gin_trgm_ops);

-- Bumped whenever grids change, so every server instance rebuilds its point->grid index.
CREATE TABLE grid_index_version (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  version  bigint NOT NULL DEFAULT 0
);
INSERT INTO grid_index_version (id, version) VALUES (true, 0);
