import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../platform/geo/coords.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

/** A point well inside a grid: the centre of its bounding box, checked by the grid's own API. */
async function someGrid() {
  return t.db
    .selectFrom('region')
    .select(['code', 'min_lng', 'min_lat', 'max_lng', 'max_lat'])
    .where('county_code', '=', '211221')
    .where('level', '=', 'grid')
    .orderBy('code', 'desc')
    .executeTakeFirstOrThrow();
}

describe('grids', () => {
  it('GET /grids/{code} answers the polygon as a GeoJSON Feature with counts', async () => {
    const g = await someGrid();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/grids/${g.code}`, headers: admin });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.type).toBe('Feature');
    expect(f.geometry.type).toBe('Polygon');
    const ring = f.geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(f.properties).toMatchObject({
      code: g.code,
      villageCode: g.code.slice(0, 12),
      townshipCode: g.code.slice(0, 9),
    });
    expect(f.properties.households).toBeGreaterThan(0);
    expect(f.properties.workers).toBeGreaterThanOrEqual(1);
  });

  it('locates points given in WGS-84, GCJ-02 and BD-09 to the same grid', async () => {
    // every vertex of a tiling lies on several grids; sample points until one is inside exactly this grid
    const grids = await t.db
      .selectFrom('region')
      .select(['code', 'geometry'])
      .where('county_code', '=', '211221')
      .where('level', '=', 'grid')
      .limit(40)
      .execute();
    let tested = 0;
    for (const g of grids) {
      const ring = (g.geometry as { coordinates: number[][][] }).coordinates[0] as number[][];
      const lng = ring.reduce((s, p) => s + (p[0] as number), 0) / ring.length;
      const lat = ring.reduce((s, p) => s + (p[1] as number), 0) / ring.length;
      const wgs = await t.app.inject({
        method: 'GET',
        url: `/api/v1/grids/locate?lat=${lat}&lng=${lng}`,
        headers: admin,
      });
      if (wgs.statusCode !== 200 || wgs.json().grid.code !== g.code) continue; // centroid of a concave zig-zag ring
      for (const sys of ['gcj02', 'bd09'] as const) {
        const p = fromWgs84(lng, lat, sys);
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/grids/locate?lat=${p.lat}&lng=${p.lng}&coordSystem=${sys}`,
          headers: admin,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().grid.code).toBe(g.code);
        expect(res.json().wgs84.lat).toBeCloseTo(lat, 5);
      }
      tested++;
    }
    expect(tested).toBeGreaterThan(20);
  });

  it('answers 404 for a point outside every grid and 400 for bad coordinates', async () => {
    const far = await t.app.inject({
      method: 'GET',
      url: '/api/v1/grids/locate?lat=39.9&lng=116.4',
      headers: admin,
    });
    expect(far.statusCode).toBe(404);
    expect(far.json().error.code).toBe('GRID_NOT_FOUND_AT_POINT');
    for (const q of ['lat=91&lng=123', 'lat=42&lng=abc', 'lng=123.8', 'lat=42&lng=123.8&coordSystem=utm']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/grids/locate?${q}`, headers: admin });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('locates only inside the caller’s county', async () => {
    const panshan = await t.db
      .selectFrom('region')
      .select(['min_lng', 'min_lat', 'max_lng', 'max_lat'])
      .where('code', '=', '211122')
      .executeTakeFirstOrThrow();
    const lat = ((panshan.min_lat ?? 0) + (panshan.max_lat ?? 0)) / 2 + 0.0012345;
    const lng = ((panshan.min_lng ?? 0) + (panshan.max_lng ?? 0)) / 2 + 0.0012345;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/grids/locate?lat=${lat}&lng=${lng}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(404);
  });

  it('a grid worker sees its own grid and not its neighbour (404)', async () => {
    const gw = await signIn(t.app, 'gridworker');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: gw })).json();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/grids/${me.scope.code}`, headers: gw })).statusCode,
    ).toBe(200);
    const other = await someGrid();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/grids/${other.code}`, headers: gw })).statusCode,
    ).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/grids?within=${me.scope.code}`,
      headers: gw,
    });
    expect(list.json().features.map((f: { id: string }) => f.id)).toEqual([me.scope.code]);
    // the county above the grid is outside the worker's view: 404, not the worker's own grid
    const above = await t.app.inject({ method: 'GET', url: '/api/v1/grids?within=211221', headers: gw });
    expect(above.statusCode).toBe(404);
  });
});
