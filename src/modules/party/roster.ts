import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

/**
 * A party organisation seen from a scope (undefined when it is not inside it): its kind and path.
 * For organisational life and lessons (the orglife module).
 */
export function orgInScope(db: DbOrTx, countyCode: string, scopePath: string, orgId: number) {
  return db
    .selectFrom('party_org')
    .select(['id', 'kind', 'name', 'region_code', 'region_path'])
    .where('county_code', '=', countyCode)
    .where('id', '=', orgId)
    .where(inSubtree('region_path', scopePath))
    .executeTakeFirst();
}

/**
 * The members of an organisation today: its own and those of the organisations directly under it (a
 * branch's members include its grid party groups'), by id, with their names; a member whose relation
 * went out of the county (转出) is no longer on it.
 */
export function orgRoster(db: DbOrTx, countyCode: string, orgId: number) {
  return db
    .selectFrom('party_member as m')
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'm.county_code').onRef('r.id', '=', 'm.resident_id'),
    )
    .select(['m.id', 'r.name', 'm.org_id'])
    .where('m.county_code', '=', countyCode)
    .where('m.left_on', 'is', null)
    .where((eb) =>
      eb.or([
        eb('m.org_id', '=', orgId),
        eb(
          'm.org_id',
          'in',
          eb
            .selectFrom('party_org')
            .select('id')
            .where('county_code', '=', countyCode)
            .where('parent_id', '=', orgId),
        ),
      ]),
    )
    .orderBy('m.id')
    .execute()
    .then((rows) => rows.map((r) => ({ id: Number(r.id), name: r.name, orgId: Number(r.org_id) })));
}

/**
 * The party member an account is (through the resident it is linked to), if any and still in the
 * county's organisation, with the path of the organisation they belong to (where their party life
 * counts — not where they live).
 */
export async function memberOfAccount(db: DbOrTx, countyCode: string, accountId: number) {
  const row = await db
    .selectFrom('resident_account as a')
    .innerJoin('party_member as m', (j) =>
      j.onRef('m.county_code', '=', 'a.county_code').onRef('m.resident_id', '=', 'a.resident_id'),
    )
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
    )
    .select(['m.id', 'o.region_path'])
    .where('a.county_code', '=', countyCode)
    .where('a.account_id', '=', accountId)
    .where('m.left_on', 'is', null)
    .executeTakeFirst();
  return row ? { id: Number(row.id), path: row.region_path } : undefined;
}
