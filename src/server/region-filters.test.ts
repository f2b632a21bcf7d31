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
