import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { GridIndex, type GridGeometry } from '../../platform/geo/grid-index.js';
import { mapPoints } from './repository.js';

/** The households of an emergency map are drawn inside their grid's real shape, stably. */
let t: TestApp;
const C = '211221';
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('emergency map points', () => {
  it('draws every household of the demo events inside its grid, the same spot each time', async () => {
    const { rows: grids } = await sql<{ code: string; geometry: GridGeometry }>`
      SELECT code, geometry FROM region WHERE county_code = ${C} AND level = 'grid' AND geometry IS NOT NULL`.execute(
      t.db,
    );
    const index = GridIndex.build(grids.map((g) => ({ code: g.code, polygon: g.geometry })));
    const { rows: county } = await sql<{
      path: string;
    }>`SELECT path::text AS path FROM region WHERE code = ${C}`.execute(t.db);
    const { rows: events } = await sql<{ id: number }>`
      SELECT DISTINCT event_id::int AS id FROM emergency_check WHERE county_code = ${C}`.execute(t.db);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const pts = await mapPoints(t.db, C, e.id, county[0]!.path);
      expect(pts.length).toBeGreaterThan(0);
      expect(pts.filter((p) => index.locate(p.lng, p.lat) !== p.grid_code).map((p) => p.id)).toEqual([]);
      expect(await mapPoints(t.db, C, e.id, county[0]!.path)).toEqual(pts);
    }
  });
});
