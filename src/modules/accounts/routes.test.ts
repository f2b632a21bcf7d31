import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('rejects bad input with 400 and wrong passwords with 401, changing nothing', async () => {
    const before = await t.db
      .selectFrom('session')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).not.toContain('at ');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'wrong-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
      messageEn: 'Wrong username or password',
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'whatever-pw' },
    });
    expect(unknown.statusCode).toBe(401);
    const after = await t.db
      .selectFrom('session')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('signs in with a cookie and a bearer token; stores only a hash of the token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'village', password: TEST_DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const token = res.json().token as string;
    const cookie = res.cookies.find((c) => c.name === 'wangge_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.value).toBe(token);
    const sessions = await t.db.selectFrom('session').select('token_hash').execute();
    expect(sessions.some((s) => s.token_hash.toString('utf8').includes(token))).toBe(false);

    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { wangge_session: token },
    });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json()).toMatchObject({
      username: 'village',
      role: 'village_staff',
      scope: { level: 'village' },
      countyCode: '211221',
    });
    expect(viaCookie.json().abilities).toContain('people.read');
    expect(viaCookie.json().abilities).not.toContain('accounts.manage');

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.statusCode).toBe(401);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.db
      .selectFrom('account')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rate-limits sign-in attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'nope-nope' },
        remoteAddress: '10.9.9.9',
      });
      codes.push(r.statusCode);
    }
    expect(codes).toContain(429);
    const last = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'nope-nope' },
      remoteAddress: '10.9.9.9',
    });
    expect(last.json().error.code).toBe('RATE_LIMITED');
    // the limit is per account and address: a colleague behind the same address still signs in
    const colleague = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'county', password: TEST_DEMO_PASSWORD },
      remoteAddress: '10.9.9.9',
    });
    expect(colleague.statusCode).toBe(200);
  });
});

describe('accounts', () => {
  it('401 → 400 → 403 → 201, scoped, audited', async () => {
    const body = {
      username: 'xiaowang',
      displayName: '小王',
      password: 'a-long-password',
      role: 'county_centre',
      scopeCode: '211221',
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/accounts', payload: body })).statusCode).toBe(
      401,
    );
    const admin = await signIn(t.app, 'admin');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: admin,
      payload: { ...body, role: 'king' },
    });
    expect(bad.statusCode).toBe(400);
    const village = await signIn(t.app, 'village');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: village, payload: body }))
        .statusCode,
    ).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: admin, payload: body });
    expect(ok.statusCode).toBe(201);
    const id = String(ok.json().id);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'account')
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'account.create', actor_role: 'admin' });
    expect(JSON.stringify(audit[0])).not.toContain('a-long-password');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: admin,
      payload: body,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
  });

  it('cannot grant a scope outside the granter’s own', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: admin,
      payload: {
        username: 'panshan1',
        displayName: '盘山',
        password: 'a-long-password',
        role: 'county_centre',
        scopeCode: '211122',
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    expect(
      await t.db.selectFrom('account').select('id').where('username', '=', 'panshan1').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('the audit log is append-only', async () => {
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});
