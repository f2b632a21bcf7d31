import { sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { LessonOrder } from '../../platform/db/schema.js';
import type { Scope } from './scope.js';

/** A lesson is seen by those its offering organisation covers (below it) and by those above it. */
const visible = (scope: Scope) =>
  sql<boolean>`(l.region_path @> ${scope.path}::ltree OR l.region_path <@ ${scope.path}::ltree)`;

const LESSON_COLUMNS = [
  'l.id',
  'l.topic',
  'l.speaker',
  'l.format',
  'l.summary',
  'l.minutes',
  'l.media_kind',
  'l.media_mime',
  'l.media_bytes',
  'l.media_pages',
  'l.media_key',
  'l.region_path',
] as const;

function lessons(db: DbOrTx, scope: Scope) {
  const orders = sql<number>`(SELECT count(*)::int FROM lesson_order o WHERE o.county_code = l.county_code
    AND o.lesson_id = l.id AND o.region_path <@ ${scope.path}::ltree)`;
  const watchers = sql<number>`(SELECT count(*)::int FROM lesson_watch w WHERE w.county_code = l.county_code
    AND w.lesson_id = l.id AND w.region_path <@ ${scope.path}::ltree)`;
  return db
    .selectFrom('party_lesson as l')
    .innerJoin('region as r', (j) => j.on(sql<boolean>`r.path = l.region_path`))
    .select(LESSON_COLUMNS)
    .select(['r.name as offered_by', orders.as('orders'), watchers.as('watchers')])
    .where('l.county_code', '=', scope.countyCode)
    .where(visible(scope));
}
export type LessonRow = Awaited<ReturnType<typeof findLesson>> & {};

export async function listLessons(
  db: DbOrTx,
  scope: Scope,
  f: { format?: string; limit: number; offset: number },
) {
  let q = lessons(db, scope);
  if (f.format) q = q.where('l.format', '=', f.format);
  const [items, total] = await Promise.all([
    q.orderBy('l.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    db
      .selectFrom('party_lesson as l')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('l.county_code', '=', scope.countyCode)
      .where(visible(scope))
      .$if(!!f.format, (b) => b.where('l.format', '=', f.format!))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export const findLesson = (db: DbOrTx, scope: Scope, id: number) =>
  lessons(db, scope).where('l.id', '=', id).executeTakeFirst();

export async function insertLesson(
  db: DbOrTx,
  l: {
    countyCode: string;
    regionPath: string;
    topic: string;
    speaker: string;
    format: string;
    summary: string;
    minutes: number;
    createdBy: number;
  },
) {
  const r = await db
    .insertInto('party_lesson')
    .values({
      county_code: l.countyCode,
      region_path: l.regionPath,
      topic: l.topic,
      speaker: l.speaker,
      format: l.format,
      summary: l.summary,
      minutes: l.minutes,
      created_by: l.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export const setMedia = (
  db: DbOrTx,
  countyCode: string,
  id: number,
  m: { key: string; kind: string; mime: string; bytes: number; pages: number | null },
) =>
  db
    .updateTable('party_lesson')
    .set({
      media_key: m.key,
      media_kind: m.kind,
      media_mime: m.mime,
      media_bytes: m.bytes,
      media_pages: m.pages,
    })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();

/** One report of watching: seconds add up, the furthest point only moves forward. `inserted` on the first. */
export async function recordWatch(
  db: DbOrTx,
  w: {
    countyCode: string;
    lessonId: number;
    accountId: number;
    memberId: number | null;
    regionPath: string;
    seconds: number;
    pct: number;
    now: Date;
  },
) {
  return db
    .insertInto('lesson_watch')
    .values({
      county_code: w.countyCode,
      lesson_id: w.lessonId,
      account_id: w.accountId,
      member_id: w.memberId,
      region_path: w.regionPath,
      first_at: w.now,
      last_at: w.now,
      seconds: w.seconds,
      furthest_pct: w.pct,
    })
    .onConflict((oc) =>
      oc.columns(['county_code', 'lesson_id', 'account_id']).doUpdateSet({
        last_at: w.now,
        seconds: sql`lesson_watch.seconds + excluded.seconds`,
        furthest_pct: sql`greatest(lesson_watch.furthest_pct, excluded.furthest_pct)`,
      }),
    )
    .returning(['seconds', 'furthest_pct', 'first_at', 'last_at', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
}

export const watchers = (db: DbOrTx, scope: Scope, lessonId: number, limit: number, offset: number) =>
  db
    .selectFrom('lesson_watch as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['a.display_name', 'w.member_id', 'w.seconds', 'w.furthest_pct', 'w.first_at', 'w.last_at'])
    .where('w.county_code', '=', scope.countyCode)
    .where('w.lesson_id', '=', lessonId)
    .where(inSubtree('w.region_path', scope.path))
    .orderBy('w.last_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();

// --- orders (配送+点单) ---

function orders(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('lesson_order as o')
    .innerJoin('party_lesson as l', (j) =>
      j.onRef('l.county_code', '=', 'o.county_code').onRef('l.id', '=', 'o.lesson_id'),
    )
    .innerJoin('party_org as g', (j) =>
      j.onRef('g.county_code', '=', 'o.county_code').onRef('g.id', '=', 'o.org_id'),
    )
    .select([
      'o.id',
      'o.county_code',
      'o.lesson_id',
      'l.topic',
      'l.speaker',
      'l.format',
      'o.org_id',
      'g.name as org_name',
      'o.region_path',
      'o.state',
      'o.wish',
      'o.scheduled_at',
      'o.place',
      'o.meeting_id',
      'o.version',
      'o.created_at',
    ])
    .where('o.county_code', '=', scope.countyCode)
    .where(inSubtree('o.region_path', scope.path));
}
export type OrderRow = Awaited<ReturnType<typeof findOrder>> & {};

export async function listOrders(
  db: DbOrTx,
  scope: Scope,
  f: { state?: string; limit: number; offset: number },
) {
  let q = orders(db, scope);
  if (f.state) q = q.where('o.state', '=', f.state);
  const [items, total] = await Promise.all([
    q.orderBy('o.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export const findOrder = (db: DbOrTx, scope: Scope, id: number) =>
  orders(db, scope).where('o.id', '=', id).executeTakeFirst();

export const lockOrder = (db: DbOrTx, scope: Scope, id: number) =>
  orders(db, scope).where('o.id', '=', id).forUpdate('o').executeTakeFirst();

export const findOrderByRequest = (db: DbOrTx, countyCode: string, accountId: number, rid: string) =>
  db
    .selectFrom('lesson_order')
    .select(['id', 'state', 'lesson_id', 'org_id'])
    .where('county_code', '=', countyCode)
    .where('created_by', '=', accountId)
    .where('client_request_id', '=', rid)
    .executeTakeFirst();

export async function insertOrder(
  db: DbOrTx,
  o: {
    countyCode: string;
    lessonId: number;
    orgId: number;
    regionPath: string;
    wish: string;
    createdBy: number;
    clientRequestId: string | null;
    now: Date;
  },
) {
  const r = await db
    .insertInto('lesson_order')
    .values({
      county_code: o.countyCode,
      lesson_id: o.lessonId,
      org_id: o.orgId,
      region_path: o.regionPath,
      wish: o.wish,
      created_by: o.createdBy,
      client_request_id: o.clientRequestId,
      created_at: o.now,
      updated_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export const updateOrder = (
  db: DbOrTx,
  countyCode: string,
  id: number,
  set: Updateable<LessonOrder>,
  now: Date,
) =>
  db
    .updateTable('lesson_order')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returning(['id', 'state', 'version'])
    .executeTakeFirstOrThrow();

export const addOrderStep = (
  db: DbOrTx,
  s: {
    countyCode: string;
    orderId: number;
    action: string;
    fromState: string;
    toState: string;
    actorId: number | null;
    actorName: string;
    note: string | null;
    at: Date;
  },
) =>
  db
    .insertInto('lesson_order_step')
    .values({
      county_code: s.countyCode,
      order_id: s.orderId,
      action: s.action,
      from_state: s.fromState,
      to_state: s.toState,
      actor_id: s.actorId,
      actor_name: s.actorName,
      note: s.note,
      at: s.at,
    })
    .execute();

export const orderSteps = (db: DbOrTx, countyCode: string, orderId: number) =>
  db
    .selectFrom('lesson_order_step')
    .select(['action', 'from_state', 'to_state', 'actor_name', 'note', 'at'])
    .where('county_code', '=', countyCode)
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
