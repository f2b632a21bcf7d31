-- A monthly level over the daily case rollup (issue 11: the county dashboard on a million cases).
--
-- case_rollup keeps one row per region, local day, dimension, key and metric: a month of the
-- county's figures by category or department is thousands of rows, a twelve-month trend 365 days
-- of them. case_rollup_month keeps the same sums per local month (its first day), in the same
-- shape (county and townships by every dimension, villages 'all' only): a month's figures are
-- read from a handful of rows; the readers (indicators/sources.ts) take the whole months of a
-- window from here and only its partial edges from case_rollup.
--
-- It is maintained with the daily level, never apart from it:
--   * fold_case_rollup() (0091) now writes the deltas of the history rows it takes into both
--     levels in its one statement (the day rows, then those rows summed per month), so a
--     reader's snapshot sees a history row pending or in both levels, never in one only;
--   * compact_case_rollup_month() folds a range of months' deltas into one row per key (as
--     compact_case_rollup does days);
--   * rebuild_case_rollup() (0108) writes the month level from the day rows it writes, in the
--     same statement; rebuild_case_rollup_month() writes a county's month level again from its
--     day level alone (for a loader that writes case_rollup some other way, and after a repair).
-- The sums are the same numbers as the day level's (counts exactly; hours summed in another
-- order, equal to rounding): rollup.test.ts holds the two levels and the scratch computation to
-- each other on a fixed data set and on windows that start and end mid-month.

CREATE TABLE case_rollup_month (
  county_code  text NOT NULL,
  region_code  text NOT NULL,
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  dim          text NOT NULL CHECK (dim IN ('all', 'category', 'source', 'department', 'hist')),
  key          text NOT NULL,
  metric       text NOT NULL,
  n            bigint NOT NULL,
  hours        double precision NOT NULL DEFAULT 0
);
CREATE INDEX case_rollup_month_lookup_idx ON case_rollup_month (county_code, region_code, dim, month)
  INCLUDE (key, metric, n, hours);

-- The SELECT of case_rollup_sql (0090), on its own, so that one statement can write its rows to
-- both levels; case_rollup_sql stays that SELECT behind the INSERT into the day level.
CREATE FUNCTION case_rollup_select_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  SELECT h.county_code, lv.region_code, local_day(h.at) AS day, d.dim, d.key, m.metric,
         count(*) AS n, coalesce(sum(m.hours), 0) AS hours
  FROM %I h
  JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
  CROSS JOIN LATERAL case_metrics(h.county_code, h.case_id, h.id, h.action, h.from_state, h.to_state,
                                  h.on_time, h.at, c.reported_at, c.evaluation) m
  CROSS JOIN LATERAL (VALUES (left(c.grid_code, 6), 1), (left(c.grid_code, 9), 2),
                             (left(c.grid_code, 12), 3)) lv (region_code, lvl)
  CROSS JOIN LATERAL (VALUES
    ('all', ''),
    ('category', c.category_code),
    ('source', c.source),
    ('department', coalesce(h.department_id, c.department_id)::text),
    ('hist', CASE WHEN m.hours IS NOT NULL THEN m.metric || ':' || case_hours_bucket(m.hours) END)
  ) d (dim, key)
  WHERE d.key IS NOT NULL AND (d.dim = 'all' OR lv.lvl < 3)
  GROUP BY 1, 2, 3, 4, 5, 6
  $q$, src)
$f$;

CREATE OR REPLACE FUNCTION case_rollup_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT 'INSERT INTO case_rollup (county_code, region_code, day, dim, key, metric, n, hours) '
         || case_rollup_select_sql(src)
$f$;

