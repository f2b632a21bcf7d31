import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { remindOverdueLoans } from './index.js';

/** Booking capacity and lending stock under concurrency (enforced in SQL), returns, losses, the overdue sweep. */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village: string;
let stationId: number;
let villagerId: number;
let residents: number[];

const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'gridworker', 'resident', 'county', 'zhangjia-village'])
    h[u] = await signIn(t.app, u);
  village = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow()
  ).scope_code;
  const st = await t.db
    .selectFrom('station')
    .select('id')
    .where('region_code', '=', village)
    .where('kind', '=', 'station')
    .executeTakeFirstOrThrow();
  stationId = Number(st.id);
  const v = await t.db
    .selectFrom('resident_account as ra')
    .innerJoin('account as a', 'a.id', 'ra.account_id')
    .select('ra.resident_id')
    .where('a.username', '=', 'resident')
    .executeTakeFirstOrThrow();
  villagerId = Number(v.resident_id);
  const rs = await t.db
    .selectFrom('resident')
    .select('id')
    .where('grid_code', 'like', `${village}%`)
    .where('status', '=', 'present')
    .orderBy('id')
    .limit(12)
    .execute();
  residents = rs.map((r) => Number(r.id));
});
afterAll(() => t.close());

describe('stations', () => {
  it('the demo village has its station with staff, volunteers and a wheelchair to lend', async () => {
    const list = (await call('gridworker', 'GET', '/stations')).json();
    expect(list.items.map((s: { id: number }) => s.id)).toContain(stationId);
    const d = (await call('village', 'GET', `/stations/${stationId}`)).json();
    expect(d.staff).toBe(2);
    expect(d.volunteers).toBe(3);
    expect(d.stock.find((k: { itemKind: string }) => k.itemKind === 'wheelchair')).toBeTruthy();
    expect((await call('zhangjia-village', 'GET', `/stations/${stationId}`)).statusCode).toBe(404);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await countRows(t.db, 'station');
    const body = {
      kind: 'station',
      regionCode: '２１１２２１１００２００',
      name: '测试站',
      address: '某处',
      lng: 123.8,
      lat: 42.2,
      openingHours: '全天',
      services: [],
    };
    const r = await call('village', 'POST', '/stations', body);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBeTruthy();
    expect(r.json().error.messageEn).toBeTruthy();
    expect(
      (await call('village', 'POST', '/stations', { ...body, regionCode: village, lng: 100 })).json().error
        .code,
    ).toBe('STATION_OUTSIDE_COUNTY');
    expect(
      (await call('village', 'POST', '/stations', { ...body, regionCode: '211122001211' })).statusCode,
    ).toBe(404);
    expect(await countRows(t.db, 'station')).toBe(before);
  });
});

