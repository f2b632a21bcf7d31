import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
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

export type TargetFilter = {
  campaignId?: number;
  state?: string;
  runningOnly?: boolean;
  id?: number;
  limit: number;
  offset: number;
};

/** Targets in a subtree with who and where they are (the resident, or the household's head). */
export async function listTargets(db: DbOrTx, scope: Scope, f: TargetFilter) {
  let base = db
    .selectFrom('campaign_target as t')
    .innerJoin('campaign as c', (j) =>
      j.onRef('c.county_code', '=', 't.county_code').onRef('c.id', '=', 't.campaign_id'),
    )
    .where('t.county_code', '=', scope.countyCode)
    .where(sql<boolean>`t.grid_path <@ ${scope.path}::ltree`);
  if (f.id !== undefined) base = base.where('t.id', '=', f.id);
  if (f.campaignId !== undefined) base = base.where('t.campaign_id', '=', f.campaignId);
  if (f.state) base = base.where('t.state', '=', f.state);
  if (f.runningOnly) base = base.where('c.state', '=', 'running');
  const [items, total] = await Promise.all([
    base
      .innerJoin('household as h', (j) =>
        j.onRef('h.county_code', '=', 't.county_code').onRef('h.id', '=', 't.household_id'),
      )
      .innerJoin('region as g', 'g.code', 't.grid_code')
      .select([
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
        sql<string>`coalesce(
          (SELECT r.name FROM resident r WHERE r.county_code = t.county_code AND r.id = t.resident_id),
          (SELECT r.name FROM resident r WHERE r.county_code = t.county_code AND r.household_id = t.household_id
             AND r.relation = 'head' ORDER BY r.id LIMIT 1), '')`.as('name'),
      ])
      .orderBy('t.grid_code')
      .orderBy('t.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
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
