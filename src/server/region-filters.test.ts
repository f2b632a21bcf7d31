import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/helpers.js';

/**
 * Every list route that takes a region filter (`within`) answers 404 for a region
 * outside the caller's scope — beside it or above it — and never quietly falls back
 * to the caller's own data. The routes are found from the OpenAPI document, so a new
 * list route with a region filter is checked without being named here.
 */
let t: TestApp;
let routes: string[];
beforeAll(async () => {
  t = await createTestApp();
  const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
  };
  routes = Object.entries(spec.paths)
    .filter(
      ([p, ops]) =>
        !p.includes('{') && ops.get?.parameters?.some((x) => x.name === 'within' && x.in === 'query'),
    )
    .map(([p]) => p);
});
afterAll(() => t.close());

const get = (url: string, headers: { authorization: string }) =>
  t.app.inject({ method: 'GET', url, headers });

describe('region filters outside the scope', () => {
  it('finds the list routes with a region filter', () => {
    expect(routes).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/households', '/api/v1/grids', '/api/v1/wishes']),
    );
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it('a township account: beside → 404, above → 404, its own township → not 404', async () => {
    const township = await signIn(t.app, 'township');
    const own = (await get('/api/v1/me', township)).json().scope.code as string;
    const beside = await t.db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${own.slice(0, 6)}___`)
      .where('code', '<>', own)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const county = own.slice(0, 6);
    const checked: string[] = [];
    for (const route of routes) {
      const mine = await get(`${route}?within=${own}`, township);
      if (mine.statusCode === 403) continue; // the role may not list this at all
      expect(mine.statusCode, `${route} own ${mine.body}`).toBe(200);
      for (const code of [beside.code, county, '219999']) {
        const res = await get(`${route}?within=${code}`, township);
        expect(res.statusCode, `${route}?within=${code} ${res.body.slice(0, 200)}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      checked.push(route);
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
  });

  it('digits that name no region: 404 on every list route, never a server error', async () => {
    const admin = await signIn(t.app, 'admin');
    for (const route of routes) {
      // the role may not list this at all (an export the admin has no right to): 403 whatever the region
      if ((await get(route, admin)).statusCode === 403) continue;
      for (const code of ['1853945953', '2112211002011']) {
        const res = await get(`${route}?within=${code}`, admin);
        // a route whose schema takes only some code lengths refuses the rest as bad input
        expect([400, 404], `${route}?within=${code} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        if (res.statusCode === 404) expect(res.json().error.code).toBe('NOT_FOUND');
      }
    }
    for (const route of ['/api/v1/visits/summary', '/api/v1/wishes/stats', '/api/v1/errands/stats']) {
      const res = await get(`${route}?within=1853945953`, admin);
      expect(res.statusCode, route).toBe(404);
    }
  });

  it("a grid worker: goods on their grid's line, their own exchanges in the county; any other region 404", async () => {
    const worker = await signIn(t.app, 'gridworker');
    const grid = (await get('/api/v1/me', worker)).json().scope.code as string;
    const village = grid.slice(0, 12);
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'like', `${grid.slice(0, 6)}%`)
      .where('code', '<>', village)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const status = async (url: string) => (await get(url, worker)).statusCode;
    expect(await status(`/api/v1/goods?within=${village}`)).toBe(200);
    expect(await status(`/api/v1/goods?within=${grid.slice(0, 9)}`)).toBe(200);
    expect(await status(`/api/v1/goods?within=${other.code}`)).toBe(404);
    expect(await status('/api/v1/goods?within=211122')).toBe(404);
    expect(await status(`/api/v1/redemptions?within=${other.code}`)).toBe(200);
    expect(await status('/api/v1/redemptions?within=211122')).toBe(404);
    expect(await status('/api/v1/redemptions?within=1853945953')).toBe(404);
  });

  it('a resident: a region above their grid is a 404 too, not their own data', async () => {
    const resident = await signIn(t.app, 'resident');
    const grid = (await get('/api/v1/me', resident)).json().scope.code as string;
    for (const route of ['/api/v1/wishes', '/api/v1/errands']) {
      expect((await get(`${route}?within=${grid.slice(0, 12)}`, resident)).statusCode, route).toBe(404);
      expect((await get(`${route}?within=${grid.slice(0, 6)}`, resident)).statusCode, route).toBe(404);
    }
    // a villager reads their whole village's disclosures; the county above is outside that view
    expect((await get(`/api/v1/disclosures?within=${grid.slice(0, 12)}`, resident)).statusCode).toBe(200);
    expect((await get(`/api/v1/disclosures?within=${grid.slice(0, 6)}`, resident)).statusCode).toBe(404);
    for (const route of ['/api/v1/wishes', '/api/v1/errands'])
      expect((await get(`${route}?within=${grid}`, resident)).statusCode, route).toBe(200);
  });
});
