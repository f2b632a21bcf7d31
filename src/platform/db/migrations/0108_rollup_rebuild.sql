-- Rebuilding a county's case rollup set-based (issue 11: the demo's year of history and the
-- one-million-case benchmark; operations after a repair of history rows).
--
-- fold_case_rollup() (0091) is right for the few rows a running county writes between folds, but
-- a bulk load notes hundreds of thousands of pending rows and folding them runs a few thousand
-- history rows a second. rebuild_case_rollup(county) throws the county's rollup and its pending
-- rows away and writes the rollup again from its whole history in one statement:
--   * what a history row counts for comes from case_metrics(), the one definition (0055), asked
--     once per distinct (action, from, to, on time, evaluation) instead of once per row, so the
--     rebuild equals the incremental fold (rollup.test.ts checks it); its one history-dependent
--     part, 'overdue_first' (the case's first overdue or auto-escalation), is the case's lowest
--     such history id, found set-based;
--   * the metric rows are summed in one pass with GROUPING SETS into case_rollup_sql's shape
--     (0090: every dimension for the county and its townships, villages 'all' only), instead of
--     spreading each row to every region and dimension and grouping the spread;
--   * the result is already compacted (one row per key and day) and written in day order (the
--     BRIN index on day stays tight).
-- kinds is MATERIALIZED: inlined, case_metrics would be evaluated for every history row again.
-- Concurrency: the rollup is locked EXCLUSIVE first (readers go on; a fold or compaction in
-- progress is waited for, new ones wait), then ONE statement deletes the county's pending rows
-- and rollup rows and inserts the rebuilt rows from the same snapshot: a history row committed
-- before it is in the rebuild and no longer pending; one committed after it stays pending for
-- the next fold. Returns the number of rollup rows written.

CREATE FUNCTION rebuild_case_rollup(p_county text) RETURNS bigint LANGUAGE plpgsql
  -- the groupings of a county's year fit in memory instead of spilling to disk
  SET work_mem = '256MB' AS $$
DECLARE written bigint;
BEGIN
  LOCK TABLE case_rollup IN EXCLUSIVE MODE;
  WITH gone_pending AS (
    DELETE FROM case_rollup_pending WHERE county_code = p_county
  ), gone AS (
    DELETE FROM case_rollup WHERE county_code = p_county
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
    -- what each distinct combination counts for; a case of its own (NULL ids) finds no earlier
    -- overdue step, so 'overdue_first' is offered and kept below for first overdue rows only
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
    -- one pass, one hash table per grouping set: villages 'all' only, the county and its
    -- townships by every dimension (case_rollup_sql's shape)
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
    RETURNING 1
  )
  SELECT count(*) INTO written FROM ins;
  RETURN written;
END $$;
