-- The rollup is folded after the commit, not in the writing transaction (ADR 0007, issue 9).
--
-- The statement trigger on case_history now only notes which history rows are new: one narrow
-- row per history row in case_rollup_pending. fold_case_rollup() moves pending rows into the
-- rollup in one statement (DELETE … RETURNING, then the grouped INSERT of case_rollup_sql), so a
-- reader's snapshot sees each history row either pending or rolled up, never both and never
-- neither; readers add the pending rows, computed from scratch, to the rollup's sums (the
-- figures stay exact and a new report shows at once). Rows of transactions still running are
-- invisible to the fold's DELETE and stay pending; concurrent folds take disjoint rows (SKIP
-- LOCKED). The server folds every few seconds (server/workers.ts), so pending stays small.

CREATE TABLE case_rollup_pending (
  county_code  text NOT NULL,
  history_id   bigint NOT NULL,
  PRIMARY KEY (county_code, history_id)
);

CREATE OR REPLACE FUNCTION case_rollup_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_rollup_pending (county_code, history_id) SELECT county_code, id FROM new_rows;
  RETURN NULL;
END $$;

-- Moves at most p_limit pending history rows into the rollup; returns how many it moved.
CREATE FUNCTION fold_case_rollup(p_limit integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE moved bigint;
BEGIN
  EXECUTE 'WITH gone AS (
      DELETE FROM case_rollup_pending WHERE (county_code, history_id) IN (
        SELECT county_code, history_id FROM case_rollup_pending
        ORDER BY county_code, history_id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING county_code, history_id
    ), folded AS (
      SELECT h.* FROM case_history h JOIN gone g ON h.county_code = g.county_code AND h.id = g.history_id
    ), ins AS (' || case_rollup_sql('folded') || ' RETURNING 1)
    SELECT count(*) FROM gone'
  INTO moved USING p_limit;
  RETURN moved;
END $$;
