import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalBlobStore } from '../src/modules/photos/index.js';
import { makeContext } from '../src/server/bootstrap.js';
import { createPii } from '../src/platform/crypto.js';
import { createDb, withDatabase, type Db } from '../src/platform/db/database.js';
import type { DB } from '../src/platform/db/schema.js';
import { createLogger } from '../src/platform/logging.js';
import { buildApp, type App } from '../src/server/app.js';
import type { AppContext } from '../src/server/context.js';
import { TEMPLATE_DB, TEST_DEMO_PASSWORD, TEST_KEY } from './constants.js';

export { TEST_DEMO_PASSWORD };

/** A fresh database cloned from the migrated, demo-loaded template. */
export async function createTestDb(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const server = inject('dbServerUrl');
  const name = `wangge_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} STRATEGY FILE_COPY`);
      break;
    } catch (err) {
      // 55006: the template is busy (another file cloning it right now)
      if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(server, name);
  const { db } = createDb(url, 5);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type TestApp = {
  app: App;
  ctx: AppContext;
  db: Db;
  /** the database's URL (a second instance of the app may open it) */
  url: string;
  clock: TestClock;
  close(): Promise<void>;
};

/** A settable clock: journeys replay the seeds' dates and times. */
export class TestClock {
  private t: number | null = null;
  now = (): Date => (this.t === null ? new Date() : new Date(this.t));
  set(iso: string | Date): void {
    this.t = new Date(iso).getTime();
  }
  advance(ms: number): void {
    this.t = (this.t ?? Date.now()) + ms;
  }
}

/** The real app on its own database, driven with `app.inject`. */
export async function createTestApp(): Promise<TestApp> {
  const t = await createTestDb();
  const clock = new TestClock();
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-media-'));
  const { ctx } = await makeContext(t.db, t.url, {
    pii: createPii(TEST_KEY),
    log: createLogger('silent'),
    media: new LocalBlobStore(mediaDir),
    now: clock.now,
  });
  await ctx.events.start();
  const app = await buildApp(ctx, { logLevel: 'silent' });
  return {
    app,
    ctx,
    db: t.db,
    url: t.url,
    clock,
    async close() {
      await app.close();
      await ctx.events.stop();
      await t.drop();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** Signs in a demo account and answers its bearer header. */
export async function signIn(
  app: App,
  username: string,
  password = TEST_DEMO_PASSWORD,
): Promise<{ authorization: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}
export { buildApp } from '../src/server/app.js';

/** How many rows a table holds: tests compare counts before and after a refused change. */
export async function countRows(db: Db, table: keyof DB): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
