import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import './errors.js';

/** A resident of the caller's own scope (not the widened station view), or 404 RESIDENT_NOT_IN_SCOPE. */
export async function residentInScope(db: DbOrTx, actor: Actor, residentId: number) {
  const r = await db
    .selectFrom('resident')
    .select(['id', 'name', 'grid_path'])
    .where('county_code', '=', actor.countyCode)
    .where(inSubtree('grid_path', actor.scopePath))
    .where('id', '=', residentId)
    .where('status', '=', 'present')
    .executeTakeFirst();
  if (!r) throw new AppError('RESIDENT_NOT_IN_SCOPE');
  return r;
}

/** The archive records a resident's account is tied to (a villager sees their own loans). */
export async function residentIdsOf(db: DbOrTx, actor: Actor): Promise<number[]> {
  const rows = await db
    .selectFrom('resident_account')
    .select('resident_id')
    .where('county_code', '=', actor.countyCode)
    .where('account_id', '=', actor.accountId)
    .execute();
  return rows.map((r) => Number(r.resident_id));
}

/** The accounts tied to a resident (whom an overdue reminder reaches). */
export async function accountsOf(db: DbOrTx, countyCode: string, residentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('resident_account')
    .select('account_id')
    .where('county_code', '=', countyCode)
    .where('resident_id', '=', residentId)
    .execute();
  return rows.map((r) => Number(r.account_id));
}
