import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Scope } from './repository.js';

/**
 * A member of the caller's subtree, locked: one who lives there or belongs to one of its
 * organisations (a member moved to an organisation outside their home grid is that organisation's).
 */
export function lockMember(tx: Tx, scope: Scope, id: number) {
  return tx
    .selectFrom('party_member as m')
    .select(['m.id', 'm.org_id', 'm.resident_id', 'm.left_on', 'm.joined_on'])
    .where('m.county_code', '=', scope.countyCode)
    .where('m.id', '=', id)
    .where(
      sql<boolean>`(m.region_path <@ ${scope.path}::ltree OR EXISTS (SELECT 1 FROM party_org o
        WHERE o.county_code = m.county_code AND o.id = m.org_id AND o.region_path <@ ${scope.path}::ltree))`,
    )
    .forUpdate('m')
    .executeTakeFirst();
}

export function openStint(tx: Tx, countyCode: string, memberId: number) {
  return tx
    .selectFrom('party_member_stint')
    .select(['id', 'started_on'])
    .where('county_code', '=', countyCode)
    .where('member_id', '=', memberId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export function endStint(
  tx: Tx,
  countyCode: string,
  id: number,
  v: { on: string; reason: 'moved' | 'transfer_out'; wentTo?: string },
) {
  return tx
    .updateTable('party_member_stint')
    .set({ ended_on: v.on, end_reason: v.reason, went_to: v.wentTo ?? null })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

export function startStint(
  tx: Tx,
  v: {
    countyCode: string;
    memberId: number;
    orgId: number;
    on: string;
    reason: 'moved' | 'transfer_in';
    cameFrom?: string;
    note?: string;
    actorId: number;
  },
) {
  return tx
    .insertInto('party_member_stint')
    .values({
      county_code: v.countyCode,
      member_id: v.memberId,
      org_id: v.orgId,
      started_on: v.on,
      start_reason: v.reason,
      came_from: v.cameFrom ?? null,
      note: v.note ?? null,
      actor_id: v.actorId,
    })
    .execute();
}

export function setMember(
  tx: Tx,
  countyCode: string,
  id: number,
  set: { org_id?: number; left_on?: string | null; left_to?: string | null; region_path?: string },
) {
  return tx
    .updateTable('party_member')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

export async function unlinkAll(tx: Tx, countyCode: string, memberId: number) {
  const r = await tx
    .deleteFrom('party_member_household')
    .where('county_code', '=', countyCode)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A living, unmerged resident of the caller's subtree and their party-member row if any. */
export function residentInScope(tx: Tx, scope: Scope, residentId: number) {
  return tx
    .selectFrom('resident as r')
    .leftJoin('party_member as m', (j) =>
      j.onRef('m.county_code', '=', 'r.county_code').onRef('m.resident_id', '=', 'r.id'),
    )
    .select(['r.id', 'r.grid_path', 'm.id as member_id', 'm.left_on'])
    .where('r.county_code', '=', scope.countyCode)
    .where('r.id', '=', residentId)
    .where('r.died_on', 'is', null)
    .where('r.status', '<>', 'merged')
    .where(inSubtree('r.grid_path', scope.path))
    .forUpdate('r')
    .executeTakeFirst();
}

export async function insertMember(
  tx: Tx,
  v: { countyCode: string; residentId: number; orgId: number; path: string; joinedOn: string | null },
) {
  const row = await tx
    .insertInto('party_member')
    .values({
      county_code: v.countyCode,
      resident_id: v.residentId,
      org_id: v.orgId,
      region_path: v.path,
      joined_on: v.joinedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`UPDATE resident SET is_party_member = true WHERE county_code = ${v.countyCode} AND id = ${v.residentId}`.execute(
    tx,
  );
  return row.id;
}

/** A member's stays, oldest first, with the organisations' names (a member of the caller's subtree). */
export function stints(db: DbOrTx, countyCode: string, memberId: number) {
  return db
    .selectFrom('party_member_stint as s')
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 's.county_code').onRef('o.id', '=', 's.org_id'),
    )
    .select([
      's.org_id',
      'o.name as org_name',
      'o.closed_on',
      's.started_on',
      's.start_reason',
      's.came_from',
      's.ended_on',
      's.end_reason',
      's.went_to',
      's.note',
    ])
    .where('s.county_code', '=', countyCode)
    .where('s.member_id', '=', memberId)
    .orderBy('s.id')
    .execute();
}

export function memberHead(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('party_member as m')
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'm.county_code').onRef('r.id', '=', 'm.resident_id'),
    )
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
    )
    .select([
      'm.id',
      'r.name',
      'm.org_id',
      'o.name as org_name',
      'o.closed_on',
      'm.joined_on',
      'm.left_on',
      'm.left_to',
    ])
    .where('m.county_code', '=', scope.countyCode)
    .where('m.id', '=', id)
    .where(sql<boolean>`(m.region_path <@ ${scope.path}::ltree OR o.region_path <@ ${scope.path}::ltree)`)
    .executeTakeFirst();
}
