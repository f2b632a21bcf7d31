import './errors.js'; // registers this module's codes (ADR 0005)
import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

export type FeedbackItem = {
  id: number;
  kind: 'complaint' | 'suggestion';
  body: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  mine: boolean;
};

const COLUMNS = ['id', 'kind', 'body', 'answer', 'answered_at', 'created_at', 'author_id'] as const;
type Row = {
  id: number;
  kind: string;
  body: string;
  answer: string | null;
  answered_at: Date | null;
  created_at: Date;
  author_id: number | null;
};

const toItem = (actor: Actor, r: Row, reader: boolean): FeedbackItem => {
  const mine = r.author_id != null && Number(r.author_id) === actor.accountId;
  return {
    id: Number(r.id),
    kind: r.kind as FeedbackItem['kind'],
    // the county centre reads what others wrote with phone and ID numbers masked
    body: mine || !reader ? r.body : maskPiiText(r.body),
    answer: r.answer,
    answeredAt: r.answered_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    mine,
  };
};

/** 意见建议: a signed-in person writes a complaint or suggestion about the platform; audited. */
export async function submitFeedback(
  db: Db,
  actor: Actor,
  body: { kind: 'complaint' | 'suggestion'; body: string },
  now: Date,
  requestId: string,
): Promise<FeedbackItem> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('platform_feedback')
      .values({
        county_code: actor.countyCode,
        author_id: actor.accountId,
        kind: body.kind,
        body: body.body,
        created_at: now,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'feedback.submit',
      entityType: 'platform_feedback',
      entityId: Number(row.id),
      after: { kind: body.kind },
      requestId,
    });
    return toItem(actor, row, false);
  });
}

/** One's own feedback; with `all` (the county centre) every one of the caller's county. */
export async function listFeedback(
  db: Db,
  actor: Actor,
  q: { all: boolean; unanswered?: boolean },
): Promise<FeedbackItem[]> {
  let query = db
    .selectFrom('platform_feedback')
    .select(COLUMNS)
    .where('county_code', '=', actor.countyCode)
    .orderBy('created_at', 'desc')
    .limit(200);
  if (!q.all) query = query.where('author_id', '=', actor.accountId);
  if (q.unanswered) query = query.where('answered_at', 'is', null);
  return (await query.execute()).map((r) => toItem(actor, r, q.all));
}

/** The county centre answers once; the answer shows to the author. Audited. */
export async function answerFeedback(
  db: Db,
  actor: Actor,
  id: number,
  answer: string,
  now: Date,
  requestId: string,
): Promise<FeedbackItem> {
  return db.transaction().execute(async (tx) => {
    const cur = await tx
      .selectFrom('platform_feedback')
      .select(['id', 'answered_at'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!cur) throw new AppError('NOT_FOUND');
    if (cur.answered_at) throw new AppError('FEEDBACK_ANSWERED');
    const set: Updateable<DB['platform_feedback']> = {
      answer,
      answered_by: actor.accountId,
      answered_at: now,
    };
    const row = await tx
      .updateTable('platform_feedback')
      .set(set)
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'feedback.answer',
      entityType: 'platform_feedback',
      entityId: id,
      requestId,
    });
    return toItem(actor, row, true);
  });
}
