import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { createAccount } from './service.js';

let t: TestApp;
type H = { authorization: string };
let admin: H;
/** the demo's first rural grid and its village and township (scopes of the demo accounts) */
let at: { grid: string; village: string; township: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  const scope = async (u: string) =>
    (
      await t.db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', u)
        .executeTakeFirstOrThrow()
    ).scope_code;
  at = { grid: await scope('parttime'), village: await scope('village'), township: await scope('township') };
});
afterAll(() => t.close());

let n = 0;
const create = (h: H, role: string, scopeCode: string, extra: object = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: h,
    payload: {
      username: `acct${++n}`,
      displayName: `账号${n}`,
      password: 'a-long-password',
      role,
      scopeCode,
      ...extra,
    },
  });
const exists = async (username: string) =>
  !!(await t.db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst());

describe('roles fit scope levels', () => {
  it('each role is accepted at its levels and refused elsewhere with ROLE_SCOPE_MISMATCH', async () => {
    const dept = await t.db
      .selectFrom('department')
      .select('id')
      .where('region_code', '=', '211221')
      .where('code', '=', 'county_transport')
      .executeTakeFirstOrThrow();
    const wrong: Array<[string, string]> = [
      ['resident', at.village],
      ['grid_worker', at.township],
      ['village_staff', at.grid],
      ['township_centre', '211221'],
      ['county_centre', at.township],
      ['department_staff', at.village],
      ['party_organiser', at.grid],
      ['admin', at.village],
    ];
    for (const [role, scope] of wrong) {
      const res = await create(admin, role, scope);
      expect(res.statusCode, `${role}@${scope}`).toBe(400);
      expect(res.json().error.code).toBe('ROLE_SCOPE_MISMATCH');
      expect(await exists(`acct${n}`)).toBe(false);
    }
    const right: Array<[string, string, object?]> = [
      ['resident', at.grid],
      ['village_staff', at.village],
      ['township_centre', at.township],
      ['county_centre', '211221'],
      ['department_staff', '211221', { departmentId: dept.id }],
      ['party_organiser', at.township],
      ['party_organiser', '211221'],
      ['admin', at.township],
    ];
    for (const [role, scope, extra] of right) {
      const res = await create(admin, role, scope, extra);
      expect(res.statusCode, `${role}@${scope}: ${res.body}`).toBe(201);
    }
    // an edit that breaks the fit is refused too, changing nothing
    const v = await create(admin, 'village_staff', at.village);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${v.json().id}`,
      headers: admin,
      payload: { scopeCode: at.township },
    });
    expect(moved.json().error.code).toBe('ROLE_SCOPE_MISMATCH');
    const row = await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('id', '=', v.json().id)
      .executeTakeFirstOrThrow();
    expect(row.scope_code).toBe(at.village);
  });
});

describe('an administrator manages only accounts strictly below', () => {
  it('a county admin manages township admins, never another county admin; a township admin no peer', async () => {
    const townAdmin = await create(admin, 'admin', at.township);
    expect(townAdmin.statusCode, townAdmin.body).toBe(201);
    const townName = `acct${n}`;
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${townAdmin.json().id}`,
      headers: admin,
      payload: { displayName: '镇管理员' },
    });
    expect(rename.statusCode).toBe(200);
    // a second county administrator (created by the operator on the machine) is a peer
    const peer = await createAccount(
      t.db,
      {
        username: 'admin2',
        displayName: '县管理员二',
        password: 'a-long-password',
        role: 'admin',
        scopeCode: '211221',
      },
      null,
    );
    for (const [method, url, payload] of [
      ['PATCH', `/api/v1/accounts/${peer}`, { displayName: '改名' }],
      ['PATCH', `/api/v1/accounts/${peer}`, { disabled: true }],
      ['POST', `/api/v1/accounts/${peer}/password`, { password: 'another-long-password' }],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: admin, payload });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('ACCOUNT_NOT_BELOW');
    }
    const p = await t.db
      .selectFrom('account')
      .select(['display_name', 'disabled'])
      .where('id', '=', peer)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ display_name: '县管理员二', disabled: false });
    // nor create one, nor promote someone to one at the county
    expect((await create(admin, 'admin', '211221')).json().error.code).toBe('ACCOUNT_NOT_BELOW');
    const cc = await create(admin, 'county_centre', '211221');
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${cc.json().id}`,
      headers: admin,
      payload: { role: 'admin' },
    });
    expect(promote.json().error.code).toBe('ACCOUNT_NOT_BELOW');

    // the township admin: village staff below yes, a peer township admin no, the county admin not even visible
    const town = await signIn(t.app, townName, 'a-long-password');
    expect((await create(town, 'village_staff', at.village)).statusCode).toBe(201);
    expect((await create(town, 'admin', at.township)).json().error.code).toBe('ACCOUNT_NOT_BELOW');
    const up = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${peer}`,
      headers: town,
      payload: { displayName: 'x' },
    });
    expect(up.statusCode).toBe(404);
  });
});

