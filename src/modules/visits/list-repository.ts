import { sql, type Expression } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { likePattern, numberPattern, orderBySort, type SortOf } from '../../platform/lists/index.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
type Scope = { countyCode: string; path: string };

/** The columns the visit list sorts by (the whitelist of its `sort` query). */
export const VISIT_SORT_KEYS = ['id', 'visitedAt', 'address', 'grid', 'worker', 'kind', 'outcome'] as const;
export type VisitSortKey = (typeof VISIT_SORT_KEYS)[number];
const SORT_COLUMNS: Record<VisitSortKey, Expression<unknown>> = {
  id: sql`v.id`,
  visitedAt: sql`v.visited_at`,
  address: sql`h.address`,
  grid: sql`g.name`,
  worker: sql`a.display_name`,
  kind: sql`v.kind`,
  outcome: sql`v.outcome`,
};

export type VisitFilter = {
  householdId?: number;
  id?: number;
  from?: Date;
  to?: Date;
  kind?: string;
  outcome?: string;
  /** part of the household number (its id) or of the linked case's number */
  number?: string;
  /** words in the address, the notes or the worker's name (never a phone: likePattern refuses it) */
  q?: string;
  sort?: SortOf<VisitSortKey>;
};

/**
 * The visits of the scope that match the filter, with the worker's name, the household's address and
 * the linked case's number, in the list's order (newest first by default). The page, its total and
 * the export are all built from this one query.
 */
export function filteredVisits(db: DbOrTx, scope: Scope, f: VisitFilter) {
  let q = db
    .selectFrom('visit as v')
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'v.county_code').onRef('h.id', '=', 'v.household_id'),
    )
    .innerJoin('region as g', 'g.code', 'v.grid_code')
    .innerJoin('account as a', 'a.id', 'v.worker_account_id')
    .leftJoin('cases as c', (j) =>
      j.onRef('c.county_code', '=', 'v.county_code').onRef('c.id', '=', 'v.case_id'),
    )
    .select([
      'v.id',
      'v.household_id',
      'h.address',
      'v.grid_code',
      'g.name as grid_name',
      'a.display_name as worker_name',
      'v.visited_at',
      'v.kind',
      'v.outcome',
      'v.needs',
      'v.notes',
      'v.case_id',
      'c.number as case_number',
    ])
    .where('v.county_code', '=', scope.countyCode)
    .where(inSubtree('v.grid_path', scope.path));
  if (f.householdId !== undefined) q = q.where('v.household_id', '=', f.householdId);
  if (f.id !== undefined) q = q.where('v.id', '=', f.id);
  if (f.from) q = q.where('v.visited_at', '>=', f.from);
  if (f.to) q = q.where('v.visited_at', '<', f.to);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.outcome) q = q.where('v.outcome', '=', f.outcome);
  if (f.number) {
    const like = numberPattern(f.number);
    q = q.where((eb) =>
      eb.or([eb(sql<string>`v.household_id::text`, 'like', like), eb('c.number', 'like', like)]),
    );
  }
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('h.address', 'ilike', like),
        eb('v.notes', 'ilike', like),
        eb('a.display_name', 'ilike', like),
      ]),
    );
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`v.id`);
  return q.orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc');
}
