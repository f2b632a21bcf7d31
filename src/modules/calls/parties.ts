import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import type { CallAbout } from './schemas.js';

/** An account that may take part in a call, with its scope's path. */
export type PartyRow = { id: number; name: string; role: string; path: string; county_code: string };

/**
 * Live first: an account with an unexpired session (signed in on some device) is likelier to
 * answer; then the most recent sign-in, then the oldest account.
 */
const ORDER = sql`ORDER BY (SELECT max(s.created_at) FROM session s
    WHERE s.account_id = a.id AND s.revoked_at IS NULL AND s.expires_at > now()) DESC NULLS LAST, a.id`;

/** An enabled, non-resident account of the caller's county, or nothing. */
export async function partyById(db: DbOrTx, countyCode: string, id: number): Promise<PartyRow | undefined> {
  const { rows } = await sql<PartyRow>`
    SELECT a.id, a.display_name AS name, a.role, r.path::text AS path, a.county_code
      FROM account a JOIN region r ON r.code = a.scope_code
     WHERE a.id = ${id} AND a.county_code = ${countyCode} AND NOT a.disabled AND a.role <> 'resident'`.execute(
    db,
  );
  return rows[0];
}

/**
 * The centre that answers a field worker (docs/calls.md): the township centre above the worker,
 * else the county centre; within a tier, an account signed in now before the others.
 */
export async function centreFor(db: DbOrTx, actor: Actor): Promise<PartyRow | undefined> {
  const { rows } = await sql<PartyRow>`
    SELECT a.id, a.display_name AS name, a.role, r.path::text AS path, a.county_code
      FROM account a JOIN region r ON r.code = a.scope_code
     WHERE a.county_code = ${actor.countyCode} AND NOT a.disabled AND a.id <> ${actor.accountId}
       AND a.role IN ('township_centre', 'county_centre') AND r.path @> ${actor.scopePath}::ltree
     ORDER BY (a.role = 'township_centre') DESC, (SELECT max(s.created_at) FROM session s
        WHERE s.account_id = a.id AND s.revoked_at IS NULL AND s.expires_at > now()) DESC NULLS LAST, a.id
     LIMIT 1`.execute(db);
  return rows[0];
}

/** Where the linked object lies (its grid), if the caller sees it: the same filter as its own module. */
export async function placeOfAbout(
  db: DbOrTx,
  actor: Actor,
  about: CallAbout,
): Promise<{ gridCode: string; gridPath: string } | undefined> {
  const scope = actor.scopePath;
  const c = actor.countyCode;
  // read-only look-ups of the linked object's place: its module's table, scoped in SQL
  const q =
    about.type === 'grid'
      ? sql<{ g: string; p: string }>`SELECT code AS g, path::text AS p FROM region
          WHERE code = ${about.code} AND county_code = ${c} AND level = 'grid' AND path <@ ${scope}::ltree`
      : about.type === 'case'
        ? sql<{ g: string; p: string }>`SELECT grid_code AS g, grid_path::text AS p FROM cases
            WHERE county_code = ${c} AND id = ${about.id} AND grid_path <@ ${scope}::ltree`
        : about.type === 'household'
          ? sql<{ g: string; p: string }>`SELECT grid_code AS g, grid_path::text AS p FROM household
              WHERE county_code = ${c} AND id = ${about.id} AND grid_path <@ ${scope}::ltree`
          : about.type === 'campaign_target'
            ? sql<{ g: string; p: string }>`SELECT grid_code AS g, grid_path::text AS p FROM campaign_target
                WHERE county_code = ${c} AND id = ${about.id} AND grid_path <@ ${scope}::ltree`
            : sql<{ g: string; p: string }>`SELECT grid_code AS g, grid_path::text AS p FROM dispute
                WHERE county_code = ${c} AND id = ${about.id} AND grid_path <@ ${scope}::ltree`;
  const { rows } = await q.execute(db);
  return rows[0] ? { gridCode: rows[0].g, gridPath: rows[0].p } : undefined;
}

/**
 * Who answers for a place: the grid's workers, or for a mediation session (a dispute) the
 * village's staff; an account signed in now first.
 */
export async function answererAt(
  db: DbOrTx,
  countyCode: string,
  place: { gridCode: string; gridPath: string },
  mediation: boolean,
  callerId: number,
): Promise<PartyRow | undefined> {
  const { rows } = mediation
    ? await sql<PartyRow>`
      SELECT a.id, a.display_name AS name, a.role, r.path::text AS path, a.county_code
        FROM account a JOIN region r ON r.code = a.scope_code
       WHERE a.county_code = ${countyCode} AND NOT a.disabled AND a.id <> ${callerId} AND a.role = 'village_staff'
         AND r.level = 'village' AND r.path @> ${place.gridPath}::ltree
       ${ORDER} LIMIT 1`.execute(db)
    : await sql<PartyRow>`
      SELECT a.id, a.display_name AS name, a.role, r.path::text AS path, a.county_code
        FROM account a JOIN region r ON r.code = a.scope_code
       WHERE a.county_code = ${countyCode} AND NOT a.disabled AND a.id <> ${callerId} AND a.role = 'grid_worker'
         AND a.scope_code = ${place.gridCode}
       ${ORDER} LIMIT 1`.execute(db);
  return rows[0];
}
