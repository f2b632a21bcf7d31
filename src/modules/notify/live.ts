import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { LiveEvent } from '../../platform/events.js';
import { horizonFeed } from '../../platform/horizon-feed.js';
import { titleEn } from './title-en.js';
import { aboutOf } from './inbox.js';

type Row = {
  id: number;
  x: string;
  account_id: number;
  case_id: number | null;
  about_type: string | null;
  about_id: number | null;
  kind: string;
  title: string;
  event: { number?: string; state?: string } | null;
};

/**
 * The live feed of the inbox: every notification row is a live event for its account, read past
 * a snapshot horizon (platform/horizon-feed.ts): a row is delivered once per instance, only after
 * its commit. Notifications are the inbox itself, so they are never pruned here.
 */
export function liveFeed(db: DbOrTx): () => Promise<Array<{ accountId: number; event: LiveEvent }>> {
  return horizonFeed<Row, { accountId: number; event: LiveEvent }>(db, {
    table: 'notification',
    row: sql`json_build_object(
      'id', id, 'x', xid::text, 'account_id', account_id, 'case_id', case_id,
      'about_type', about_type, 'about_id', about_id, 'kind', kind, 'title', title, 'event', event)`,
    key: (r) => String(r.id),
    toItem: (r) => ({ accountId: r.account_id, event: toEvent(r) }),
  });
}

function toEvent(r: Row): LiveEvent {
  return {
    type: r.kind,
    caseId: r.case_id ?? undefined,
    about: aboutOf(r) ?? undefined,
    title: r.title,
    titleEn: titleEn(r.kind, r.title),
    ...(r.event ?? {}),
  };
}
