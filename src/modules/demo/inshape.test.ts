import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { GridIndex, type GridGeometry } from '../../platform/geo/grid-index.js';

/**
 * Every demo point lies inside its own grid's real shape (issue 11, maps follow-up): the
 * boundary grids are cut by the county's outline, so a point in a grid's bounding box may be in
 * a neighbour's grid or outside the county. The point -> grid lookup must agree with each row.
 */
let t: TestApp;
let index: GridIndex;
const C = '211221';
beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await sql<{ code: string; geometry: GridGeometry }>`
    SELECT code, geometry FROM region WHERE county_code = ${C} AND level = 'grid' AND geometry IS NOT NULL`.execute(
    t.db,
  );
  index = GridIndex.build(rows.map((r) => ({ code: r.code, polygon: r.geometry })));
});
afterAll(() => t.close());

type Pt = { key: string; grid: string; lng: number; lat: number };
const misplaced = (pts: Pt[], inGrid = (found: string | null, grid: string) => found === grid) =>
  pts.filter((p) => !inGrid(index.locate(p.lng, p.lat), p.grid)).map((p) => `${p.key}@${p.grid}`);

describe('demo points inside their grid', () => {
  it('has boundary grids that are not boxes (the test is not vacuous)', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM region
       WHERE county_code = ${C} AND level = 'grid' AND geometry->>'type' = 'MultiPolygon'`.execute(t.db);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('places every case with a point in its own grid', async () => {
    const { rows } = await sql<Pt>`
      SELECT id::text AS key, grid_code AS grid, lng, lat FROM cases
       WHERE county_code = ${C} AND lng IS NOT NULL`.execute(t.db);
    expect(rows.length).toBeGreaterThan(100);
    expect(misplaced(rows)).toEqual([]);
  });

  it('places every grid unit in its own grid', async () => {
    const { rows } = await sql<Pt>`
      SELECT id::text AS key, grid_code AS grid, lng, lat FROM grid_unit
       WHERE county_code = ${C} AND lng IS NOT NULL`.execute(t.db);
    const { rows: all } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM grid_unit WHERE county_code = ${C} AND parent_id IS NULL`.execute(t.db);
    expect(rows.length).toBeGreaterThanOrEqual(all[0]!.n);
    expect(misplaced(rows)).toEqual([]);
  });

  it('places every station in a grid of its own village or township', async () => {
    const { rows } = await sql<Pt>`
      SELECT id::text AS key, region_code AS grid, lng, lat FROM station
       WHERE county_code = ${C} AND lng IS NOT NULL`.execute(t.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(misplaced(rows, (found, region) => found !== null && found.startsWith(region))).toEqual([]);
  });
});
