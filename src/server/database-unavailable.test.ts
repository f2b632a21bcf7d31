import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/helpers.js';

// A failover or restart seen from one instance: PostgreSQL ends the pool's connections
// (pg_terminate_backend sends the same 57P01 a fast shutdown does). A request caught in the
// gap answers 503 DATABASE_UNAVAILABLE — never 500, never a success that was not kept — and
// the instance recovers by itself: the pool opens new connections and the LISTEN reconnects.
let t: TestApp;
let admin: pg.Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await t.close();
});

const login = (ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'county', password: TEST_DEMO_PASSWORD },
    remoteAddress: ip,
  });

/** Ends every connection to the test database except the admin's own. */
async function terminateOthers(where = 'true'): Promise<number> {
  const r = await admin.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where}`,
  );
  return r.rows[0]!.n;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the database going away under a request', () => {
  it('answers 503 DATABASE_UNAVAILABLE in Chinese and English, and keeps nothing', async () => {
    expect((await login('10.50.0.1')).statusCode).toBe(200);
    // counted on the admin's own connection: the pool's may be the one about to be cut
    const count = async () =>
      (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM session')).rows[0]!.n;
    const sessions = await count();
    // hold the session table so the next sign-in waits inside PostgreSQL, then end its connection
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE session IN ACCESS EXCLUSIVE MODE');
    const pending = login('10.50.0.2');
    await until(async () => {
      const r = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return (r.rowCount ?? 0) > 0;
    });
    expect(await terminateOthers(`wait_event_type = 'Lock'`)).toBe(1);
    await admin.query('ROLLBACK');
    const res = await pending;
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    const body = res.json<{ error: { code: string; message: string; messageEn: string } }>();
    expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.error.message).toMatch(/数据库暂时不可用/);
    expect(body.error.messageEn).toMatch(/database is unavailable/);
    expect(res.body).not.toMatch(/terminating|57P01|stack/i);
    expect(await count()).toBe(sessions);
  });

  it('never answers 500 when every connection is cut, and recovers by itself (pool and LISTEN)', async () => {
    // fill the pool with idle connections, then cut them all (the LISTEN connection too)
    await Promise.all([1, 2, 3, 4, 5].map((i) => login(`10.50.1.${i}`)));
    expect(t.ctx.events.listening).toBe(true);
    expect(await terminateOthers()).toBeGreaterThanOrEqual(2);
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => (i % 2 ? login(`10.50.2.${round * 10 + i}`) : t.app.inject('/health'))),
      );
      for (const a of answers) {
        statuses.push(a.statusCode);
        if (a.statusCode === 503)
          expect(a.json<{ error: { code: string } }>().error.code).toBe('DATABASE_UNAVAILABLE');
      }
    }
    expect(
      statuses.filter((s) => s !== 200 && s !== 503),
      String(statuses),
    ).toEqual([]);
    // the pool has reconnected: everything answers again
    for (let i = 0; i < 3; i++) expect((await login(`10.50.3.${i}`)).statusCode).toBe(200);
    expect((await t.app.inject('/health')).statusCode).toBe(200);
    // the LISTEN connection has reconnected: ended sessions are heard again
    await until(() => t.ctx.events.listening);
  });
});

describe('a connection cut while a transaction holds it between statements', () => {
  it('fails that transaction as DATABASE_UNAVAILABLE and does not end the process', async () => {
    const { isDatabaseUnavailable } = await import('../platform/db/unavailable.js');
    const { sql } = await import('kysely');
    const err = await t.db
      .transaction()
      .execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx);
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        // the server's goodbye arrives while no statement runs: an 'error' event on the client
        await new Promise((r) => setTimeout(r, 300));
        await sql`SELECT 1`.execute(tx);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isDatabaseUnavailable(err), String(err)).toBe(true);
    expect((await login('10.50.4.1')).statusCode).toBe(200);
  });
});

describe('x-wangge-instance', () => {
  it('names the instance that answered when WANGGE_INSTANCE_ID is set, on errors too', async () => {
    const { buildApp } = await import('./app.js');
    const named = await buildApp(t.ctx, { logLevel: 'silent', instanceId: 'app-2' });
    try {
      expect((await named.inject('/health')).headers['x-wangge-instance']).toBe('app-2');
      expect((await named.inject('/api/v1/no-such-route')).headers['x-wangge-instance']).toBe('app-2');
      expect((await t.app.inject('/health')).headers['x-wangge-instance']).toBeUndefined();
    } finally {
      await named.close();
    }
  });
});
