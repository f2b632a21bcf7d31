/**
 * 现场核查 (issue 12): after a department reports a case handled, the grid worker of its grid checks on
 * site and says whether it is fixed; the township that holds it hears the verdict and closes it or
 * sends it back. One verdict per handling; a new handling asks for a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

type H = { authorization: string };
let t: TestApp;
let reporter: H, gw: H, township: H, office: H;
let id: number;

const act = (h: H, action: string, body: object = {}) => actOn(t.app, h, id, action, body);
const ok = async (h: H, action: string, body: object = {}) => {
  const res = await act(h, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
};
const handled = async () => {
  await ok(office, 'handle', {
    note: '已清运',
    photoIds: [await upload(t.app, office, await jpeg('#9a9a9a'))],
  });
};
const row = () =>
  t.db
    .selectFrom('cases')
    .select(['state', 'verified_at', 'verification'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  reporter = await signIn(t.app, 'resident');
  gw = await signIn(t.app, 'gridworker');
  township = await signIn(t.app, 'township');
  office = await signIn(t.app, 'township-cgb');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: reporter })).json();
  const at = await pointInGrid(t.db, me.scope.code);
  id = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: reporter,
      payload: { source: 'resident_app', categoryCode: 'E0102', description: '路边垃圾没人清', ...at },
    })
  ).json().id;
  await ok(gw, 'escalate', { note: '需镇里协调' });
  const depts = (
    await t.app.inject({ method: 'GET', url: '/api/v1/departments?tier=township', headers: township })
  ).json().items;
  const cgb = depts.find((d: { code: string }) => d.code === 'urban_management_office');
  await ok(township, 'dispatch', { departmentId: cgb.id });
  await ok(office, 'accept');
  await handled();
}, 120_000);
afterAll(() => t.close());

describe('现场核查 by the grid worker', () => {
  it('is offered to the grid’s worker on a handled case (at the township tier), to no one else', async () => {
    const actions = async (h: H) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: h })).json().actions;
    expect(await actions(gw)).toContain('verify');
    expect(await actions(township)).not.toContain('verify');
    expect(await actions(reporter)).not.toContain('verify');
    const before = await countRows(t.db, 'case_history');
    expect((await act(reporter, 'verify', { fixed: true })).statusCode).toBe(403);
    expect((await act(township, 'verify', { fixed: true })).statusCode).toBe(403);
    expect((await act(gw, 'verify', {})).statusCode).toBe(400);
    expect((await act(gw, 'verify', { fixed: 'yes' })).statusCode).toBe(400);
    expect(await countRows(t.db, 'case_history')).toBe(before);
  });

  it('records the verdict, tells the township and the department, and is given once per handling', async () => {
    const audits = await countRows(t.db, 'audit_log');
    await ok(gw, 'verify', { fixed: false, note: '垃圾还剩一半' });
    expect(await row()).toMatchObject({ state: 'handled', verification: 'not_fixed' });
    expect(await countRows(t.db, 'audit_log')).toBe(audits + 1);
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: township })
    ).json();
    const step = detail.history.at(-1);
    expect(step).toMatchObject({ action: 'verify', note: '现场核查：没有办好。垃圾还剩一半' });
    const told = await t.db
      .selectFrom('notification as n')
      .innerJoin('account as a', 'a.id', 'n.account_id')
      .select('a.username')
      .where('n.case_id', '=', id)
      .where('n.kind', '=', 'case.verify')
      .execute();
    expect(told.map((x) => x.username)).toEqual(expect.arrayContaining(['township', 'township-cgb']));
    const again = await act(gw, 'verify', { fixed: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASE_ALREADY_VERIFIED');
  });

  it('a send-back and a new handling ask for a new verdict; then the township closes it', async () => {
    await ok(township, 'rework', { note: '核查未办好，请返工' });
    expect(await row()).toMatchObject({ verified_at: null, verification: null });
    await handled();
    await ok(gw, 'verify', { fixed: true });
    expect((await row()).verification).toBe('fixed');
    await ok(township, 'close', { note: '核查属实' });
    expect((await row()).state).toBe('closed');
    expect((await act(gw, 'verify', { fixed: true })).statusCode).toBe(409);
  });
});
