import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { likePattern, listPage, orderBySort, type SortOf } from '../../platform/lists/index.js';
import type { StepActor } from '../workflow/index.js';

export type Scope = { countyCode: string; path: string };

/** A target in the caller's subtree, locked, with its campaign's state and window (undefined → 404). */
export async function lockTarget(tx: Tx, scope: Scope, id: number) {
  return tx
    .selectFrom('campaign_target as t')
    .innerJoin('campaign as c', (j) =>
      j.onRef('c.county_code', '=', 't.county_code').onRef('c.id', '=', 't.campaign_id'),
    )
    .select([
      't.county_code',
      't.id',
      't.campaign_id',
      't.household_id',
      't.resident_id',
      't.grid_code',
      't.state',
      't.version',
      't.done_by',
      't.client_request_id',
      'c.state as campaign_state',
      'c.checklist',
      'c.rule',
      'c.starts_on',
      sql<string>`c.region_path::text`.as('region_path'),
    ])
    .where('t.county_code', '=', scope.countyCode)
    .where('t.id', '=', id)
    .where(sql<boolean>`t.grid_path <@ ${scope.path}::ltree`)
    .forUpdate('t')
    .executeTakeFirst();
}
export type TargetRow = NonNullable<Awaited<ReturnType<typeof lockTarget>>>;

/** The caller's earlier target for an offline report's request id. */
export async function findByClientRequest(db: DbOrTx, countyCode: string, accountId: number, rid: string) {
  return db
    .selectFrom('campaign_target')
    .select(['id', 'state'])
    .where('county_code', '=', countyCode)
    .where('done_by', '=', accountId)
    .where('client_request_id', '=', rid)
    .executeTakeFirst();
}

export const TARGET_SORT_KEYS = ['name', 'address', 'grid', 'state', 'doneAt'] as const;
export type TargetSort = SortOf<(typeof TARGET_SORT_KEYS)[number]>;

export type TargetFilter = {
  campaignId?: number;
  state?: string;
  runningOnly?: boolean;
  id?: number;
  /** words in the name, the address or the grid's name */
  q?: string;
  sort?: TargetSort;
};

/** The target's name: the resident, or the household's head (the grid keeps the archive). */
const NAME = sql<string>`coalesce(
  (SELECT r.name FROM resident r WHERE r.county_code = t.county_code AND r.id = t.resident_id),
  (SELECT r.name FROM resident r WHERE r.county_code = t.county_code AND r.household_id = t.household_id
     AND r.relation = 'head' ORDER BY r.id LIMIT 1), '')`;

const SORT_COLUMNS = {
  name: NAME,
  address: sql`h.address`,
  grid: sql`g.name`,
  state: sql`t.state`,
  doneAt: sql`t.done_at`,
};

/** The targets of a subtree that match the filter (one WHERE for the page, its total and the export). */
function matching(db: DbOrTx, scope: Scope, f: TargetFilter) {
  let q = db
    .selectFrom('campaign_target as t')
    .innerJoin('campaign as c', (j) =>
      j.onRef('c.county_code', '=', 't.county_code').onRef('c.id', '=', 't.campaign_id'),
    )
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 't.county_code').onRef('h.id', '=', 't.household_id'),
    )
    .innerJoin('region as g', 'g.code', 't.grid_code')
    .where('t.county_code', '=', scope.countyCode)
    .where(sql<boolean>`t.grid_path <@ ${scope.path}::ltree`);
  if (f.id !== undefined) q = q.where('t.id', '=', f.id);
  if (f.campaignId !== undefined) q = q.where('t.campaign_id', '=', f.campaignId);
  if (f.state) q = q.where('t.state', '=', f.state);
  if (f.runningOnly) q = q.where('c.state', '=', 'running');
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb(NAME, 'ilike', like), eb('h.address', 'ilike', like), eb('g.name', 'ilike', like)]),
    );
  }
  return q;
}

/** Targets in a subtree with who and where they are, in the list's order (by grid by default). */
export function filteredTargets(db: DbOrTx, scope: Scope, f: TargetFilter) {
  const q = matching(db, scope, f).select([
    't.id',
    't.campaign_id',
    't.household_id',
    't.resident_id',
    't.grid_code',
    'g.name as grid_name',
    'h.address',
    't.state',
    't.na_reason',
    't.note',
    't.done_at',
    't.version',
    NAME.as('name'),
  ]);
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`t.id`);
  return q.orderBy('t.grid_code').orderBy('t.id');
}

/** A page of targets and the exact total of the filter. */
export function listTargets(db: DbOrTx, scope: Scope, f: TargetFilter & { limit: number; offset: number }) {
  return listPage(matching(db, scope, f).select('t.id'), filteredTargets(db, scope, f), f.limit, f.offset);
}
export type TargetListRow = Awaited<ReturnType<typeof listTargets>>['items'][number];

export async function recordStep(
  tx: Tx,
  s: {
    countyCode: string;
    campaignId: number;
    targetId: number | null;
    at: Date;
    action: string;
    from: string | null;
    to: string;
    actor: StepActor;
    actorName?: string;
    note: string | null;
  },
) {
  await tx
    .insertInto('campaign_history')
    .values({
      county_code: s.countyCode,
      campaign_id: s.campaignId,
      target_id: s.targetId,
      at: s.at,
      action: s.action,
      from_state: s.from,
      to_state: s.to,
      actor_account_id: s.actor.accountId,
      actor_name: s.actorName ?? s.actor.displayName,
      note: s.note,
    })
    .execute();
}
