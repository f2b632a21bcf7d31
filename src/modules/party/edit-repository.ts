import { sql, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { PartyOrg } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Scope } from './repository.js';

/** The writes of the party organisation; every lookup is scoped (county key + subtree) and locks its row. */

export function lockOrg(tx: Tx, scope: Scope, id: number) {
  return tx
    .selectFrom('party_org')
    .select(['id', 'parent_id', 'kind', 'name', 'region_code', 'region_path', 'closed_on'])
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('region_path', scope.path))
    .forUpdate()
    .executeTakeFirst();
}
export type LockedOrg = NonNullable<Awaited<ReturnType<typeof lockOrg>>>;

export function regionOf(tx: Tx, code: string) {
  return tx
    .selectFrom('region')
    .select(['code', 'level', 'path', 'county_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertOrg(
  tx: Tx,
  v: { countyCode: string; parentId: number; kind: string; name: string; regionCode: string; path: string },
) {
  return tx
    .insertInto('party_org')
    .values({
      county_code: v.countyCode,
      parent_id: v.parentId,
      kind: v.kind,
      name: v.name,
      region_code: v.regionCode,
      region_path: v.path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateOrg(tx: Tx, countyCode: string, id: number, set: Updateable<PartyOrg>) {
  return tx
    .updateTable('party_org')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

/** Whether `id` is `rootId` or lies below it by the parent links. */
export async function isBelow(tx: Tx, countyCode: string, rootId: number, id: number) {
  const { rows } = await sql<{ hit: boolean }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM party_org WHERE county_code = ${countyCode} AND id = ${id}
      UNION ALL
      SELECT o.id, o.parent_id FROM party_org o JOIN up ON o.county_code = ${countyCode} AND o.id = up.parent_id
    ) SELECT EXISTS (SELECT 1 FROM up WHERE id = ${rootId}) AS hit`.execute(tx);
  return rows[0]?.hit === true;
}

/** Members loaded before the history was kept get their first stay (from joined_on) before any change. */
export async function openMissingStints(
  tx: Tx,
  countyCode: string,
  where: { memberId?: number; orgId?: number },
) {
  await sql`
    INSERT INTO party_member_stint (county_code, member_id, org_id, started_on, start_reason)
    SELECT m.county_code, m.id, m.org_id, m.joined_on, 'enrolled' FROM party_member m
    WHERE m.county_code = ${countyCode} AND m.left_on IS NULL
      AND (${where.memberId ?? null}::bigint IS NULL OR m.id = ${where.memberId ?? null}::bigint)
      AND (${where.orgId ?? null}::bigint IS NULL OR m.org_id = ${where.orgId ?? null}::bigint)
      AND NOT EXISTS (SELECT 1 FROM party_member_stint s
                      WHERE s.county_code = m.county_code AND s.member_id = m.id AND s.ended_on IS NULL)`.execute(
    tx,
  );
}

/** The latest start of an open stay among the members of an organisation (a merge cannot predate it). */
export async function latestOpenStart(tx: Tx, countyCode: string, orgId: number) {
  const { rows } = await sql<{ d: string | null }>`
    SELECT max(s.started_on)::text AS d FROM party_member_stint s
    JOIN party_member m ON m.county_code = s.county_code AND m.id = s.member_id
    WHERE s.county_code = ${countyCode} AND m.org_id = ${orgId} AND m.left_on IS NULL AND s.ended_on IS NULL`.execute(
    tx,
  );
  return rows[0]?.d ?? null;
}

/**
 * Merges `fromId` into `intoId` set-based: every member's open stay ends ('merged') and a new one
 * starts in the survivor; members and child organisations move; the old one closes on the day.
 */
export async function mergeOrgRows(
  tx: Tx,
  countyCode: string,
  fromId: number,
  intoId: number,
  on: string,
  actorId: number,
) {
  const { rows } = await sql<{ members: number; children: number }>`
    WITH moved AS (
      SELECT id FROM party_member WHERE county_code = ${countyCode} AND org_id = ${fromId} AND left_on IS NULL
    ), ended AS (
      UPDATE party_member_stint s SET ended_on = ${on}::date, end_reason = 'merged'
      FROM moved WHERE s.county_code = ${countyCode} AND s.member_id = moved.id AND s.ended_on IS NULL
      RETURNING s.member_id
    ), started AS (
      INSERT INTO party_member_stint (county_code, member_id, org_id, started_on, start_reason, actor_id)
      SELECT ${countyCode}, member_id, ${intoId}, ${on}::date, 'merged', ${actorId} FROM ended
      RETURNING member_id
    ), members AS (
      UPDATE party_member m SET org_id = ${intoId} FROM moved
      WHERE m.county_code = ${countyCode} AND m.id = moved.id RETURNING m.id
    ), children AS (
      UPDATE party_org SET parent_id = ${intoId}
      WHERE county_code = ${countyCode} AND parent_id = ${fromId} RETURNING id
    )
    SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM children)::int AS children,
           (SELECT count(*) FROM started)::int AS started`.execute(tx);
  // members who left earlier keep pointing at the closed organisation: their history ends there
  await updateOrg(tx, countyCode, fromId, { closed_on: on, merged_into_id: intoId });
  return rows[0] ?? { members: 0, children: 0 };
}
