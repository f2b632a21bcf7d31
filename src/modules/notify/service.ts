import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { noticeCtes } from './statement.js';

export { noticeCtes, type NoticeRows } from './statement.js';

import type { About } from './about.js';
import type { BodyCode, BodyParams } from './body.js';

export { noticeBody, wordsBody, BODY_CODES, type BodyCode, type BodyParams } from './body.js';

export { ABOUT_TYPES, type About } from './about.js';

export type Notice = {
  countyCode: string;
  accountIds: number[];
  caseId?: number;
  /** what it is about when not a case; the apps open it from the inbox */
  about?: About;
  kind: string;
  title: string;
  /** the Chinese text as recorded; with `bodyCode` and `bodyParams` for the apps to render (body.ts) */
  body?: string;
  bodyCode?: BodyCode;
  bodyParams?: BodyParams;
  event?: { number?: string; state?: string };
};

/**
 * Tells people about a change, inside the change's transaction: an inbox row per
 * account, which is also its live event (every instance's hub reads committed inbox
 * rows, see live.ts), and an outbox row per account for outside channels (SMS/WeChat),
 * which a worker delivers with retries. A crash between commit and delivery loses
 * nothing: the rows are still there. Two statements, no lock beyond the rows.
 */
export async function notify(tx: DbOrTx, n: Notice, channel = 'log'): Promise<void> {
  const ids = [...new Set(n.accountIds)];
  if (ids.length === 0) return;
  await sql`WITH ${noticeCtes({
    countyCode: n.countyCode,
    recipients: sql`SELECT unnest(${ids}::bigint[]) AS id`,
    caseId: n.caseId ?? null,
    about: n.about,
    kind: n.kind,
    title: n.title,
    body: n.body ?? null,
    bodyCode: n.bodyCode ?? null,
    bodyParams: n.bodyParams ?? null,
    event: n.event ? sql`${JSON.stringify(n.event)}::jsonb` : null,
    channel,
  })} SELECT 1`.execute(tx);
}
