import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { likePattern, numberPattern, orderBySort, totalOf, type SortOf } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';

/**
 * Which errands an actor sees: residents their own requests, staff the errands
 * of grids inside `path` (their scope, or a region inside it). Always one county.
 */
export function visibleTo(actor: Actor, path: string): Expression<SqlBool> {
  const eb = expressionBuilder<DB & { e: DB['errand'] }, 'e'>();
  const county = eb('e.county_code', '=', actor.countyCode);
  if (actor.role === 'resident') return eb.and([county, eb('e.requester_account_id', '=', actor.accountId)]);
  if (actor.role === 'in_service_member')
    // 在职党员: the micro-errands near home still waiting for someone, and those they took
    return eb.and([
      county,
      inSubtree('e.grid_path', path),
      eb.or([
        eb.and([
          eb('e.status', '=', 'requested'),
          sql<SqlBool>`EXISTS (SELECT 1 FROM service_item si WHERE si.county_code = e.county_code
            AND si.code = e.service_code AND si.kind = 'errand')`,
        ]),
        eb('e.assignee_account_id', '=', actor.accountId),
      ]),
    ]);
  return eb.and([county, inSubtree('e.grid_path', path)]);
}

/**
 * Past the promise, or — for a relay item — past its tier's time. Never NULL: an item without a
 * tier (handled at the village, or finished) has no tier time, and `NULL < now` must not make the
 * whole answer NULL.
 */
const overdueAt = (now: Date) =>
  sql<boolean>`((e.due_at < ${now} AND e.status IN ('requested', 'accepted'))
    OR COALESCE(e.tier_due_at < ${now} AND e.status IN ('accepted', 'at_township', 'at_county', 'returned'), false))`;

function selectErrands(db: DbOrTx, now: Date) {
  return db
    .selectFrom('errand as e')
    .innerJoin('service_item as s', (j) =>
      j.onRef('s.county_code', '=', 'e.county_code').onRef('s.code', '=', 'e.service_code'),
    )
    .innerJoin('region as g', 'g.code', 'e.grid_code')
    .innerJoin('account as r', 'r.id', 'e.requester_account_id')
    .leftJoin('account as a', 'a.id', 'e.assignee_account_id')
    .select([
      'e.id',
      'e.county_code',
      'e.number',
      'e.grid_code',
      'e.grid_path',
      'g.name as grid_name',
      'e.service_code',
      's.kind',
      's.name_zh',
      's.name_en',
      's.handled_at',
      'e.detail',
      'e.requester_account_id',
      'r.display_name as requester_name',
      'e.contact_name',
      'e.contact_phone_masked',
      'e.status',
      'e.assignee_account_id',
      'a.display_name as assignee_name',
      'e.decline_reason',
      'e.result_note',
      'e.rating',
      'e.rating_comment',
      'e.due_at',
      'e.version',
      'e.created_at',
      'e.accepted_at',
      'e.done_at',
      'e.confirmed_at',
      'e.closed_at',
      'e.tier',
      'e.tier_due_at',
      'e.tier_overdue',
      'e.on_behalf_resident_id',
    ])
    .select(overdueAt(now).as('overdue'));
}
export type ErrandRow = Awaited<ReturnType<ReturnType<typeof selectErrands>['executeTakeFirstOrThrow']>>;

export type ErrandFilter = {
  status?: string;
  overdue?: boolean;
  mine?: boolean;
  /** part of the errand number */
  number?: string;
  /** words in the service item or the detail (never a phone: likePattern refuses it) */
  q?: string;
  tier?: string;
  relay?: boolean;
  sort?: SortOf<ErrandSortKey>;
};

/** The columns the errand list sorts by (the whitelist of its `sort` query). */
export const ERRAND_SORT_KEYS = [
  'number',
  'createdAt',
  'dueAt',
  'doneAt',
  'status',
  'grid',
  'service',
  'tierDueAt',
] as const;
export type ErrandSortKey = (typeof ERRAND_SORT_KEYS)[number];
const SORT_COLUMNS: Record<ErrandSortKey, Expression<unknown>> = {
  number: sql`e.number`,
  createdAt: sql`e.created_at`,
  dueAt: sql`e.due_at`,
  doneAt: sql`e.done_at`,
  status: sql`e.status`,
  grid: sql`g.name`,
  service: sql`s.name_zh`,
  tierDueAt: sql`e.tier_due_at`,
};

/** The errands of `path` the actor sees that match the filter, in the list's order (newest first by default). */
export function filteredErrands(db: DbOrTx, actor: Actor, path: string, f: ErrandFilter, now: Date) {
  let q = selectErrands(db, now).where(visibleTo(actor, path));
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.overdue) q = q.where(overdueAt(now));
  if (f.mine)
    q = q.where((eb) =>
      eb.or([
        eb('e.assignee_account_id', '=', actor.accountId),
        eb('e.requester_account_id', '=', actor.accountId),
      ]),
    );
  if (f.number) q = q.where('e.number', 'like', numberPattern(f.number));
  if (f.tier) q = q.where('e.tier', '=', f.tier);
  if (f.relay) q = q.where('e.tier', 'is not', null);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('s.name_zh', 'ilike', like), eb('e.detail', 'ilike', like)]));
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`e.id`);
  return q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc');
}

