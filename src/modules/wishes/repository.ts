import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { likePattern, numberPattern, orderBySort, totalOf, type SortOf } from '../../platform/lists/index.js';
import type { Actor, Role } from '../accounts/index.js';

/** Roles that only claim: they see a wish once it is published (or one they claimed), never the unreviewed ones. */
const CLAIM_ONLY: readonly Role[] = ['department_staff', 'party_organiser', 'in_service_member'];
const PUBLIC_STATUSES = ['published', 'claimed', 'fulfilled', 'closed'];

/**
 * Which wishes (aliased `w`) the caller sees inside `path`: a resident their own;
 * collectors and reviewers every wish of the subtree; claimers the published
 * ones of the subtree and those they claimed. The county is always in the WHERE.
 */
function visible(actor: Actor, path: string): RawBuilder<boolean> {
  if (actor.role === 'resident') return sql<boolean>`w.requester_account_id = ${actor.accountId}`;
  const sub = sql`w.grid_path <@ ${path}::ltree`;
  if (!CLAIM_ONLY.includes(actor.role)) return sql<boolean>`${sub}`;
  return sql<boolean>`(${sub} AND (w.status IN (${sql.join(PUBLIC_STATUSES)}) OR EXISTS (
    SELECT 1 FROM wish_claim c WHERE c.county_code = w.county_code AND c.wish_id = w.id AND c.claimer_account_id = ${actor.accountId})))`;
}

const activeClaims = sql<number>`(SELECT count(*)::int FROM wish_claim c WHERE c.county_code = w.county_code AND c.wish_id = w.id AND c.status = 'active')`;
const claimerNames = sql<
  string[]
>`ARRAY(SELECT c.claimer_name FROM wish_claim c WHERE c.county_code = w.county_code AND c.wish_id = w.id AND c.status = 'active' ORDER BY c.id)`;

const LIST_COLUMNS = [
  'w.id',
  'w.number',
  'w.grid_code',
  'g.name as grid_name',
  'w.beneficiary',
  'w.beneficiary_kind',
  'w.title',
  'w.source',
  'w.status',
  'w.max_claimers',
  'w.version',
  'w.requester_account_id',
  'w.created_at',
  'w.updated_at',
] as const;

export type WishFilter = {
  path: string;
  status?: string;
  mine: boolean;
  /** part of the wish number */
  number?: string;
  /** words in the title, the need or the beneficiary (never a phone: likePattern refuses it) */
  keyword?: string;
  sort?: SortOf<WishSortKey>;
};

/** The columns the wish list sorts by (the whitelist of its `sort` query). */
export const WISH_SORT_KEYS = ['number', 'createdAt', 'updatedAt', 'status', 'grid', 'title'] as const;
export type WishSortKey = (typeof WISH_SORT_KEYS)[number];
const SORT_COLUMNS: Record<WishSortKey, RawBuilder<unknown>> = {
  number: sql`w.number`,
  createdAt: sql`w.created_at`,
  updatedAt: sql`w.updated_at`,
  status: sql`w.status`,
  grid: sql`g.name`,
  title: sql`w.title`,
};

/** The wishes the caller sees that match the filter (no columns, no order). */
export function filteredWishes(db: DbOrTx, actor: Actor, f: WishFilter) {
  let q = db
    .selectFrom('wish as w')
    .innerJoin('region as g', 'g.code', 'w.grid_code')
    .where('w.county_code', '=', actor.countyCode)
    .where(visible(actor, f.path));
  if (f.status) q = q.where('w.status', '=', f.status);
  if (f.mine)
    q = q.where(
      sql<boolean>`(w.requester_account_id = ${actor.accountId} OR EXISTS (SELECT 1 FROM wish_claim c WHERE c.county_code = w.county_code AND c.wish_id = w.id AND c.claimer_account_id = ${actor.accountId} AND c.status = 'active'))`,
    );
  if (f.number) q = q.where('w.number', 'like', numberPattern(f.number));
  if (f.keyword) {
    const like = likePattern(f.keyword);
    q = q.where((eb) =>
      eb.or([
        eb('w.title', 'ilike', like),
        eb('w.detail', 'ilike', like),
        eb('w.beneficiary', 'ilike', like),
      ]),
    );
  }
  return q;
}

/** The filtered wishes in the list's order: the chosen column, else newest first. */
export function orderedWishes(db: DbOrTx, actor: Actor, f: WishFilter) {
  const q = filteredWishes(db, actor, f)
    .select(LIST_COLUMNS)
    .select([activeClaims.as('active_claims'), claimerNames.as('claimer_names')]);
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`w.id`);
  return q.orderBy('w.created_at', 'desc').orderBy('w.id', 'desc');
}

export async function listWishes(
  db: DbOrTx,
  actor: Actor,
  f: WishFilter & { limit: number; offset: number },
) {
  const [items, total] = await Promise.all([
    orderedWishes(db, actor, f).limit(f.limit).offset(f.offset).execute(),
    totalOf(filteredWishes(db, actor, f)),
  ]);
  return { items, total };
}

/** One wish the caller sees, or undefined (→ 404). `lock` takes the row lock for a change. */
export async function findWish(db: DbOrTx, actor: Actor, id: number, lock = false) {
  let q = db
    .selectFrom('wish as w')
    .innerJoin('region as g', 'g.code', 'w.grid_code')
    .selectAll('w')
    .select('g.name as grid_name')
    .where('w.county_code', '=', actor.countyCode)
    .where('w.id', '=', id)
    .where(visible(actor, actor.scopePath));
  if (lock) q = q.forUpdate('w');
  return q.executeTakeFirst();
}
export type WishRow = NonNullable<Awaited<ReturnType<typeof findWish>>>;

export async function wishClaims(db: DbOrTx, countyCode: string, wishId: number) {
  return db
    .selectFrom('wish_claim')
    .select(['id', 'claimer_account_id', 'claimer_name', 'claimer_kind', 'note', 'status', 'created_at'])
    .where('county_code', '=', countyCode)
    .where('wish_id', '=', wishId)
    .orderBy('id')
    .execute();
}

export async function wishHistory(db: DbOrTx, countyCode: string, wishId: number) {
  return db
    .selectFrom('service_history')
    .select(['id', 'at', 'action', 'from_status', 'to_status', 'actor_name', 'note'])
    .where('county_code', '=', countyCode)
    .where('entity_type', '=', 'wish')
    .where('entity_id', '=', wishId)
    .orderBy('id')
    .execute();
}

/** Counts by status of the wishes the caller sees inside `path`. */
export async function wishStats(db: DbOrTx, actor: Actor, path: string) {
  const rows = await db
    .selectFrom('wish as w')
    .select(['w.status', sql<number>`count(*)::int`.as('n')])
    .where('w.county_code', '=', actor.countyCode)
    .where(visible(actor, path))
    .groupBy('w.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

export async function nextWishNumber(tx: DbOrTx, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('wish_number_seq')::text AS n`.execute(tx);
  // the Beijing date, as people read it on the paper form
  const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `XY${day}${(rows[0]?.n ?? '0').padStart(5, '0')}`;
}

/** Village staff of the village holding the grid: they review the wish. */
export async function reviewerAccounts(db: DbOrTx, gridCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where('role', '=', 'village_staff')
    .where('scope_code', '=', gridCode.slice(0, 12))
    .execute();
  return rows.map((r) => r.id);
}