-- Moves at most p_limit pending history rows into both levels; returns how many it moved.
CREATE OR REPLACE FUNCTION fold_case_rollup(p_limit integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE moved bigint;
BEGIN
  EXECUTE 'WITH gone AS (
      DELETE FROM case_rollup_pending WHERE (county_code, history_id) IN (
        SELECT county_code, history_id FROM case_rollup_pending
        ORDER BY county_code, history_id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING county_code, history_id
    ), folded AS (
      SELECT h.* FROM case_history h JOIN gone g ON h.county_code = g.county_code AND h.id = g.history_id
    ), days AS MATERIALIZED (' || case_rollup_select_sql('folded') || '
    ), ins AS (
      INSERT INTO case_rollup (county_code, region_code, day, dim, key, metric, n, hours)
      SELECT county_code, region_code, day, dim, key, metric, n, hours FROM days
    ), ins_month AS (
      INSERT INTO case_rollup_month (county_code, region_code, month, dim, key, metric, n, hours)
      SELECT county_code, region_code, date_trunc(''month'', day::timestamp)::date, dim, key, metric, sum(n), sum(hours)
      FROM days GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT count(*) FROM gone'
  INTO moved USING p_limit;
  RETURN moved;
END $$;

-- Folds the deltas of one county's months [p_from, p_to) into one row per key. Only keys with
-- more than one row are rewritten (a month's compacted rows stay where they are: the server
-- compacts the current month every few minutes). Rows inserted meanwhile by other transactions
-- are not visible to the DELETE and stay as they are.
CREATE FUNCTION compact_case_rollup_month(p_county text, p_from date, p_to date) RETURNS bigint
  LANGUAGE sql AS $$
  WITH dup AS (
    SELECT region_code, month, dim, key, metric FROM case_rollup_month
    WHERE county_code = p_county AND month >= p_from AND month < p_to
    GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1
  ), gone AS (
    DELETE FROM case_rollup_month r USING dup d
    WHERE r.county_code = p_county AND r.month >= p_from AND r.month < p_to
      AND r.region_code = d.region_code AND r.month = d.month AND r.dim = d.dim AND r.key = d.key
      AND r.metric = d.metric
    RETURNING r.county_code, r.region_code, r.month, r.dim, r.key, r.metric, r.n, r.hours
  ), folded AS (
    INSERT INTO case_rollup_month (county_code, region_code, month, dim, key, metric, n, hours)
    SELECT county_code, region_code, month, dim, key, metric, sum(n), sum(hours)
    FROM gone GROUP BY 1, 2, 3, 4, 5, 6
    RETURNING 1
  )
  SELECT count(*) FROM folded
$$;

-- A county's month level written again from its day level (compacted); returns the rows written.
-- Locks both levels as rebuild_case_rollup does: readers go on, folds and compactions wait.
CREATE FUNCTION rebuild_case_rollup_month(p_county text) RETURNS bigint LANGUAGE plpgsql
  SET work_mem = '256MB' AS $$
DECLARE written bigint;
BEGIN
  LOCK TABLE case_rollup, case_rollup_month IN EXCLUSIVE MODE;
  WITH gone AS (
    DELETE FROM case_rollup_month WHERE county_code = p_county
  ), ins AS (
    INSERT INTO case_rollup_month (county_code, region_code, month, dim, key, metric, n, hours)
    SELECT county_code, region_code, date_trunc('month', day::timestamp)::date, dim, key, metric, sum(n), sum(hours)
    FROM case_rollup WHERE county_code = p_county
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 3
    RETURNING 1
  )
  SELECT count(*) INTO written FROM ins;
  RETURN written;
END $$;

-- rebuild_case_rollup (0108), now writing the month level too, from the day rows it writes, in
-- the same statement and snapshot. Unchanged otherwise (see 0108 for how it works).
CREATE OR REPLACE FUNCTION rebuild_case_rollup(p_county text) RETURNS bigint LANGUAGE plpgsql
  SET work_mem = '256MB' AS $$
DECLARE written bigint;
BEGIN
  LOCK TABLE case_rollup, case_rollup_month IN EXCLUSIVE MODE;
  WITH gone_pending AS (
    DELETE FROM case_rollup_pending WHERE county_code = p_county
  ), gone AS (
    DELETE FROM case_rollup WHERE county_code = p_county
  ), gone_month AS (
    DELETE FROM case_rollup_month WHERE county_code = p_county
  ), first_overdue AS (
    SELECT case_id, min(id) AS id FROM case_history
    WHERE county_code = p_county AND action IN ('overdue', 'auto_escalate')
    GROUP BY case_id
  ), r AS MATERIALIZED (
    SELECT h.county_code, local_day(h.at) AS day, left(c.grid_code, 12) AS village,
           c.category_code, c.source, coalesce(h.department_id, c.department_id)::text AS department,
           h.action, coalesce(h.from_state, '') AS from_state, coalesce(h.to_state, '') AS to_state,
           coalesce(h.on_time::text, '') AS on_time, coalesce(c.evaluation, '') AS evaluation,
           f.id IS NOT NULL AS first_overdue,
           (extract(epoch FROM h.at - c.reported_at) / 3600.0)::float8 AS hrs
    FROM case_history h
    JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
    LEFT JOIN first_overdue f ON f.case_id = h.case_id AND f.id = h.id
    WHERE h.county_code = p_county
  ), kinds AS MATERIALIZED (
    SELECT k.action, k.from_state, k.to_state, k.on_time, k.evaluation, m.metric, m.hours IS NOT NULL AS timed
    FROM (SELECT DISTINCT action, from_state, to_state, on_time, evaluation FROM r) k
    CROSS JOIN LATERAL case_metrics(p_county, NULL, NULL, k.action, nullif(k.from_state, ''),
                                    nullif(k.to_state, ''), nullif(k.on_time, '')::boolean,
                                    timestamptz '2000-01-01 01:00+00', timestamptz '2000-01-01 00:00+00',
                                    nullif(k.evaluation, '')) m
  ), m AS (
    SELECT r.county_code, r.day, k.metric, left(r.village, 6) AS county, left(r.village, 9) AS township,
           r.village, r.category_code, r.source, r.department,
           CASE WHEN k.timed THEN k.metric || ':' || case_hours_bucket(r.hrs) END AS bucket,
           CASE WHEN k.timed THEN r.hrs END AS hours
    FROM r
    JOIN kinds k ON k.action = r.action AND k.from_state = r.from_state AND k.to_state = r.to_state
                AND k.on_time = r.on_time AND k.evaluation = r.evaluation
    WHERE k.metric <> 'overdue_first' OR r.first_overdue
  ), g AS (
    SELECT county_code, day, metric, county, township, village, category_code, source, department, bucket,
           GROUPING(township, village, category_code, source, department, bucket) AS gs,
           count(*) AS n, coalesce(sum(hours), 0) AS hours
    FROM m
    GROUP BY county_code, day, metric, county, GROUPING SETS (
      (village), (township), (),
      (township, category_code), (category_code),
      (township, source), (source),
      (township, department), (department),
      (township, bucket), (bucket))
  ), ins AS (
    INSERT INTO case_rollup (county_code, region_code, day, dim, key, metric, n, hours)
    SELECT county_code, region_code, day, dim, key, metric, n, hours
    FROM (
      SELECT county_code, day, metric, n, hours,
             CASE WHEN gs & 16 = 0 THEN village WHEN gs & 32 = 0 THEN township ELSE county END AS region_code,
             CASE WHEN gs & 8 = 0 THEN 'category' WHEN gs & 4 = 0 THEN 'source'
                  WHEN gs & 2 = 0 THEN 'department' WHEN gs & 1 = 0 THEN 'hist' ELSE 'all' END AS dim,
             CASE WHEN gs & 8 = 0 THEN category_code WHEN gs & 4 = 0 THEN source
                  WHEN gs & 2 = 0 THEN department WHEN gs & 1 = 0 THEN bucket ELSE '' END AS key
      FROM g
    ) x
    WHERE key IS NOT NULL
    ORDER BY day
    RETURNING county_code, region_code, day, dim, key, metric, n, hours
  ), ins_month AS (
    INSERT INTO case_rollup_month (county_code, region_code, month, dim, key, metric, n, hours)
    SELECT county_code, region_code, date_trunc('month', day::timestamp)::date, dim, key, metric, sum(n), sum(hours)
    FROM ins GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 3
  )
  SELECT count(*) INTO written FROM ins;
  RETURN written;
END $$;

-- The month level of the rollup that exists.
INSERT INTO case_rollup_month (county_code, region_code, month, dim, key, metric, n, hours)
SELECT county_code, region_code, date_trunc('month', day::timestamp)::date, dim, key, metric, sum(n), sum(hours)
FROM case_rollup GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 3;
