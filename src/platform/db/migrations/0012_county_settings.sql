-- Settings belong to a county. The category catalogue's deadlines and the working
-- calendar were single global rows, so one county's administrator changed every
-- county's deadlines and holidays. From here on:
--
--   * category.deadlines and calendar_day hold the NATIONAL DEFAULTS (the catalogue's
--     deadlines; the State Council's holidays and make-up days). Existing rows stay
--     and become those defaults: we cannot tell which county an earlier edit was
--     meant for, and every county used them until now, so nothing changes for anyone.
--   * a county's own deadlines live in category_deadline; a county without a row for
--     a category uses the default.
--   * a county's calendar = the national days + its own overrides (county_calendar_day),
--     the county's entry winning on the same date.
--
-- Escalation rules, points rules, visit policy and service items were already keyed by
-- county (county_code in their primary keys) and are untouched here.

CREATE TABLE category_deadline (
  county_code    text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  category_code  text NOT NULL REFERENCES category (code),
  -- {"village": {"amount": 1, "unit": "sameday"}, "township": {...}, "county": {...}}
  deadlines      jsonb NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, category_code)
);

CREATE TABLE county_calendar_day (
  county_code  text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  day          date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name         text,
  PRIMARY KEY (county_code, day)
);
