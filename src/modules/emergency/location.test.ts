import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { seedAccount } from '../accounts/index.js';

/**
 * The location rule (国办函〔2026〕12号) and the supplies' ledger: positions only while declared, in
 * the area, with consent; nothing kept after the close; stock never below zero when issues race.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let grid = '';
let township = '';
let inside: { lng: number; lat: number } = { lng: 0, lat: 0 };
let outside: { lng: number; lat: number } = { lng: 0, lat: 0 };
let eventId = 0;
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });

/** A point the grid index places in this grid (scanning its bounding box). */
async function pointIn(code: string) {
  const g = await t.db
    .selectFrom('region')
    .select(['min_lng', 'min_lat', 'max_lng', 'max_lat'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  for (let i = 1; i < 20; i++)
    for (let j = 1; j < 20; j++) {
      const lng = g.min_lng! + ((g.max_lng! - g.min_lng!) * i) / 20;
      const lat = g.min_lat! + ((g.max_lat! - g.min_lat!) * j) / 20;
      if ((await t.ctx.grids.locate(lng, lat)) === code) return { lng, lat };
    }
  throw new Error(`no point found in ${code}`);
}

beforeAll(async () => {
  t = await createTestApp();
  const a = await t.db
    .selectFrom('account')
    .select(['username', 'scope_code'])
    .where('username', 'in', ['gridworker', 'township'])
    .execute();
  grid = a.find((x) => x.username === 'gridworker')!.scope_code;
  township = a.find((x) => x.username === 'township')!.scope_code;
  const other = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'grid')
    .where('county_code', '=', grid.slice(0, 6))
    .where('code', '<>', grid)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  await seedAccount(t.db, {
    username: 'far-worker',
    displayName: '区外网格员',
    role: 'grid_worker',
    scopeCode: other.code,
    password: TEST_DEMO_PASSWORD,
  });
  for (const u of ['township', 'village', 'gridworker', 'far-worker', 'county'])
    h[u] = await signIn(t.app, u);
  inside = await pointIn(grid);
  outside = await pointIn(other.code);
  const r = await call('township', 'POST', '/emergency-events', {
    templateKey: 'blizzard',
    title: '暴雪应急',
    area: [grid],
  });
  expect(r.statusCode, r.body).toBe(201);
  eventId = r.json().id;
});
afterAll(() => t.close());

describe('location sharing', () => {
  it('refuses without consent, for workers outside the area, and for other roles', async () => {
    const before = await countRows(t.db, 'emergency_position');
    const r = await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, inside);
    expect(r.json().error?.code).toBe('EMERGENCY_NO_CONSENT');
    expect((await call('far-worker', 'POST', `/emergency-events/${eventId}/location`)).statusCode).toBe(404);
    expect((await call('township', 'POST', `/emergency-events/${eventId}/location`)).statusCode).toBe(403);
    expect(await countRows(t.db, 'emergency_position')).toBe(before);
  });

  it('with consent: kept in the area, refused outside it; the centre sees the latest position', async () => {
    const c = await call('gridworker', 'POST', `/emergency-events/${eventId}/location`);
    expect(c.statusCode, c.body).toBe(200);
    expect((await call('gridworker', 'GET', `/emergency-events/${eventId}`)).json().sharing).toBe('on');
    const ok = await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, inside);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().gridCode).toBe(grid);
    const out = await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, outside);
    expect(out.json().error?.code).toBe('EMERGENCY_POSITION_OUTSIDE');
    const map = await call('township', 'GET', `/emergency-events/${eventId}/map`);
    expect(map.json().workers).toHaveLength(1);
  });

  it('stopping deletes the worker’s positions; sharing again needs a new consent', async () => {
    await call('gridworker', 'POST', `/emergency-events/${eventId}/location/stop`);
    expect(await countRows(t.db, 'emergency_position')).toBe(0);
    const r = await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, inside);
    expect(r.json().error?.code).toBe('EMERGENCY_NO_CONSENT');
    await call('gridworker', 'POST', `/emergency-events/${eventId}/location`);
    expect(
      (await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, inside)).statusCode,
    ).toBe(200);
  });

  it('switches off by itself at the close: positions purged, new ones refused, none shown', async () => {
    expect(await countRows(t.db, 'emergency_position')).toBe(1);
    const r = await call('township', 'POST', `/emergency-events/${eventId}/actions/close`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().positionsPurged).toBe(1);
    expect(await countRows(t.db, 'emergency_position')).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM emergency_location_consent
      WHERE event_id = ${eventId} AND stopped_at IS NULL`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
    const late = await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, inside);
    expect(late.json().error?.code).toBe('EMERGENCY_CLOSED');
    expect(
      (await call('gridworker', 'POST', `/emergency-events/${eventId}/location`)).json().error?.code,
    ).toBe('EMERGENCY_CLOSED');
    expect((await call('township', 'GET', `/emergency-events/${eventId}/map`)).json().workers).toHaveLength(
      0,
    );
    expect((await call('gridworker', 'GET', `/emergency-events/${eventId}`)).json().sharing).toBe(
      'not_in_area',
    );
  });
});

describe('supplies', () => {
  it('stock never goes below zero when issues race; each move is on the ledger', async () => {
    const r = await call('township', 'POST', '/emergency-stock/moves', {
      regionCode: township,
      item: 'life_jacket',
      kind: 'receive',
      quantity: 10,
    });
    expect(r.statusCode, r.body).toBe(201);
    const base = r.json().balance;
    const tries = Math.floor(base / 3) + 3;
    const res = await Promise.all(
      Array.from({ length: tries }, () =>
        call('township', 'POST', '/emergency-stock/moves', {
          regionCode: township,
          item: 'life_jacket',
          kind: 'issue',
          quantity: 3,
        }),
      ),
    );
    const ok = res.filter((x) => x.statusCode === 201).length;
    expect(ok).toBe(Math.floor(base / 3));
    expect(
      res.filter((x) => x.statusCode === 409).every((x) => x.json().error.code === 'EMERGENCY_STOCK_SHORT'),
    ).toBe(true);
    const s = await t.db
      .selectFrom('emergency_stock')
      .select('quantity')
      .where('region_code', '=', township)
      .where('item', '=', 'life_jacket')
      .executeTakeFirstOrThrow();
    expect(s.quantity).toBe(base - 3 * ok);
    expect(s.quantity).toBeGreaterThanOrEqual(0);
  });

  it('a transfer issues here and receives there; the village staff cannot touch the township’s stock', async () => {
    const village = grid.slice(0, 12);
    const r = await call('township', 'POST', '/emergency-stock/moves', {
      regionCode: township,
      item: 'tent',
      kind: 'issue',
      quantity: 1,
      toRegionCode: village,
    });
    expect(r.statusCode, r.body).toBe(201);
    const led = await call('village', 'GET', '/emergency-stock/moves?item=tent');
    expect(led.json().items[0]).toMatchObject({
      regionCode: village,
      kind: 'receive',
      counterpartCode: township,
    });
    const no = await call('village', 'POST', '/emergency-stock/moves', {
      regionCode: township,
      item: 'tent',
      kind: 'issue',
      quantity: 1,
    });
    expect(no.statusCode).toBe(404);
    expect(
      (
        await call('gridworker', 'POST', '/emergency-stock/moves', {
          regionCode: village,
          item: 'tent',
          kind: 'issue',
          quantity: 1,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('teams: members from the archive or accounts of the region only', async () => {
    const village = grid.slice(0, 12);
    const r = await call('village', 'POST', '/emergency-teams', {
      regionCode: village,
      kind: 'militia',
      name: '测试民兵排',
    });
    expect(r.statusCode, r.body).toBe(201);
    const gw = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const ok = await call('village', 'POST', `/emergency-teams/${r.json().id}/members`, {
      accountId: gw.id,
      duty: '排长',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const far = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'far-worker')
      .executeTakeFirstOrThrow();
    const no = await call('village', 'POST', `/emergency-teams/${r.json().id}/members`, {
      accountId: far.id,
    });
    expect(no.json().error?.code).toBe('EMERGENCY_MEMBER_INVALID');
    const list = await call('village', 'GET', '/emergency-teams');
    const team = list.json().items.find((x: { id: number }) => x.id === r.json().id);
    expect(team.members).toEqual([
      { id: expect.any(Number), name: expect.any(String), duty: '排长', from: 'account' },
    ]);
  });
});
