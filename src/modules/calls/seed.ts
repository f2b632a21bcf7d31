import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { DEFAULT_RING_SECONDS } from './settings.js';

/** Every county rings for the default time until it changes it. */
export async function seedCallConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('call_settings')
    .values({ county_code: countyCode, ring_seconds: DEFAULT_RING_SECONDS })
    .onConflict((oc) => oc.column('county_code').doNothing())
    .execute();
}

/**
 * Four months of call log, in one statement: the centres and village staff calling the grid
 * workers of their subtree to see a scene (a grid, from the map), the workers calling their
 * township centre; most calls answered, some missed or declined.
 */
export async function seedCallDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const now = new Date();
  await sql`
    WITH acc AS (
      SELECT a.id, a.role, r.path, r.code FROM account a JOIN region r ON r.code = a.scope_code
       WHERE a.county_code = ${countyCode} AND NOT a.disabled),
    pairs AS (
      SELECT x.id AS caller, y.id AS callee, x.path AS caller_path, y.path AS callee_path,
             CASE WHEN y.path <@ x.path THEN 'scene' ELSE 'centre' END AS purpose, y.code AS grid
        FROM acc x JOIN acc y ON x.id <> y.id
       WHERE (x.role IN ('county_centre', 'township_centre', 'village_staff') AND y.role = 'grid_worker'
              AND y.path <@ x.path)
          OR (x.role = 'grid_worker' AND y.role = 'township_centre' AND x.path <@ y.path)),
    n AS (
      SELECT p.*, g, row_number() OVER (ORDER BY caller, callee, g) AS k,
             ${now}::timestamptz - make_interval(days => (g * 10 + (caller + g) % 7)::int,
               mins => ((callee * 37 + g * 101) % 600)::int) AS started
        FROM pairs p, generate_series(1, 12) g),
    o AS (
      SELECT n.*, CASE WHEN k % 7 = 0 THEN 'missed' WHEN k % 11 = 0 THEN 'declined' ELSE 'completed' END AS outcome
        FROM n)
    INSERT INTO call (county_code, caller_id, callee_id, caller_path, callee_path, media, purpose, about_type,
                      about_code, state, outcome, started_at, ring_until, answered_at, ended_at, ended_by)
    SELECT ${countyCode}, caller, callee, caller_path, callee_path,
           CASE WHEN k % 3 = 0 THEN 'voice' ELSE 'video' END, purpose,
           CASE WHEN purpose = 'scene' AND k % 2 = 0 THEN 'grid' END,
           CASE WHEN purpose = 'scene' AND k % 2 = 0 THEN grid END,
           'ended', outcome, started, started + interval '30 seconds',
           CASE WHEN outcome = 'completed' THEN started + make_interval(secs => 4 + k % 15) END,
           CASE outcome
             WHEN 'completed' THEN started + make_interval(secs => 4 + k % 15 + 45 + (k * 53) % 900)
             WHEN 'declined' THEN started + interval '8 seconds'
             ELSE started + interval '30 seconds' END,
           CASE outcome WHEN 'completed' THEN caller WHEN 'declined' THEN callee END
      FROM o`.execute(tx);
}
