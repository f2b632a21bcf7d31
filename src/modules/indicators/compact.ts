import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';

/**
 * Folds the rollup's insert-only deltas (ADR 0007) into one row per key, for the days that
 * have more rows than keys. Safe beside running steps: their new rows are not seen by the fold.
 */
export async function compactRollup(db: DbOrTx, sinceDays: number | null = 3): Promise<number> {
  const { rows } = await sql<{ county_code: string; first: string; last: string }>`
    SELECT county_code, min(day)::text AS first, max(day)::text AS last FROM case_rollup
    ${sinceDays === null ? sql`` : sql`WHERE day >= current_date - ${sinceDays}::int`}
    GROUP BY county_code`.execute(db);
  let folded = 0;
  for (const r of rows) {
    const { rows: n } = await sql<{ n: string }>`
      SELECT compact_case_rollup(${r.county_code}, ${r.first}::date, ${r.last}::date + 1) AS n`.execute(db);
    folded += Number(n[0]?.n ?? 0);
  }
  return folded;
}
