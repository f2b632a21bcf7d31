-- A coarser, cheaper case rollup (ADR 0007, issue 9's intake ratio and issue 11's benchmark).
--
-- Before: every history row became ~14 rollup rows (dim 'all' at county, township, village and
-- grid; category, source, department and the hours histogram at county, township and village),
-- each with three index entries, and the trigger re-planned its dynamic statement every time.
-- Now:
--   * county and township keep every dimension ('all', category, source, department, hist);
--   * villages keep 'all' only (their totals and daily trend); their breakdowns and percentiles,
--     and everything about a grid, are computed from scratch (a village's history is small and
--     reached through the cases' grid_path index);
--   * the rollup has no surrogate key: its identity column and primary key served no query and
--     cost an index entry per row; compaction finds days through a BRIN index (rows arrive in
--     day order), the lookup index serves the queries;
--   * the trigger's statement is static SQL inside the PL/pgSQL function, so its plan is cached
--     for the session instead of being parsed and planned at every insert into case_history.
-- case_rollup_sql(src) stays the one text: the trigger function is created from it, and the
-- backfill below runs it over the whole history.

DROP TRIGGER case_history_rollup ON case_history;
DROP FUNCTION case_rollup_after_insert();
DROP FUNCTION case_rollup_sql(text);
DROP INDEX case_rollup_day_idx;
TRUNCATE case_rollup;
ALTER TABLE case_rollup DROP CONSTRAINT case_rollup_pkey;
ALTER TABLE case_rollup DROP COLUMN id;

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

DO $$ BEGIN
  EXECUTE format($fn$
    CREATE FUNCTION case_rollup_after_insert() RETURNS trigger LANGUAGE plpgsql AS %L
  $fn$, 'BEGIN ' || case_rollup_sql('new_rows') || '; RETURN NULL; END');
END $$;

CREATE TRIGGER case_history_rollup AFTER INSERT ON case_history
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_after_insert();

CREATE INDEX case_rollup_day_brin ON case_rollup USING brin (day) WITH (autosummarize = on);

-- The rollup of the history that exists, in the new shape.
DO $$ BEGIN EXECUTE case_rollup_sql('case_history'); END $$;
