import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentId } from '../kits/whistles.js';
import { countRows, createTestApp, signIn, type TestApp } from '../helpers.js';
import { fullWidth, NUL, probePlaces } from './probe-places.js';

/**
 * An outsider attacks whistles (raising with other places' households and other counties'
 * departments, the per-department limits and whether they leak into another county) and emergency
 * (events, teams and the supplies' ledger with ids of elsewhere, positions out of range).
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof probePlaces>>;
const h: Record<string, { authorization: string }> = {};
let dept: number;
let panshanDept: number;
let otherTownship: string;

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
    'panshan',
    'zhangjia-village',
  ])
    h[u] = await signIn(t.app, u);
  dept = await departmentId(t.db, 'county_housing_urban_rural');
  panshanDept = await departmentId(t.db, 'county_housing_urban_rural', '211122');
  otherTownship = (
    await t.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', '211221')
      .where('level', '=', 'township')
      .where('code', '<>', p.township)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
}, 300_000);
afterAll(async () => t?.close());

const api = (method: string, url: string, headers?: object, payload?: object) =>
  t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: headers as never, payload });
const raise = (who: string, over: Record<string, unknown> = {}) =>
  api('POST', '/whistles', h[who], {
    subject: '道路破损',
    description: '村路坑洼需修补',
    departmentId: dept,
    ...over,
  });

describe('whistles', () => {
  it("a household of another village, another county's department → 400 as for ids that exist nowhere, nothing raised", async () => {
    const before = await countRows(t.db, 'whistle');
    const hh = await raise('village', { householdId: p.otherHousehold });
    const noHousehold = await raise('village', { householdId: 2147483647 });
    expect([hh.statusCode, hh.json().error.code]).toEqual([400, 'WHISTLE_LINK_NOT_FOUND']);
    expect(noHousehold.json().error.code).toBe('WHISTLE_LINK_NOT_FOUND');
    const d = await raise('village', { departmentId: panshanDept });
    expect([d.statusCode, d.json().error.code]).toEqual([400, 'WHISTLE_DEPARTMENT_NOT_FOUND']);
    expect((await raise('zhangjia-village', { departmentId: dept })).json().error.code).toBe(
      'WHISTLE_DEPARTMENT_NOT_FOUND',
    );
    expect(await countRows(t.db, 'whistle')).toBe(before);
  });

  it.each(['resident', 'department', 'party', 'city', 'county'])('%s raises → 403', async (who) => {
    expect((await raise(who)).statusCode).toBe(403);
  });

  it.each([
    ['a NUL in the subject', { subject: `道路${NUL}破损` }],
    ['a full-width department', { departmentId: fullWidth('1') }],
    ['a negative department', { departmentId: -1 }],
    ['a huge household', { householdId: 2 ** 60 }],
    ['an over-long description', { description: '长'.repeat(2001) }],
  ])('a whistle with %s → 400', async (_n, over) => {
    expect((await raise('village', over)).statusCode).toBe(400);
  });

  it("a whistle of ours is 404 to another county's staff, and absent from their list", async () => {
    const made = await raise('village');
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    expect((await api('GET', `/whistles/${id}`, h.panshan)).statusCode).toBe(404);
    // acting on it answers as for an id that exists nowhere (no oracle)
    const act = await api('POST', `/whistles/${id}/actions/answer`, h.panshan, { answer: '已处理' });
    const none = await api('POST', `/whistles/2147483647/actions/answer`, h.panshan, { answer: '已处理' });
    expect([403, 404]).toContain(act.statusCode);
    expect(act.statusCode).toBe(none.statusCode);
    const theirs = (await api('GET', '/whistles?limit=100', h.panshan)).json();
    expect(theirs.items.map((w: { id: number }) => w.id)).not.toContain(id);
  });

  it("a county's limit: set only by its own county level, never leaking into another county", async () => {
    const theirs = (await api('GET', '/whistle-limits', h.panshan)).json();
    for (const who of ['township', 'village', 'department', 'party', 'resident', 'city'])
      expect(
        (await api('PUT', `/whistle-limits/${dept}`, h[who], { days: 5, urgentDays: 2 })).statusCode,
      ).toBe(403);
    // another county's department by id → 404 (and the other way round)
    expect(
      (await api('PUT', `/whistle-limits/${panshanDept}`, h.county, { days: 5, urgentDays: 2 })).statusCode,
    ).toBe(404);
    expect(
      (await api('PUT', `/whistle-limits/${dept}`, h.panshan, { days: 5, urgentDays: 2 })).statusCode,
    ).toBe(404);
    const set = await api('PUT', `/whistle-limits/${dept}`, h.county, { days: 7, urgentDays: 2 });
    expect(set.statusCode, set.body).toBe(200);
    expect((await api('GET', '/whistle-limits', h.panshan)).json()).toEqual(theirs);
  });

  it.each([
    ['days 0', { days: 0, urgentDays: 1 }],
    ['days 31', { days: 31, urgentDays: 1 }],
    ['urgent beyond normal', { days: 2, urgentDays: 3 }],
    ['full-width days', { days: fullWidth('3'), urgentDays: 1 }],
    ['a duplicate key in a JSON body', '{"days":3,"urgentDays":1,"days":999}'],
    ['an unknown field', { days: 3, urgentDays: 1, countyCode: '211122' }],
  ])('a limit with %s → 400', async (_n, b) => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/whistle-limits/${dept}`,
      headers: { ...h.county, 'content-type': 'application/json' },
      payload: typeof b === 'string' ? b : JSON.stringify(b),
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('emergency', () => {
  let hidden: number;
  beforeAll(async () => {
    // an event the county declares over another township: the demo village's staff cannot see it
    const d = await api('POST', '/emergency-events', h.county, {
      templateKey: 'flood',
      title: '探测防汛',
      area: [otherTownship],
    });
    expect(d.statusCode, d.body).toBe(201);
    hidden = d.json().id;
    expect((await api('GET', `/emergency-events/${hidden}`, h.village)).statusCode).toBe(404);
  });

  it('a supplies move tagged with an event the caller cannot see → 404, nothing moved (no oracle)', async () => {
    const before = await countRows(t.db, 'emergency_stock_move');
    const res = await api('POST', '/emergency-stock/moves', h.village, {
      regionCode: p.village,
      item: 'mask',
      kind: 'receive',
      quantity: 5,
      eventId: hidden,
    });
    expect(res.statusCode).toBe(404);
    expect(await countRows(t.db, 'emergency_stock_move')).toBe(before);
    // an id that exists nowhere answers the same
    const none = await api('POST', '/emergency-stock/moves', h.village, {
      regionCode: p.village,
      item: 'mask',
      kind: 'receive',
      quantity: 5,
      eventId: 2147483647,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe(res.json().error.code);
  });

  it('a request id reused for another move → 409, the first move not answered for it', async () => {
    const clientRequestId = randomUUID();
    const b = { regionCode: p.village, item: 'mask', kind: 'receive', quantity: 5, clientRequestId };
    const first = await api('POST', '/emergency-stock/moves', h.village, b);
    expect(first.statusCode, first.body).toBe(201);
    const again = await api('POST', '/emergency-stock/moves', h.village, b);
    expect([again.statusCode, again.json().id]).toEqual([200, first.json().id]);
    const before = await countRows(t.db, 'emergency_stock_move');
    for (const over of [{ quantity: 500 }, { kind: 'issue' }, { item: 'tent' }])
      expect((await api('POST', '/emergency-stock/moves', h.village, { ...b, ...over })).statusCode).toBe(
        409,
      );
    expect(await countRows(t.db, 'emergency_stock_move')).toBe(before);
    // another account's same id is its own move
    const township = await api('POST', '/emergency-stock/moves', h.township, {
      ...b,
      regionCode: p.township,
    });
    expect(township.statusCode).toBe(201);
  });

  it('a move into another village or county, or a transfer there → 404', async () => {
    const b = { item: 'mask', kind: 'receive', quantity: 5 };
    expect(
      (await api('POST', '/emergency-stock/moves', h.village, { ...b, regionCode: p.otherVillage }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api('POST', '/emergency-stock/moves', h.county, { ...b, regionCode: '211122001211' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await api('POST', '/emergency-stock/moves', h.village, {
          ...b,
          kind: 'issue',
          regionCode: p.village,
          toRegionCode: p.otherVillage,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("a team member who is another village's resident → 400; a team of another county → 404", async () => {
    const team = await api('POST', '/emergency-teams', h.village, {
      regionCode: p.village,
      kind: 'volunteer',
      name: '探测救援队',
    });
    expect(team.statusCode, team.body).toBe(201);
    const id = team.json().id as number;
    const m = await api('POST', `/emergency-teams/${id}/members`, h.village, { residentId: p.otherResident });
    expect(m.statusCode).toBe(400);
    expect(m.json().error.code).toBe('EMERGENCY_MEMBER_INVALID');
    const acc = await api('POST', `/emergency-teams/${id}/members`, h.village, {
      accountId: await p.accountId('mengqian'),
    });
    expect(acc.statusCode).toBe(400);
    expect(
      (await api('POST', `/emergency-teams/${id}/members`, h['zhangjia-village'], { residentId: p.resident }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await api('POST', '/emergency-teams', h.village, {
          regionCode: '211122001211',
          kind: 'volunteer',
          name: '越界队',
        })
      ).statusCode,
    ).toBe(404);
  });

  it.each([
    ['a longitude past 180', { lng: 181, lat: 42 }],
    ['a latitude as full-width digits', { lng: 123.8, lat: fullWidth('42') }],
    ['an unknown field', { lng: 123.8, lat: 42.3, accountId: 1 }],
  ])('a position with %s → 400', async (_n, b) => {
    expect((await api('POST', `/emergency-events/${hidden}/positions`, h.gridworker, b)).statusCode).toBe(
      400,
    );
  });

  it('a worker outside the event’s area cannot consent, report a position, see its checks or ask for help there', async () => {
    expect((await api('POST', `/emergency-events/${hidden}/location`, h.gridworker)).statusCode).toBe(404);
    expect(
      (await api('POST', `/emergency-events/${hidden}/positions`, h.gridworker, { lng: 123.8, lat: 42.3 }))
        .statusCode,
    ).toBe(404);
    expect((await api('GET', `/emergency-events/${hidden}/checks`, h.village)).statusCode).toBe(404);
    expect(await countRows(t.db, 'emergency_location_consent')).toBe(0);
  });

  it("another county's and the wrong roles' reads of an event → 404/403", async () => {
    expect((await api('GET', `/emergency-events/${hidden}`, h.panshan)).statusCode).toBe(404);
    expect((await api('GET', `/emergency-events/${hidden}/map`, h.panshan)).statusCode).toBe(404);
    for (const who of ['resident', 'department', 'party', 'city'])
      expect((await api('GET', `/emergency-events/${hidden}`, h[who])).statusCode).toBe(403);
    expect((await api('POST', `/emergency-events/${hidden}/actions/close`, h.township, {})).statusCode).toBe(
      404,
    );
  });
});
