import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };

export type WorkerFilter = {
  employment?: 'fullTime' | 'partTime';
  duty?: string;
  q?: string;
  limit: number;
  offset: number;
};

const likeEscaped = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function workers(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('grid_worker as w')
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'w.county_code').onRef('r.id', '=', 'w.resident_id'),
    )
    .innerJoin('region as g', 'g.code', 'w.grid_code')
    .innerJoin('region as v', 'v.code', 'g.parent_code')
    .where('w.county_code', '=', scope.countyCode)
    .where(inSubtree('w.grid_path', scope.path));
}

const WORKER_COLUMNS = [
  'w.id',
  'w.grid_code',
  'g.name as grid_name',
  'v.name as village_name',
  'r.name',
  'w.employment',
  'w.duty',
  'w.points_balance',
  'w.active',
  'w.account_id',
] as const;

/**
 * The roster in scope. Sorted by place (grid path) and name — never by points:
 * 国办函〔2026〕12号 forbids points rankings.
 */
export async function listWorkers(db: DbOrTx, scope: Scope, f: WorkerFilter) {
  let q = workers(db, scope);
  if (f.employment) q = q.where('w.employment', '=', f.employment);
  if (f.duty) q = q.where('w.duty', '=', f.duty);
  if (f.q) q = q.where('r.name', 'like', likeEscaped(f.q));
  const [items, total] = await Promise.all([
    q
      .select(WORKER_COLUMNS)
      .orderBy('w.grid_path')
      .orderBy('r.name')
      .orderBy('w.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findWorker(db: DbOrTx, scope: Scope, id: number) {
  return workers(db, scope).select(WORKER_COLUMNS).where('w.id', '=', id).executeTakeFirst();
}

export async function findWorkerByAccount(db: DbOrTx, countyCode: string, accountId: number) {
  return db
    .selectFrom('grid_worker as w')
    .innerJoin('region as g', 'g.code', 'w.grid_code')
    .select(['w.id', 'w.grid_code', 'w.grid_path', 'g.name as grid_name', 'w.employment', 'w.points_balance'])
    .where('w.county_code', '=', countyCode)
    .where('w.account_id', '=', accountId)
    .where('w.active', '=', true)
    .executeTakeFirst();
}

export async function ledgerOf(db: DbOrTx, countyCode: string, workerId: number, limit: number) {
  return db
    .selectFrom('points_entry')
    .select(['id', 'delta', 'reason', 'ref_type', 'ref_id', 'note', 'balance_after', 'at'])
    .where('county_code', '=', countyCode)
    .where('worker_id', '=', workerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export type RedemptionFilter = { workerId?: number; status?: string; limit: number; offset: number };

/** Exchanges of workers in scope (the worker's grid), newest first. */
export async function listRedemptions(db: DbOrTx, scope: Scope, f: RedemptionFilter) {
  let q = db
    .selectFrom('redemption as x')
    .innerJoin('goods as o', (j) =>
      j.onRef('o.county_code', '=', 'x.county_code').onRef('o.id', '=', 'x.goods_id'),
    )
    .innerJoin('grid_worker as w', (j) =>
      j.onRef('w.county_code', '=', 'x.county_code').onRef('w.id', '=', 'x.worker_id'),
    )
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'w.county_code').onRef('r.id', '=', 'w.resident_id'),
    )
    .innerJoin('region as g', 'g.code', 'w.grid_code')
    .innerJoin('region as s', 's.code', 'o.region_code')
    .where('x.county_code', '=', scope.countyCode)
    .where(inSubtree('x.grid_path', scope.path));
  if (f.workerId !== undefined) q = q.where('x.worker_id', '=', f.workerId);
  if (f.status) q = q.where('x.status', '=', f.status);
  const [items, total] = await Promise.all([
    q
      .select([
        'x.id',
        'x.worker_id',
        'r.name as worker_name',
        'g.name as grid_name',
        'x.goods_id',
        'o.name as goods_name',
        'o.unit',
        's.name as stocked_by',
        'x.quantity',
        'x.points',
        'x.status',
        'x.requested_at',
        'x.decided_at',
      ])
      .orderBy('x.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

const GOODS_COLUMNS = [
  'o.id',
  'o.region_code',
  's.name as region_name',
  'o.name',
  'o.unit',
  'o.points_cost',
  'o.stock',
  'o.active',
] as const;

/**
 * Goods a worker of `gridPath` may exchange for: stocked by any region on the path above the grid
 * (only those inside `within`, a region on that path, when given).
 */
export async function goodsForGrid(db: DbOrTx, countyCode: string, gridPath: string, within?: string) {
  return db
    .selectFrom('goods as o')
    .innerJoin('region as s', 's.code', 'o.region_code')
    .select(GOODS_COLUMNS)
    .where('o.county_code', '=', countyCode)
    .where('o.active', '=', true)
    .where(sql<boolean>`${gridPath}::ltree <@ o.region_path`)
    .$if(within !== undefined, (q) => q.where(sql<boolean>`o.region_path <@ ${within}::ltree`))
    .orderBy('o.points_cost')
    .orderBy('o.id')
    .execute();
}

/** Goods staff see: stocked inside their scope, and (read-only) by the regions above it. */
export async function goodsForStaff(
  db: DbOrTx,
  scope: Scope,
  f: { within: string; includeInactive: boolean },
) {
  let q = db
    .selectFrom('goods as o')
    .innerJoin('region as s', 's.code', 'o.region_code')
    .select(GOODS_COLUMNS)
    .select(sql<boolean>`o.region_path <@ ${scope.path}::ltree`.as('in_scope'))
    .where('o.county_code', '=', scope.countyCode)
    .where((eb) =>
      eb.or([
        inSubtree('o.region_path', f.within),
        eb(sql<boolean>`${f.within}::ltree <@ o.region_path`, '=', true),
      ]),
    );
  if (!f.includeInactive) q = q.where('o.active', '=', true);
  return q.orderBy('o.region_path').orderBy('o.points_cost').orderBy('o.id').limit(1000).execute();
}
