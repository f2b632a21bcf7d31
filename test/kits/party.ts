import { createTestApp, signIn, type TestApp } from '../helpers.js';

/** Shared by the party module's route tests (src/modules/party/*.test.ts); not a test file itself. */

export type Headers = { authorization: string };

/** 铁岭县, where the demo party organisation lives. */
export const COUNTY = '211221';

export type PartyWorld = {
  t: TestApp;
  /** the county's party organiser (组织部), username `party` */
  county: Headers;
  /** the demo township (scope of the `township` account) and another township of the county */
  townshipCode: string;
  otherTownship: string;
};

/** Boots the app on a fresh copy of the demo database and signs in the county's party organiser. */
export async function openPartyWorld(): Promise<PartyWorld> {
  const t = await createTestApp();
  const county = await signIn(t.app, 'party');
  const { scope_code: townshipCode } = await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'township')
    .executeTakeFirstOrThrow();
  const { code: otherTownship } = await t.db
    .selectFrom('region')
    .select('code')
    .where('county_code', '=', COUNTY)
    .where('level', '=', 'township')
    .where('code', '<>', townshipCode)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return { t, county, townshipCode, otherTownship };
}

/** Short calls and territory look-ups on the world's app (`t` is read when called). */
export function partyKit(t: () => TestApp) {
  const call = (method: string, url: string, who?: Headers, payload?: object) =>
    t().app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: who, payload });
  return {
    call,
    get: (url: string, who?: Headers) => call('GET', url, who),
    /** the open organisation of `kind` sitting on a region */
    orgAt: (regionCode: string, kind?: string) => {
      let q = t()
        .db.selectFrom('party_org')
        .select(['id', 'kind', 'region_code'])
        .where('county_code', '=', COUNTY)
        .where('region_code', '=', regionCode);
      if (kind) q = q.where('kind', '=', kind);
      return q.orderBy('id').executeTakeFirstOrThrow();
    },
    firstVillage: (township: string) =>
      t()
        .db.selectFrom('region')
        .select('code')
        .where('level', '=', 'village')
        .where('code', 'like', `${township}%`)
        .orderBy('code')
        .executeTakeFirstOrThrow(),
    gridsOf: (village: string) =>
      t()
        .db.selectFrom('region')
        .select('code')
        .where('level', '=', 'grid')
        .where('code', 'like', `${village}%`)
        .orderBy('code')
        .execute(),
  };
}
