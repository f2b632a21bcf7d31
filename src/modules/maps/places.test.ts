import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/** A case's place from the territory: linked at intake to the nearest grid unit (migration 0114). */
const TIELING = '211221';

let t: TestApp;
let resident: { authorization: string };
let gw: { authorization: string };
let grid: string;
beforeAll(async () => {
  t = await createTestApp();
  resident = await signIn(t.app, 'resident');
  gw = await signIn(t.app, 'gridworker');
  grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json().scope.code;
  // two more groups of the resident's grid, placed (as a village would) near two corners of its box
  await sql`
    INSERT INTO grid_unit (county_code, grid_code, grid_path, kind, name, lng, lat)
    SELECT county_code, code, path, 'villagers_group', n.name,
           min_lng + (max_lng - min_lng) * n.f, min_lat + (max_lat - min_lat) * n.f
      FROM region, (VALUES ('测试一组', 0.2), ('测试二组', 0.8)) n (name, f)
     WHERE code = ${grid}`.execute(t.db);
});
afterAll(() => t.close());

const get = (url: string, headers: { authorization: string }) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

const unitsOf = (code: string) =>
  t.db
    .selectFrom('grid_unit')
    .select(['id', 'name', 'lng', 'lat'])
    .where('county_code', '=', TIELING)
    .where('grid_code', '=', code)
    .where('parent_id', 'is', null)
    .orderBy('id')
    .execute();

async function report(at: { lng: number; lat: number }, text = '路灯不亮') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: resident,
    payload: { categoryCode: 'E0102', description: text, lng: at.lng, lat: at.lat },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('the demo places its grid units and links its cases', () => {
  it('every top-level unit of the demo county has a point inside its grid’s box, one spot each', async () => {
    const { rows } = await sql<{ units: number; outside: number; spots: number }>`
      SELECT count(*)::int AS units, count(DISTINCT (u.grid_code, u.lng, u.lat))::int AS spots,
             count(*) FILTER (WHERE u.lng IS NULL OR NOT (u.lng > g.min_lng AND u.lng < g.max_lng
                                    AND u.lat > g.min_lat AND u.lat < g.max_lat))::int AS outside
        FROM grid_unit u JOIN region g ON g.code = u.grid_code
       WHERE u.county_code = ${TIELING} AND u.parent_id IS NULL`.execute(t.db);
    expect(rows[0]!.units).toBeGreaterThan(10);
    expect(rows[0]!.outside).toBe(0);
    expect(rows[0]!.spots).toBe(rows[0]!.units);
  });

  it('the demo’s cases with a point in a grid with placed units all have a unit of their own grid', async () => {
    const { rows } = await sql<{ linked: number; unlinked: number; foreign: number }>`
      SELECT count(*) FILTER (WHERE c.unit_id IS NOT NULL)::int AS linked,
             count(*) FILTER (WHERE c.unit_id IS NULL)::int AS unlinked,
             count(*) FILTER (WHERE u.grid_code <> c.grid_code)::int AS foreign
        FROM cases c LEFT JOIN grid_unit u ON u.county_code = c.county_code AND u.id = c.unit_id
       WHERE c.county_code = ${TIELING} AND c.lng IS NOT NULL
         AND EXISTS (SELECT 1 FROM grid_unit g WHERE g.county_code = c.county_code
                        AND g.grid_code = c.grid_code AND g.lng IS NOT NULL)`.execute(t.db);
    expect(rows[0]!.linked).toBeGreaterThan(0);
    expect(rows[0]!.unlinked).toBe(0);
    expect(rows[0]!.foreign).toBe(0);
  });
});

