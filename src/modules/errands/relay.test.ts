import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../platform/calendar/work-calendar.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { errandAct, errandGet, type Headers } from '../../../test/kits/errands.js';
import { sweepErrandRelay } from './sweep.js';

/** 全程代办 relay (J13): walk-in registration, one tier at a time, each tier's time limit, the sweep. */
let t: TestApp;
const h: Record<string, Headers> = {};
let inScope: number;
let elsewhere: number;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['resident', 'gridworker', 'village', 'township', 'county']) h[u] = await signIn(t.app, u);
  const village = await t.db
    .selectFrom('account')
    .select(['scope_code'])
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  const pick = (inside: boolean) =>
    t.db
      .selectFrom('resident')
      .select('id')
      .where('status', '=', 'present')
      .where('county_code', '=', village.scope_code.slice(0, 6))
      .where('grid_code', inside ? 'like' : 'not like', `${village.scope_code}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  inScope = (await pick(true)).id;
  elsewhere = (await pick(false)).id;
}, 120_000);
afterAll(async () => t?.close());

const walkIn = (who: Headers, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/errands/walk-in', headers: who, payload: body });

describe('walk-in at the village proxy point', () => {
  it('registers a request for a villager of the scope, taken in at once and audited', async () => {
    t.clock.set('2024-09-30T10:00:00+08:00'); // the day before the National Day holiday
    const rid = randomUUID();
    const res = await walkIn(h.village!, {
      residentId: inScope,
      serviceCode: 'elderly_allowance',
      detail: '为老人申请高龄津贴',
      clientRequestId: rid,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('accepted');
    const again = await walkIn(h.village!, {
      residentId: inScope,
      serviceCode: 'elderly_allowance',
      detail: '为老人申请高龄津贴',
      clientRequestId: rid,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(res.json().id);
    const e = (await errandGet(t.app, h.village!, res.json().id)).json();
    expect(e).toMatchObject({ walkIn: true, tier: 'village', tierOverdue: false });
    // the village passes it on by the end of the next working day: 8 October after the holiday
    expect(shanghaiDate(new Date(e.tierDueAt))).toBe('2024-10-08');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'errand')
      .where('entity_id', '=', String(res.json().id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('errand.walk_in');
  });

  it('refuses a villager outside the scope (404), other roles (403) and bad input (400), changing nothing', async () => {
    const before = await t.db
      .selectFrom('errand')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const body = { residentId: elsewhere, serviceCode: 'elderly_allowance', detail: '代办事项' };
    expect((await walkIn(h.village!, body)).statusCode).toBe(404);
    expect((await walkIn(h.resident!, { ...body, residentId: inScope })).statusCode).toBe(403);
    expect((await walkIn(h.gridworker!, { ...body, residentId: inScope })).statusCode).toBe(403);
    expect(
      (await walkIn(h.village!, { ...body, residentId: inScope, serviceCode: 'no_such' })).statusCode,
    ).toBe(400);
    expect((await walkIn(h.village!, { ...body, residentId: '１２' })).statusCode).toBe(400);
    const after = await t.db
      .selectFrom('errand')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the relay, one tier at a time', () => {
  it('goes village → township → county and back, each tier with its own time, out of order 409', async () => {
    t.clock.set('2025-01-06T09:00:00+08:00'); // a Monday
    const { id } = (
      await walkIn(h.village!, {
        residentId: inScope,
        serviceCode: 'elderly_allowance',
        detail: '高龄津贴申请',
      })
    ).json();
    // nothing happens out of order: no return or done at the village, no county step yet
    expect((await errandAct(t.app, h.village!, id, 'return', { note: '结果' })).statusCode).toBe(409);
    expect((await errandAct(t.app, h.village!, id, 'done', { note: '已办' })).statusCode).toBe(409);
    // the township may not pass on what the village still holds
    expect((await errandAct(t.app, h.township!, id, 'forward')).statusCode).toBe(403);

    expect((await errandAct(t.app, h.village!, id, 'forward', { note: '材料齐全' })).statusCode).toBe(200);
    let e = (await errandGet(t.app, h.township!, id)).json();
    expect(e).toMatchObject({ status: 'at_township', tier: 'township' });
    expect(shanghaiDate(new Date(e.tierDueAt))).toBe('2025-01-08'); // two working days
    // the item is handled at the county: the township cannot return it
    expect((await errandAct(t.app, h.township!, id, 'return', { note: '结果' })).statusCode).toBe(409);
    expect((await errandAct(t.app, h.village!, id, 'forward')).statusCode).toBe(403);

    t.clock.set('2025-01-07T09:00:00+08:00');
    expect((await errandAct(t.app, h.township!, id, 'forward')).statusCode).toBe(200);
    e = (await errandGet(t.app, h.county!, id)).json();
    expect(e).toMatchObject({ status: 'at_county', tier: 'county' });
    expect(e.actions).toEqual(['return']);
    expect((await errandAct(t.app, h.county!, id, 'forward')).statusCode).toBe(409);

    expect(
      (await errandAct(t.app, h.county!, id, 'return', { note: '已审批，津贴下月发放' })).statusCode,
    ).toBe(200);
    e = (await errandGet(t.app, h.village!, id)).json();
    expect(e).toMatchObject({ status: 'returned', tier: 'village', resultNote: '已审批，津贴下月发放' });
    expect(shanghaiDate(new Date(e.tierDueAt))).toBe('2025-01-08');
    expect((await errandAct(t.app, h.village!, id, 'done', { note: '已交给老人' })).statusCode).toBe(200);
    e = (await errandGet(t.app, h.village!, id)).json();
    expect(e).toMatchObject({ status: 'done', tier: null });
    expect(e.steps.map((s: { action: string }) => s.action)).toEqual([
      'walk_in',
      'forward',
      'forward',
      'return',
      'done',
    ]);
  });

  it('does not relay an item handled at the village', async () => {
    t.clock.set('2025-01-06T09:00:00+08:00');
    const made = await walkIn(h.village!, {
      residentId: inScope,
      serviceCode: 'pension_certification',
      detail: '养老认证',
    });
    expect(made.body).toContain('"status":"accepted"');
    const { id } = made.json();
    expect((await errandGet(t.app, h.village!, id)).json().tier).toBeNull();
    expect((await errandAct(t.app, h.village!, id, 'forward')).statusCode).toBe(409);
    expect((await errandAct(t.app, h.village!, id, 'done', { note: '已缴' })).statusCode).toBe(200);
  });

  it('marks a late tier overdue once and tells the tier above', async () => {
    t.clock.set('2025-01-06T09:00:00+08:00');
    const { id } = (
      await walkIn(h.village!, { residentId: inScope, serviceCode: 'temporary_relief', detail: '临时救助' })
    ).json();
    await sweepErrandRelay(t.db, new Date('2025-01-07T17:00:00+08:00'));
    expect((await errandGet(t.app, h.village!, id)).json().tierOverdue).toBe(false);
    expect(await sweepErrandRelay(t.db, new Date('2025-01-08T09:00:00+08:00'))).toBeGreaterThanOrEqual(1);
    t.clock.set('2025-01-08T09:00:00+08:00');
    const e = (await errandGet(t.app, h.township!, id)).json();
    expect(e).toMatchObject({ tierOverdue: true, overdue: true });
    expect(e.steps.filter((s: { action: string }) => s.action === 'overdue')).toHaveLength(1);
    await sweepErrandRelay(t.db, new Date('2025-01-09T09:00:00+08:00'));
    const steps = (await errandGet(t.app, h.township!, id)).json().steps;
    expect(steps.filter((s: { action: string }) => s.action === 'overdue')).toHaveLength(1);
    const township = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'township')
      .executeTakeFirstOrThrow();
    const told = await t.db
      .selectFrom('notification')
      .select('id')
      .where('account_id', '=', township.id)
      .where('about_type', '=', 'errand')
      .where('about_id', '=', id)
      .execute();
    expect(told.length).toBeGreaterThanOrEqual(1);
    // the township queue lists it once forwarded; the village's relay queue lists it now
    const queue = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/errands?relay=true&tier=village&limit=200',
        headers: h.village!,
      })
    ).json();
    expect(queue.items.some((i: { id: number }) => i.id === id)).toBe(true);
  });
});
