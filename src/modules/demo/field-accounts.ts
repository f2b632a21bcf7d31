import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';

/**
 * A password hash no password matches (argon2 rejects it): the account exists — its visits and
 * errands carry it — but nobody signs in with it until an administrator sets a password.
 */
export const NO_PASSWORD = '!';

/**
 * The accounts the county's year of field work stands on (issue 11: visits, wishes and errands
 * county-wide, not only in the demo grid), set-based:
 * - every grid's full-time worker without an account gets one (`gw` + the grid code, their own
 *   name, linked to their roster record);
 * - in every village one villager — the head of the first household of its first grid — has the
 *   villager's app (`rv` + the village code), tied to that resident as the `resident` account is.
 * Their password is NO_PASSWORD: the demo accounts of the README stay the only ones signing in.
 */
export async function loadFieldAccounts(tx: DbOrTx, countyCode: string): Promise<void> {
  await sql`
    WITH w AS (
      SELECT gw.id, gw.grid_code, r.name FROM grid_worker gw
        JOIN resident r ON r.county_code = gw.county_code AND r.id = gw.resident_id
       WHERE gw.county_code = ${countyCode} AND gw.employment = 'fullTime' AND gw.account_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM grid_worker o WHERE o.county_code = gw.county_code
                           AND o.grid_code = gw.grid_code AND o.employment = 'fullTime' AND o.account_id IS NOT NULL)
    ), a AS (
      INSERT INTO account (county_code, username, display_name, role, scope_code, password_hash)
      SELECT ${countyCode}, 'gw' || w.grid_code, w.name, 'grid_worker', w.grid_code, ${NO_PASSWORD} FROM w
      RETURNING id, scope_code
    )
    UPDATE grid_worker gw SET account_id = a.id
      FROM a JOIN w ON w.grid_code = a.scope_code
     WHERE gw.county_code = ${countyCode} AND gw.id = w.id`.execute(tx);
  await sql`
    WITH v AS (
      SELECT DISTINCT ON (left(r.grid_code, 12)) left(r.grid_code, 12) AS village, r.grid_code, r.id, r.name
        FROM resident r
       WHERE r.county_code = ${countyCode} AND r.relation = 'head' AND r.status = 'present'
         AND NOT EXISTS (SELECT 1 FROM account x WHERE x.county_code = r.county_code AND x.role = 'resident'
                           AND left(x.scope_code, 12) = left(r.grid_code, 12))
       ORDER BY left(r.grid_code, 12), r.grid_code, r.household_id, r.id
    ), a AS (
      INSERT INTO account (county_code, username, display_name, role, scope_code, password_hash)
      SELECT ${countyCode}, 'rv' || v.village, v.name, 'resident', v.grid_code, ${NO_PASSWORD} FROM v
      RETURNING id, scope_code
    )
    INSERT INTO resident_account (county_code, resident_id, account_id, linked_at)
    SELECT ${countyCode}, v.id, a.id, now() FROM a JOIN v ON 'rv' || v.village = 'rv' || left(a.scope_code, 12)
    ON CONFLICT DO NOTHING`.execute(tx);
}
