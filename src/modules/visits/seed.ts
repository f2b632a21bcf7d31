import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { DEFAULT_INTERVALS, dueAfter, intervalDays } from './due.js';

/**
 * A county's default visit intervals, inserted when missing. The closer the
 * risk, the shorter the interval: an elderly person living alone weekly (a
 * fall or illness goes unnoticed longest); bereaved parents, disabled people
 * and left-behind children fortnightly; poor and minimum-living households
 * monthly (income and benefits change slowly); every other household
 * quarterly, so each home is seen at least four times a year. Households
 * tagged only 'pensioner-60' use the default: their yearly pension
 * certification is a campaign, not a visit rhythm.
 */
export async function seedVisitConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('visit_policy')
    .values(
      Object.entries(DEFAULT_INTERVALS).map(([tag, days]) => ({
        county_code: countyCode,
        care_tag: tag,
        interval_days: days,
      })),
    )
    .onConflict((oc) => oc.columns(['county_code', 'care_tag']).doNothing())
    .execute();
}

/** Hours off the rhythm of visit k of household h: none for the last visit, else −23 … +23. */
const JITTER = sql<number>`CASE WHEN k = 0 THEN 0 ELSE (abs(hashint8(h.id * 64 + k)) % 47)::int - 23 END`;

/**
 * A plausible visit history, set-based (the full demo has 100k households):
 * about 5% of households never visited; the rest last visited somewhere within
 * 1.25 of their interval, so roughly a fifth are overdue. In the grid of the
 * demo accounts 'gridworker' and 'parttime' the visits are real rows over the
 * whole year, each household at its interval back from its last visit (weekly
 * for an elderly person alone, quarterly for most; a day earlier or later than
 * the rhythm), shared between the two, so the visit trends and 同比/环比 have a
 * year of shape; its first two households are due, so a grid worker signing in
 * has work to do. Each household's last visit is its latest row.
 */
export async function seedVisitDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const now = new Date();
  // r: a stable pseudo-random number 0..999 per household
  await sql`
    WITH pick AS (
      SELECT h.id, abs(hashint8(h.id)) % 1000 AS r, ${intervalDays('h')} AS days FROM household h WHERE h.county_code = ${countyCode}
    )
    , last AS (
      SELECT id, days, CASE WHEN r < 50 THEN NULL
                            ELSE date_trunc('minute', ${now}::timestamptz - make_interval(secs => days * 86400 * 1.25 * (r - 50) / 950.0)) END AS at
        FROM pick
    )
    UPDATE household h
       -- the due date in the same pass (one new version of each row, not two)
       SET last_visit_at = pick.at, visit_due_at = pick.at + make_interval(days => pick.days)
      FROM last AS pick
     WHERE h.county_code = ${countyCode} AND h.id = pick.id`.execute(tx);

  const workers = await tx
    .selectFrom('account')
    .select(['id', 'scope_code'])
    .where('county_code', '=', countyCode)
    .where('username', 'in', ['gridworker', 'parttime'])
    .orderBy('username')
    .execute();
  const grid = workers[0]?.scope_code;
  if (grid) {
    // the first two households of the demo grid: one never visited, one overdue
    await sql`
      WITH first AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM household WHERE county_code = ${countyCode} AND grid_code = ${grid} ORDER BY id LIMIT 2)
      UPDATE household h SET last_visit_at = CASE WHEN first.n = 1 THEN NULL ELSE ${now}::timestamptz - interval '120 days' END
        FROM first WHERE h.county_code = ${countyCode} AND h.id = first.id`.execute(tx);
    const ids = workers.map((w) => w.id);
    // visits k = 0, 1, 2 … intervals before the last one, within the year (k > 0 up to a day off
    // the rhythm, never past the next one); the worker alternates
    await sql`
      INSERT INTO visit (county_code, household_id, grid_code, grid_path, worker_account_id, visited_at, kind, outcome, needs, notes, received_at)
      SELECT h.county_code, h.id, h.grid_code, h.grid_path,
             (${sql.val(ids)}::bigint[])[1 + (h.id + k) % ${ids.length}],
             h.last_visit_at - make_interval(days => k * ${intervalDays('h')}, hours => ${JITTER}),
             CASE WHEN cardinality(h.care_tags) > 0 THEN 'care' ELSE 'routine' END,
             CASE WHEN (h.id + k) % 7 = 0 THEN 'needs_help' WHEN k > 0 AND (h.id + k) % 11 = 0 THEN 'not_home' ELSE 'all_well' END,
             CASE WHEN (h.id + k) % 7 = 0 THEN ARRAY[(ARRAY['medical', 'living', 'daily_care'])[1 + (h.id % 3)]] ELSE '{}'::text[] END,
             CASE WHEN (h.id + k) % 7 = 0 THEN '家中有困难，已登记，下次走访跟进' WHEN k > 0 AND (h.id + k) % 11 = 0 THEN '家中无人，改日再访' ELSE '家中一切正常' END,
             h.last_visit_at - make_interval(days => k * ${intervalDays('h')}, hours => ${JITTER})
        FROM household h CROSS JOIN generate_series(0, 53) AS k
       WHERE h.county_code = ${countyCode} AND h.grid_code = ${grid} AND h.last_visit_at IS NOT NULL
         AND h.last_visit_at - make_interval(days => k * ${intervalDays('h')}) > ${now}::timestamptz - interval '365 days'`.execute(
      tx,
    );
  }
  if (grid)
    await tx
      .updateTable('household as h')
      .set({ visit_due_at: dueAfter(sql.ref('h.last_visit_at')) })
      .where('h.county_code', '=', countyCode)
      .where('h.grid_code', '=', grid)
      .execute();
}
