-- 周调度 / 月调度: the township's weekly and the county's monthly dispatch meeting, one per region and
-- period (the same key as its dispute_report), with the disputes dispatched and what was decided.
CREATE TABLE dispute_dispatch (
  county_code    text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  region_code    text NOT NULL REFERENCES region (code),
  region_path    ltree NOT NULL,
  period         text NOT NULL CHECK (period IN ('week', 'month')),
  period_start   date NOT NULL,
  held_on        date NOT NULL,
  chair          text NOT NULL CHECK (length(chair) BETWEEN 1 AND 60),
  attendees      text NOT NULL CHECK (length(attendees) BETWEEN 1 AND 1000),
  notes          text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  recorded_by    bigint REFERENCES account (id),
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, region_code, period, period_start)
);
CREATE INDEX dispute_dispatch_path_gist ON dispute_dispatch USING gist (region_path);

CREATE TABLE dispute_dispatch_item (
  county_code    text NOT NULL,
  dispatch_id    bigint NOT NULL,
  dispute_id     bigint NOT NULL,
  -- who is to handle it (an office, a department, a named person) and what the meeting decided
  assignee       text NOT NULL DEFAULT '' CHECK (length(assignee) <= 100),
  decision       text NOT NULL CHECK (length(decision) BETWEEN 1 AND 500),
  due_on         date,
  PRIMARY KEY (county_code, dispatch_id, dispute_id),
  FOREIGN KEY (county_code, dispatch_id) REFERENCES dispute_dispatch (county_code, id) ON DELETE CASCADE,
  FOREIGN KEY (county_code, dispute_id) REFERENCES dispute (county_code, id)
);
CREATE INDEX dispute_dispatch_item_dispute_idx ON dispute_dispatch_item (county_code, dispute_id);
