import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { findWhistle } from './repository.js';
import { whistleActor } from './service.js';

/** A whistle's photos are seen by whoever sees the whistle. */
export async function whistleShowsPhotos(db: DbOrTx, actor: Actor, whistleId: number): Promise<boolean> {
  return (await findWhistle(db, await whistleActor(db, actor), whistleId)) !== undefined;
}
