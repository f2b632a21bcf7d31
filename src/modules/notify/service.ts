import type { DbOrTx } from '../../platform/db/database.js';
import { publish } from '../../platform/events.js';

export type Notice = {
  countyCode: string;
  accountIds: number[];
  caseId?: number;
  kind: string;
  title: string;
  body?: string;
  event?: { number?: string; state?: string };
};

/**
 * Tells people about a change, inside the change's transaction: an inbox row per
 * account, a live event (delivered on commit), and an outbox row per account for
 * outside channels (SMS/WeChat), which a worker delivers with retries. A crash
 * between commit and delivery loses nothing: the outbox row is still there.
 */
export async function notify(tx: DbOrTx, n: Notice, channel = 'log'): Promise<void> {
  const ids = [...new Set(n.accountIds)];
  if (ids.length === 0) return;
  await tx
    .insertInto('notification')
    .values(ids.map((id) => ({ county_code: n.countyCode, account_id: id, case_id: n.caseId ?? null, kind: n.kind, title: n.title, body: n.body ?? null })))
    .execute();
  await tx
    .insertInto('outbox')
    .values(
      ids.map((id) => ({
        county_code: n.countyCode,
        channel,
        recipient: `account:${id}`,
        payload: JSON.stringify({ kind: n.kind, title: n.title, caseId: n.caseId ?? null }),
      })),
    )
    .execute();
  await publish(tx, ids, { type: n.kind, caseId: n.caseId, title: n.title, ...n.event });
}
