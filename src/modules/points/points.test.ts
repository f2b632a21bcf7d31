import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
type H = { authorization: string };
let parttime: H, gridworker: H, village: H, township: H, county: H, admin: H;
beforeAll(async () => {
  t = await createTestApp();
  [parttime, gridworker, village, township, county, admin] = await Promise.all([
    signIn(t.app, 'parttime'),
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'village'),
    signIn(t.app, 'township'),
    signIn(t.app, 'county'),
    signIn(t.app, 'admin'),
  ]);
});
afterAll(() => t.close());

const get = (h: H, url: string) => t.app.inject({ method: 'GET', url, headers: h });
const post = (h: H, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: h, payload });
const workerOf = async (username: string) =>
  t.db
    .selectFrom('grid_worker as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['w.id', 'w.points_balance', 'w.grid_code'])
    .where('a.username', '=', username)
    .executeTakeFirstOrThrow();

type EntryRow = { delta: number; balanceAfter: number; reason: string; reasonZh: string; reasonEn: string };

describe('my points (field app)', () => {
  it('shows a part-time worker a balance that the ledger adds up to, reasons in both languages', async () => {
    const me = (await get(parttime, '/api/v1/points/me')).json();
    expect(me.earnsPoints).toBe(true);
    expect(me.employment).toBe('partTime');
    const w = await workerOf('parttime');
    expect(me.balance).toBe(w.points_balance);
    expect(me.balance).toBeGreaterThan(0);
    const entries: EntryRow[] = me.entries;
    expect(entries[0]!.balanceAfter).toBe(me.balance);
    // newest first: each row's balance is the one before it plus its delta
    for (let i = 0; i < entries.length - 1; i++)
      expect(entries[i]!.balanceAfter).toBe(entries[i + 1]!.balanceAfter + entries[i]!.delta);
    const all = await t.db
      .selectFrom('points_entry')
      .select(['delta', 'balance_after'])
      .where('worker_id', '=', w.id)
      .orderBy('id')
      .execute();
    expect(all.reduce((s, e) => s + e.delta, 0)).toBe(me.balance);
    const redeem = entries.find((e) => e.reason === 'redeem');
    expect(redeem).toMatchObject({ reasonZh: '兑换物品', reasonEn: 'Exchanged for goods' });
    expect(entries.find((e) => e.reason === 'case_reported')).toMatchObject({
      reasonZh: '上报问题被立案',
      reasonEn: 'Reported problem filed',
    });
    expect(me.redemptions[0]).toMatchObject({ goodsName: '毛巾', status: 'handed_over' });
  });

  it('tells a full-time worker they earn no points', async () => {
    const me = (await get(gridworker, '/api/v1/points/me')).json();
    expect(me).toMatchObject({ earnsPoints: false, employment: 'fullTime', balance: 0, entries: [] });
  });

  it('is for grid workers only', async () => {
    expect((await get(village, '/api/v1/points/me')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/points/me' })).statusCode).toBe(401);
  });
});

describe('the roster of grid workers', () => {
  it('lists the workers of the caller’s village by place and name, never by points', async () => {
    const me = (await get(village, '/api/v1/me')).json();
    const res = await get(village, '/api/v1/workers?limit=500');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    const inDb = await t.db
      .selectFrom('grid_worker')
      .select('id')
      .where('grid_code', 'like', `${me.scope.code}%`)
      .execute();
    expect(total).toBe(inDb.length);
    expect(items.every((w: { gridCode: string }) => w.gridCode.startsWith(me.scope.code))).toBe(true);
    const keys = items.map((w: { gridCode: string; name: string }) => [w.gridCode, w.name]);
    const sorted = [...keys].sort((a, b) =>
      a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
    );
    expect(keys.map((k: string[]) => k[0])).toEqual(sorted.map((k) => k[0]));
    const p = items.find(
      (w: { hasAccount: boolean; employment: string }) => w.hasAccount && w.employment === 'partTime',
    );
    expect(p).toMatchObject({ earnsPoints: true });
    expect(p.pointsBalance).toBe((await workerOf('parttime')).points_balance);
  });

  it('filters by employment, duty, name and region; limit/offset/total', async () => {
    const full = (await get(township, '/api/v1/workers?employment=fullTime&limit=500')).json();
    expect(full.items.length).toBeGreaterThan(0);
    expect(full.items.every((w: { employment: string }) => w.employment === 'fullTime')).toBe(true);
    const duty = (await get(township, '/api/v1/workers?duty=central_household&limit=500')).json();
    expect(duty.items.every((w: { duty: string }) => w.duty === 'central_household')).toBe(true);
    const page = (await get(township, '/api/v1/workers?limit=2&offset=1')).json();
    const all = (await get(township, '/api/v1/workers?limit=3')).json();
    expect(page.items.map((w: { id: number }) => w.id)).toEqual(
      all.items.slice(1, 3).map((w: { id: number }) => w.id),
    );
    expect(page.total).toBe(all.total);
    const one = all.items[0];
    const byName = (
      await get(township, `/api/v1/workers?q=${encodeURIComponent(one.name)}&limit=500`)
    ).json();
    expect(byName.items.map((w: { id: number }) => w.id)).toContain(one.id);
    const within = (await get(county, `/api/v1/workers?within=${one.gridCode}`)).json();
    expect(within.items.every((w: { gridCode: string }) => w.gridCode === one.gridCode)).toBe(true);
    expect((await get(township, '/api/v1/workers?employment=boss')).statusCode).toBe(400);
    expect((await get(village, '/api/v1/workers?within=211221999')).statusCode).toBe(404);
  });

  it('is not for grid workers, and a worker of another township is 404', async () => {
    expect((await get(parttime, '/api/v1/workers')).statusCode).toBe(403);
    const me = (await get(township, '/api/v1/me')).json();
    const other = await t.db
      .selectFrom('grid_worker')
      .select('id')
      .where('county_code', '=', '211221')
      .where('grid_code', 'not like', `${me.scope.code}%`)
      .executeTakeFirstOrThrow();
    expect((await get(township, `/api/v1/workers/${other.id}`)).statusCode).toBe(404);
    expect((await get(county, `/api/v1/workers/${other.id}`)).statusCode).toBe(200);
  });

  it('shows a worker’s ledger and exchanges', async () => {
    const w = await workerOf('parttime');
    const d = (await get(village, `/api/v1/workers/${w.id}`)).json();
    expect(d).toMatchObject({
      id: w.id,
      employment: 'partTime',
      pointsBalance: w.points_balance,
      hasAccount: true,
    });
    expect(d.entries[0].balanceAfter).toBe(w.points_balance);
    expect(d.redemptions.length).toBeGreaterThan(0);
  });
});

describe('manual awards and corrections', () => {
  it('adds points with a reason: ledger, audit, and the worker is told', async () => {
    const w = await workerOf('parttime');
    const res = await post(village, `/api/v1/workers/${w.id}/points`, {
      delta: 5,
      reason: '协助疫苗接种登记',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ workerId: w.id, balance: w.points_balance + 5 });
    const entry = await t.db
      .selectFrom('points_entry')
      .selectAll()
      .where('worker_id', '=', w.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      delta: 5,
      reason: 'adjust',
      note: '协助疫苗接种登记',
      balance_after: w.points_balance + 5,
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'points.adjust')
      .where('entity_id', '=', String(w.id))
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('协助疫苗接种登记');
    const inbox = (await get(parttime, '/api/v1/inbox')).json().items;
    expect(
      inbox.some(
        (n: { kind: string; title: string }) => n.kind === 'points.adjusted' && n.title.includes('+5'),
      ),
    ).toBe(true);
  });

  it('refuses a balance below zero, a full-time worker, no reason, zero, and workers out of scope — changing nothing', async () => {
    const w = await workerOf('parttime');
    const count = async () =>
      (
        await t.db
          .selectFrom('points_entry')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const n0 = await count();
    const below = await post(township, `/api/v1/workers/${w.id}/points`, {
      delta: -(w.points_balance + 1),
      reason: '更正重复记分',
    });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.code).toBe('POINTS_BELOW_ZERO');
    const full = await workerOf('gridworker');
    expect(
      (await post(village, `/api/v1/workers/${full.id}/points`, { delta: 3, reason: '加班' })).json().error
        .code,
    ).toBe('POINTS_NOT_PART_TIME');
    expect((await post(village, `/api/v1/workers/${w.id}/points`, { delta: 3 })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await post(village, `/api/v1/workers/${w.id}/points`, { delta: 0, reason: '无' })).statusCode,
    ).toBe(400);
    expect(
      (await post(county, `/api/v1/workers/${w.id}/points`, { delta: 3, reason: '县里奖励' })).statusCode,
    ).toBe(403);
    expect(
      (await post(parttime, `/api/v1/workers/${w.id}/points`, { delta: 3, reason: '给自己加分' })).statusCode,
    ).toBe(403);
    const me = (await get(township, '/api/v1/me')).json();
    const other = await t.db
      .selectFrom('grid_worker')
      .select('id')
      .where('county_code', '=', '211221')
      .where('employment', '=', 'partTime')
      .where('grid_code', 'not like', `${me.scope.code}%`)
      .executeTakeFirstOrThrow();
    expect(
      (await post(township, `/api/v1/workers/${other.id}/points`, { delta: 3, reason: '越界加分' }))
        .statusCode,
    ).toBe(404);
    expect(await count()).toBe(n0);
    expect((await workerOf('parttime')).points_balance).toBe(w.points_balance);
  });

  it('takes points away down to exactly zero', async () => {
    const w = await workerOf('parttime');
    const res = await post(township, `/api/v1/workers/${w.id}/points`, {
      delta: -w.points_balance,
      reason: '更正：重复记分',
    });
    expect(res.json().balance).toBe(0);
    await post(township, `/api/v1/workers/${w.id}/points`, {
      delta: w.points_balance,
      reason: '撤销上次更正',
    });
  });
});

describe('points rules (administration)', () => {
  it('lists the five default rules and changes one, audited', async () => {
    const rules = (await get(admin, '/api/v1/admin/points-rules')).json().items;
    expect(rules.map((r: { code: string }) => r.code).sort()).toEqual([
      'case_on_spot',
      'case_reported',
      'errand_done',
      'visit',
      'wish_collected',
    ]);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/points-rules/visit',
      headers: admin,
      payload: { points: 2, dailyCap: 8, active: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'visit', points: 2, dailyCap: 8 });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'points_rule.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ points: 1 });
  });

  it('refuses bad input, unknown rules and non-administrators', async () => {
    const put = (h: H, code: string, payload: object) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/admin/points-rules/${code}`, headers: h, payload });
    expect((await put(admin, 'visit', { points: 0, dailyCap: null, active: true })).statusCode).toBe(400);
    expect((await put(admin, 'visit', { points: 1, dailyCap: 0, active: true })).statusCode).toBe(400);
    expect((await put(admin, 'nosuch', { points: 1, dailyCap: null, active: true })).statusCode).toBe(404);
    expect((await put(county, 'visit', { points: 1, dailyCap: null, active: true })).statusCode).toBe(403);
    expect((await get(village, '/api/v1/admin/points-rules')).statusCode).toBe(403);
    const visit = await t.db
      .selectFrom('points_rule')
      .selectAll()
      .where('county_code', '=', '211221')
      .where('code', '=', 'visit')
      .executeTakeFirstOrThrow();
    expect(visit).toMatchObject({ points: 2, daily_cap: 8 });
  });
});
