import type { DbOrTx } from '../../platform/db/database.js';
import { can } from './abilities.js';
import type { Actor } from '../accounts/index.js';
import { findWish } from './repository.js';

/**
 * A wish's photos are seen by whoever sees the wish: residents their own wishes, staff
 * who may read wishes those of their scope (claim-only roles: published or claimed by them).
 */
export async function wishShowsPhotos(db: DbOrTx, actor: Actor, wishId: number): Promise<boolean> {
  if (actor.role !== 'resident' && !can(actor, 'wishes.read')) return false;
  return (await findWish(db, actor, wishId)) !== undefined;
}
