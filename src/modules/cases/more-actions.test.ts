import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { actOn, pointInGrid } from '../../../test/fixtures.js';

let t: TestApp;
type H = { authorization: string };
let resident: H, township: H, county: H, office: H, gw: H;
let at: { lat: number; lng: number };
beforeAll(async () => {
  t = await createTestApp();
  resident = await signIn(t.app, 'resident');
  township = await signIn(t.app, 'township');
  county = await signIn(t.app, 'county');
  office = await signIn(t.app, 'township-cgb');
  gw = await signIn(t.app, 'gridworker');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
  at = await pointInGrid(t.db, me.scope.code);
});
afterAll(() => t.close());

const act = (h: H, id: number, action: string, body: object = {}) => actOn(t.app, h, id, action, body);
const get = async (h: H, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: h })).json();

/** A case held by the township and dispatched to its urban-management office, on Monday 2023-03-13. */
async function dispatched(): Promise<number> {
  t.clock.set('2023-03-13T09:00:00+08:00');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: resident,
    payload: { categoryCode: 'E0102', description: '暴露垃圾', lat: at.lat, lng: at.lng },
  });
  const id = res.json().id as number;
  expect((await act(gw, id, 'escalate', { note: '需镇里处理' })).statusCode).toBe(200);
  expect((await get(township, id)).actions).toContain('dispatch');
  const depts = (
    await t.app.inject({ method: 'GET', url: '/api/v1/departments?tier=township', headers: township })
  ).json().items;
  const cgb = depts.find((d: { code: string }) => d.code === 'urban_management_office');
  expect((await act(township, id, 'dispatch', { departmentId: cgb.id })).statusCode).toBe(200);
  return id;
}

describe('the other workflow actions', () => {
  it('supervise (督办) and expedite (加急) come from a higher tier only, and expedite brings the deadline forward', async () => {
    const id = await dispatched();
    const before = await get(county, id);
    expect((await act(township, id, 'supervise')).statusCode).toBe(403); // same tier
    expect((await act(county, id, 'supervise', { note: '请加快办理' })).statusCode).toBe(200);
    expect((await act(county, id, 'expedite', { note: '影响通行' })).statusCode).toBe(200);
    const after = await get(county, id);
    expect(after).toMatchObject({ supervised: true, expedited: true, urgency: 'urgent' });
    expect(Date.parse(after.deadlineAt)).toBeLessThan(Date.parse(before.deadlineAt));
    const told = (await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: office }))
      .json()
      .items.map((n: { kind: string }) => n.kind);
    expect(told).toEqual(expect.arrayContaining(['case.supervise', 'case.expedite']));
  });

  it('a department asks for a delay (reason required); the township centre approves it once', async () => {
    const id = await dispatched();
    expect((await act(office, id, 'accept')).statusCode).toBe(200);
    const due = (await get(township, id)).deadlineAt;
    expect(
      (await act(office, id, 'request_delay', { delay: { amount: 2, unit: 'workday' } })).json().error.code,
    ).toBe('REASON_REQUIRED');
    expect(
      (await act(office, id, 'request_delay', { note: '需采购材料', delay: { amount: 2, unit: 'workday' } }))
        .statusCode,
    ).toBe(200);
    // one pending at a time: a state of the case (409), not a matter of who asks
    const again = await act(office, id, 'request_delay', {
      note: '再延',
      delay: { amount: 1, unit: 'workday' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASE_DELAY_PENDING');
    expect((await get(township, id)).actions).toContain('decide_delay');
    expect((await act(township, id, 'decide_delay', { approve: true })).statusCode).toBe(200);
    const later = await get(township, id);
    expect(Date.parse(later.deadlineAt)).toBeGreaterThan(Date.parse(due));
    expect(later.pendingDelay).toBeNull();
    expect(later.history.at(-1).action).toBe('approve_delay');
  });

  it('suspend (挂账) clears the deadline; resume gives a new one; the department returns a wrong dispatch', async () => {
    const id = await dispatched();
    expect((await act(office, id, 'return', { note: '不属于本办职责' })).json().state).toBe('filed');
    expect((await get(township, id)).departmentId).toBeNull();
    expect((await act(township, id, 'suspend')).json().error.code).toBe('REASON_REQUIRED');
    expect((await act(township, id, 'suspend', { note: '需等开春施工' })).json().state).toBe('suspended');
    expect((await get(township, id)).deadlineAt).toBeNull();
    t.clock.set('2023-04-03T09:00:00+08:00');
    expect((await act(township, id, 'resume')).json().state).toBe('filed');
    expect(Date.parse((await get(township, id)).deadlineAt)).toBeGreaterThan(
      Date.parse('2023-04-03T01:00:00Z'),
    );
  });

  it('merge marks a duplicate of another case and closes it', async () => {
    const first = await dispatched();
    const dup = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: resident,
        payload: { categoryCode: 'E0102', description: '同一处暴露垃圾', lat: at.lat, lng: at.lng },
      })
    ).json().id;
    const similar = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases/similar?categoryCode=E0102&lat=${at.lat}&lng=${at.lng}`,
        headers: resident,
      })
    ).json().items;
    expect(similar.map((s: { id: number }) => s.id)).toContain(first);
    expect((await act(gw, dup, 'merge', {})).statusCode).toBe(400);
    expect((await act(gw, dup, 'merge', { duplicateOf: first })).json().state).toBe('merged');
    expect((await get(resident, dup)).duplicateOf).toBe(first);
  });
});
