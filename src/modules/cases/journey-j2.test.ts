/**
 * J2 (seed 000, 铁岭县 three-tier linkage): the village settles what it can the same
 * day; what it cannot goes up to the township centre (here: automatically, by the
 * deadline sweep); a matter needing a county department is reported online by the
 * township to the county centre, which assigns it to the county department directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { caseDeps } from './context.js';
import { sweepOverdue } from './sweep.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type H = { authorization: string };
const act = (h: H, id: number, action: string, body: object = {}) => actOn(t.app, h, id, action, body);
const get = async (h: H, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: h })).json();

describe('J2 three-tier linkage (铁岭县)', () => {
  it('village → (same day passes) township → county department, with an automatic escalation by deadline', async () => {
    const resident = await signIn(t.app, 'resident');
    const village = await signIn(t.app, 'village');
    const township = await signIn(t.app, 'township');
    const county = await signIn(t.app, 'county');
    const bureau = await signIn(t.app, 'department');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const at = await pointInGrid(t.db, me.scope.code);

    // Wednesday 2023-03-15 10:00: a resident reports damaged road; the village files it
    t.clock.set('2023-03-15T10:00:00+08:00');
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        categoryCode: 'P0201',
        description: '村道路面大面积塌陷破损，需要重铺',
        lat: at.lat,
        lng: at.lng,
        attributes: await required('P0201', resident),
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const id = rep.json().id as number;
    t.clock.set('2023-03-15T10:30:00+08:00');
    expect((await act(village, id, 'file', { note: '日排查登记' })).json()).toMatchObject({
      state: 'filed',
      tier: 'village',
    });
    const filed = await get(village, id);
    expect(filed.deadlineAt).toBe('2023-03-15T09:30:00.000Z'); // close of the same working day, 17:30 +08:00
    expect(filed.warning).toBe('none');

    // 6 working hours from 10:00 to 17:30: yellow at 75% (16:00), red at 90% (16:54)
    t.clock.set('2023-03-15T16:10:00+08:00');
    const early = (
      await t.app.inject({ method: 'GET', url: '/api/v1/cases?waiting=true', headers: village })
    ).json().items;
    expect(early.find((c: { id: number }) => c.id === id).warning).toBe('yellow');
    t.clock.set('2023-03-15T16:55:00+08:00');
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/cases?waiting=true', headers: village })
    ).json().items;
    expect(list.find((c: { id: number }) => c.id === id).warning).toBe('red');

    // not settled the same working day: the sweep moves it up to the township, once
    t.clock.set('2023-03-15T17:31:00+08:00');
    const deps = caseDeps(t.ctx);
    expect(await sweepOverdue(deps)).toEqual({ escalated: 1, markedOverdue: 0 });
    expect(await sweepOverdue(deps)).toEqual({ escalated: 0, markedOverdue: 0 });
    const up = await get(township, id);
    expect(up).toMatchObject({ state: 'filed', tier: 'township', overdueCount: 1, warning: 'none' });
    expect(up.history.at(-1)).toMatchObject({
      action: 'auto_escalate',
      actorName: '系统',
      onTime: false,
      tier: 'township',
    });
    expect(up.deadlineAt).toBe('2023-03-20T09:30:00.000Z'); // 3 working days: Thu, Fri, Mon 17:30
    const tInbox = (await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: township })).json()
      .items;
    expect(
      tInbox.some(
        (n: { kind: string; caseId: number }) => n.kind === 'case.auto_escalate' && n.caseId === id,
      ),
    ).toBe(true);
    // the village no longer holds it
    expect((await get(village, id)).actions).toEqual([]);

    // the township's deputy director finds it needs a county department: report it online to the county
    t.clock.set('2023-03-16T09:00:00+08:00');
    expect(
      (await act(township, id, 'escalate', { note: '需县住建局重铺路面，超出乡镇职权' })).json(),
    ).toMatchObject({ state: 'filed', tier: 'county' });

    // the county centre assigns it directly to the county department
    const depts = (
      await t.app.inject({ method: 'GET', url: '/api/v1/departments?tier=county', headers: county })
    ).json().items;
    const housing = depts.find((d: { code: string }) => d.code === 'county_housing_urban_rural');
    t.clock.set('2023-03-16T09:30:00+08:00');
    expect((await act(county, id, 'dispatch', { departmentId: housing.id })).json().state).toBe('dispatched');
    // the township can no longer act, but still sees it and may urge (督办)? no: it is now above the township
    expect((await get(township, id)).actions).toEqual([]);
    t.clock.set('2023-03-16T10:00:00+08:00');
    expect((await act(bureau, id, 'accept')).statusCode).toBe(200);
    t.clock.set('2023-03-20T15:00:00+08:00');
    const photo = await upload(t.app, bureau, await jpeg('#555555'));
    expect((await act(bureau, id, 'handle', { note: '已重铺', photoIds: [photo] })).json().state).toBe(
      'handled',
    );
    t.clock.set('2023-03-20T16:00:00+08:00');
    expect((await act(county, id, 'close', { note: '月调度核查完成' })).json().state).toBe('closed');

    const done = await get(resident, id);
    expect(done.history.map((h: { action: string; tier: string }) => `${h.action}@${h.tier}`)).toEqual([
      'report@village',
      'file@village',
      'auto_escalate@township',
      'escalate@county',
      'dispatch@county',
      'accept@county',
      'handle@county',
      'close@county',
    ]);
    // whether a step kept its deadline is the staff's bookkeeping, not in the resident's view
    expect(done.history.find((h: { action: string }) => h.action === 'handle').onTime).toBeNull();
    const staff = await get(county, id);
    expect(staff.history.find((h: { action: string }) => h.action === 'handle').onTime).toBe(true);
  });

  it('a county-tier case past its deadline is marked overdue, not escalated further', async () => {
    const county = await signIn(t.app, 'county');
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: await signIn(t.app, 'gridworker') })
    ).json();
    t.clock.set('2023-04-03T09:00:00+08:00');
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: county,
      payload: {
        source: 'hotline',
        categoryCode: 'P0201',
        description: '12345热线：道路破损',
        gridCode: me.scope.code,
        attributes: await required('P0201', county),
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const id = rep.json().id as number;
    expect(await get(county, id)).toMatchObject({ state: 'filed', tier: 'county' });
    t.clock.set('2023-05-30T09:00:00+08:00');
    expect(await sweepOverdue(caseDeps(t.ctx))).toMatchObject({ escalated: 0, markedOverdue: 1 });
    expect(await sweepOverdue(caseDeps(t.ctx))).toMatchObject({ markedOverdue: 0 });
    const c = await get(county, id);
    expect(c.warning).toBe('overdue');
    const overdue = (
      await t.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=true', headers: county })
    ).json().items;
    expect(overdue.map((x: { id: number }) => x.id)).toContain(id);
  });
});

async function required(code: string, h: H) {
  const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers: h })).json().items;
  const cat = cats.find((c: { code: string }) => c.code === code);
  const out: Record<string, string | string[]> = {};
  for (const a of cat.attributes as Array<{
    code: string;
    required: boolean;
    datatype: string;
    values?: Array<{ key: string }>;
  }>) {
    if (a.required)
      out[a.code] = a.datatype === 'multivaluelist' ? [a.values![0]!.key] : (a.values?.[0]?.key ?? '1');
  }
  return out;
}
