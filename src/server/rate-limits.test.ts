import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createTestApp, type TestApp } from '../../test/helpers.js';

type App = Awaited<ReturnType<typeof buildApp>>;
let t: TestApp;
let a: App;
let b: App;

beforeAll(async () => {
  t = await createTestApp();
  // two instances of the server on one database, as behind a balancer
  a = await buildApp(t.ctx, { logLevel: 'silent', rateLimits: 'database' });
  b = await buildApp(t.ctx, { logLevel: 'silent', rateLimits: 'database' });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await t.close();
});

const attempt = (app: App, username: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'wrong-password-1' },
  });

describe('rate limits shared through the database (WANGGE_RATE_LIMITS=database)', () => {
  it('counts sign-in attempts across instances: the eleventh in a minute is refused whichever answers', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? a : b, 'county')).statusCode).toBe(401);
    const refused = await attempt(a, 'county');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(b, 'county')).statusCode).toBe(429);
    // another account from the same address is counted on its own
    expect((await attempt(b, 'township')).statusCode).toBe(401);
  });

  it('stores no address or account name, and a new window starts when the old one ends', async () => {
    const rows = await sql<{ key: Buffer }>`SELECT key FROM rate_limit_hit`.execute(t.db);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const r of rows.rows) {
      expect(r.key.length).toBe(32);
      expect(r.key.includes(Buffer.from('county'))).toBe(false);
    }
    await sql`UPDATE rate_limit_hit SET reset_at = now() - interval '1 second'`.execute(t.db);
    expect((await attempt(a, 'county')).statusCode).toBe(401);
  });

  it('in memory (the default) each instance counts alone', async () => {
    const c = await buildApp(t.ctx, { logLevel: 'silent' });
    const d = await buildApp(t.ctx, { logLevel: 'silent' });
    try {
      for (let i = 0; i < 10; i++) expect((await attempt(c, 'village')).statusCode).toBe(401);
      expect((await attempt(c, 'village')).statusCode).toBe(429);
      expect((await attempt(d, 'village')).statusCode).toBe(401);
    } finally {
      await c.close();
      await d.close();
    }
  });
});
