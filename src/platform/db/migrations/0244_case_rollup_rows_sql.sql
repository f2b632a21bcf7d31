-- The rows rebuild_case_rollup writes, as a query over any history and cases relations (issue 11:
-- the demo load computes its year's rollup on a second connection, from staged copies of the rows
-- it writes, while its own transaction goes on with the other seeds).
--
-- case_rollup_rows_sql(county, history, cases[, kinds]) returns the SELECT that rebuild_case_rollup (0108,
-- 0205) ran inline: the day level's rows (county_code, region_code, day, dim, key, metric, n,
-- hours) of one county, computed set-based from the named relations (unqualified names: a
-- session's temporary tables are found first). case_rollup_months_sql(src) returns the month
-- level's rows summed from day rows in src. rebuild_case_rollup now runs both through EXECUTE over
-- case_history and cases: the same statement as before (one snapshot, the same locks, the same
-- plan shape), written once. rollup.test.ts and levels.test.ts hold the rebuild to the fold and to
-- the scratch computation; demo/year.test.ts holds the demo's staged rollup to a rebuild.

-- What each distinct kind of step (action, from, to, on time, the case's evaluation; '' for null)
-- counts for: case_metrics() asked once per kind, from the kinds in p_kinds_src.
CREATE FUNCTION case_rollup_kinds_sql(p_county text, p_kinds_src text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    SELECT k.action, k.from_state, k.to_state, k.on_time, k.evaluation, m.metric, m.hours IS NOT NULL AS timed
    FROM (SELECT DISTINCT action, from_state, to_state, on_time, evaluation FROM %2$I) k
    CROSS JOIN LATERAL case_metrics(%1$L, NULL, NULL, k.action, nullif(k.from_state, ''),
                                    nullif(k.to_state, ''), nullif(k.on_time, '')::boolean,
                                    timestamptz '2000-01-01 01:00+00', timestamptz '2000-01-01 00:00+00',
                                    nullif(k.evaluation, '')) m
  $q$, p_county, p_kinds_src)
$f$;

-- p_kinds: a relation of case_rollup_kinds_sql's rows computed before (the demo's second connection
-- asks case_metrics in a short transaction of its own, so the long one reads no table the load
-- locks); NULL: computed in the statement.
CREATE FUNCTION case_rollup_rows_sql(p_county text, p_history text, p_cases text, p_kinds text DEFAULT NULL)
  RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  WITH first_overdue AS (
    SELECT case_id, min(id) AS id FROM %2$I
    WHERE county_code = %1$L AND action IN ('overdue', 'auto_escalate')
    GROUP BY case_id
  ), r AS MATERIALIZED (
    SELECT h.county_code, local_day(h.at) AS day, left(c.grid_code, 12) AS village,
           c.category_code, c.source, coalesce(h.department_id, c.department_id)::text AS department,
           h.action, coalesce(h.from_state, '') AS from_state, coalesce(h.to_state, '') AS to_state,
           coalesce(h.on_time::text, '') AS on_time, coalesce(c.evaluation, '') AS evaluation,
           f.id IS NOT NULL AS first_overdue,
           (extract(epoch FROM h.at - c.reported_at) / 3600.0)::float8 AS hrs
    FROM %2$I h
    JOIN %3$I c ON c.county_code = h.county_code AND c.id = h.case_id
    LEFT JOIN first_overdue f ON f.case_id = h.case_id AND f.id = h.id
    WHERE h.county_code = %1$L
  ), kinds AS MATERIALIZED (%4$s
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
  )
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
  $q$, p_county, p_history, p_cases,
     CASE WHEN p_kinds IS NULL THEN case_rollup_kinds_sql(p_county, 'r')
          ELSE format('SELECT * FROM %I', p_kinds) END)
$f$;

CREATE FUNCTION case_rollup_months_sql(p_src text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  SELECT county_code, region_code, date_trunc('month', day::timestamp)::date AS month, dim, key, metric,
         sum(n) AS n, sum(hours) AS hours
  FROM %I GROUP BY 1, 2, 3, 4, 5, 6
  $q$, p_src)
$f$;

-- rebuild_case_rollup (0108, 0205) with its rows from the functions above; unchanged otherwise.
CREATE OR REPLACE FUNCTION rebuild_case_rollup(p_county text) RETURNS bigint LANGUAGE plpgsql
  SET work_mem = '256MB' AS $$
DECLARE written bigint;
BEGIN
  LOCK TABLE case_rollup, case_rollup_month IN EXCLUSIVE MODE;
  EXECUTE format($q$
  WITH gone_pending AS (
    DELETE FROM case_rollup_pending WHERE county_code = %1$L
  ), gone AS (
    DELETE FROM case_rollup WHERE county_code = %1$L
  ), gone_month AS (
    DELETE FROM case_rollup_month WHERE county_code = %1$L
  ), day_rows AS (%2$s
  ), ins AS (
    INSERT INTO case_rollup (county_code, region_code, day, dim, key, metric, n, hours)
    SELECT county_code, region_code, day, dim, key, metric, n, hours FROM day_rows
    ORDER BY day
    RETURNING county_code, region_code, day, dim, key, metric, n, hours
  ), ins_month AS (
    INSERT INTO case_rollup_month (county_code, region_code, month, dim, key, metric, n, hours)
    %3$s
    ORDER BY 3
  )
  SELECT count(*) FROM ins
  $q$, p_county, case_rollup_rows_sql(p_county, 'case_history', 'cases'), case_rollup_months_sql('ins'))
  INTO written;
  RETURN written;
END $$;
