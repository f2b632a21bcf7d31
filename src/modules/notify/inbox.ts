import type { Db } from '../../platform/db/database.js';
import * as repo from './repository.js';
import { titleEn } from './title-en.js';
import { ABOUT_TYPES, type About } from './service.js';

export type InboxItem = {
  id: number;
  caseId: number | null;
  about: About | null;
  kind: string;
  title: string;
  titleEn: string;
  body: string | null;
  bodyCode: string | null;
  bodyParams: Record<string, string | number> | null;
  createdAt: string;
  readAt: string | null;
};

/** What a notification row is about when not a case. */
export const aboutOf = (n: { about_type: string | null; about_id: number | null }): About | null =>
  n.about_id !== null && (ABOUT_TYPES as readonly string[]).includes(n.about_type ?? '')
    ? { type: n.about_type as About['type'], id: n.about_id }
    : null;

/** My notifications, newest first, and how many are unread (in my county: docs/citus.md). */
export async function readInbox(
  db: Db,
  me: repo.InboxOwner,
  q: { unreadOnly: boolean; beforeId?: number; limit: number },
): Promise<{ items: InboxItem[]; unread: number }> {
  const [rows, unread] = await Promise.all([repo.listInbox(db, me, q), repo.countUnread(db, me)]);
  return {
    items: rows.map((n) => ({
      id: n.id,
      caseId: n.case_id,
      about: aboutOf(n),
      kind: n.kind,
      title: n.title,
      titleEn: titleEn(n.kind, n.title),
      body: n.body,
      bodyCode: n.body_code,
      bodyParams: n.body_params as Record<string, string | number> | null,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
    unread,
  };
}

/** Marks my notifications read (all, or the listed ids). Reading one's own inbox is not audited. */
export async function markInboxRead(db: Db, me: repo.InboxOwner, at: Date, ids?: number[]) {
  return { marked: await repo.markRead(db, me, at, ids) };
}
