import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Notification } from '../../platform/db/schema.js';

/**
 * An account's own inbox: every query is limited to the account's rows, and names the account's
 * county first (ADR 0002: one shard under Citus, docs/citus.md). A notification is kept in its
 * recipient's county: every notice goes to accounts of the county it is about.
 */
export type InboxOwner = { countyCode: string; accountId: number };

const mine = (db: DbOrTx, o: InboxOwner) =>
  db.selectFrom('notification').where('county_code', '=', o.countyCode).where('account_id', '=', o.accountId);

export function listInbox(
  db: DbOrTx,
  o: InboxOwner,
  q: { unreadOnly: boolean; beforeId?: number; limit: number },
): Promise<Array<Selectable<Notification>>> {
  let query = mine(db, o).selectAll();
  if (q.unreadOnly) query = query.where('read_at', 'is', null);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function countUnread(db: DbOrTx, o: InboxOwner): Promise<number> {
  const row = await mine(db, o)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the account's unread notifications read: all, or those of `ids`. Returns how many. */
export async function markRead(db: DbOrTx, o: InboxOwner, at: Date, ids?: number[]): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('county_code', '=', o.countyCode)
    .where('account_id', '=', o.accountId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : [-1]);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
