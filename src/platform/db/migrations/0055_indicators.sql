-- Indicators (issue 11, ADR 0007): the case history's figures, rolled up per day as the
-- history rows are written.
--
-- case_metrics() is the ONE definition of what a history row counts for (reported, filed,
-- closed on time, hours to close …). The from-scratch view (case_metric_row) and the rollup
-- trigger both use it, so the rollup can be checked against a computation from the history.

-- UTC+8 all year (China has no DST): the local day of a step.
CREATE FUNCTION local_day(t timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (t AT TIME ZONE 'Asia/Shanghai')::date $$;

-- Upper bounds (hours) of the duration histogram buckets; bucket i (1-based) holds
-- hours in [bound[i-1], bound[i]), the last bucket everything from 1440 h up.
CREATE FUNCTION case_hours_bucket(hours double precision) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT width_bucket(hours, ARRAY[1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 360, 720, 1440]::float8[]) + 1
$$;

CREATE FUNCTION case_metrics(
  p_county text, p_case bigint, p_hist bigint, p_action text, p_from text, p_to text,
  p_on_time boolean, p_at timestamptz, p_reported_at timestamptz, p_evaluation text
) RETURNS TABLE (metric text, hours double precision)
  LANGUAGE sql STABLE AS $$
  SELECT m.metric, m.hours
  FROM (SELECT extract(epoch FROM p_at - p_reported_at) / 3600.0 AS hrs) x
  CROSS JOIN LATERAL (VALUES
    ('reported',        NULL::float8, p_action = 'report'),
    ('filed',           x.hrs, p_from = 'reported' AND p_to IN ('filed', 'handled')),
    ('not_filed',       NULL, p_action = 'reject'),
    ('cancelled',       NULL, p_action = 'cancel'),
    ('merged',          NULL, p_action = 'merge'),
    ('dispatched',      x.hrs, p_action = 'dispatch'),
    ('accepted',        x.hrs, p_action = 'accept'),
    ('handled',         x.hrs, p_action IN ('handle', 'handle_on_spot')),
    ('handled_on_time', NULL, p_action IN ('handle', 'handle_on_spot') AND p_on_time IS TRUE),
    ('closed',          x.hrs, p_action = 'close'),
    ('closed_on_time',  NULL, p_action = 'close' AND p_on_time IS TRUE),
    ('closed_late',     NULL, p_action = 'close' AND p_on_time IS FALSE),
    ('reworked',        NULL, p_action = 'rework'),
    ('returned',        NULL, p_action = 'return'),
    ('delay_granted',   NULL, p_action = 'approve_delay'),
    ('escalated',       NULL, p_action IN ('escalate', 'auto_escalate')),
    ('reopened',        NULL, p_action = 'reopen'),
    ('eval_satisfied',  NULL, p_action = 'evaluate' AND p_evaluation = 'satisfied'),
    ('eval_basic',      NULL, p_action = 'evaluate' AND p_evaluation = 'basically_satisfied'),
    ('eval_dissatisfied', NULL, p_action = 'evaluate' AND p_evaluation = 'dissatisfied'),
    -- a case counts once, on the day it first missed a tier deadline
    ('overdue_first',   NULL, CASE WHEN p_action IN ('overdue', 'auto_escalate') THEN NOT EXISTS (
        SELECT 1 FROM case_history e
        WHERE e.county_code = p_county AND e.case_id = p_case AND e.id < p_hist
          AND e.action IN ('overdue', 'auto_escalate')) ELSE false END)
  ) AS m (metric, hours, hit)
  WHERE m.hit
$$;

-- From scratch: every history row with what it counts for (drill-down and checks read this).
CREATE VIEW case_metric_row AS
  SELECT h.county_code, h.case_id, h.id AS history_id, h.at, local_day(h.at) AS day,
         c.grid_code, c.grid_path, c.category_code, c.source,
         coalesce(h.department_id, c.department_id) AS department_id, m.metric, m.hours
  FROM case_history h
  JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
  CROSS JOIN LATERAL case_metrics(h.county_code, h.case_id, h.id, h.action, h.from_state, h.to_state,
                                  h.on_time, h.at, c.reported_at, c.evaluation) m;

-- The rollup: insert-only deltas (no hot row is ever updated by a case step, so steps of one
-- county never wait on each other); compact_case_rollup() folds a day's deltas into one row
-- per key. dim 'all' is kept at county, township, village and grid; 'category', 'source',
-- 'department' and 'hist' (duration buckets, key '<metric>:<bucket>') at county, township
-- and village.
CREATE TABLE case_rollup (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  region_code  text NOT NULL,
  day          date NOT NULL,
  dim          text NOT NULL CHECK (dim IN ('all', 'category', 'source', 'department', 'hist')),
  key          text NOT NULL,
  metric       text NOT NULL,
  n            bigint NOT NULL,
  hours        double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX case_rollup_lookup_idx ON case_rollup (county_code, region_code, dim, day)
  INCLUDE (key, metric, n, hours);
-- compaction works by day
CREATE INDEX case_rollup_day_idx ON case_rollup (county_code, day);

-- The statement that adds a set of history rows (a table or the trigger's transition table,
-- named by src) to the rollup: one text, used by the trigger and the backfill below.
CREATE FUNCTION case_rollup_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  INSERT INTO case_rollup (county_code, region_code, day, dim, key, metric, n, hours)
  SELECT h.county_code, lv.region_code, local_day(h.at), d.dim, d.key, m.metric,
         count(*), coalesce(sum(m.hours), 0)
  FROM %I h
  JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
  CROSS JOIN LATERAL case_metrics(h.county_code, h.case_id, h.id, h.action, h.from_state, h.to_state,
                                  h.on_time, h.at, c.reported_at, c.evaluation) m
  CROSS JOIN LATERAL (VALUES (left(c.grid_code, 6), 1), (left(c.grid_code, 9), 2),
                             (left(c.grid_code, 12), 3), (c.grid_code, 4)) lv (region_code, lvl)
  CROSS JOIN LATERAL (VALUES
    ('all', ''),
    ('category', c.category_code),
    ('source', c.source),
    ('department', coalesce(h.department_id, c.department_id)::text),
    ('hist', CASE WHEN m.hours IS NOT NULL THEN m.metric || ':' || case_hours_bucket(m.hours) END)
  ) d (dim, key)
  WHERE d.key IS NOT NULL AND (d.dim = 'all' OR lv.lvl < 4)
  GROUP BY 1, 2, 3, 4, 5, 6
  $q$, src)
$f$;

CREATE FUNCTION case_rollup_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE case_rollup_sql('new_rows');
  RETURN NULL;
END $$;

CREATE TRIGGER case_history_rollup AFTER INSERT ON case_history
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_after_insert();

-- Folds the deltas of one county's days into one row per key (rows inserted meanwhile by
-- other transactions are not visible to the DELETE and stay as they are).
CREATE FUNCTION compact_case_rollup(p_county text, p_from date, p_to date) RETURNS bigint
  LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM case_rollup
    WHERE county_code = p_county AND day >= p_from AND day < p_to
    RETURNING county_code, region_code, day, dim, key, metric, n, hours
  ), folded AS (
    INSERT INTO case_rollup (county_code, region_code, day, dim, key, metric, n, hours)
    SELECT county_code, region_code, day, dim, key, metric, sum(n), sum(hours)
    FROM gone GROUP BY 1, 2, 3, 4, 5, 6
    RETURNING 1
  )
  SELECT count(*) FROM folded
$$;

-- The rollup of whatever history exists already.
DO $$ BEGIN EXECUTE case_rollup_sql('case_history'); END $$;

-- "Open now" and "overdue now" are read from the cases themselves: only the open ones.
CREATE INDEX cases_open_path_gist ON cases USING gist (grid_path)
  WHERE state IN ('reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended');

-- Drill-down and the from-scratch computation read history by time.
CREATE INDEX case_history_at_idx ON case_history (county_code, at);
