import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/helpers.js';
import { buildApp } from './app.js';

let t: TestApp;
let ip = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    headers,
    remoteAddress: `10.30.0.${++ip}`,
  });

/** Signs in and answers the session cookie header. */
async function cookieOf(username: string): Promise<string> {
  const res = await login(username, TEST_DEMO_PASSWORD);
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((k) => k.name === 'wangge_session');
  return `wangge_session=${c!.value}`;
}

describe('cross-site state changes carried by the cookie are refused', () => {
  const logout = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
  const readAll = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/inbox/read', headers, payload: {} });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost' }],
  ])('%s → 403 and the session lives on', async (_name, headers) => {
    const cookie = await cookieOf('village');
    for (const send of [logout, readAll]) {
      const res = await send({ cookie, ...headers });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('CROSS_ORIGIN_REFUSED');
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    // a read from anywhere is not a state change
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie, ...headers },
    });
    expect(read.statusCode).toBe(200);
  });

  it('same-origin calls and calls without Origin still work', async () => {
    const cookie = await cookieOf('village');
    expect((await readAll({ cookie, origin: 'http://localhost' })).statusCode).toBe(200);
    expect(
      (await readAll({ cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' })).statusCode,
    ).toBe(200);
    expect((await readAll({ cookie })).statusCode).toBe(200);
    expect(
      (await logout({ cookie, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('bearer-token calls are unaffected by Origin', async () => {
    const res = await login('village', TEST_DEMO_PASSWORD);
    const authorization = `Bearer ${res.json().token}`;
    expect((await readAll({ authorization, origin: 'https://evil.example' })).statusCode).toBe(200);
    expect((await logout({ authorization, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(204);
  });
});

describe('a disabled account learns nothing from its right password', () => {
  it('answers exactly like a wrong password', async () => {
    const admin = `wangge_session=${(await login('admin', TEST_DEMO_PASSWORD)).cookies[0]!.value}`;
    const { id } = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'department')
      .executeTakeFirstOrThrow();
    const wrongBefore = await login('department', 'not-the-password');
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      headers: { cookie: admin },
      payload: { disabled: true },
    });
    expect(off.statusCode, off.body).toBe(200);
    const right = await login('department', TEST_DEMO_PASSWORD);
    const wrong = await login('department', 'not-the-password');
    const unknown = await login('no-such-user', TEST_DEMO_PASSWORD);
    for (const r of [right, wrong, unknown]) {
      expect(r.statusCode).toBe(wrongBefore.statusCode);
      expect(r.json()).toEqual(wrongBefore.json());
      expect(r.cookies).toHaveLength(0);
    }
    expect(right.json().error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('behind an HTTPS reverse proxy', () => {
  it('WANGGE_TRUST_PROXY makes the session cookie Secure on X-Forwarded-Proto: https', async () => {
    const proxied = await buildApp(t.ctx, { logLevel: 'silent', trustProxy: true });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'village', password: TEST_DEMO_PASSWORD },
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.40.0.1' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const c = res.cookies.find((k) => k.name === 'wangge_session');
      expect(c?.secure).toBe(true);
      expect(c?.httpOnly).toBe(true);
      expect(c?.sameSite).toBe('Lax');
    } finally {
      await proxied.close();
    }
  });

  it('without it the header is not believed (plain HTTP: no Secure cookie)', async () => {
    const res = await login('village', TEST_DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
    const c = res.cookies.find((k) => k.name === 'wangge_session');
    expect(c?.secure).toBeFalsy();
  });
});
