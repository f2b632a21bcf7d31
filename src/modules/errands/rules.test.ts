import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../platform/calendar/work-calendar.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { askErrand, errandAct, errandGet, type Headers } from '../../../test/kits/errands.js';

let t: TestApp;
const h: Record<string, Headers> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['resident', 'gridworker', 'parttime', 'village', 'township', 'admin'])
    h[u] = await signIn(t.app, u);
}, 120_000);
afterAll(async () => t?.close());

const setPromise = async (code: string, promiseDays: number) => {
  const item = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/service-items', headers: h.admin! }))
    .json()
    .items.find((i: { code: string }) => i.code === code);
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/service-items/${code}`,
    headers: h.admin!,
    payload: { ...item, promiseDays },
  });
  expect(res.statusCode).toBe(200);
};

describe('promised time in working days', () => {
  it('skips a weekend and the National Day holiday, and flags overdue errands', async () => {
    await setPromise('pay_water', 1);
    t.clock.set('2025-01-10T10:00:00+08:00'); // a Friday
    const friday = await askErrand(t.app, h.resident!, { serviceCode: 'pay_water' });
    expect(shanghaiDate(new Date((await errandGet(t.app, h.resident!, friday.id)).json().dueAt))).toBe(
      '2025-01-13',
    );

    await setPromise('pay_water', 2);
    t.clock.set('2024-09-30T10:00:00+08:00'); // the day before 1–7 October
    const holiday = await askErrand(t.app, h.resident!, { serviceCode: 'pay_water' });
    const due = new Date((await errandGet(t.app, h.resident!, holiday.id)).json().dueAt);
    expect(shanghaiDate(due)).toBe('2024-10-09');

    t.clock.set('2024-10-08T10:00:00+08:00');
    const overdue = (q: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/errands?overdue=true&limit=200${q}`, headers: h.village! });
    expect((await overdue('')).json().items.some((e: { id: number }) => e.id === holiday.id)).toBe(false);
    t.clock.set('2024-10-10T09:00:00+08:00');
    const late = (await overdue('')).json().items.find((e: { id: number }) => e.id === holiday.id);
    expect(late).toMatchObject({ overdue: true, status: 'requested' });
  });
});

describe('two requests at once', () => {
  it('lets exactly one of two accepts win', async () => {
    t.clock.set(new Date());
    const { id } = await askErrand(t.app, h.resident!);
    const both = await Promise.all([
      errandAct(t.app, h.gridworker!, id, 'accept'),
      errandAct(t.app, h.parttime!, id, 'accept'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const steps = await t.db
      .selectFrom('service_history')
      .select('action')
      .where('entity_type', '=', 'errand')
      .where('entity_id', '=', id)
      .execute();
    expect(steps.filter((s) => s.action === 'accept')).toHaveLength(1);
  });

  it('answers the same errand for a repeated clientRequestId, even at once', async () => {
    const clientRequestId = randomUUID();
    const payload = { serviceCode: 'parcel_pickup', detail: '取件码 8-8-8', clientRequestId };
    const ask = () => t.app.inject({ method: 'POST', url: '/api/v1/errands', headers: h.resident!, payload });
    const first = await ask();
    expect(first.statusCode).toBe(201);
    const again = await ask();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const racing = { ...payload, clientRequestId: randomUUID() };
    const pair = await Promise.all(
      [1, 2].map(() =>
        t.app.inject({ method: 'POST', url: '/api/v1/errands', headers: h.resident!, payload: racing }),
      ),
    );
    expect(pair.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(pair[0]!.json().id).toBe(pair[1]!.json().id);
    const rows = await t.db
      .selectFrom('errand')
      .select('id')
      .where('client_request_id', 'in', [clientRequestId, racing.clientRequestId])
      .execute();
    expect(rows).toHaveLength(2);
    // the same id for another service is no retry: refused, nothing saved
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/errands',
      headers: h.resident!,
      payload: { ...payload, serviceCode: 'buy_goods' },
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('REQUEST_ID_REUSED');
    const after = await t.db
      .selectFrom('errand')
      .select('id')
      .where('client_request_id', '=', clientRequestId)
      .execute();
    expect(after).toHaveLength(1);
  });
});

describe('points for part-time grid workers', () => {
  it('awards errand_done once to a part-time worker, never to a full-time one', async () => {
    const county = (
      await t.db
        .selectFrom('account')
        .select('county_code')
        .where('username', '=', 'parttime')
        .executeTakeFirstOrThrow()
    ).county_code;
    await t.db
      .insertInto('points_rule')
      .values({
        county_code: county,
        code: 'errand_done',
        name_zh: '完成微代办',
        name_en: 'Errand done',
        points: 3,
        daily_cap: null,
      })
      .onConflict((oc) => oc.columns(['county_code', 'code']).doNothing())
      .execute();
    const rule = await t.db
      .selectFrom('points_rule')
      .select('points')
      .where('county_code', '=', county)
      .where('code', '=', 'errand_done')
      .executeTakeFirstOrThrow();
    const worker = () =>
      t.db
        .selectFrom('grid_worker as w')
        .innerJoin('account as a', 'a.id', 'w.account_id')
        .select(['w.id', 'w.points_balance', 'w.employment', 'a.username'])
        .where('a.username', 'in', ['parttime', 'gridworker'])
        .execute();
    const before = await worker();

    const a = await askErrand(t.app, h.resident!);
    await errandAct(t.app, h.parttime!, a.id, 'accept');
    expect((await errandAct(t.app, h.parttime!, a.id, 'done', { note: '已缴' })).statusCode).toBe(200);
    const b = await askErrand(t.app, h.resident!);
    await errandAct(t.app, h.gridworker!, b.id, 'accept');
    await errandAct(t.app, h.gridworker!, b.id, 'done', { note: '已缴' });

    const after = await worker();
    const delta = (u: string) =>
      after.find((w) => w.username === u)!.points_balance -
      before.find((w) => w.username === u)!.points_balance;
    expect(delta('parttime')).toBe(rule.points);
    expect(delta('gridworker')).toBe(0);
    const entries = await t.db
      .selectFrom('points_entry')
      .select(['reason', 'ref_id'])
      .where('ref_type', '=', 'errand')
      .where('ref_id', 'in', [String(a.id), String(b.id)])
      .execute();
    expect(entries).toEqual([{ reason: 'errand_done', ref_id: String(a.id) }]);
  });
});

describe('stats and filters', () => {
  it('counts by status in scope and filters by status and mine', async () => {
    const stats = (who: string, q = '') =>
      t.app.inject({ method: 'GET', url: `/api/v1/errands/stats${q}`, headers: h[who]! });
    const s = (await stats('village')).json();
    expect(s.total).toBe(Object.values(s.byStatus as Record<string, number>).reduce((x, y) => x + y, 0));
    expect(s.done).toBe((s.byStatus.done ?? 0) + (s.byStatus.confirmed ?? 0));
    expect(s.ratings.satisfied).toBeGreaterThan(0); // the demo's confirmed errands
    expect((await stats('resident')).statusCode).toBe(403);
    const requested = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/errands?status=requested&limit=200',
        headers: h.township!,
      })
    ).json();
    expect(requested.items.length).toBeGreaterThan(0);
    expect(requested.items.every((e: { status: string }) => e.status === 'requested')).toBe(true);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/errands?mine=true&limit=200', headers: h.parttime! })
    ).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e: { assigneeName: string | null }) => e.assigneeName?.includes('兼职'))).toBe(
      true,
    );
  });
});