describe('activities: never over capacity', () => {
  it('ten bookings at once for three seats: three booked, seven refused', async () => {
    t.clock.set('2026-12-01T02:00:00Z');
    const a = await call('village', 'POST', `/stations/${stationId}/activities`, {
      title: '健康讲座',
      service: 'medical_check',
      startsAt: '2026-12-10T01:00:00Z',
      endsAt: '2026-12-10T03:00:00Z',
      capacity: 3,
    });
    expect(a.statusCode, a.body).toBe(201);
    const id = a.json().id as number;
    const rs = await Promise.all(
      residents
        .slice(0, 10)
        .map((r) => call('village', 'POST', `/station-activities/${id}/bookings`, { residentId: r })),
    );
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(rs.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(
      Array(7).fill('ACTIVITY_FULL'),
    );
    const d = (await call('village', 'GET', `/station-activities/${id}`)).json();
    expect(d.booked).toBe(3);
    expect(d.bookings).toHaveLength(3);

    // a cancelled seat is given back; the same resident twice is refused
    const b0 = d.bookings[0];
    expect(
      (await call('village', 'POST', `/station-activities/${id}/bookings/${b0.id}/cancel`)).statusCode,
    ).toBe(204);
    expect(
      (
        await call('village', 'POST', `/station-activities/${id}/bookings`, {
          residentId: d.bookings[1].residentId,
        })
      ).json().error.code,
    ).toBe('ACTIVITY_ALREADY_BOOKED');
    expect(
      (await call('village', 'POST', `/station-activities/${id}/bookings`, { residentId: residents[11] }))
        .statusCode,
    ).toBe(201);

    // attendance once it has started
    const ids = (await call('village', 'GET', `/station-activities/${id}`))
      .json()
      .bookings.map((b: { residentId: number }) => b.residentId);
    expect(
      (await call('village', 'POST', `/station-activities/${id}/attendance`, { residentIds: ids })).json()
        .error.code,
    ).toBe('ACTIVITY_NOT_STARTED');
    t.clock.set('2026-12-10T01:30:00Z');
    const m = await call('village', 'POST', `/station-activities/${id}/attendance`, {
      residentIds: [...ids, residents[0]],
    });
    expect(m.json()).toEqual({ marked: 3 });
    expect((await call('village', 'GET', `/station-activities/${id}`)).json().attended).toBe(3);
    expect(
      (
        await call('village', 'POST', `/station-activities/${id}/bookings`, { residentId: residents[5] })
      ).json().error.code,
    ).toBe('ACTIVITY_CLOSED');
  });

  it('the first township centre holds 70+ activities a year', async () => {
    const r = (await call('county', 'GET', '/station-activities?limit=1')).json();
    expect(r.total).toBeGreaterThan(70);
    const centre = await t.db
      .selectFrom('station_activity')
      .select((eb) => eb.fn.count<number>('id').as('n'))
      .groupBy('station_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(centre.n)).toBeGreaterThanOrEqual(70);
  });
});

describe('lending: stock never negative', () => {
  it('eight lends of two wheelchairs at once: two lent, six refused; return and loss move the stock', async () => {
    t.clock.set('2026-12-01T02:00:00Z');
    expect(
      (await call('village', 'PUT', `/stations/${stationId}/stock`, { itemKind: 'wheelchair', total: 2 }))
        .statusCode,
    ).toBe(204);
    // the demo may have a wheelchair out: count from what is on hand now
    const k0 = await t.db
      .selectFrom('station_stock')
      .select(['total', 'on_hand'])
      .where('station_id', '=', stationId)
      .where('item_kind', '=', 'wheelchair')
      .executeTakeFirstOrThrow();
    const rs = await Promise.all(
      residents.slice(0, 8).map((r) =>
        call('village', 'POST', '/station-loans', {
          stationId,
          itemKind: 'wheelchair',
          residentId: r,
          days: 7,
        }),
      ),
    );
    const made = rs.filter((r) => r.statusCode === 201);
    expect(made).toHaveLength(k0.on_hand);
    expect(rs.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'STOCK_OUT')).toBe(
      true,
    );
    const k1 = await t.db
      .selectFrom('station_stock')
      .select(['total', 'on_hand'])
      .where('station_id', '=', stationId)
      .where('item_kind', '=', 'wheelchair')
      .executeTakeFirstOrThrow();
    expect(k1).toEqual({ total: 2, on_hand: 0 });
    // stock cannot be set below what is out
    expect(
      (
        await call('village', 'PUT', `/stations/${stationId}/stock`, { itemKind: 'wheelchair', total: 1 })
      ).json().error.code,
    ).toBe('STOCK_IN_USE');

    const [first, second] = made.map((r) => r.json() as { id: number; version: number });
    const back = await call('village', 'POST', `/station-loans/${first!.id}/return`, {
      version: first!.version,
    });
    expect(back.json()).toMatchObject({ state: 'returned', returnedLate: false });
    expect((await call('village', 'POST', `/station-loans/${first!.id}/return`, {})).json().error.code).toBe(
      'LOAN_NOT_LENT',
    );
    if (second) {
      expect(
        (await call('village', 'POST', `/station-loans/${second.id}/lose`, { note: '丢失' })).json().state,
      ).toBe('lost');
    }
    const k2 = await t.db
      .selectFrom('station_stock')
      .select(['total', 'on_hand'])
      .where('station_id', '=', stationId)
      .where('item_kind', '=', 'wheelchair')
      .executeTakeFirstOrThrow();
    expect(k2.on_hand).toBe(1);
    expect(k2.total).toBe(second ? 1 : 2);
    const steps = await countRows(t.db, 'station_loan_step');
    expect(steps).toBeGreaterThanOrEqual(1);
  });

  it('a retry with the same clientRequestId answers the same loan', async () => {
    await call('village', 'PUT', `/stations/${stationId}/stock`, { itemKind: 'umbrella', total: 9 });
    const body = {
      stationId,
      itemKind: 'umbrella',
      residentId: residents[2],
      days: 3,
      clientRequestId: 'retry-umbrella-1',
    };
    const [a, b] = await Promise.all([
      call('village', 'POST', '/station-loans', body),
      call('village', 'POST', '/station-loans', body),
    ]);
    expect(a.json().id).toBe(b.json().id);
    expect(
      (await call('village', 'POST', '/station-loans', { ...body, residentId: residents[3] })).json().error
        .code,
    ).toBe('LOAN_REQUEST_REUSED');
  });

  it('the overdue sweep reminds once; a late return is recorded; the villager sees their loans', async () => {
    t.clock.set('2026-12-01T02:00:00Z');
    await call('village', 'PUT', `/stations/${stationId}/stock`, { itemKind: 'torch', total: 9 });
    const lent = await call('village', 'POST', '/station-loans', {
      stationId,
      itemKind: 'torch',
      residentId: villagerId,
      days: 2,
    });
    expect(lent.statusCode, lent.body).toBe(201);
    const loan = lent.json() as { id: number };
    const account = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const reminders = () =>
      t.db
        .selectFrom('notification')
        .select('id')
        .where('account_id', '=', account.id)
        .where('kind', '=', 'station_loan.overdue')
        .where('about_id', '=', loan.id)
        .execute();
    await remindOverdueLoans(t.db, new Date('2026-12-02T02:00:00Z'));
    expect(await reminders()).toHaveLength(0);
    const first = await remindOverdueLoans(t.db, new Date('2026-12-04T02:00:00Z'));
    expect(first!.reminded).toBeGreaterThanOrEqual(1);
    await remindOverdueLoans(t.db, new Date('2026-12-05T02:00:00Z'));
    expect(await reminders()).toHaveLength(1);

    const mine = (await call('resident', 'GET', '/me/station-loans')).json();
    const m = mine.items.find((l: { id: number }) => l.id === loan.id);
    expect(m).toMatchObject({ itemKind: 'torch', state: 'lent' });
    t.clock.set('2026-12-05T02:00:00Z');
    expect(
      (await call('resident', 'GET', '/me/station-loans'))
        .json()
        .items.find((l: { id: number }) => l.id === loan.id).overdue,
    ).toBe(true);
    const back = await call('village', 'POST', `/station-loans/${loan.id}/return`, {});
    expect(back.json()).toMatchObject({ state: 'returned', returnedLate: true });
    const after = (await call('resident', 'GET', '/me/station-loans'))
      .json()
      .items.find((l: { id: number }) => l.id === loan.id);
    expect(after).toMatchObject({ state: 'returned', returnedLate: true, overdue: false });
    // only the villager's own
    expect(mine.items.every((l: { residentId: number }) => l.residentId === villagerId)).toBe(true);
    expect((await call('gridworker', 'POST', `/station-loans/${loan.id}/return`, {})).statusCode).toBe(403);
    expect((await call('zhangjia-village', 'GET', `/station-loans/${loan.id}`)).statusCode).toBe(404);
  });
});
