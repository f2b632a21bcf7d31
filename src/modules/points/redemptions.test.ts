import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
type H = { authorization: string };
let parttime: H, gridworker: H, village: H, township: H, county: H;
let worker: { id: number; grid_code: string };
beforeAll(async () => {
  t = await createTestApp();
  [parttime, gridworker, village, township, county] = await Promise.all([
    signIn(t.app, 'parttime'),
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'village'),
    signIn(t.app, 'township'),
    signIn(t.app, 'county'),
  ]);
  worker = await t.db
    .selectFrom('grid_worker as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['w.id', 'w.grid_code'])
    .where('a.username', '=', 'parttime')
    .executeTakeFirstOrThrow();
});
afterAll(() => t.close());

const get = (h: H, url: string) => t.app.inject({ method: 'GET', url, headers: h });
const post = (h: H, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: h, payload });
const redeem = (goodsId: number, quantity = 1, clientRequestId = randomUUID()) =>
  post(parttime, '/api/v1/redemptions', { goodsId, quantity, clientRequestId });
const balance = async () =>
  (
    await t.db
      .selectFrom('grid_worker')
      .select('points_balance')
      .where('id', '=', worker.id)
      .executeTakeFirstOrThrow()
  ).points_balance;
const stockOf = async (id: number) =>
  (await t.db.selectFrom('goods').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
/** Sets the worker's balance through a correction, so each test starts from a known amount. */
async function setBalance(n: number) {
  const delta = n - (await balance());
  if (delta !== 0)
    expect(
      (await post(township, `/api/v1/workers/${worker.id}/points`, { delta, reason: '测试：设定积分' }))
        .statusCode,
    ).toBe(200);
}
/** A fresh goods row of the worker's township, so tests do not share stock. */
async function newGoods(
  cost: number,
  stock: number,
  regionCode = worker.grid_code.slice(0, 9),
  as = township,
): Promise<number> {
  const res = await post(as, '/api/v1/goods', {
    regionCode,
    name: `测试物品${cost}-${stock}`,
    unit: '个',
    pointsCost: cost,
    stock,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('goods', () => {
  it('a worker sees the goods stocked on the path above their grid only', async () => {
    const items = (await get(parttime, '/api/v1/goods')).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(
      items.every(
        (g: { regionCode: string; active: boolean }) => worker.grid_code.startsWith(g.regionCode) && g.active,
      ),
    ).toBe(true);
    expect(items.map((g: { name: string }) => g.name)).toContain('洗衣粉');
  });

  it('staff see goods in scope as manageable and the township’s read-only from a village', async () => {
    const v = (await get(village, '/api/v1/goods')).json().items;
    const townshipGoods = v.filter(
      (g: { regionCode: string }) => g.regionCode === worker.grid_code.slice(0, 9),
    );
    expect(townshipGoods.length).toBeGreaterThan(0);
    expect(townshipGoods.every((g: { manageable: boolean }) => !g.manageable)).toBe(true);
    const tw = (await get(township, '/api/v1/goods')).json().items;
    expect(
      tw.every(
        (g: { manageable: boolean; regionCode: string }) =>
          g.manageable && g.regionCode.startsWith(worker.grid_code.slice(0, 9)),
      ),
    ).toBe(true);
    expect(
      (await get(county, '/api/v1/goods')).json().items.every((g: { manageable: boolean }) => !g.manageable),
    ).toBe(true);
  });

  it('a village stocks its own goods; another township’s goods are 404; bad input is 400', async () => {
    const villageCode = worker.grid_code.slice(0, 12);
    const id = await newGoods(7, 10, villageCode, village);
    expect((await get(parttime, '/api/v1/goods')).json().items.map((g: { id: number }) => g.id)).toContain(
      id,
    );
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/goods/${id}`,
      headers: village,
      payload: { stock: 25, pointsCost: 9 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(await stockOf(id)).toBe(25);
    expect(
      (
        await t.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_type', '=', 'goods')
          .where('entity_id', '=', String(id))
          .execute()
      ).map((a) => a.action),
    ).toEqual(['goods.create', 'goods.update']);

    const other = await t.db
      .selectFrom('goods')
      .select('id')
      .where('region_code', 'not like', `${worker.grid_code.slice(0, 9)}%`)
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/goods/${other.id}`,
          headers: township,
          payload: { stock: 0 },
        })
      ).statusCode,
    ).toBe(404);
    const townshipGoods = await t.db
      .selectFrom('goods')
      .select('id')
      .where('region_code', '=', worker.grid_code.slice(0, 9))
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/goods/${townshipGoods.id}`,
          headers: village,
          payload: { stock: 0 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await post(village, '/api/v1/goods', {
          regionCode: worker.grid_code.slice(0, 9),
          name: '越权',
          pointsCost: 1,
          stock: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await post(township, '/api/v1/goods', {
          regionCode: worker.grid_code,
          name: '网格',
          pointsCost: 1,
          stock: 1,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post(township, '/api/v1/goods', {
          regionCode: worker.grid_code.slice(0, 9),
          name: '',
          pointsCost: 1,
          stock: 1,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post(township, '/api/v1/goods', {
          regionCode: worker.grid_code.slice(0, 9),
          name: '负库存',
          pointsCost: 1,
          stock: -1,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/goods/${id}`, headers: village, payload: {} }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await post(parttime, '/api/v1/goods', {
          regionCode: worker.grid_code.slice(0, 9),
          name: '自己进货',
          pointsCost: 1,
          stock: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(await stockOf(id)).toBe(25);
  });
});

describe('exchanges', () => {
  it('takes points and stock together, tells the village, and is handed over by it', async () => {
    await setBalance(30);
    const id = await newGoods(10, 5);
    const res = await redeem(id, 2);
    expect(res.statusCode, res.body).toBe(201);
    const xid = res.json().id;
    expect(await balance()).toBe(10);
    expect(await stockOf(id)).toBe(3);
    const entry = await t.db
      .selectFrom('points_entry')
      .selectAll()
      .where('worker_id', '=', worker.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      delta: -20,
      reason: 'redeem',
      ref_type: 'redemption',
      ref_id: String(xid),
      balance_after: 10,
    });
    expect(
      (await get(village, '/api/v1/inbox'))
        .json()
        .items.some((n: { kind: string }) => n.kind === 'points.redeemed'),
    ).toBe(true);

    const waiting = (await get(village, '/api/v1/redemptions?status=requested')).json().items;
    expect(waiting.map((x: { id: number }) => x.id)).toContain(xid);
    expect((await post(parttime, `/api/v1/redemptions/${xid}/hand-over`)).statusCode).toBe(403);
    const done = await post(village, `/api/v1/redemptions/${xid}/hand-over`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ id: xid, status: 'handed_over' });
    expect((await post(village, `/api/v1/redemptions/${xid}/hand-over`)).json().error.code).toBe(
      'REDEMPTION_NOT_REQUESTED',
    );
    expect((await post(parttime, `/api/v1/redemptions/${xid}/cancel`)).json().error.code).toBe(
      'REDEMPTION_NOT_REQUESTED',
    );
    const mine = (await get(parttime, '/api/v1/points/me')).json();
    expect(mine.redemptions.find((x: { id: number }) => x.id === xid)).toMatchObject({
      status: 'handed_over',
      quantity: 2,
      points: 20,
    });
    expect(
      (await get(parttime, '/api/v1/inbox'))
        .json()
        .items.some((n: { kind: string }) => n.kind === 'points.handed_over'),
    ).toBe(true);
    expect(
      await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'redemption.hand_over')
        .where('entity_id', '=', String(xid))
        .executeTakeFirst(),
    ).toBeDefined();
  });

  it('refuses too few points, too little stock and inactive goods with 409, changing nothing', async () => {
    await setBalance(15);
    const dear = await newGoods(20, 5);
    const scarce = await newGoods(1, 1);
    const off = await newGoods(1, 5);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/goods/${off}`,
      headers: township,
      payload: { active: false },
    });
    const n0 = (await t.db.selectFrom('redemption').select('id').execute()).length;
    expect((await redeem(dear)).json().error.code).toBe('POINTS_INSUFFICIENT');
    expect((await redeem(scarce, 2)).json().error.code).toBe('GOODS_OUT_OF_STOCK');
    expect((await redeem(off)).json().error.code).toBe('GOODS_INACTIVE');
    expect((await redeem(dear)).statusCode).toBe(409);
    expect((await redeem(dear, 0)).statusCode).toBe(400);
    expect((await post(parttime, '/api/v1/redemptions', { goodsId: dear, quantity: 1 })).statusCode).toBe(
      400,
    );
    expect((await t.db.selectFrom('redemption').select('id').execute()).length).toBe(n0);
    expect(await balance()).toBe(15);
    expect([await stockOf(dear), await stockOf(scarce), await stockOf(off)]).toEqual([5, 1, 5]);
  });

  it('goods of another township are 404; full-time workers and staff cannot exchange', async () => {
    await setBalance(50);
    const other = await t.db
      .selectFrom('goods')
      .select('id')
      .where('region_code', 'not like', `${worker.grid_code.slice(0, 9)}%`)
      .executeTakeFirstOrThrow();
    expect((await redeem(other.id)).statusCode).toBe(404);
    const mine = await newGoods(1, 5);
    const full = await post(gridworker, '/api/v1/redemptions', {
      goodsId: mine,
      quantity: 1,
      clientRequestId: randomUUID(),
    });
    expect(full.json().error.code).toBe('POINTS_NOT_PART_TIME');
    expect(
      (
        await post(village, '/api/v1/redemptions', {
          goodsId: mine,
          quantity: 1,
          clientRequestId: randomUUID(),
        })
      ).statusCode,
    ).toBe(403);
    expect(await balance()).toBe(50);
  });

  it('two exchanges at once with points for one: exactly one succeeds, never an overdraft', async () => {
    await setBalance(10);
    const id = await newGoods(10, 5);
    const [a, b] = await Promise.all([redeem(id), redeem(id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('POINTS_INSUFFICIENT');
    expect(await balance()).toBe(0);
    expect(await stockOf(id)).toBe(4);
  });

  it('two exchanges at once for the last item: exactly one succeeds', async () => {
    await setBalance(10);
    const id = await newGoods(1, 1);
    const [a, b] = await Promise.all([redeem(id), redeem(id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await stockOf(id)).toBe(0);
    expect(await balance()).toBe(9);
  });

  it('a retry with the same clientRequestId answers the same exchange, even at once', async () => {
    await setBalance(10);
    const id = await newGoods(3, 10);
    const key = randomUUID();
    const [a, b] = await Promise.all([redeem(id, 1, key), redeem(id, 1, key)]);
    const again = await redeem(id, 1, key);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(again.statusCode).toBe(200);
    expect(new Set([a.json().id, b.json().id, again.json().id]).size).toBe(1);
    expect(await balance()).toBe(7);
    expect(await stockOf(id)).toBe(9);
    expect((await redeem(id, 2, key)).json().error.code).toBe('CLIENT_REQUEST_REUSED');
  });

  it('the worker cancels while requested: points back (refund row) and stock back', async () => {
    await setBalance(10);
    const id = await newGoods(4, 3);
    const xid = (await redeem(id, 2)).json().id;
    expect(await balance()).toBe(2);
    const res = await post(parttime, `/api/v1/redemptions/${xid}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await balance()).toBe(10);
    expect(await stockOf(id)).toBe(3);
    const refund = await t.db
      .selectFrom('points_entry')
      .selectAll()
      .where('reason', '=', 'refund')
      .where('ref_id', '=', String(xid))
      .executeTakeFirstOrThrow();
    expect(refund).toMatchObject({ delta: 8, balance_after: 10 });
    expect((await post(parttime, `/api/v1/redemptions/${xid}/cancel`)).json().error.code).toBe(
      'REDEMPTION_NOT_REQUESTED',
    );
    expect((await post(village, `/api/v1/redemptions/${xid}/hand-over`)).json().error.code).toBe(
      'REDEMPTION_NOT_REQUESTED',
    );
  });

  it('staff in scope cancel (audited, the worker is told); staff of another township get 404', async () => {
    await setBalance(10);
    const id = await newGoods(5, 3);
    const xid = (await redeem(id)).json().id;
    const outsider = await signIn(t.app, 'taiping');
    expect((await post(outsider, `/api/v1/redemptions/${xid}/cancel`)).statusCode).toBe(404);
    expect((await post(outsider, `/api/v1/redemptions/${xid}/hand-over`)).statusCode).toBe(404);
    expect(
      (await get(outsider, '/api/v1/redemptions')).json().items.map((x: { id: number }) => x.id),
    ).not.toContain(xid);
    expect((await post(gridworker, `/api/v1/redemptions/${xid}/cancel`)).statusCode).toBe(404);
    expect((await post(county, `/api/v1/redemptions/${xid}/cancel`)).statusCode).toBe(403);
    expect(await balance()).toBe(5);
    expect((await post(township, `/api/v1/redemptions/${xid}/cancel`)).statusCode).toBe(200);
    expect(await balance()).toBe(10);
    expect(
      await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'redemption.cancel')
        .where('entity_id', '=', String(xid))
        .executeTakeFirst(),
    ).toBeDefined();
    expect(
      (await get(parttime, '/api/v1/inbox'))
        .json()
        .items.some((n: { kind: string }) => n.kind === 'points.cancelled'),
    ).toBe(true);
  });

  it('lists: a worker sees only their own; staff filter by status and region', async () => {
    const mine = (await get(parttime, '/api/v1/redemptions')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((x: { workerId: number }) => x.workerId === worker.id)).toBe(true);
    expect((await get(gridworker, '/api/v1/redemptions')).json().total).toBe(0);
    const cancelled = (
      await get(township, `/api/v1/redemptions?status=cancelled&within=${worker.grid_code.slice(0, 12)}`)
    ).json();
    expect(cancelled.items.length).toBeGreaterThan(0);
    expect(cancelled.items.every((x: { status: string }) => x.status === 'cancelled')).toBe(true);
    expect((await get(township, '/api/v1/redemptions?status=lost')).statusCode).toBe(400);
    expect((await get(village, '/api/v1/redemptions?within=211221999')).statusCode).toBe(404);
  });

  it('a worker who moved grid still sees and may cancel their own exchange', async () => {
    await setBalance(50);
    const id = await newGoods(5, 3);
    const r = (await redeem(id)).json();
    // the worker moves to another township's grid (the redemption keeps the old grid's path)
    const other = await t.db
      .selectFrom('region')
      .select(['code', 'path'])
      .where('level', '=', 'grid')
      .where('county_code', '=', '211221')
      .where('code', 'not like', `${worker.grid_code.slice(0, 9)}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const old = await t.db
      .selectFrom('grid_worker')
      .select(['grid_code', 'grid_path'])
      .where('id', '=', worker.id)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('grid_worker')
      .set({ grid_code: other.code, grid_path: other.path })
      .where('id', '=', worker.id)
      .execute();
    try {
      const mine = (await get(parttime, '/api/v1/points/me'))
        .json()
        .redemptions.map((x: { id: number }) => x.id);
      expect(mine).toContain(r.id);
      expect((await post(parttime, `/api/v1/redemptions/${r.id}/cancel`)).statusCode).toBe(200);
    } finally {
      await t.db.updateTable('grid_worker').set(old).where('id', '=', worker.id).execute();
    }
  });
});
