import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../fixtures.js';
import { countRows, createTestApp, signIn, type TestApp } from '../helpers.js';
import { fullWidth, NUL, probePlaces } from './probe-places.js';

/**
 * An outsider attacks the service stations: residents, households and stations of elsewhere inside
 * bodies and params, `within=` of another subtree, roles that should not, bad numbers and text, and a
 * client request id reused by another account.
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof probePlaces>>;
const h: Record<string, { authorization: string }> = {};
let station: number;
let panshanStation: number;

beforeAll(async () => {
  t = await createTestApp();
  p = await probePlaces(t.db);
  for (const u of [
    'village',
    'township',
    'county',
    'party',
    'resident',
    'department',
    'gridworker',
    'city',
    'zhangjia-village',
    'panshan',
  ])
    h[u] = await signIn(t.app, u);
  const grid = (await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'gridworker')
    .executeTakeFirstOrThrow())!.scope_code;
  const make = async (who: string, regionCode: string, point: { lat: number; lng: number }) => {
    const res = await api('POST', '/stations', h[who], {
      kind: 'station',
      regionCode,
      name: '探测服务站',
      address: '村部',
      ...point,
      openingHours: '每天 8:00–18:00',
      services: ['lending'],
      lends: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(
      (await api('PUT', `/stations/${id}/stock`, h[who], { itemKind: 'umbrella', total: 50 })).statusCode,
    ).toBe(204);
    return id;
  };
  station = await make('village', p.village, await pointInGrid(t.db, grid));
  panshanStation = await make('zhangjia-village', '211122001211', await pointInGrid(t.db, '211122001211001'));
}, 300_000);
afterAll(async () => t?.close());

const api = (method: string, url: string, headers?: object, payload?: object) =>
  t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: headers as never, payload });
const onHand = async (id: number) =>
  (
    await t.db
      .selectFrom('station_stock')
      .select('on_hand')
      .where('station_id', '=', id)
      .where('item_kind', '=', 'umbrella')
      .executeTakeFirstOrThrow()
  ).on_hand;
const lend = (who: string, over: Record<string, unknown> = {}) =>
  api('POST', '/station-loans', h[who], {
    stationId: station,
    itemKind: 'umbrella',
    residentId: p.resident,
    days: 7,
    ...over,
  });

describe('ids of elsewhere inside bodies and params', () => {
  it("lending to another village's resident → 404, the stock and the loans unchanged", async () => {
    const [stock, loans] = [await onHand(station), await countRows(t.db, 'station_loan')];
    const res = await lend('village', { residentId: p.otherResident });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('RESIDENT_NOT_IN_SCOPE');
    expect(await onHand(station)).toBe(stock);
    expect(await countRows(t.db, 'station_loan')).toBe(loans);
  });

  it("another county's staff lend from, stock or staff our station → 404; ours cannot reach theirs", async () => {
    expect((await lend('zhangjia-village')).statusCode).toBe(404);
    expect(
      (
        await api('PUT', `/stations/${station}/stock`, h['zhangjia-village'], {
          itemKind: 'umbrella',
          total: 0,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await api('POST', `/stations/${station}/people`, h.panshan, { role: 'staff', name: '外县' }))
        .statusCode,
    ).toBe(404);
    expect((await lend('village', { stationId: panshanStation })).statusCode).toBe(404);
    expect((await api('GET', `/stations/${panshanStation}`, h.county)).statusCode).toBe(404);
    expect(await onHand(panshanStation)).toBe(50);
  });

  it("booking or marking attendance for another village's resident → 404, nothing recorded", async () => {
    const a = await api('POST', `/stations/${station}/activities`, h.village, {
      title: '探测活动',
      service: 'culture',
      startsAt: '2030-06-01T01:00:00Z',
      endsAt: '2030-06-01T03:00:00Z',
      capacity: 10,
    });
    expect(a.statusCode, a.body).toBe(201);
    const id = a.json().id as number;
    const before = await countRows(t.db, 'activity_booking');
    const book = await api('POST', `/station-activities/${id}/bookings`, h.village, {
      residentId: p.otherResident,
    });
    expect(book.statusCode).toBe(404);
    const attend = await api('POST', `/station-activities/${id}/attendance`, h.village, {
      residentIds: [p.resident, p.otherResident],
    });
    expect([404, 409]).toContain(attend.statusCode);
    expect(await countRows(t.db, 'activity_booking')).toBe(before);
    // another county's staff cannot book into it either
    expect(
      (
        await api('POST', `/station-activities/${id}/bookings`, h['zhangjia-village'], {
          residentId: p.resident,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("another village's household's nearest station → 404 for the village, 200 for the township", async () => {
    expect((await api('GET', `/households/${p.otherHousehold}/nearest-station`, h.village)).statusCode).toBe(
      404,
    );
    expect((await api('GET', `/households/${p.otherHousehold}/nearest-station`, h.panshan)).statusCode).toBe(
      404,
    );
    expect([200, 409]).toContain(
      (await api('GET', `/households/${p.otherHousehold}/nearest-station`, h.township)).statusCode,
    );
  });

  it('a station in a region of another county or outside the scope → 404', async () => {
    const point = await pointInGrid(t.db, '211122001211001');
    const body = {
      kind: 'station',
      name: '越界服务站',
      address: '村部',
      ...point,
      openingHours: '每天',
      services: [],
    };
    expect(
      (await api('POST', '/stations', h.village, { ...body, regionCode: '211122001211' })).statusCode,
    ).toBe(404);
    expect(
      (await api('POST', '/stations', h.village, { ...body, regionCode: p.otherVillage })).statusCode,
    ).toBe(404);
  });
});

describe('`within=` of another subtree', () => {
  it.each([
    ['/stations', 'village', () => p.otherVillage],
    ['/stations', 'county', () => '211122'],
    ['/station-loans', 'village', () => p.township],
    ['/station-activities', 'village', () => p.otherVillage],
    ['/stations/coverage', 'village', () => p.otherVillage],
    ['/stations/coverage/outside', 'township', () => '211122001'],
    ['/stations/coverage/map', 'county', () => '211122'],
  ])('%s as %s → 404', async (url, who, within) => {
    expect((await api('GET', `${url}?within=${within()}`, h[who])).statusCode).toBe(404);
  });

  it("another county's lists hold none of ours (no oracle by counts)", async () => {
    const theirs = (await api('GET', '/stations?limit=100', h.panshan)).json();
    expect(theirs.items.map((s: { id: number }) => s.id)).not.toContain(station);
    const loans = await api('GET', `/station-loans?station=${station}`, h['zhangjia-village']);
    expect(loans.statusCode === 404 || loans.json().items.length === 0).toBe(true);
  });
});

describe('roles that should not', () => {
  it.each(['resident', 'department', 'party', 'gridworker', 'city', 'county'])(
    '%s lends → 403',
    async (who) => {
      const before = await onHand(station);
      expect((await lend(who)).statusCode).toBe(403);
      expect(await onHand(station)).toBe(before);
    },
  );
  it.each(['resident', 'department', 'party', 'gridworker', 'city'])(
    '%s sets the stock → 403',
    async (who) => {
      expect(
        (await api('PUT', `/stations/${station}/stock`, h[who], { itemKind: 'umbrella', total: 1 }))
          .statusCode,
      ).toBe(403);
    },
  );
});

describe('bad numbers and text', () => {
  it.each([
    ['a negative stock', { itemKind: 'umbrella', total: -1 }],
    ['a huge stock', { itemKind: 'umbrella', total: 1e12 }],
    ['a fractional stock', { itemKind: 'umbrella', total: 1.5 }],
    ['a stock as full-width digits', { itemKind: 'umbrella', total: fullWidth('5') }],
    ['an unknown item', { itemKind: `umbrella${NUL}`, total: 1 }],
  ])('%s → 400', async (_n, b) => {
    expect((await api('PUT', `/stations/${station}/stock`, h.village, b)).statusCode).toBe(400);
    expect(await onHand(station)).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['days 0', { days: 0 }],
    ['days 91', { days: 91 }],
    ['a NUL in the note', { note: `借${NUL}用` }],
    ['a huge resident id', { residentId: 2 ** 60 }],
    ['a resident id in full-width digits', { residentId: fullWidth('1') }],
    ['a request id with a NUL', { clientRequestId: `abcdefgh${NUL}` }],
  ])('a loan with %s → 400', async (_n, over) => {
    const before = await countRows(t.db, 'station_loan');
    expect((await lend('village', over)).statusCode).toBe(400);
    expect(await countRows(t.db, 'station_loan')).toBe(before);
  });

  it('a station name with a NUL, a full-width id in the path → 400', async () => {
    expect((await api('PATCH', `/stations/${station}`, h.village, { name: `站${NUL}点` })).statusCode).toBe(
      400,
    );
    expect((await api('GET', `/stations/${fullWidth(String(station))}`, h.village)).statusCode).toBe(400);
  });
});

describe('a client request id reused', () => {
  it("another account's reuse makes its own loan, never answers the first one's", async () => {
    const rid = randomUUID();
    const first = await lend('village', { clientRequestId: rid });
    expect(first.statusCode).toBe(201);
    // the same account and id again: the first loan answered, no second one
    const reused = await lend('village', { clientRequestId: rid });
    expect(reused.statusCode).toBe(201);
    expect(reused.json().id).toBe(first.json().id);
    // the township's staff with the same id: a loan of their own
    const other = await lend('township', { clientRequestId: rid });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });
});
