/**
 * Where the case map places a region none of whose cases has a reported point: inside its shape,
 * never the middle of its bounding box (which a concave grid does not contain).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { scopeCodeOf } from '../../../test/kits/lists.js';
import { pointInPolygon } from '../../platform/geo/grid-index.js';

type Cluster = { code: string; lng: number; lat: number; count: number };
let t: TestApp;
let village: { authorization: string };
let township: { authorization: string };
let villageCode: string;

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  township = await signIn(t.app, 'township');
  villageCode = await scopeCodeOf(t, village);
});
afterAll(() => t.close());

const clustersOf = async (h: { authorization: string }) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/map/cases?days=366', headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ clusters: Cluster[]; total: number }>();
};
/** The cases of a region's subtree lose their reported points. */
const forgetPoints = (code: string) =>
  sql`UPDATE cases SET lng = NULL, lat = NULL
    WHERE grid_path <@ (SELECT path FROM region WHERE code = ${code})`.execute(t.db);

/** A U inside the box: the middle third open from the top down to a third of the height. */
function uShape([x0, y0, x1, y1]: [number, number, number, number]): Polygon {
  const [w, h] = [x1 - x0, y1 - y0];
  const [a, b, c] = [x0 + w / 3, x1 - w / 3, y0 + h / 3];
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [b, y1],
    [b, c],
    [a, c],
    [a, y1],
    [x0, y1],
    [x0, y0],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

describe('a region without reported points on the case map', () => {
  it('a concave (U-shaped) grid is placed inside its shape, not at its box’s middle', async () => {
    // the village's grid with the most cases of the year
    const grid = await sql<{ code: string; x0: number; y0: number; x1: number; y1: number }>`
      SELECT g.code, g.min_lng AS x0, g.min_lat AS y0, g.max_lng AS x1, g.max_lat AS y1
      FROM region g JOIN cases c ON c.grid_code = g.code AND c.reported_at >= now() - interval '366 days'
      WHERE g.path <@ (SELECT path FROM region WHERE code = ${villageCode}) AND g.level = 'grid'
        AND g.min_lng IS NOT NULL
      GROUP BY g.code ORDER BY count(*) DESC, g.code LIMIT 1`.execute(t.db);
    const g = grid.rows[0]!;
    expect(g, 'a grid of the village with cases').toBeDefined();
    const u = uShape([g.x0, g.y0, g.x1, g.y1]);
    await t.db
      .updateTable('region')
      .set({ geometry: JSON.stringify(u) })
      .where('code', '=', g.code)
      .execute();
    await forgetPoints(g.code);
    // the box's middle, where the old placement put it, lies in the U's notch: outside the grid
    expect(pointInPolygon((g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2, u)).toBe('outside');

    const d = await clustersOf(village);
    const c = d.clusters.find((x) => x.code === g.code);
    expect(c, 'the grid stays on the map').toBeDefined();
    expect(pointInPolygon(c!.lng, c!.lat, u)).toBe('inside');
    expect(c!.count).toBeGreaterThan(0);
  });

  it('a village without an outline of its own is placed inside one of its grids', async () => {
    await t.db.updateTable('region').set({ geometry: null }).where('code', '=', villageCode).execute();
    await forgetPoints(villageCode);
    const grids = await t.db
      .selectFrom('region')
      .select('geometry')
      .where(sql<boolean>`path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
      .where('level', '=', 'grid')
      .where('geometry', 'is not', null)
      .execute();
    expect(grids.length).toBeGreaterThan(0);
    const union: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: grids.flatMap(({ geometry }) => {
        const shape = geometry as unknown as Polygon | MultiPolygon;
        return shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
      }),
    };
    const d = await clustersOf(township);
    const c = d.clusters.find((x) => x.code === villageCode);
    expect(c, 'the village stays on the map').toBeDefined();
    expect(pointInPolygon(c!.lng, c!.lat, union)).toBe('inside');
    // every case is still counted, with or without a point
    const { n } = await t.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
      .where('reported_at', '>=', new Date(Date.now() - 366 * 86_400_000))
      .executeTakeFirstOrThrow();
    expect(c!.count).toBe(n);
  });
});
