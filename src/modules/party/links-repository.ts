import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Scope } from './repository.js';

/** An active member of the subtree (by where they live), share-locked so a transfer cannot cross the batch. */
export function activeMemberInScope(tx: Tx, scope: Scope, id: number) {
  return tx
    .selectFrom('party_member')
    .select('id')
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where('left_on', 'is', null)
    .where(inSubtree('region_path', scope.path))
    .forShare()
    .executeTakeFirst();
}

/** How many of the households lie in the subtree (locked, so the count holds until commit). */
export async function householdsInScope(tx: Tx, scope: Scope, ids: number[]) {
  const rows = await tx
    .selectFrom('household')
    .select('id')
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', sql<number>`any(${ids}::bigint[])`)
    .where(inSubtree('grid_path', scope.path))
    .forUpdate()
    .execute();
  return rows.length;
}

/** Links the households to the member (one member per household: a household linked elsewhere moves). */
export async function linkHouseholds(tx: Tx, countyCode: string, memberId: number, ids: number[]) {
  const { rows } = await sql<{ relinked: number }>`
    WITH before AS (
      SELECT household_id FROM party_member_household
      WHERE county_code = ${countyCode} AND household_id = any(${ids}::bigint[]) AND member_id <> ${memberId}
    ), up AS (
      INSERT INTO party_member_household (county_code, member_id, household_id)
      SELECT ${countyCode}, ${memberId}, h FROM unnest(${ids}::bigint[]) AS h
      ON CONFLICT (county_code, household_id) DO UPDATE SET member_id = excluded.member_id
      RETURNING household_id
    ) SELECT (SELECT count(*) FROM before)::int AS relinked, (SELECT count(*) FROM up)::int AS n`.execute(tx);
  return rows[0]?.relinked ?? 0;
}

export function findBatch(db: DbOrTx, countyCode: string, actorId: number, requestId: string) {
  return db
    .selectFrom('party_link_batch')
    .select(['member_id', 'household_ids', 'relinked'])
    .where('county_code', '=', countyCode)
    .where('actor_id', '=', actorId)
    .where('client_request_id', '=', requestId)
    .executeTakeFirst();
}

export function insertBatch(
  tx: Tx,
  v: {
    countyCode: string;
    requestId: string;
    memberId: number;
    ids: number[];
    relinked: number;
    actorId: number;
  },
) {
  return tx
    .insertInto('party_link_batch')
    .values({
      county_code: v.countyCode,
      client_request_id: v.requestId,
      member_id: v.memberId,
      household_ids: v.ids,
      relinked: v.relinked,
      actor_id: v.actorId,
    })
    .execute();
}

const linkedMember = sql<boolean>`exists (select 1 from party_member_household l
  where l.county_code = h.county_code and l.household_id = h.id)`;

/** Grids of the subtree with their households, those without a linked member, and members living there. */
export function gridLinkRows(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('region as g')
    .select((eb) => [
      'g.code',
      'g.name',
      eb
        .selectFrom('household as h')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('h.county_code', '=', 'g.county_code')
        .whereRef('h.grid_code', '=', 'g.code')
        .as('households'),
      eb
        .selectFrom('household as h')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('h.county_code', '=', 'g.county_code')
        .whereRef('h.grid_code', '=', 'g.code')
        .where(sql<boolean>`not ${linkedMember}`)
        .as('unlinked'),
      eb
        .selectFrom('party_member as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.county_code', '=', 'g.county_code')
        .where('m.left_on', 'is', null)
        .where(sql<boolean>`m.region_path = g.path`)
        .as('members'),
    ])
    .where('g.county_code', '=', scope.countyCode)
    .where('g.level', '=', 'grid')
    .where(inSubtree('g.path', scope.path));
}

/** The households of the subtree, optionally only those without a linked member, with who looks after them. */
export function householdLinkRows(db: DbOrTx, scope: Scope, unlinked: boolean) {
  let q = db
    .selectFrom('household as h')
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .leftJoin('party_member_household as l', (j) =>
      j.onRef('l.county_code', '=', 'h.county_code').onRef('l.household_id', '=', 'h.id'),
    )
    .leftJoin('party_member as m', (j) =>
      j.onRef('m.county_code', '=', 'l.county_code').onRef('m.id', '=', 'l.member_id'),
    )
    .leftJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'm.county_code').onRef('r.id', '=', 'm.resident_id'),
    )
    .where('h.county_code', '=', scope.countyCode)
    .where(inSubtree('h.grid_path', scope.path));
  if (unlinked) q = q.where('l.member_id', 'is', null);
  return q;
}

export function orderedHouseholdLinks(db: DbOrTx, scope: Scope, unlinked: boolean) {
  return householdLinkRows(db, scope, unlinked)
    .select([
      'h.id',
      'h.address',
      'h.grid_code',
      'g.name as grid_name',
      'h.member_count',
      'h.care_tags',
      'l.member_id',
      'r.name as member_name',
    ])
    .orderBy('h.grid_code')
    .orderBy('h.id');
}
