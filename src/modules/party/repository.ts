import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };

const linkedCount = sql<number>`(select count(*)::int from party_member_household l where l.county_code = m.county_code and l.member_id = m.id)`;

/** Organisations whose region lies in the scope, parents before children (codes nest by prefix). */
export function listOrgs(db: DbOrTx, scope: Scope, closed = false) {
  let q = db
    .selectFrom('party_org as o')
    .innerJoin('region as r', 'r.code', 'o.region_code')
    .select([
      'o.id',
      'o.parent_id',
      'o.kind',
      'o.name',
      'o.region_code',
      'r.name as region_name',
      'o.closed_on',
    ])
    .where('o.county_code', '=', scope.countyCode)
    .where(inSubtree('o.region_path', scope.path));
  if (!closed) q = q.where('o.closed_on', 'is', null);
  return q.orderBy('o.region_code').orderBy('o.id').execute();
}

/**
 * Members per organisation of the scope — by the organisation they belong to, wherever they live
 * (a member moved to an organisation outside their home grid counts there).
 */
export function memberCountsByOrg(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('party_member as m')
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
    )
    .select(['m.org_id', sql<number>`count(*)::int`.as('n')])
    .where('m.county_code', '=', scope.countyCode)
    .where('m.left_on', 'is', null)
    .where(inSubtree('o.region_path', scope.path))
    .groupBy('m.org_id')
    .execute();
}

export function findOrg(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('party_org as o')
    .select(['o.id', 'o.parent_id', 'o.name', 'o.region_path', 'o.closed_on'])
    .where('o.county_code', '=', scope.countyCode)
    .where('o.id', '=', id)
    .where(inSubtree('o.region_path', scope.path))
    .executeTakeFirst();
}

/** Members of the county with their organisation; the callers say which ones the viewer may see. */
function membersQuery(db: DbOrTx, countyCode: string) {
  return db
    .selectFrom('party_member as m')
    .innerJoin('resident as res', (j) =>
      j.onRef('res.county_code', '=', 'm.county_code').onRef('res.id', '=', 'm.resident_id'),
    )
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
    )
    .innerJoin('region as g', 'g.code', 'res.grid_code')
    .where('m.county_code', '=', countyCode);
}

/** Whether the member lives inside the viewer's subtree: only then are their home and phone shown. */
const homeInScope = (scope: Scope) => sql<boolean>`m.region_path <@ ${scope.path}::ltree`.as('home_in_scope');

const MEMBER_COLUMNS = [
  'm.id',
  'res.name',
  'res.gender',
  'm.joined_on',
  'm.org_id',
  'o.name as org_name',
  'res.grid_code',
  'g.name as grid_name',
] as const;

/**
 * Members of the given organisations (ids the viewer sees), wherever they live (masked: no ID number,
 * no phone), with their linked-household counts; `home_in_scope` says whether the viewer may see where.
 */
export async function listMembers(
  db: DbOrTx,
  viewer: Scope,
  orgIds: number[],
  limit: number,
  offset: number,
) {
  if (orgIds.length === 0) return { items: [], total: 0 };
  const q = membersQuery(db, viewer.countyCode)
    .where('m.org_id', '=', sql<number>`any(${orgIds}::bigint[])`)
    .where('m.left_on', 'is', null);
  const [items, total] = await Promise.all([
    q
      .select(MEMBER_COLUMNS)
      .select([linkedCount.as('linked'), homeInScope(viewer)])
      .orderBy('m.org_id')
      .orderBy('m.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** A member who lives in the viewer's subtree or belongs to an organisation of it. */
export function findMember(db: DbOrTx, scope: Scope, id: number) {
  return membersQuery(db, scope.countyCode)
    .select(MEMBER_COLUMNS)
    .select(['res.phone_masked', 'm.left_on', 'm.left_to', 'm.central_household', linkedCount.as('linked')])
    .select(homeInScope(scope))
    .where('m.id', '=', id)
    .where(sql<boolean>`(m.region_path <@ ${scope.path}::ltree OR o.region_path <@ ${scope.path}::ltree)`)
    .executeTakeFirst();
}

/** The households a member is linked to (党员联系户), only those inside the scope. */
export function linkedHouseholds(db: DbOrTx, scope: Scope, memberId: number) {
  return db
    .selectFrom('party_member_household as l')
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'l.county_code').onRef('h.id', '=', 'l.household_id'),
    )
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .select(['h.id', 'h.address', 'g.name as grid_name', 'h.member_count', 'h.care_tags'])
    .where('l.county_code', '=', scope.countyCode)
    .where('l.member_id', '=', memberId)
    .where(inSubtree('h.grid_path', scope.path))
    .orderBy('h.id')
    .execute();
}

export function orgCountsByKind(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('party_org')
    .select(['kind', sql<number>`count(*)::int`.as('n')])
    .where('county_code', '=', scope.countyCode)
    .where('closed_on', 'is', null)
    .where(inSubtree('region_path', scope.path))
    .groupBy('kind')
    .execute();
}

/**
 * The organisations of the scope: members are counted by the organisation they belong to, wherever
 * they live (as the organisation lists count them), through the (county_code, org_id) index.
 */
const orgsOfScope = (db: DbOrTx, scope: Scope) =>
  db
    .selectFrom('party_org')
    .select('id')
    .where('county_code', '=', scope.countyCode)
    .where(inSubtree('region_path', scope.path));

/** Members of the scope's organisations, those with linked households and the 党员中心户. */
export function memberTotals(db: DbOrTx, scope: Scope) {
  const linked = sql<boolean>`exists (select 1 from party_member_household l where l.county_code = m.county_code and l.member_id = m.id)`;
  return db
    .selectFrom('party_member as m')
    .select([
      sql<number>`count(*)::int`.as('members'),
      sql<number>`(count(*) filter (where ${linked}))::int`.as('linked'),
      sql<number>`(count(*) filter (where m.central_household))::int`.as('central'),
    ])
    .where('m.county_code', '=', scope.countyCode)
    .where('m.left_on', 'is', null)
    .where('m.org_id', 'in', orgsOfScope(db, scope))
    .executeTakeFirstOrThrow();
}

/** Distinct households linked to a member of the scope's organisations. */
export function linkedHouseholdTotal(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('party_member_household as l')
    .innerJoin('party_member as m', (j) =>
      j.onRef('m.county_code', '=', 'l.county_code').onRef('m.id', '=', 'l.member_id'),
    )
    .select(sql<number>`count(distinct l.household_id)::int`.as('n'))
    .where('l.county_code', '=', scope.countyCode)
    .where('m.org_id', 'in', orgsOfScope(db, scope))
    .executeTakeFirstOrThrow();
}

/** Grids in the scope, and how many of them have a grid party group. */
export function gridCoverage(db: DbOrTx, scope: Scope) {
  const groups = db
    .selectFrom('party_org')
    .select('region_code')
    .distinct()
    .where('county_code', '=', scope.countyCode)
    .where('kind', 'in', ['grid_group', 'grid_branch'])
    .where('closed_on', 'is', null)
    .where(inSubtree('region_path', scope.path))
    .as('o');
  return db
    .selectFrom('region as g')
    .leftJoin(groups, 'o.region_code', 'g.code')
    .select([sql<number>`count(*)::int`.as('grids'), sql<number>`count(o.region_code)::int`.as('covered')])
    .where('g.county_code', '=', scope.countyCode)
    .where('g.level', '=', 'grid')
    .where(inSubtree('g.path', scope.path))
    .executeTakeFirstOrThrow();
}

export function regionName(db: DbOrTx, code: string) {
  return db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
}
