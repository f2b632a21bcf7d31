-- Kept case reports (issue 11): village daily, township weekly, county monthly (日报/周报/月报),
-- generated on their schedule (generated_by NULL: once per region and period, the partial unique
-- index below) and on demand (a new row each time, by whom). figures: the indicator values with
-- 环比/同比 and the child regions' values; lists: the records behind the figures (case numbers).
CREATE TABLE case_report (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  kind          text NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly')),
  region_code   text NOT NULL REFERENCES region (code),
  region_path   ltree NOT NULL,
  region_name   text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL CHECK (period_to > period_from),
  scheduled     boolean NOT NULL,
  figures       jsonb NOT NULL,
  lists         jsonb NOT NULL,
  generated_by  bigint REFERENCES account (id),
  generated_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  CHECK (scheduled = (generated_by IS NULL))
);
CREATE UNIQUE INDEX case_report_scheduled_idx
  ON case_report (county_code, kind, region_code, period_from) WHERE scheduled;
CREATE INDEX case_report_recent_idx ON case_report (county_code, period_from DESC, id DESC);
CREATE INDEX case_report_path_gist ON case_report USING gist (region_path);
