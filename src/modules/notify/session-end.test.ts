import http from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { withDatabase } from '../../platform/db/database.js';
import { EventHub } from '../../platform/events.js';

/**
 * An open live stream ends when its session ends. The hub learns of ended sessions only
 * through PostgreSQL NOTIFY (there is no in-process shortcut), so what works here works
 * across instances.
 */
let t: TestApp;
let base: string;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

type Stream = { ended: Promise<string>; close(): void };

/** Opens GET /events; `ended` resolves with everything received when the server ends the stream. */
function open(headers: Record<string, string>, at = base): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${at}/api/v1/events`, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      let text = '';
      const ended = new Promise<string>((done) => {
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(text));
      });
      // subscribed once the first bytes arrived
      res.once('data', () => resolve({ ended, close: () => req.destroy() }));
    });
    req.on('error', reject);
  });
}

const within = <T>(p: Promise<T>, ms = 5000) =>
  Promise.race([
    p,
    new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('still open')), ms)),
  ]);

const stillOpen = async (s: Stream) => {
  const r = await Promise.race([
    s.ended.then(() => 'ended'),
    new Promise((ok) => setTimeout(() => ok('open'), 700)),
  ]);
  expect(r).toBe('open');
};

const accountId = async (username: string) =>
  (await t.db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;

describe('the live stream ends with its session', () => {
  it('sign-out ends the stream of that session, not the account’s other sessions', async () => {
    const a = await signIn(t.app, 'village');
    const b = await signIn(t.app, 'village');
    const sa = await open(a);
    const sb = await open(b);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a });
    expect(out.statusCode).toBe(204);
    expect(await within(sa.ended)).toContain('event: session-ended');
    await stillOpen(sb);
    sb.close();
  });

  it('disabling the account ends its streams', async () => {
    const dept = await signIn(t.app, 'department');
    const s = await open(dept);
    const id = await accountId('department');
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await within(s.ended)).toContain('event: session-ended');
    // and it cannot come back
    await expect(open(dept)).rejects.toThrow('status 401');
  });

  it('a password reset ends the account’s streams', async () => {
    const gw = await signIn(t.app, 'gridworker');
    const s = await open(gw);
    const other = await open(await signIn(t.app, 'township'));
    const id = await accountId('gridworker');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${id}/password`,
      headers: admin,
      payload: { password: 'a-new-password-2026' },
    });
    expect(r.statusCode, r.body).toBe(204);
    expect(await within(s.ended)).toContain('event: session-ended');
    await stillOpen(other);
    other.close();
  });

  it('across instances: sign-out on one instance ends the stream held by another', async () => {
    const { name } = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.db)).rows[0]!;
    const hub = new EventHub(withDatabase(inject('dbServerUrl'), name));
    await hub.start();
    const second = await buildApp({ ...t.ctx, events: hub }, { logLevel: 'silent' });
    try {
      await second.listen({ port: 0, host: '127.0.0.1' });
      const at = `http://127.0.0.1:${(second.server.address() as { port: number }).port}`;
      const h = await signIn(t.app, 'party');
      const s = await open(h, at);
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: h });
      expect(out.statusCode).toBe(204);
      expect(await within(s.ended)).toContain('event: session-ended');
    } finally {
      await second.close();
      await hub.stop();
    }
  });
});
