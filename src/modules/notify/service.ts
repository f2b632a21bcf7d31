import type { DbOrTx } from '../../platform/db/database.js';
import { publish } from '../../platform/events.js';

/** What a notification may be about besides a case (notification.about_type). */
export const ABOUT_TYPES = ['wish', 'errand', 'disclosure', 'redemption', 'points', 'visit'] as const;
export type About = { type: (typeof ABOUT_TYPES)[number]; id: number };

export type Notice = {
  countyCode: string;
  accountIds: number[];
  caseId?: number;
  /** what it is about when not a case; the apps open it from the inbox */
  about?: About;
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
    .values(
      ids.map((id) => ({
        county_code: n.countyCode,
        account_id: id,
        case_id: n.caseId ?? null,
        about_type: n.about?.type ?? null,
        about_id: n.about?.id ?? null,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
      })),
    )
    .execute();
  await tx
    .insertInto('outbox')
    .values(
      ids.map((id) => ({
        county_code: n.countyCode,
        channel,
        recipient: `account:${id}`,
        payload: JSON.stringify({
          kind: n.kind,
          title: n.title,
          caseId: n.caseId ?? null,
          about: n.about ?? null,
        }),
      })),
    )
    .execute();
  await publish(tx, ids, { type: n.kind, caseId: n.caseId, about: n.about, title: n.title, ...n.event });
}
