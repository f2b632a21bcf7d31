import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/helpers.js';
import { SessionCache } from '../modules/accounts/index.js';
import { LocalBlobStore } from '../modules/photos/index.js';
import { createPii } from '../platform/crypto.js';
import { createLogger } from '../platform/logging.js';
import type { Invalidation } from '../platform/events.js';
import { TEST_KEY } from '../../test/constants.js';
import { buildApp, type App } from './app.js';
import { makeContext } from './bootstrap.js';
import type { AppContext } from './context.js';

// Two instances of the server on one database: `a` (the test app) and `b` (a second app with
// its own session cache and its own event hub), as behind a load balancer.
let t: TestApp;
let b: { app: App; ctx: AppContext; mediaDir: string };
let ip = 0;

beforeAll(async () => {
  t = await createTestApp();
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-media-'));
  const { ctx } = await makeContext(t.db, t.url, {
    pii: createPii(TEST_KEY),
    log: createLogger('silent'),
    media: new LocalBlobStore(mediaDir),
  });
  await ctx.events.start();
  b = { app: await buildApp(ctx, { logLevel: 'silent' }), ctx, mediaDir };
});
afterAll(async () => {
  await b.app.close();
  await b.ctx.events.stop();
  fs.rmSync(b.mediaDir, { recursive: true, force: true });
  await t.close();
});

async function signIn(username: string): Promise<{ authorization: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_DEMO_PASSWORD },
    remoteAddress: `10.40.0.${++ip}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}
const me = (app: App, headers: { authorization: string }) =>
  app.inject({ method: 'GET', url: '/api/v1/me', headers });
const idOf = async (username: string) =>
  (await t.db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;

/** Resolves when instance b's hub has heard an announcement that `match` accepts (its NOTIFY arrived). */
function heardByB(match: (e: Invalidation) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('b never heard the announcement')), 5000);
    const off = b.ctx.events.onInvalidate((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('the session cache never answers for an ended session or a changed account', () => {
  it('both instances serve a session repeatedly from their caches', async () => {
    const h = await signIn('village');
    for (const app of [t.app, b.app, t.app, b.app]) expect((await me(app, h)).statusCode).toBe(200);
    expect(t.ctx.events.listening && b.ctx.events.listening).toBe(true);
  });

  it('signed out on one instance: refused there at once, and on the other when the commit is announced', async () => {
    const h = await signIn('village');
    expect((await me(t.app, h)).statusCode).toBe(200);
    expect((await me(b.app, h)).statusCode).toBe(200); // b has cached it
    const sessionId = (
      await t.db.selectFrom('session').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).id;
    const heard = heardByB((e) => e.sessions?.includes(sessionId) === true);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: h });
    expect(out.statusCode).toBe(204);
    expect((await me(t.app, h)).statusCode).toBe(401);
    await heard;
    expect((await me(b.app, h)).statusCode).toBe(401);
  });

  it('a disabled account is refused at once on the instance that disabled it, and on the other once announced', async () => {
    const admin = await signIn('admin');
    const id = await idOf('township');
    const h = await signIn('township');
    expect((await me(t.app, h)).statusCode).toBe(200);
    expect((await me(b.app, h)).statusCode).toBe(200);
    const heard = heardByB((e) => (e.sessions?.length ?? 0) > 0);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(t.app, h)).statusCode).toBe(401);
    await heard;
    expect((await me(b.app, h)).statusCode).toBe(401);
  });

  it('a changed account is seen at once where it changed, and on the other instance once announced', async () => {
    const admin = await signIn('admin');
    const id = await idOf('village');
    const h = await signIn('village');
    expect((await me(t.app, h)).json().displayName).not.toBe('改名测试');
    expect((await me(b.app, h)).json().displayName).not.toBe('改名测试');
    const heard = heardByB((e) => e.accounts?.includes(id) === true);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      headers: admin,
      payload: { displayName: '改名测试' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(t.app, h)).json().displayName).toBe('改名测试');
    await heard;
    expect((await me(b.app, h)).json().displayName).toBe('改名测试');
  });

  it('a session ended behind the cache (an SQL hand edit, no announcement) is believed only while cached; a hub that stopped listening believes nothing', async () => {
    const h = await signIn('gridworker');
    expect((await me(b.app, h)).statusCode).toBe(200);
    const sessionId = (
      await t.db.selectFrom('session').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).id;
    await t.db.updateTable('session').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
    // b's cache still holds it (nothing announced the edit): the cache is really used
    expect((await me(b.app, h)).statusCode).toBe(200);
    // a hub that is not listening could miss announcements: its cache is dropped and bypassed
    await b.ctx.events.stop();
    expect(b.ctx.events.listening).toBe(false);
    expect((await me(b.app, h)).statusCode).toBe(401);
    await b.ctx.events.start();
  });

  it('a lookup that raced with an invalidation does not store what it read', async () => {
    const token = (await signIn('resident')).authorization.slice('Bearer '.length);
    const cache = new SessionCache(t.db, t.ctx.events);
    const pending = cache.actorOf(token);
    cache.invalidate({ accounts: [-1] }); // any announcement while the read is on its way
    expect((await pending)?.username).toBe('resident');
    expect(cache.size).toBe(0);
    await cache.actorOf(token);
    expect(cache.size).toBe(1);
    cache.close();
  });
});
