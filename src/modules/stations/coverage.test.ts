import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pathOf } from '../regions/index.js';
import { DETOUR_FACTOR, greatCircleMetres } from './reach.js';

/**
 * The 500 m circle on a fixed set: the demo village's groups are moved to known points around the
 * middle of its first grid, every demo station is closed, and stations are added at known points.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village: string;
type Unit = { id: number; n: number; lng: number; lat: number };
let units: Unit[];
let base: { lng: number; lat: number };

const M_PER_DEG_LAT = 111_195;
const at = (east: number, north: number) => ({
  lng: base.lng + east / (M_PER_DEG_LAT * Math.cos((base.lat * Math.PI) / 180)),
  lat: base.lat + north / M_PER_DEG_LAT,
});

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'county', 'gridworker', 'resident', 'party', 'zhangjia-village'])
    h[u] = await signIn(t.app, u);
  village = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow()
  ).scope_code;
  const grid = await t.db
    .selectFrom('region')
    .select(['min_lng', 'max_lng', 'min_lat', 'max_lat'])
    .where('parent_code', '=', village)
    .where('level', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  base = { lng: (grid.min_lng! + grid.max_lng!) / 2, lat: (grid.min_lat! + grid.max_lat!) / 2 };
  await sql`UPDATE station SET active = false`.execute(t.db);
  // the village's top-level units with households, in id order
  const { rows } = await sql<{ id: number; n: number }>`
    SELECT t.id::int AS id, count(h.id)::int AS n FROM grid_unit t
      JOIN grid_unit u ON u.county_code = t.county_code AND COALESCE(u.parent_id, u.id) = t.id
      JOIN household h ON h.county_code = u.county_code AND h.unit_id = u.id
     WHERE t.grid_path <@ ${pathOf(village)}::ltree
       AND t.parent_id IS NULL
     GROUP BY t.id ORDER BY t.id`.execute(t.db);
  expect(rows.length).toBeGreaterThanOrEqual(4);
  // U1 at the middle, U2 300 m east (390 m walking), U3 400 m north (520 m walking), the rest 5 km+ away, 1 km apart
  const offsets = rows.map((_, i) =>
    i === 0 ? [0, 0] : i === 1 ? [300, 0] : i === 2 ? [0, 400] : [-2000 - i * 1000, -2000],
  );
  units = rows.map((r, i) => ({ ...r, ...at(offsets[i]![0]!, offsets[i]![1]!) }));
  for (const u of units)
    await t.db.updateTable('grid_unit').set({ lng: u.lng, lat: u.lat }).where('id', '=', u.id).execute();
});
afterAll(() => t.close());

const total = () => units.reduce((s, u) => s + u.n, 0);

describe('the 500 m circle on a fixed set', () => {
  it('with no station open nobody is within; every placed household is outside', async () => {
    const c = (await call('village', 'GET', '/stations/coverage')).json();
    expect(c).toMatchObject({ regionCode: village, placed: total(), within: 0, outside: total(), share: 0 });
    expect(c.detourFactor).toBe(DETOUR_FACTOR);
  });

  it('a station at U1 covers U1 and U2 (390 m walking) but not U3 (520 m)', async () => {
    const r = await call('village', 'POST', '/stations', {
      kind: 'station',
      regionCode: village,
      name: '测试便民服务站',
      address: '一组村部',
      ...at(0, 0),
      openingHours: '每天 8:00–18:00',
      services: ['lending'],
      lends: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const within = units[0]!.n + units[1]!.n;
    const c = (await call('village', 'GET', '/stations/coverage')).json();
    expect(c).toMatchObject({ placed: total(), within, outside: total() - within });
    expect(c.share).toBeCloseTo(within / total(), 4);

    const out = (await call('village', 'GET', '/stations/coverage/outside?limit=200')).json();
    expect(out.total).toBe(total() - within);
    const u3 = out.items.filter((i: { lng: number }) => i.lng === units[2]!.lng);
    expect(u3).toHaveLength(units[2]!.n);
    expect(u3[0].walkingMetres).toBe(520);
    expect(u3[0].nearestStationName).toBe('测试便民服务站');

    // a household of U2: its nearest station and the walk to it
    const hh = await t.db
      .selectFrom('household as h')
      .innerJoin('grid_unit as u', 'u.id', 'h.unit_id')
      .select('h.id')
      .where((eb) => eb.or([eb('u.id', '=', units[1]!.id), eb('u.parent_id', '=', units[1]!.id)]))
      .executeTakeFirstOrThrow();
    const n = (await call('village', 'GET', `/households/${hh.id}/nearest-station`)).json();
    const straight = greatCircleMetres(units[0]!, units[1]!);
    expect(n).toMatchObject({ withinReach: true, straightMetres: Math.round(straight) });
    expect(n.walkingMetres).toBe(Math.round(straight * DETOUR_FACTOR));
    expect(n.station.name).toBe('测试便民服务站');
  });

  it('the candidate search proposes the places that bring in the most households, greedily', async () => {
    const r = await call('village', 'GET', '/stations/candidates?count=10');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{ unitId: number; covers: number }>;
    // U1 and U2 are covered; every other unit stands alone (≥ 520 m from the others)
    const expected = units
      .slice(2)
      .filter((u) => u.n > 0)
      .sort((a, b) => b.n - a.n || a.id - b.id)
      .slice(0, 10)
      .map((u) => ({ unitId: u.id, covers: u.n }));
    expect(items.map((i) => ({ unitId: i.unitId, covers: i.covers }))).toEqual(expected);
  });

  it('the map shows the open stations and the groups outside with the circle’s radius', async () => {
    const m = (await call('township', 'GET', `/stations/coverage/map?within=${village}`)).json();
    expect(m.radiusMetres).toBe(385);
    expect(m.stations.map((s: { name: string }) => s.name)).toEqual(['测试便民服务站']);
    expect(m.outside.map((o: { unitId: number }) => o.unitId).sort()).toEqual(
      units
        .slice(2)
        .map((u) => u.id)
        .sort(),
    );
  });

  it('exports the households outside as .xlsx, audited with the count', async () => {
    const r = await call('village', 'GET', '/stations/coverage/outside/export.xlsx');
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const a = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'station_coverage.export')
      .executeTakeFirstOrThrow();
    const within = units[0]!.n + units[1]!.n;
    expect((a.after as { rows: number }).rows).toBe(total() - within);
    expect((await call('gridworker', 'GET', '/stations/coverage/outside/export.xlsx')).statusCode).toBe(403);
  });

  it('a second station at U3 brings U3 in; scope is enforced', async () => {
    await call('village', 'POST', '/stations', {
      kind: 'station',
      regionCode: village,
      name: '三组网格驿站',
      address: '三组',
      ...at(0, 400),
      openingHours: '每天 8:00–18:00',
      services: [],
    });
    const c = (await call('township', 'GET', `/stations/coverage?within=${village}`)).json();
    expect(c.within).toBe(units[0]!.n + units[1]!.n + units[2]!.n);
    expect((await call('zhangjia-village', 'GET', `/stations/coverage?within=${village}`)).statusCode).toBe(
      404,
    );
    expect((await call('resident', 'GET', '/stations/coverage')).statusCode).toBe(403);
    expect((await call('party', 'GET', `/stations/coverage?within=${village}`)).statusCode).toBe(200);
  });
});
