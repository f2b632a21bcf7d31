import type { DbOrTx } from '../../platform/db/database.js';

/**
 * The tie between a grid-worker account and its roster record (grid_worker.account_id):
 * points and grid work follow the record. Used by account management.
 */

/** The roster record, locked; undefined when it is not in the county. */
export const lockWorker = (tx: DbOrTx, countyCode: string, id: number) =>
  tx
    .selectFrom('grid_worker')
    .select(['id', 'grid_code', 'grid_path', 'employment', 'active', 'account_id'])
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/** The roster record an account is tied to, if any. */
export const workerOfAccount = (db: DbOrTx, accountId: number) =>
  db
    .selectFrom('grid_worker')
    .select(['id', 'county_code', 'grid_code', 'employment'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();

/** Unties the account from its record (if any); answers the record's id. */
export async function unlinkAccount(tx: DbOrTx, accountId: number): Promise<number | null> {
  const r = await tx
    .updateTable('grid_worker')
    .set({ account_id: null })
    .where('account_id', '=', accountId)
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Ties the account to the record (untying it from any other first). */
export async function linkAccount(tx: DbOrTx, countyCode: string, workerId: number, accountId: number) {
  await unlinkAccount(tx, accountId);
  await tx
    .updateTable('grid_worker')
    .set({ account_id: accountId })
    .where('county_code', '=', countyCode)
    .where('id', '=', workerId)
    .execute();
}
