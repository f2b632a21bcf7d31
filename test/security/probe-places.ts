import type { Db } from '../../src/platform/db/database.js';
import { seedAccount } from '../../src/modules/accounts/index.js';
import { TEST_DEMO_PASSWORD } from '../constants.js';

/**
 * Places the probes attack from and into: the demo village (where the demo accounts work), another
 * village of the same township, and the first present residents and households of each.
 */
export async function probePlaces(db: Db) {
  const acct = (username: string) =>
    db
      .selectFrom('account')
      .select(['id', 'scope_code'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  const village = (await acct('village')).scope_code;
  const township = village.slice(0, 9);
  const other = await db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('parent_code', '=', township)
    .where('level', '=', 'village')
    .where('code', '<>', village)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const residentOf = (code: string) =>
    db
      .selectFrom('resident')
      .select(['id', 'household_id'])
      .where('county_code', '=', '211221')
      .where('status', '=', 'present')
      .where('grid_code', 'like', `${code}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  const here = await residentOf(village);
  const there = await residentOf(other.code);
  return {
    village,
    township,
    otherVillage: other.code,
    resident: Number(here.id),
    household: Number(here.household_id),
    otherResident: Number(there.id),
    otherHousehold: Number(there.household_id),
    accountId: async (username: string) => Number((await acct(username)).id),
  };
}

export const NUL = '\u0000';
/** full-width digits (０–９): never taken for ASCII ones */
export const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** A staff account of another place (the demo has one account per role only). */
export async function staffAt(
  db: Db,
  username: string,
  role: 'village_staff' | 'township_centre' | 'grid_worker',
  scopeCode: string,
): Promise<void> {
  await seedAccount(db, {
    username,
    displayName: `${username} staff`,
    role,
    scopeCode,
    password: TEST_DEMO_PASSWORD,
  });
}
