import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';

/**
 * A village's party branch and its members on a day (for 四议两公开's party members' meeting): the
 * members of every organisation at or below the village (the branch and its grid groups) — by the
 * organisation they belonged to that day, wherever they live: their stays (party_member_stint) when
 * they have any, else their organisation today between joining and leaving. `attended` (party member
 * ids, e.g. a meeting's attendance) answers how many of those were members of it that day.
 */
export async function villageBranch(
  db: DbOrTx,
  countyCode: string,
  villageCode: string,
  on?: string,
  attended: number[] = [],
) {
  const branch = await db
    .selectFrom('party_org')
    .select(['id', 'name', 'region_path'])
    .where('county_code', '=', countyCode)
    .where('region_code', '=', villageCode)
    .where('kind', '=', 'branch')
    .where('closed_on', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!branch) return undefined;
  const day = on ?? null;
  const { rows } = await sql<{ members: number; present: number }>`
    WITH orgs AS (
      SELECT id FROM party_org WHERE county_code = ${countyCode} AND region_path <@ ${branch.region_path}::ltree
    ), d AS (SELECT coalesce(${day}::date, current_date) AS day), m AS (
      SELECT pm.id FROM party_member pm, d
      WHERE pm.county_code = ${countyCode}
        AND (pm.joined_on IS NULL OR pm.joined_on <= d.day)
        AND (pm.left_on IS NULL OR pm.left_on > d.day)
        AND CASE WHEN EXISTS (SELECT 1 FROM party_member_stint s WHERE s.county_code = pm.county_code AND s.member_id = pm.id)
          THEN EXISTS (SELECT 1 FROM party_member_stint s WHERE s.county_code = pm.county_code AND s.member_id = pm.id
                 AND s.org_id IN (SELECT id FROM orgs)
                 AND (s.started_on IS NULL OR s.started_on <= d.day) AND (s.ended_on IS NULL OR s.ended_on > d.day))
          ELSE pm.org_id IN (SELECT id FROM orgs) END
    )
    SELECT count(*)::int AS members, (count(*) FILTER (WHERE m.id = any(${attended}::bigint[])))::int AS present
    FROM m`.execute(db);
  const n = rows[0] ?? { members: 0, present: 0 };
  return { id: Number(branch.id), name: branch.name, members: n.members, present: n.present };
}

/**
 * Demo: enrols up to `n` adult residents of a village (25 or older, oldest record first) as members
 * of their grid's party group (the branch where the grid has none), so that the demo village's
 * branch can hold a party members' meeting (四议两公开). Members already enrolled stay as they are.
 */
export async function seedBranchMembers(db: DbOrTx, countyCode: string, villageCode: string, n: number) {
  await sql`
    WITH b AS (
      SELECT id, region_path FROM party_org
      WHERE county_code = ${countyCode} AND region_code = ${villageCode} AND kind = 'branch' ORDER BY id LIMIT 1
    ), picked AS (
      SELECT r.id, r.grid_path, coalesce(g.id, b.id) AS org_id
      FROM b JOIN resident r ON r.county_code = ${countyCode} AND r.grid_path <@ b.region_path
      LEFT JOIN party_org g ON g.county_code = r.county_code AND g.region_code = r.grid_code AND g.kind = 'grid_group'
      WHERE r.birth_date <= current_date - interval '25 years' AND r.died_on IS NULL AND r.status <> 'merged'
        AND NOT EXISTS (SELECT 1 FROM party_member m WHERE m.county_code = r.county_code AND m.resident_id = r.id)
      ORDER BY r.id LIMIT ${n}
    ), flagged AS (
      UPDATE resident SET is_party_member = true FROM picked
      WHERE resident.county_code = ${countyCode} AND resident.id = picked.id
    )
    INSERT INTO party_member (county_code, resident_id, org_id, region_path)
    SELECT ${countyCode}, id, org_id, grid_path FROM picked`.execute(db);
}

/**
 * Demo: the resident an account is linked to becomes a member of its grid's party group (the branch where
 * the grid has none), unless already a member — so that the demo villager can watch 云党课 as a member.
 */
export async function seedAccountMember(db: DbOrTx, countyCode: string, username: string) {
  await sql`
    WITH r AS (
      SELECT res.id, res.grid_path, res.grid_code FROM account a
      JOIN resident_account ra ON ra.county_code = ${countyCode} AND ra.account_id = a.id
      JOIN resident res ON res.county_code = ra.county_code AND res.id = ra.resident_id
      WHERE a.username = ${username} AND a.county_code = ${countyCode}
        AND NOT EXISTS (SELECT 1 FROM party_member m WHERE m.county_code = res.county_code AND m.resident_id = res.id)
    ), o AS (
      SELECT r.id, r.grid_path, (SELECT p.id FROM party_org p WHERE p.county_code = ${countyCode}
          AND r.grid_path <@ p.region_path AND p.kind IN ('grid_group', 'branch')
          ORDER BY nlevel(p.region_path) DESC, p.id LIMIT 1) AS org_id FROM r
    ), flagged AS (
      UPDATE resident SET is_party_member = true FROM o WHERE resident.county_code = ${countyCode} AND resident.id = o.id
    )
    INSERT INTO party_member (county_code, resident_id, org_id, region_path)
    SELECT ${countyCode}, id, org_id, grid_path FROM o WHERE org_id IS NOT NULL`.execute(db);
}