describe('a report is linked at intake to the nearest unit of its grid', () => {
  it('reported beside a unit: that unit; beside another: the other; its place names village, group, grid', async () => {
    const units = await unitsOf(grid);
    const a = units.find((u) => u.name === '测试一组');
    const b = units.find((u) => u.name === '测试二组');
    const near = (u: typeof a) => ({ lng: u!.lng! + 0.00001, lat: u!.lat! - 0.00001 });
    const first = await report(near(a));
    const second = await report(near(b));
    const linked = await t.db
      .selectFrom('cases')
      .select(['id', 'unit_id', 'grid_code'])
      .where('id', 'in', [first, second])
      .orderBy('id')
      .execute();
    expect(linked.map((c) => [c.grid_code, c.unit_id])).toEqual([
      [grid, a!.id],
      [grid, b!.id],
    ]);

    const res = await get(`/map/cases/${first}/place`, gw);
    expect(res.statusCode, res.body).toBe(200);
    const names = await t.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [grid.slice(0, 9), grid.slice(0, 12), grid])
      .orderBy('code')
      .execute();
    const [township, village, gridName] = names.map((n) => n.name);
    expect(res.json()).toEqual({
      code: grid,
      township,
      village,
      group: a!.name,
      grid: gridName,
      text: `${township} ${village} ${a!.name} ${gridName}`,
    });

    // the points of the grid worker's grid carry the same place, and nothing of the reporter
    const pts = (await get(`/map/case-points?region=${grid}&days=1`, gw)).json();
    const mine = pts.items.find((p: { id: number }) => p.id === second);
    expect(mine).toMatchObject({ village, group: b!.name, grid: gridName, warning: 'none' });
    expect(Object.keys(mine)).not.toContain('description');
    for (const p of pts.items) expect(p.village).toBe(village);
  });

  it('a report without a point has no unit; its place still names township, village and grid', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description: '没有定位的上报', gridCode: grid },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = (await get(`/map/cases/${res.json().id}/place`, gw)).json();
    expect(p.group).toBeNull();
    expect(p.village).not.toBeNull();
    expect(p.text.split(' ')).toHaveLength(3);
  });

  it('units placed later link the cases that had none; a linked case keeps its unit', async () => {
    const units = (await unitsOf(grid)).filter((u) => u.name.startsWith('测试'));
    const kept = await report({ lng: units[0]!.lng!, lat: units[0]!.lat! });
    const all = await unitsOf(grid);
    await t.db.updateTable('grid_unit').set({ lng: null, lat: null }).where('grid_code', '=', grid).execute();
    const orphan = await report({ lng: units[1]!.lng!, lat: units[1]!.lat! });
    const unitOf = async (id: number) =>
      (await t.db.selectFrom('cases').select('unit_id').where('id', '=', id).executeTakeFirstOrThrow())
        .unit_id;
    expect(await unitOf(orphan)).toBeNull();
    // the last unit is placed on the orphan's spot: linked to it; the first case keeps the first unit
    const last = units[units.length - 1]!;
    await t.db
      .updateTable('grid_unit')
      .set({ lng: units[1]!.lng, lat: units[1]!.lat })
      .where('id', '=', last.id)
      .execute();
    expect(await unitOf(orphan)).toBe(last.id);
    expect(await unitOf(kept)).toBe(units[0]!.id);
    // put the grid back as the demo had it
    for (const u of all)
      await t.db.updateTable('grid_unit').set({ lng: u.lng, lat: u.lat }).where('id', '=', u.id).execute();
  });

  it('scope and input: another village’s case is 404, a malformed id 400, a resident 403', async () => {
    const other = await t.db
      .selectFrom('cases')
      .select('id')
      .where('county_code', '=', TIELING)
      .where(sql<boolean>`left(grid_code, 12) <> ${grid.slice(0, 12)}`)
      .executeTakeFirstOrThrow();
    expect((await get(`/map/cases/${other.id}/place`, gw)).statusCode).toBe(404);
    expect((await get(`/map/cases/${other.id}/place`, await signIn(t.app, 'county'))).statusCode).toBe(200);
    expect((await get('/map/cases/0x10/place', gw)).statusCode).toBe(400);
    expect((await get('/map/cases/１/place', gw)).statusCode).toBe(400);
    expect((await get(`/map/cases/${other.id}/place`, resident)).statusCode).toBe(403);
    expect((await get(`/map/case-points?region=21122x`, gw)).statusCode).toBe(400);
  });
});
