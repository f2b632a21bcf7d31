import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let admin: { authorization: string };
let township: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  township = await signIn(t.app, 'township');
});
afterAll(() => t.close());

describe('regions', () => {
  it('铁岭县 has its 16 townships/streets and 250 village-level units with real codes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions/211221', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '211221', name: '铁岭县', level: 'county', childCount: 16 });
    expect(res.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['辽宁省', '铁岭市']);
    const towns = (
      await t.app.inject({ method: 'GET', url: '/api/v1/regions/211221/children', headers: admin })
    ).json().items;
    expect(towns).toHaveLength(16);
    expect(towns.every((x: { code: string }) => /^211221\d{3}$/.test(x.code))).toBe(true);
    expect(towns.reduce((n: number, x: { childCount: number }) => n + x.childCount, 0)).toBe(250);
    const villages = await t.db
      .selectFrom('region')
      .select('kind')
      .where('county_code', '=', '211221')
      .where('level', '=', 'village')
      .execute();
    expect(villages).toHaveLength(250);
    const grids = await t.db
      .selectFrom('region')
      .select('kind')
      .where('county_code', '=', '211221')
      .where('level', '=', 'grid')
      .execute();
    expect(grids.filter((g) => g.kind === 'rural')).toHaveLength(1159);
    expect(grids.filter((g) => g.kind === 'community')).toHaveLength(156);
  });

  it('a scoped account sees its subtree and gets 404 for anything else', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: township })).json();
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/regions/${me.scope.code}/children`,
      headers: township,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.length).toBeGreaterThan(0);
    const county = await t.app.inject({ method: 'GET', url: '/api/v1/regions/211221', headers: township });
    expect(county.statusCode).toBe(404);
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'township')
      .where('code', '!=', me.scope.code)
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    const beside = await t.app.inject({
      method: 'GET',
      url: `/api/v1/regions/${other.code}`,
      headers: township,
    });
    expect(beside.statusCode).toBe(404);
    expect(beside.json().error.code).toBe('NOT_FOUND');
  });

  it('rejects malformed codes with 400 and residents with 403', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/regions/21122x', headers: admin })).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/regions/2112211', headers: admin })).statusCode,
    ).toBe(400);
    const resident = await signIn(t.app, 'resident');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/regions/211221', headers: resident })).statusCode,
    ).toBe(403);
  });
});
