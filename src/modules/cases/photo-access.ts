import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { caseVisible } from './queries.js';
import { departmentOfAccount } from './repository.js';

/** A case's photos are seen by whoever sees the case (scope, department, own report). */
export async function caseShowsPhotos(db: DbOrTx, actor: Actor, caseId: number): Promise<boolean> {
  const departmentId =
    actor.role === 'department_staff' ? await departmentOfAccount(db, actor.accountId) : null;
  return caseVisible(db, { ...actor, departmentId }, caseId);
}