describe('accounts are tied to their work', () => {
  it('a grid-worker account tied to a roster record earns points for a visit; bad ties are refused', async () => {
    // a grid with free part-time roster records and households
    const free = await t.db
      .selectFrom('grid_worker as w')
      .select(['w.id', 'w.grid_code'])
      .where('w.county_code', '=', '211221')
      .where('w.employment', '=', 'partTime')
      .where('w.active', '=', true)
      .where('w.account_id', 'is', null)
      .where((eb) =>
        eb.exists(eb.selectFrom('household as h').select('h.id').whereRef('h.grid_code', '=', 'w.grid_code')),
      )
      .orderBy('w.grid_code')
      .orderBy('w.id')
      .limit(2)
      .execute();
    expect(free.length).toBeGreaterThan(0);
    const grid = free[0]!.grid_code;
    const taken = await t.db
      .selectFrom('grid_worker')
      .select('id')
      .where('account_id', 'is not', null)
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    const elsewhere = await t.db
      .selectFrom('grid_worker')
      .select('id')
      .where('county_code', '=', '211221')
      .where('grid_code', '<>', grid)
      .where('account_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect((await create(admin, 'grid_worker', grid)).json().error.code).toBe('ACCOUNT_WORKER_INVALID');
    expect((await create(admin, 'grid_worker', grid, { workerId: elsewhere.id })).json().error.code).toBe(
      'ACCOUNT_WORKER_INVALID',
    );
    const takenGrid = await t.db
      .selectFrom('grid_worker')
      .select('grid_code')
      .where('id', '=', taken.id)
      .executeTakeFirstOrThrow();
    const dup = await create(admin, 'grid_worker', takenGrid.grid_code, { workerId: taken.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('WORKER_ALREADY_LINKED');

    const ok = await create(admin, 'grid_worker', grid, { workerId: free[0]!.id });
    expect(ok.statusCode, ok.body).toBe(201);
    const name = `acct${n}`;
    const listed = (
      await t.app.inject({ method: 'GET', url: `/api/v1/accounts?q=${name}`, headers: admin })
    ).json().items;
    expect(listed[0]).toMatchObject({ workerId: free[0]!.id, departmentId: null });
    const worker = await signIn(t.app, name, 'a-long-password');
    const household = await t.db
      .selectFrom('household')
      .select('id')
      .where('grid_code', '=', grid)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const visit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/visits',
      headers: worker,
      payload: {
        householdId: household.id,
        visitedAt: new Date(Date.now() - 60_000).toISOString(),
        kind: 'routine',
        outcome: 'all_well',
        needs: [],
        notes: '家中一切正常',
      },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/points/me', headers: worker })).json();
    expect(me.earnsPoints).toBe(true);
    expect(me.balance).toBeGreaterThan(0);
    expect(me.entries.length).toBe(1);

    // the tie moves with an edit: another record of the grid; the first is free again
    if (free[1] && free[1].grid_code === grid) {
      const move = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/accounts/${ok.json().id}`,
        headers: admin,
        payload: { workerId: free[1].id },
      });
      expect(move.statusCode, move.body).toBe(200);
      expect(move.json().workerId).toBe(free[1].id);
      const first = await t.db
        .selectFrom('grid_worker')
        .select('account_id')
        .where('id', '=', free[0]!.id)
        .executeTakeFirstOrThrow();
      expect(first.account_id).toBeNull();
    }
  });

  it('a department account names an active department at its own node', async () => {
    const dept = (code: string, region: string) =>
      t.db
        .selectFrom('department')
        .select('id')
        .where('region_code', '=', region)
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
    const bureau = await dept('county_transport', '211221');
    const office = await dept('urban_management_office', at.township);
    expect((await create(admin, 'department_staff', '211221')).json().error.code).toBe(
      'ACCOUNT_DEPARTMENT_INVALID',
    );
    // a township office is not the county's node
    expect(
      (await create(admin, 'department_staff', '211221', { departmentId: office.id })).json().error.code,
    ).toBe('ACCOUNT_DEPARTMENT_INVALID');
    // only department staff belong to a department
    expect(
      (await create(admin, 'county_centre', '211221', { departmentId: bureau.id })).json().error.code,
    ).toBe('ACCOUNT_DEPARTMENT_INVALID');
    const ok = await create(admin, 'department_staff', at.township, { departmentId: office.id });
    expect(ok.statusCode, ok.body).toBe(201);
    const row = await t.db
      .selectFrom('account')
      .select('department_id')
      .where('id', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    expect(row.department_id).toBe(office.id);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_type', '=', 'account')
      .where('entity_id', '=', String(ok.json().id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ departmentId: office.id, role: 'department_staff' });
  });
});
