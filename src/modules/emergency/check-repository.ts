import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { likePattern, listPage, orderBySort, type SortOf } from '../../platform/lists/index.js';
import type { Scope } from './repository.js';

export const CHECK_SORT_KEYS = ['name', 'address', 'grid', 'status', 'reportedAt'] as const;

export type CheckFilter = {
  eventId?: number;
  declaredOnly?: boolean;
  status?: string;
  /** words in the head's name, the address or the grid's name */
  q?: string;
  sort?: SortOf<(typeof CHECK_SORT_KEYS)[number]>;
};

/** The household's head. */
const NAME = sql<string>`coalesce((SELECT r.name FROM resident r WHERE r.county_code = h.county_code
  AND r.household_id = h.id AND r.relation = 'head' ORDER BY r.id LIMIT 1), '')`;

const SORT_COLUMNS = {
  name: NAME,
  address: sql`h.address`,
  grid: sql`g.name`,
  status: sql`c.status`,
  reportedAt: sql`c.reported_at`,
};

/** The checks below a node that match the filter (one WHERE for the page, its total and the export). */
function matching(db: DbOrTx, s: Scope, f: CheckFilter) {
  let q = db
    .selectFrom('emergency_check as c')
    .innerJoin('emergency_event as e', (j) =>
      j.onRef('e.county_code', '=', 'c.county_code').onRef('e.id', '=', 'c.event_id'),
    )
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'c.county_code').onRef('h.id', '=', 'c.household_id'),
    )
    .innerJoin('region as g', 'g.code', 'c.grid_code')
    .where('c.county_code', '=', s.countyCode)
    .where(sql<boolean>`c.grid_path <@ ${s.path}::ltree`);
  if (f.eventId !== undefined) q = q.where('c.event_id', '=', f.eventId);
  if (f.declaredOnly) q = q.where('e.state', '=', 'declared');
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb(NAME, 'ilike', like), eb('h.address', 'ilike', like), eb('g.name', 'ilike', like)]),
    );
  }
  return q;
}

/** Checks below a node with the household's address, head and tags, in the list's order (pending first by default). */
export function filteredChecks(db: DbOrTx, s: Scope, f: CheckFilter) {
  const q = matching(db, s, f).select([
    'c.id',
    'c.event_id',
    'c.household_id',
    'c.grid_code',
    'g.name as grid_name',
    'h.address',
    'c.status',
    'c.reported_at',
    'c.case_id',
    'c.version',
    sql<string[]>`(SELECT coalesce(array_agg(DISTINCT t), '{}') FROM (
        SELECT unnest(h.care_tags) AS t UNION
        SELECT unnest(r.care_tags) FROM resident r WHERE r.county_code = h.county_code AND r.household_id = h.id
          AND r.status = 'present') x WHERE t = ANY(e.care_tags))`.as('tags'),
    NAME.as('name'),
  ]);
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`c.id`);
  return q
    .orderBy(sql`c.status = 'pending'`, 'desc')
    .orderBy('c.grid_code')
    .orderBy('c.id');
}
export type CheckRow = Awaited<ReturnType<ReturnType<typeof filteredChecks>['execute']>>[number];

const toCheckItem = (c: CheckRow) => ({
  id: Number(c.id),
  eventId: Number(c.event_id),
  householdId: Number(c.household_id),
  gridCode: c.grid_code,
  gridName: c.grid_name,
  address: c.address,
  name: c.name,
  careTags: c.tags,
  status: c.status as 'pending' | 'safe' | 'evacuated' | 'needs_help' | 'unreachable',
  reportedAt: c.reported_at?.toISOString() ?? null,
  caseId: c.case_id === null ? null : Number(c.case_id),
  version: c.version,
});

/** Checks below a node (the phone's list: declared events only when asked). */
export async function listChecks(db: DbOrTx, s: Scope, f: CheckFilter & { limit: number }) {
  return (await filteredChecks(db, s, f).limit(f.limit).execute()).map(toCheckItem);
}

/** A page of an event's checks and the exact total of the filter. */
export async function pageChecks(db: DbOrTx, s: Scope, f: CheckFilter & { limit: number; offset: number }) {
  const { items, total } = await listPage(
    matching(db, s, f).select('c.id'),
    filteredChecks(db, s, f),
    f.limit,
    f.offset,
  );
  return { items: items.map(toCheckItem), total };
}

/** Every report of one check (the history), oldest first. */
export async function checkHistory(db: DbOrTx, s: Scope, id: number) {
  return db
    .selectFrom('emergency_report as p')
    .innerJoin('emergency_check as c', (j) =>
      j.onRef('c.county_code', '=', 'p.county_code').onRef('c.id', '=', 'p.check_id'),
    )
    .select(['p.status', 'p.reported_at', 'p.reported_by_name', 'p.note'])
    .where('p.county_code', '=', s.countyCode)
    .where('p.check_id', '=', id)
    .where(sql<boolean>`c.grid_path <@ ${s.path}::ltree`)
    .orderBy('p.reported_at')
    .limit(200)
    .execute();
}
