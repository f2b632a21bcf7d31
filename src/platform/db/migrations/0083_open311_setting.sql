-- A county's Open311 settings: the base URL of its test endpoint (a staging instance where
-- clients try their integration), listed in discovery beside production when set.
CREATE TABLE open311_setting (
  county_code  text PRIMARY KEY,
  test_url     text CHECK (test_url ~ '^https?://[^\s]+$' AND length(test_url) <= 300),
  updated_by   bigint REFERENCES account (id),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
