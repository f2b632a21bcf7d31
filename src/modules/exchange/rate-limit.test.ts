/**
 * The system accounts' rate limit: per account, counted in the database every instance shares
 * (a second app on the same database sees the same count), 429 with Retry-After and a bilingual
 * error past the limit; the refused call changes nothing and another account is not held back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { bearer, makeSystem } from '../../../test/kits/exchange.js';

let t: TestApp;
let second: Awaited<ReturnType<typeof buildApp>>;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  // another instance of the server on the same database (as behind a balancer)
  second = await buildApp(t.ctx, { logLevel: 'silent' });
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => {
  await second.close();
  await t.close();
});

async function limited(callsPerMinute: number, name: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exchange/systems',
    headers: admin,
    payload: { name, scopeCode: '211221', operations: ['changes.read'], callsPerMinute },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().callsPerMinute).toBe(callsPerMinute);
  return res.json<{ id: number; key: string; name: string }>();
}
const audits = async (systemId: number) =>
  (await t.db.selectFrom('audit_log').select('id').where('system_account_id', '=', systemId).execute())
    .length;

describe('the system accounts’ rate limit', () => {
  it('counts calls across instances and answers 429 with Retry-After past the limit', async () => {
    const s = await limited(3, '限流测试系统');
    const other = await makeSystem(t, admin, ['changes.read'], '211221', '另一系统');
    const get = (app: typeof second, who = s) =>
      app.inject({ method: 'GET', url: '/api/v1/exchange/changes', headers: bearer(who) });
    const a = await get(t.app);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.headers['x-ratelimit-limit']).toBe('3');
    expect(a.headers['x-ratelimit-remaining']).toBe('2');
    expect((await get(second)).statusCode).toBe(200);
    expect((await get(t.app)).statusCode).toBe(200);
    const before = await audits(s.id);
    const refused = await get(second);
    expect(refused.statusCode).toBe(429);
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.json().error).toMatchObject({ code: 'SYSTEM_RATE_LIMITED' });
    expect(refused.json().error.message).toMatch(/频繁/);
    expect(refused.json().error.messageEn).toMatch(/too often/);
    // refused before it did anything: no audit row for it
    expect(await audits(s.id)).toBe(before);
    // a write is held back too; another account is not
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/webhooks',
      headers: bearer(s),
      payload: { url: 'http://127.0.0.1:9/x', events: ['case.created'] },
    });
    expect(post.statusCode).toBe(429);
    expect((await get(t.app, other)).statusCode).toBe(200);
    // a bad key is 401 whatever the counts
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exchange/changes',
      headers: bearer('wg_sys_nope'),
    });
    expect(bad.statusCode).toBe(401);
  });

  it('refuses a limit out of range and keeps 600 a minute by default', async () => {
    for (const callsPerMinute of [0, -1, 100_001, 1.5, '10']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/exchange/systems',
        headers: admin,
        payload: { name: '坏限额', scopeCode: '211221', operations: ['changes.read'], callsPerMinute },
      });
      expect(res.statusCode, String(callsPerMinute)).toBe(400);
    }
    const s = await makeSystem(t, admin, ['changes.read'], '211221', '默认限额');
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/exchange/changes', headers: bearer(s) });
    expect(r.headers['x-ratelimit-limit']).toBe('600');
  });
});
