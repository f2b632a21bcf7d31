import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Notification } from '../../platform/db/schema.js';

/** An account's own inbox: every query is limited to the account's rows. */

export function listInbox(
  db: DbOrTx,
  accountId: number,
  q: { unreadOnly: boolean; beforeId?: number; limit: number },
): Promise<Array<Selectable<Notification>>> {
  let query = db.selectFrom('notification').selectAll().where('account_id', '=', accountId);
  if (q.unreadOnly) query = query.where('read_at', 'is', null);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function countUnread(db: DbOrTx, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the account's unread notifications read: all, or those of `ids`. Returns how many. */
export async function markRead(db: DbOrTx, accountId: number, at: Date, ids?: number[]): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : [-1]);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
