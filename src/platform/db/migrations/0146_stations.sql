-- Service stations and the 500 m circle (issue 14, J9/J12): party-and-people service centres
-- (党群服务中心) and grid stations (网格驿站/便民服务站) with their place, hours, services, staff and
-- volunteers; activities with booking and attendance; lending of convenience items with stock.
-- Capacity and stock are enforced here, not only in code: a CHECK keeps `booked` within
-- `capacity` and `on_hand` within 0..total, and the use cases change them by one conditional
-- UPDATE, so two requests at once can never overbook or lend the last item twice.

CREATE TABLE station (
  county_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- the village/community (or township, for a centre) the station belongs to
  region_code text NOT NULL REFERENCES region (code),
  region_path ltree NOT NULL,
  kind text NOT NULL CHECK (kind IN ('centre', 'station')),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  address text NOT NULL CHECK (length(address) BETWEEN 2 AND 120),
  lng double precision NOT NULL CHECK (lng BETWEEN 73 AND 136),
  lat double precision NOT NULL CHECK (lat BETWEEN 3 AND 54),
  opening_hours text NOT NULL CHECK (length(opening_hours) BETWEEN 2 AND 120),
  services text[] NOT NULL DEFAULT '{}',
  lends boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_by bigint REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX station_path_idx ON station USING gist (region_path);

-- staff and volunteers (a volunteer may have no account)
CREATE TABLE station_person (
  county_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  station_id bigint NOT NULL,
  role text NOT NULL CHECK (role IN ('staff', 'volunteer')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  duty text NOT NULL DEFAULT '' CHECK (length(duty) <= 60),
  account_id bigint REFERENCES account (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, station_id) REFERENCES station (county_code, id)
);
CREATE INDEX station_person_station_idx ON station_person (county_code, station_id);

CREATE TABLE station_activity (
  county_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  station_id bigint NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 80),
  service text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  booked int NOT NULL DEFAULT 0,
  attended int NOT NULL DEFAULT 0,
  cancelled_at timestamptz,
  created_by bigint REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, station_id) REFERENCES station (county_code, id),
  CONSTRAINT station_activity_capacity CHECK (booked BETWEEN 0 AND capacity),
  CHECK (attended BETWEEN 0 AND booked)
);
CREATE INDEX station_activity_station_idx ON station_activity (county_code, station_id, starts_at);

CREATE TABLE activity_booking (
  county_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  activity_id bigint NOT NULL,
  resident_id bigint NOT NULL,
  booked_by bigint REFERENCES account (id),
  booked_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  attended_at timestamptz,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, activity_id) REFERENCES station_activity (county_code, id),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id),
  CHECK (cancelled_at IS NULL OR attended_at IS NULL)
);
-- one live booking per resident and activity
CREATE UNIQUE INDEX activity_booking_once ON activity_booking (county_code, activity_id, resident_id)
  WHERE cancelled_at IS NULL;

-- stock of one kind of item at one station
CREATE TABLE station_stock (
  county_code text NOT NULL,
  station_id bigint NOT NULL,
  item_kind text NOT NULL,
  total int NOT NULL CHECK (total BETWEEN 0 AND 10000),
  on_hand int NOT NULL,
  PRIMARY KEY (county_code, station_id, item_kind),
  FOREIGN KEY (county_code, station_id) REFERENCES station (county_code, id),
  CONSTRAINT station_stock_on_hand CHECK (on_hand BETWEEN 0 AND total)
);

CREATE TABLE station_loan (
  county_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  station_id bigint NOT NULL,
  region_path ltree NOT NULL,
  item_kind text NOT NULL,
  resident_id bigint NOT NULL,
  state text NOT NULL DEFAULT 'lent' CHECK (state IN ('lent', 'returned', 'lost')),
  lent_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL CHECK (due_at > lent_at),
  returned_at timestamptz,
  lost_at timestamptz,
  -- returned after due_at: kept as a fact of the loan (the late return is on record)
  returned_late boolean,
  reminded_at timestamptz,
  lent_by bigint REFERENCES account (id),
  note text CHECK (length(note) <= 200),
  version int NOT NULL DEFAULT 1,
  client_request_id text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, station_id) REFERENCES station (county_code, id),
  FOREIGN KEY (county_code, station_id, item_kind) REFERENCES station_stock (county_code, station_id, item_kind),
  FOREIGN KEY (county_code, resident_id) REFERENCES resident (county_code, id),
  CHECK ((state = 'returned') = (returned_at IS NOT NULL)),
  CHECK ((state = 'lost') = (lost_at IS NOT NULL))
);
CREATE INDEX station_loan_path_idx ON station_loan USING gist (region_path);
CREATE INDEX station_loan_resident_idx ON station_loan (county_code, resident_id);
CREATE INDEX station_loan_overdue_idx ON station_loan (due_at) WHERE state = 'lent' AND reminded_at IS NULL;
CREATE UNIQUE INDEX station_loan_request ON station_loan (county_code, lent_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- the loan's step log (the workflow runner's): who returned it or recorded it lost, when
CREATE TABLE station_loan_step (
  county_code text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  loan_id bigint NOT NULL,
  action text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  actor_account_id bigint REFERENCES account (id),
  note text,
  at timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, loan_id) REFERENCES station_loan (county_code, id)
);
CREATE INDEX station_loan_step_loan_idx ON station_loan_step (county_code, loan_id);

-- The estimated walking distance in metres between two points: great-circle (haversine) distance
-- × 1.3, the detour factor of a walk (no road network in the data, no PostGIS; see
-- src/modules/stations/reach.ts, which must agree).
CREATE FUNCTION walking_metres(lng1 double precision, lat1 double precision, lng2 double precision, lat2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 1.3 * 2 * 6371008.8 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2)))
$$;
CREATE INDEX station_active_idx ON station (county_code) WHERE active;

-- an overdue reminder is about a loan
ALTER TABLE notification DROP CONSTRAINT notification_about_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_about_type_check
  CHECK (about_type IN ('case', 'wish', 'errand', 'disclosure', 'redemption', 'points', 'visit', 'dispute', 'petition',
    'emergency', 'whistle', 'campaign', 'call', 'station_loan'));
