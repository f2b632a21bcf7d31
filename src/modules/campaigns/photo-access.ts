import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inScope, type Actor } from '../accounts/index.js';
import { can } from './abilities.js';

/** A target's photo is seen by staff who read campaigns and whose scope holds the target's grid. */
export async function campaignTargetShowsPhotos(
  db: DbOrTx,
  actor: Actor,
  targetId: number,
): Promise<boolean> {
  if (!can(actor, 'campaigns.read')) return false;
  const t = await db
    .selectFrom('campaign_target')
    .select(sql<string>`grid_path::text`.as('path'))
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', targetId)
    .executeTakeFirst();
  return t !== undefined && inScope(actor, t.path);
}
