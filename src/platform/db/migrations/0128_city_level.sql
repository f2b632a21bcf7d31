-- The city level (issue 13, 上级号召、全市响应): a city centre (市级指挥中心) whose scope is a city
-- node (4-digit code) over several counties. County data stays keyed by county_code (ADR 0002):
-- a city account's county_code holds its city's 4-digit code, which matches no county's rows, so
-- every county-keyed query finds nothing for it unless a route reads the city's counties on purpose
-- (campaigns only: docs/SECURITY.md, "The city role").
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('resident', 'grid_worker',
  'village_staff', 'township_centre', 'county_centre', 'city_centre', 'department_staff', 'party_organiser', 'admin'));
ALTER TABLE account DROP CONSTRAINT account_county_code_check;
ALTER TABLE account ADD CONSTRAINT account_county_code_check CHECK (
  county_code ~ '^[0-9]{6}$' OR (role = 'city_centre' AND county_code ~ '^[0-9]{4}$'));

-- A campaign a city launches over its counties: the header holds what is shared (title, window,
-- rule, checklist); the rule runs per county and each county's targets belong to one `campaign`
-- row of that county (city_campaign_id), so targets, steps and progress stay keyed by county.
CREATE TABLE city_campaign (
  city_code          text NOT NULL CHECK (city_code ~ '^[0-9]{4}$') REFERENCES region (code),
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title              text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  template_key       text,
  launched_by        bigint NOT NULL REFERENCES account (id),
  rule               jsonb NOT NULL,
  checklist          jsonb NOT NULL,
  supervising        text[] NOT NULL CHECK (supervising <@ ARRAY['county', 'township', 'village']::text[]),
  starts_on          date NOT NULL,
  ends_on            date NOT NULL,
  state              text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'closed')),
  version            integer NOT NULL DEFAULT 1,
  close_reason       text CHECK (length(close_reason) BETWEEN 2 AND 500),
  closed_at          timestamptz,
  closed_by          bigint REFERENCES account (id),
  client_request_id  uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX city_campaign_city_idx ON city_campaign (city_code, id);
CREATE UNIQUE INDEX city_campaign_client_request_idx ON city_campaign (launched_by, client_request_id)
  WHERE client_request_id IS NOT NULL;

ALTER TABLE campaign ADD COLUMN city_campaign_id bigint REFERENCES city_campaign (id);
CREATE INDEX campaign_city_campaign_idx ON campaign (city_campaign_id) WHERE city_campaign_id IS NOT NULL;
