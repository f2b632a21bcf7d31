import { sql, type Expression } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import {
  beijingDayEnd,
  beijingDayStart,
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import type { Scope } from './repository.js';

/**
 * The columns the points ledger sorts by (the whitelist of its `sort` query). Never a balance: the
 * ledger lists entries, it does not rank workers by their points (国办函〔2026〕12号).
 */
export const LEDGER_SORT_KEYS = ['id', 'at', 'worker', 'grid', 'reason', 'delta'] as const;
export type LedgerSortKey = (typeof LEDGER_SORT_KEYS)[number];
const SORT_COLUMNS: Record<LedgerSortKey, Expression<unknown>> = {
  id: sql`e.id`,
  at: sql`e.at`,
  worker: sql`r.name`,
  grid: sql`g.name`,
  reason: sql`e.reason`,
  delta: sql`e.delta`,
};

export type LedgerFilter = {
  workerId?: number;
  /** a rule code, 'redeem', 'refund' or 'adjust' */
  reason?: string;
  /** earned (delta > 0) or spent (delta < 0) */
  direction?: 'earned' | 'spent';
  from?: string;
  to?: string;
  /** part of the entry's number (its id) */
  number?: string;
  /** words in the worker's name, the grid's or village's name or the entry's note (never a phone) */
  q?: string;
  sort?: SortOf<LedgerSortKey>;
};

/**
 * The ledger entries of the grids inside the scope (the grid the worker was in when the entry was
 * made) that match the filter, newest first by default: the page, its total and the export are built
 * from this one query.
 */
export function filteredLedger(db: DbOrTx, scope: Scope, f: LedgerFilter) {
  let q = db
    .selectFrom('points_entry as e')
    .innerJoin('grid_worker as w', (j) =>
      j.onRef('w.county_code', '=', 'e.county_code').onRef('w.id', '=', 'e.worker_id'),
    )
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'w.county_code').onRef('r.id', '=', 'w.resident_id'),
    )
    .innerJoin('region as g', (j) => j.on(sql<boolean>`g.path = e.grid_path`))
    .leftJoin('region as v', 'v.code', 'g.parent_code')
    .select([
      'e.id',
      'e.worker_id',
      'r.name as worker_name',
      'g.name as grid_name',
      'v.name as village_name',
      'e.delta',
      'e.reason',
      'e.ref_type',
      'e.ref_id',
      'e.note',
      'e.balance_after',
      'e.at',
    ])
    .where('e.county_code', '=', scope.countyCode)
    .where(inSubtree('e.grid_path', scope.path));
  if (f.workerId) q = q.where('e.worker_id', '=', f.workerId);
  if (f.reason) q = q.where('e.reason', '=', f.reason);
  if (f.direction === 'earned') q = q.where('e.delta', '>', 0);
  if (f.direction === 'spent') q = q.where('e.delta', '<', 0);
  if (f.from) q = q.where('e.at', '>=', beijingDayStart(f.from));
  if (f.to) q = q.where('e.at', '<', beijingDayEnd(f.to));
  if (f.number) q = q.where(sql<string>`e.id::text`, 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('r.name', 'ilike', like),
        eb('g.name', 'ilike', like),
        eb('v.name', 'ilike', like),
        eb('e.note', 'ilike', like),
      ]),
    );
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`e.id`);
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc');
}
export type LedgerRow = Awaited<ReturnType<ReturnType<typeof filteredLedger>['execute']>>[number];

export function listLedger(db: DbOrTx, scope: Scope, f: LedgerFilter & { limit: number; offset: number }) {
  const q = filteredLedger(db, scope, f);
  return listPage(q, q, f.limit, f.offset);
}
