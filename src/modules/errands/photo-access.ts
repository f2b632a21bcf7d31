import type { DbOrTx } from '../../platform/db/database.js';
import { can } from './abilities.js';
import type { Actor } from '../accounts/index.js';
import { findErrand } from './repository.js';

/** An errand's photos are seen by whoever sees the errand: its requester, staff of its grid's scope. */
export async function errandShowsPhotos(db: DbOrTx, actor: Actor, errandId: number): Promise<boolean> {
  if (!can(actor, 'errands.request') && !can(actor, 'errands.read')) return false;
  return (await findErrand(db, actor, errandId, new Date())) !== undefined;
}
