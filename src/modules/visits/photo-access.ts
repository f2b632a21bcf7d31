import type { DbOrTx } from '../../platform/db/database.js';
import { inScope } from '../accounts/index.js';
import { can } from './abilities.js';
import type { Actor } from '../accounts/index.js';
import { visitGridPath } from './repository.js';

/** A visit's photos are seen by staff who may read visits and whose scope holds the visit's grid. */
export async function visitShowsPhotos(db: DbOrTx, actor: Actor, visitId: number): Promise<boolean> {
  if (!can(actor, 'visits.read')) return false;
  const path = await visitGridPath(db, actor.countyCode, visitId);
  return path !== null && inScope(actor, path);
}
