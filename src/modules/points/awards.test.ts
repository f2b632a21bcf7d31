import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { awardPoints, type AwardInput } from './award.js';

let t: TestApp;
type H = { authorization: string };
let parttime: H, gridworker: H, village: H;
let account: { parttime: number; gridworker: number; resident: number };
let grid: string;
beforeAll(async () => {
  t = await createTestApp();
  [parttime, gridworker, village] = await Promise.all([
    signIn(t.app, 'parttime'),
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'village'),
  ]);
  const rows = await t.db
    .selectFrom('account')
    .select(['id', 'username', 'scope_code'])
    .where('username', 'in', ['parttime', 'gridworker', 'resident'])
    .execute();
  const id = (u: string) => rows.find((r) => r.username === u)!.id;
  account = { parttime: id('parttime'), gridworker: id('gridworker'), resident: id('resident') };
  grid = rows[0]!.scope_code;
});
afterAll(() => t.close());

const COUNTY = '211221';
const balanceOf = async (accountId: number) =>
  (
    await t.db
      .selectFrom('grid_worker')
      .select('points_balance')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
  ).points_balance;
const entriesFor = (refType: string, refId: number | string) =>
  t.db
    .selectFrom('points_entry')
    .selectAll()
    .where('ref_type', '=', refType)
    .where('ref_id', '=', String(refId))
    .execute();
const award = (a: Partial<AwardInput> & { refId: string | number }) =>
  t.db.transaction().execute((tx) =>
    awardPoints(tx, {
      countyCode: COUNTY,
      workerAccountId: account.parttime,
      rule: 'errand_done',
      refType: 'test',
      at: t.clock.now(),
      ...a,
    }),
  );

