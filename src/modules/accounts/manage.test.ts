import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let admin: { authorization: string };
let ip = 0;

/** Sign-in from a fresh address each time: the route is rate-limited per address. */
async function login(username: string, password = TEST_DEMO_PASSWORD) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: `10.20.0.${++ip}`,
  });
}
async function bearer(username: string, password = TEST_DEMO_PASSWORD) {
  const r = await login(username, password);
  expect(r.statusCode).toBe(200);
  return { authorization: `Bearer ${r.json<{ token: string }>().token}` };
}
const idOf = async (username: string) =>
  (await t.db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;
const row = (username: string) =>
  t.db.selectFrom('account').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const patch = (id: number, payload: object, headers = admin) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id}`, headers, payload });
const audits = (id: number, action: string) =>
  t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', 'account')
    .where('entity_id', '=', String(id))
    .where('action', '=', action)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  admin = await bearer('admin');
});
afterAll(() => t.close());

describe('editing an account', () => {
  it('401 → 400 → 403 → 200: name, role and scope change, audited with before and after', async () => {
    const id = await idOf('village');
    const before = await row('village');
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id}`, payload: { displayName: 'x' } }))
        .statusCode,
    ).toBe(401);
    for (const bad of [
      {},
      { role: 'king' },
      { displayName: '' },
      { password: 'a-long-password' },
      { scopeCode: 'abc' },
      { updatedAt: 'yesterday', disabled: true },
    ]) {
      const r = await patch(id, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await patch(id, { scopeCode: '211221999' })).statusCode).toBe(400); // no such region
    expect((await patch(id, { displayName: 'x' }, await bearer('county'))).statusCode).toBe(403);
    expect(await row('village')).toEqual(before);

    const village = await bearer('village');
    const township = before.scope_code.slice(0, 9);
    const ok = await patch(id, { displayName: '新村两委', role: 'township_centre', scopeCode: township });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      id,
      displayName: '新村两委',
      role: 'township_centre',
      scopeCode: township,
      disabled: false,
    });
    // the account's live session follows the change at once
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village });
    expect(me.json()).toMatchObject({
      role: 'township_centre',
      scope: { code: township, level: 'township' },
    });
    const [a] = await audits(id, 'account.update');
    expect(a?.before).toEqual({
      displayName: before.display_name,
      role: 'village_staff',
      scopeCode: before.scope_code,
    });
    expect(a?.after).toEqual({ displayName: '新村两委', role: 'township_centre', scopeCode: township });
    expect(JSON.stringify(a)).not.toContain('argon2');
  });

  it('a scope outside my own is refused with 403 and nothing changes', async () => {
    const id = await idOf('gridworker');
    const before = await row('gridworker');
    const r = await patch(id, { displayName: '改名', scopeCode: '211122' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    expect(await row('gridworker')).toEqual(before);
    expect(await audits(id, 'account.update')).toHaveLength(0);
  });

  it('accounts outside my scope are not found: another county, or above a township administrator', async () => {
    expect((await patch(await idOf('mengqian'), { displayName: '孟' })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/accounts/${await idOf('panshan')}/password`,
          headers: admin,
          payload: { password: 'another-long-one' },
        })
      ).statusCode,
    ).toBe(404);
    const township = (await row('township')).scope_code;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: admin,
      payload: {
        username: 'town-admin',
        displayName: '镇管理员',
        password: 'a-long-password',
        role: 'admin',
        scopeCode: township,
      },
    });
    expect(created.statusCode).toBe(201);
    const townAdmin = await bearer('town-admin', 'a-long-password');
    expect((await patch(await idOf('county'), { disabled: true }, townAdmin)).statusCode).toBe(404);
    expect((await patch(await idOf('admin'), { disabled: true }, townAdmin)).statusCode).toBe(404);
    expect((await patch(await idOf('township'), { displayName: '镇指挥中心' }, townAdmin)).statusCode).toBe(
      200,
    );
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/accounts?limit=500', headers: townAdmin })
    ).json();
    expect(list.items.every((a: { scopeCode: string }) => a.scopeCode.startsWith(township))).toBe(true);
  });

  it('an administrator cannot disable or demote themselves, but may rename themselves', async () => {
    const id = await idOf('admin');
    const before = await row('admin');
    const township = (await row('township')).scope_code;
    for (const body of [{ disabled: true }, { role: 'county_centre' }, { scopeCode: township }]) {
      const r = await patch(id, body);
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({
        code: 'ACCOUNT_SELF_LOCKOUT',
        messageEn: expect.stringContaining('your own'),
      });
    }
    expect(await row('admin')).toEqual(before);
    expect((await patch(id, { displayName: '系统管理员（值班）' })).json().displayName).toBe(
      '系统管理员（值班）',
    );
  });

  it('a stale updatedAt is refused with 409; of two edits made at once from the same reading only one wins', async () => {
    const id = await idOf('township-cgb');
    const read = (
      await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=township-cgb', headers: admin })
    ).json().items[0];
    const [a, b] = await Promise.all([
      patch(id, { displayName: '甲', updatedAt: read.updatedAt }),
      patch(id, { displayName: '乙', updatedAt: read.updatedAt }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await audits(id, 'account.update')).toHaveLength(1);
  });
});

describe('disabling and passwords', () => {
  it('disabling ends the sessions at once; sign-in is then refused like a wrong password; enabling does not revive old tokens', async () => {
    const id = await idOf('department');
    const dept = await bearer('department');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: dept })).statusCode).toBe(200);
    const r = await patch(id, { disabled: true });
    expect(r.statusCode).toBe(200);
    expect(r.json().disabled).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: dept })).statusCode).toBe(401);
    const again = await login('department');
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('INVALID_CREDENTIALS');
    const live = await t.db
      .selectFrom('session')
      .select('id')
      .where('account_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toHaveLength(0);
    const [a] = await audits(id, 'account.update');
    expect(a?.before).toEqual({ disabled: false });
    expect(a?.after).toMatchObject({ disabled: true, sessionsRevoked: 1 });

    const disabledList = (
      await t.app.inject({ method: 'GET', url: '/api/v1/accounts?disabled=true', headers: admin })
    ).json();
    expect(disabledList.items.map((x: { username: string }) => x.username)).toEqual(['department']);
    expect(disabledList.total).toBe(1);

    expect((await patch(id, { disabled: false })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: dept })).statusCode).toBe(401);
    expect((await login('department')).statusCode).toBe(200);
  });

  it('a password reset works, the old password fails, the old sessions end, the audit holds no hash', async () => {
    const id = await idOf('county');
    const old = await bearer('county');
    const hashBefore = (await row('county')).password_hash;
    const short = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${id}/password`,
      headers: admin,
      payload: { password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect((await row('county')).password_hash).toBe(hashBefore);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/accounts/${id}/password`,
          headers: old,
          payload: { password: 'a-new-long-password' },
        })
      ).statusCode,
    ).toBe(403);

    const live = await t.db
      .selectFrom('session')
      .select('id')
      .where('account_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${id}/password`,
      headers: admin,
      payload: { password: 'a-new-long-password' },
    });
    expect(r.statusCode).toBe(204);
    expect((await row('county')).password_hash).toMatch(/^\$argon2id\$/);
    expect((await login('county')).statusCode).toBe(401);
    expect((await login('county', 'a-new-long-password')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: old })).statusCode).toBe(401);
    const [a] = await audits(id, 'account.password');
    expect(a?.after).toEqual({ passwordChanged: true, sessionsRevoked: live.length });
    expect(live.length).toBeGreaterThan(0);
    expect(JSON.stringify(a)).not.toMatch(/argon2|a-new-long-password/);
  });

  it('resetting my own password keeps my own session', async () => {
    const me = await bearer('admin');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${await idOf('admin')}/password`,
      headers: me,
      payload: { password: 'admins-new-password' },
    });
    expect(r.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: me })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: admin })).statusCode).toBe(401);
    admin = me;
  });
});

describe('listing', () => {
  it('filters by role, text and disabled state', async () => {
    const get = async (qs: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/accounts?${qs}`, headers: admin })).json();
    const staff = await get('role=department_staff');
    expect(staff.items.length).toBeGreaterThan(0);
    expect(staff.items.every((a: { role: string }) => a.role === 'department_staff')).toBe(true);
    expect((await get('q=GRIDWORK')).items.map((a: { username: string }) => a.username)).toEqual([
      'gridworker',
    ]);
    expect((await get('q=%25')).items).toHaveLength(0);
    const all = await get('disabled=false&limit=500');
    expect(all.total).toBe(all.items.length);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/accounts?disabled=maybe', headers: admin }))
        .statusCode,
    ).toBe(400);
  });
});
