import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/** Separation of duties (issue "Trust…"): nobody files, verifies or closes their own report or fix. */
let t: TestApp;
type H = { authorization: string };
let parttime: H, gridworker: H, village: H, resident: H;
let parttimeId: number;
let grid: string;
beforeAll(async () => {
  t = await createTestApp();
  [parttime, gridworker, village, resident] = await Promise.all([
    signIn(t.app, 'parttime'),
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'village'),
    signIn(t.app, 'resident'),
  ]);
  const row = await t.db
    .selectFrom('account')
    .select(['id', 'scope_code'])
    .where('username', '=', 'parttime')
    .executeTakeFirstOrThrow();
  parttimeId = row.id;
  grid = row.scope_code;
});
afterAll(() => t.close());

const act = (h: H, id: number, action: string, body: object = {}) => actOn(t.app, h, id, action, body);
const detail = async (h: H, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: h })).json();
const ledger = (id: number) =>
  t.db
    .selectFrom('points_entry')
    .select(['reason', 'delta', 'worker_id'])
    .where('ref_type', '=', 'case')
    .where('ref_id', '=', String(id))
    .orderBy('id')
    .execute();
const balance = async () =>
  (
    await t.db
      .selectFrom('grid_worker')
      .select('points_balance')
      .where('account_id', '=', parttimeId)
      .executeTakeFirstOrThrow()
  ).points_balance;
const historyOf = async (id: number) =>
  (
    await t.db.selectFrom('case_history').select('action').where('case_id', '=', id).orderBy('id').execute()
  ).map((h) => h.action);

async function report(h: H, description: string, source = 'patrol'): Promise<number> {
  const at = await pointInGrid(t.db, grid);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: h,
    payload: { source, categoryCode: 'E0102', description, lat: at.lat, lng: at.lng },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const fix = async (h: H, id: number, color: string) =>
  act(h, id, 'handle_on_spot', { note: '已清理', photoIds: [await upload(t.app, h, await jpeg(color))] });

describe('separation of duties', () => {
  it('a reporter never files or escalates their own report; the village files it and the reporter earns', async () => {
    t.clock.set('2026-04-01T09:00:00+08:00');
    const id = await report(parttime, '路边垃圾堆放');
    const offered = (await detail(parttime, id)).actions;
    for (const a of ['file', 'reject', 'merge', 'escalate', 'close']) expect(offered).not.toContain(a);
    for (const [action, body] of [
      ['file', {}],
      ['escalate', { note: '需上报' }],
      ['reject', { note: '不属实' }],
    ] as const) {
      const res = await act(parttime, id, action, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CASE_OWN_REPORT');
    }
    expect(await historyOf(id)).toEqual(['report']);
    expect(await ledger(id)).toEqual([]);
    expect((await act(village, id, 'file')).statusCode).toBe(200);
    expect((await ledger(id)).map((e) => e.reason)).toEqual(['case_reported']);
  });

  it('a part-time worker’s fix on the spot earns nothing until the village verifies it, then once', async () => {
    t.clock.set('2026-04-01T10:00:00+08:00');
    const id = await report(parttime, '路上散落砖头');
    const before = await balance();
    expect((await fix(parttime, id, '#a1a1a1')).json().state).toBe('handled');
    expect(await ledger(id)).toEqual([]);
    expect(await balance()).toBe(before);

    // neither the reporter-fixer nor another grid worker closes it: the village verifies
    const own = await act(parttime, id, 'close');
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'CASE_OWN_REPORT']);
    const other = await act(gridworker, id, 'close');
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'CASE_OWN_FIX']);
    expect((await detail(gridworker, id)).actions).not.toContain('close');
    expect((await detail(village, id)).actions).toContain('close');
    // and the lists of work waiting agree: the village's, not the grid workers'
    const waiting = async (h: H) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/cases?waiting=true&limit=200', headers: h }))
        .json()
        .items.map((c: { id: number }) => c.id);
    expect(await waiting(village)).toContain(id);
    expect(await waiting(parttime)).not.toContain(id);
    expect(await waiting(gridworker)).not.toContain(id);
    expect(await ledger(id)).toEqual([]);

    expect((await act(village, id, 'close', { note: '核查属实' })).json().state).toBe('closed');
    expect((await ledger(id)).map((e) => [e.reason, e.delta])).toEqual([['case_on_spot', 3]]);
    expect(await balance()).toBe(before + 3);
    expect(await historyOf(id)).toEqual(['report', 'handle_on_spot', 'close']);
  });

  it('a fix the village sends back earns nothing; the fix it accepts earns once', async () => {
    t.clock.set('2026-04-01T11:00:00+08:00');
    const id = await report(resident, '村口路灯不亮', 'resident_app');
    expect((await act(village, id, 'file')).statusCode).toBe(200);
    expect((await fix(parttime, id, '#b2b2b2')).statusCode).toBe(200);
    expect((await act(village, id, 'rework', { note: '灯还是不亮' })).json().state).toBe('filed');
    expect(await ledger(id)).toEqual([]);
    // after the rework nobody's fix is pending: the grid worker may not close it without fixing again
    expect((await act(parttime, id, 'close')).statusCode).toBe(409);
    expect((await fix(parttime, id, '#c3c3c3')).statusCode).toBe(200);
    expect((await act(village, id, 'close')).statusCode).toBe(200);
    expect((await ledger(id)).map((e) => e.reason)).toEqual(['case_on_spot']);
  });

  it('a full-time worker’s own report fixed on the spot is closed by the village, and earns nothing', async () => {
    t.clock.set('2026-04-01T14:00:00+08:00');
    const id = await report(gridworker, '垃圾桶破损');
    expect((await fix(gridworker, id, '#d4d4d4')).statusCode).toBe(200);
    const own = await act(gridworker, id, 'close');
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'CASE_OWN_REPORT']);
    expect((await act(village, id, 'close')).statusCode).toBe(200);
    expect(await ledger(id)).toEqual([]);
  });
});