async function report(h: H, description: string): Promise<{ id: number; state: string }> {
  const category = await t.db
    .selectFrom('category')
    .select('code')
    .where('active', '=', true)
    .where('attributes', '=', '[]')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const at = await pointInGrid(t.db, grid);
  const photo = await upload(t.app, h, await jpeg());
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: h,
    payload: {
      source: 'patrol',
      categoryCode: category.code,
      description,
      lat: at.lat,
      lng: at.lng,
      photoIds: [photo],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const c = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${res.json().id}`, headers: h })).json();
  return { id: c.id, state: c.state };
}

describe('awards from cases', () => {
  it('a part-time worker’s report waits at the village; filing it credits the reporter once', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const before = await balanceOf(account.parttime);
    const c = await report(parttime, '村路边电线杆倾斜');
    expect(c.state).toBe('reported');
    expect(await balanceOf(account.parttime)).toBe(before);
    const filed = await actOn(t.app, village, c.id, 'file');
    expect(filed.statusCode, filed.body).toBe(200);
    const entries = await entriesFor('case', c.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ reason: 'case_reported', delta: 2, balance_after: before + 2 });
    expect(await balanceOf(account.parttime)).toBe(before + 2);
    // filing cannot happen twice; the award for this case cannot either
    expect((await actOn(t.app, village, c.id, 'file')).statusCode).toBe(409);
    expect(await award({ rule: 'case_reported', refType: 'case', refId: c.id })).toBeNull();
    expect(await entriesFor('case', c.id)).toHaveLength(1);
    expect(await balanceOf(account.parttime)).toBe(before + 2);
  });

  it('fixing on the spot credits the part-time worker who did it once the village verifies it, not for reporting it', async () => {
    t.clock.set('2026-03-02T10:00:00+08:00');
    const before = await balanceOf(account.parttime);
    const c = await report(parttime, '路上散落砖头，已清理');
    const after = await upload(t.app, parttime, await jpeg('#bbbbbb'));
    const res = await actOn(t.app, parttime, c.id, 'handle_on_spot', { note: '已清理', photoIds: [after] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await entriesFor('case', c.id)).toHaveLength(0);
    expect(await balanceOf(account.parttime)).toBe(before);
    const verified = await actOn(t.app, village, c.id, 'close', { note: '核查属实' });
    expect(verified.statusCode, verified.body).toBe(200);
    const entries = await entriesFor('case', c.id);
    expect(entries.map((e) => [e.reason, e.delta])).toEqual([['case_on_spot', 3]]);
    expect(await balanceOf(account.parttime)).toBe(before + 3);
  });

  it('a part-time worker’s report fixed on the spot by the full-time worker credits the reporter for the report only', async () => {
    t.clock.set('2026-03-02T11:00:00+08:00');
    const before = await balanceOf(account.parttime);
    const c = await report(parttime, '井盖松动');
    const after = await upload(t.app, gridworker, await jpeg('#aaaaaa'));
    expect(
      (await actOn(t.app, gridworker, c.id, 'handle_on_spot', { note: '已固定', photoIds: [after] }))
        .statusCode,
    ).toBe(200);
    expect((await entriesFor('case', c.id)).map((e) => e.reason)).toEqual(['case_reported']);
    expect(await balanceOf(account.parttime)).toBe(before + 2);
  });

  it('full-time workers are paid: their reports are filed at once and earn nothing', async () => {
    const c = await report(gridworker, '垃圾桶破损');
    expect(c.state).toBe('filed');
    const after = await upload(t.app, gridworker, await jpeg('#999999'));
    expect(
      (await actOn(t.app, gridworker, c.id, 'handle_on_spot', { note: '已更换', photoIds: [after] }))
        .statusCode,
    ).toBe(200);
    expect(await entriesFor('case', c.id)).toHaveLength(0);
    expect(await balanceOf(account.gridworker)).toBe(0);
  });
});

describe('awardPoints', () => {
  it('credits nobody but part-time workers, and nothing for an unknown or inactive rule', async () => {
    expect(await award({ workerAccountId: account.gridworker, refId: 'a1' })).toBeNull();
    expect(await award({ workerAccountId: account.resident, refId: 'a2' })).toBeNull();
    expect(await award({ rule: 'nosuch', refId: 'a3' })).toBeNull();
    await t.db
      .updateTable('points_rule')
      .set({ active: false })
      .where('county_code', '=', COUNTY)
      .where('code', '=', 'wish_collected')
      .execute();
    expect(await award({ rule: 'wish_collected', refId: 'a4' })).toBeNull();
    await t.db
      .updateTable('points_rule')
      .set({ active: true })
      .where('county_code', '=', COUNTY)
      .where('code', '=', 'wish_collected')
      .execute();
    expect(await entriesFor('test', 'a4')).toHaveLength(0);
  });

  it('stops at the daily cap (a partial award fills it), counted per Beijing day', async () => {
    await t.db
      .updateTable('points_rule')
      .set({ points: 3, daily_cap: 7 })
      .where('county_code', '=', COUNTY)
      .where('code', '=', 'errand_done')
      .execute();
    t.clock.set('2026-03-03T23:00:00+08:00');
    const got = [];
    for (const ref of ['c1', 'c2', 'c3', 'c4']) got.push((await award({ refId: ref }))?.points ?? 0);
    expect(got).toEqual([3, 3, 1, 0]);
    // 00:30 the next day in Beijing (still the 3rd in UTC): a new day
    t.clock.set('2026-03-04T00:30:00+08:00');
    expect((await award({ refId: 'c5' }))?.points).toBe(3);
  });

  it('never twice for one piece of work, even at once; the ledger chains', async () => {
    const before = await balanceOf(account.parttime);
    t.clock.set('2026-03-05T09:00:00+08:00');
    const results = await Promise.all([
      award({ refId: 'same' }),
      award({ refId: 'same' }),
      award({ refId: 'same' }),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await entriesFor('test', 'same')).toHaveLength(1);
    expect(await balanceOf(account.parttime)).toBe(before + 3);
    const w = await t.db
      .selectFrom('grid_worker')
      .select('id')
      .where('account_id', '=', account.parttime)
      .executeTakeFirstOrThrow();
    const all = await t.db
      .selectFrom('points_entry')
      .select(['delta', 'balance_after'])
      .where('worker_id', '=', w.id)
      .orderBy('id')
      .execute();
    let running = 0;
    for (const e of all) {
      running += e.delta;
      expect(e.balance_after).toBe(running);
    }
    expect(running).toBe(before + 3);
  });
});