export async function listErrands(
  db: DbOrTx,
  actor: Actor,
  path: string,
  f: ErrandFilter & { limit: number; offset: number },
  now: Date,
) {
  const q = filteredErrands(db, actor, path, f, now);
  const [items, total] = await Promise.all([q.limit(f.limit).offset(f.offset).execute(), totalOf(q)]);
  return { items, total };
}

export async function findErrand(db: DbOrTx, actor: Actor, id: number, now: Date) {
  return selectErrands(db, now)
    .where(visibleTo(actor, actor.scopePath))
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** Locks an errand the actor sees (SELECT … FOR UPDATE filtered in SQL): undefined when out of sight. */
export async function lockVisibleErrand(tx: DbOrTx, actor: Actor, id: number) {
  return tx
    .selectFrom('errand as e')
    .innerJoin('service_item as s', (j) =>
      j.onRef('s.county_code', '=', 'e.county_code').onRef('s.code', '=', 'e.service_code'),
    )
    .selectAll('e')
    .select(['s.handled_at', 's.promise_days', 's.kind'])
    .where(visibleTo(actor, actor.scopePath))
    .where('e.id', '=', id)
    .forUpdate('e')
    .executeTakeFirst();
}

export async function findByClientRequest(
  db: DbOrTx,
  countyCode: string,
  accountId: number,
  clientRequestId: string,
) {
  return db
    .selectFrom('errand')
    .select(['id', 'number', 'status', 'service_code'])
    .where('county_code', '=', countyCode)
    .where('requester_account_id', '=', accountId)
    .where('client_request_id', '=', clientRequestId)
    .executeTakeFirst();
}

/** 'DB' + the Beijing date + a sequence number: DB20221228000123. */
export async function nextErrandNumber(tx: DbOrTx, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('errand_number_seq')::text AS n`.execute(tx);
  const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `DB${day}${(rows[0]?.n ?? '0').padStart(6, '0')}`;
}

export async function errandSteps(db: DbOrTx, countyCode: string, id: number) {
  return db
    .selectFrom('service_history')
    .select(['id', 'at', 'action', 'from_status', 'to_status', 'actor_name', 'note'])
    .where('county_code', '=', countyCode)
    .where('entity_type', '=', 'errand')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
}

/**
 * Who hears of a new request: the grid's workers (accounts linked to its
 * grid_worker rows, and grid-worker accounts scoped to the grid) and the
 * village's staff.
 */
export async function handlersOf(db: DbOrTx, countyCode: string, gridCode: string): Promise<number[]> {
  const linked = await db
    .selectFrom('grid_worker')
    .select('account_id')
    .where('county_code', '=', countyCode)
    .where('grid_code', '=', gridCode)
    .where('active', '=', true)
    .where('account_id', 'is not', null)
    .execute();
  const scoped = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'grid_worker'), eb('scope_code', '=', gridCode)]),
        eb.and([eb('role', '=', 'village_staff'), eb('scope_code', '=', gridCode.slice(0, 12))]),
      ]),
    )
    .execute();
  return [...new Set([...linked.map((r) => Number(r.account_id)), ...scoped.map((r) => r.id)])];
}

/** Counts per status, overdue, done in total and the ratings, inside `path`. */
export async function errandStats(db: DbOrTx, actor: Actor, path: string, now: Date) {
  const base = db.selectFrom('errand as e').where(visibleTo(actor, path));
  const [byStatus, byRating, overdue, byKind] = await Promise.all([
    base
      .select(['e.status', sql<number>`count(*)::int`.as('n')])
      .groupBy('e.status')
      .execute(),
    base
      .select(['e.rating', sql<number>`count(*)::int`.as('n')])
      .where('e.rating', 'is not', null)
      .groupBy('e.rating')
      .execute(),
    base
      .select(sql<number>`count(*)::int`.as('n'))
      .where(overdueAt(now))
      .executeTakeFirstOrThrow(),
    base
      .innerJoin('service_item as s', (j) =>
        j.onRef('s.county_code', '=', 'e.county_code').onRef('s.code', '=', 'e.service_code'),
      )
      .select(['s.kind', sql<number>`count(*)::int`.as('n')])
      .where('e.status', 'in', ['done', 'confirmed'])
      .groupBy('s.kind')
      .execute(),
  ]);
  return { byStatus, byRating, overdue: overdue.n, byKind };
}

/** The staff of the tier of the relay that holds a grid's item: its village, township or county. */
export async function tierAccounts(db: DbOrTx, gridCode: string, tier: 'village' | 'township' | 'county') {
  const at = {
    village: ['village_staff', 12],
    township: ['township_centre', 9],
    county: ['county_centre', 6],
  } as const;
  const [role, len] = at[tier];
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where('role', '=', role)
    .where('scope_code', '=', gridCode.slice(0, len))
    .execute();
  return rows.map((r) => r.id);
}
