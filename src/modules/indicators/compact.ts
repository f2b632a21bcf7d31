import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { copyIn } from '../../platform/db/bulk.js';

/** Days folded per statement: each range is its own short statement (and transaction outside one). */
export const COMPACT_DAYS = 7;

/**
 * Folds the rollup's insert-only deltas (ADR 0007) into one row per key, a range of
 * COMPACT_DAYS days per statement, from the last `sinceDays` days (null: all of them), then the
 * months those days fall in at the month level (one statement per county).
 * Safe beside running steps: their new rows are not seen by the fold and stay as they are.
 */
export async function compactRollup(db: DbOrTx, sinceDays: number | null = 3): Promise<number> {
  const { rows } = await sql<{ county_code: string; first: string; last: string }>`
    SELECT county_code, min(day)::text AS first, max(day)::text AS last FROM case_rollup
    ${sinceDays === null ? sql`` : sql`WHERE day >= current_date - ${sinceDays}::int`}
    GROUP BY county_code`.execute(db);
  let folded = 0;
  for (const r of rows) {
    for (let from = r.first; from <= r.last; from = plusDays(from, COMPACT_DAYS)) {
      const { rows: n } = await sql<{ n: string }>`
        SELECT compact_case_rollup(${r.county_code}, ${from}::date, ${plusDays(from, COMPACT_DAYS)}::date) AS n`.execute(
        db,
      );
      folded += Number(n[0]?.n ?? 0);
    }
    // the month level (migration 0205): the months those days fall in, one statement
    const { rows: m } = await sql<{ n: string }>`
      SELECT compact_case_rollup_month(${r.county_code}, date_trunc('month', ${r.first}::timestamp)::date,
                                       (date_trunc('month', ${r.last}::timestamp) + interval '1 month')::date) AS n`.execute(
      db,
    );
    folded += Number(m[0]?.n ?? 0);
  }
  return folded;
}

const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Pending history rows moved into the rollup per statement. */
export const FOLD_ROWS = 100_000;

/**
 * Moves the history rows noted by the trigger (case_rollup_pending, migration 0091) into the
 * rollup, `perStatement` rows per statement, until none is left; returns how many it moved. Several
 * instances may fold at once: each takes rows the others have not locked.
 */
export async function foldRollup(db: DbOrTx, perStatement = FOLD_ROWS): Promise<number> {
  let moved = 0;
  for (;;) {
    const { rows } = await sql<{ n: string }>`SELECT fold_case_rollup(${perStatement}::int) AS n`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    moved += n;
    if (n < perStatement) return moved;
  }
}

/**
 * Writes a county's rollup again from its whole history, set-based, in one statement
 * (`rebuild_case_rollup`, migration 0108): for bulk loads (the demo's year, the benchmark's
 * million cases), where folding hundreds of thousands of pending rows is slow, and after a
 * repair of history rows. Drops the county's pending rows in the same snapshot; the result is
 * compacted; the month level (migration 0205) is written from the same day rows in the same
 * statement. Returns the number of (day) rollup rows written.
 */
export async function rebuildRollup(db: DbOrTx, countyCode: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT rebuild_case_rollup(${countyCode}) AS n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Writes a county's month level (`case_rollup_month`, migration 0205) again from its day level,
 * in one statement (`rebuild_case_rollup_month`). `rebuildRollup` already writes both levels; this
 * is for a loader that writes `case_rollup` rows another way, and after a repair of the day level.
 * Returns the number of month rows written.
 */
export async function rebuildMonthRollup(db: DbOrTx, countyCode: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT rebuild_case_rollup_month(${countyCode}) AS n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Rollup rows of both levels in COPY's text format, computed elsewhere (the demo's year). */
export type RollupCopy = { day: Buffer[]; month: Buffer[] };

/**
 * Writes rollup rows computed on another connection (`stageCaseDemoRollup`: the demo's year, from the
 * rows the load writes) into both levels, then folds what is pending (the history the load wrote
 * with the rollup's trigger on: the other seeds' cases, every county's). Together that is what
 * `rebuildRollup` of every county would write, summed per key (demo/year.test.ts checks it).
 */
export async function importRollup(tx: DbOrTx, rows: RollupCopy): Promise<void> {
  const cols = ['county_code', 'region_code', 'day', 'dim', 'key', 'metric', 'n', 'hours'];
  await copyIn(tx, 'case_rollup', cols, rows.day);
  await copyIn(
    tx,
    'case_rollup_month',
    cols.map((c) => (c === 'day' ? 'month' : c)),
    rows.month,
  );
  await foldRollup(tx);
}
