import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../src/modules/photos/index.js';
import { createPii } from '../src/platform/crypto.js';
import { createDb, type Db } from '../src/platform/db/database.js';
import { createLogger } from '../src/platform/logging.js';
import { buildApp, type App } from '../src/server/app.js';
import { makeContext } from '../src/server/bootstrap.js';
import { createTestDb, TEST_DEMO_PASSWORD } from './helpers.js';
import { TEST_KEY } from './constants.js';

/**
 * docs/citus.md: with every county table distributed by `county_code`, a query routes to one
 * shard when it filters on `county_code = <one value>` (or inserts one). This test drives the
 * main routes through the real app, captures the SQL the query builder compiles (the db tier's
 * `onQuery` hook), and fails on any query touching a distributed table without such a filter
 * unless the doc's allow-list names it (route and table): the cross-county views.
 */
const DOC = fs.readFileSync('docs/citus.md', 'utf8');
const block = (name: string) => {
  const m = new RegExp(`<!-- citus:${name} -->([\\s\\S]*?)<!-- /citus:${name} -->`).exec(DOC);
  if (!m) throw new Error(`docs/citus.md has no citus:${name} block`);
  return m[1]!;
};
const REFERENCE = new Set(
  block('reference')
    .match(/`([a-z_0-9]+)`/g)!
    .map((s) => s.slice(1, -1)),
);
const ALLOWED = new Set(
  [...block('allow').matchAll(/^\| `([A-Z]+ [^`]+)` \| `([a-z_0-9]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`),
);

let t: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
let app: App;
let route = 'START app'; // what the app reads while it starts (caches)
const seen: { route: string; sql: string }[] = [];
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-citus-'));

beforeAll(async () => {
  t = await createTestDb();
  ({ db } = createDb(t.url, 4, { onQuery: (text) => seen.push({ route, sql: text }) }));
  const { ctx } = await makeContext(db, t.url, {
    pii: createPii(TEST_KEY),
    log: createLogger('silent'),
    media: new LocalBlobStore(mediaDir),
  });
  app = await buildApp(ctx, { logLevel: 'silent' });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await t?.drop();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

async function as(username: string) {
  route = 'POST /auth/login';
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_DEMO_PASSWORD },
  });
  expect(r.statusCode).toBe(200);
  return { authorization: `Bearer ${r.json<{ token: string }>().token}` };
}

async function call(headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) {
  route = `${method} ${url.replace(/\?.*$/, '').replace(/\/\d+(?=\/|$)/g, '/:id')}`;
  const r = await app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  expect(r.statusCode, `${method} ${url}: ${r.body.slice(0, 200)}`).toBeLessThan(300);
  return r;
}

/** The tables a statement names after FROM, JOIN, INTO or UPDATE (quoted or not). */
const tablesOf = (text: string) =>
  [
    ...text.matchAll(/\b(?:from|join|into|update)\s+(?:only\s+)?"?(?:public"?\."?)?([a-z_][a-z_0-9]*)"?/gi),
  ].map((m) => m[1]!.toLowerCase());
/** One county: `county_code = $n` or a literal, or an INSERT naming county_code among its columns. */
const routesToOneShard = (text: string) =>
  /"?county_code"?\s*=\s*(\$\d+|'\d{6}')/i.test(text) ||
  /^\s*insert\s+into\s+"?\w+"?\s*\([^)]*"?county_code"?/i.test(text);

describe('Citus routing (docs/citus.md)', () => {
  it('every table is either distributed by county_code or a documented reference table', async () => {
    const { rows } = await sql<{ name: string; county: boolean }>`
      SELECT t.table_name AS name, EXISTS (SELECT 1 FROM information_schema.columns c
               WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'county_code') AS county
        FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
         AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = format('public.%I', t.table_name)::regclass)`.execute(
      db,
    );
    const undocumented = rows.filter((r) => !r.county && !REFERENCE.has(r.name)).map((r) => r.name);
    expect(undocumented).toEqual([]);
  });

  it('the main routes query distributed tables of one county only, or are on the allow-list', async () => {
    const { rows: counties } = await sql<{
      code: string;
    }>`SELECT code FROM region WHERE level = 'county' ORDER BY code`.execute(db);
    const { rows: tables } = await sql<{ name: string }>`
      SELECT DISTINCT c.table_name AS name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND c.column_name = 'county_code' AND t.table_type IN ('BASE TABLE', 'VIEW')`.execute(
      db,
    );
    const distributed = new Set(tables.map((r) => r.name).filter((n) => !REFERENCE.has(n)));

    const village = await as('village');
    const township = await as('township');
    const county = await as('county');
    const resident = await as('resident');
    const adminH = await as('admin');

    const list = await call(village, 'GET', '/cases?limit=20');
    const firstId = list.json<{ items: { id: number }[] }>().items[0]?.id;
    if (firstId) await call(village, 'GET', `/cases/${firstId}`);
    await call(township, 'GET', '/cases?limit=20');
    await call(county, 'GET', '/cases?limit=20');
    await call(county, 'GET', '/indicators/dashboard?period=month');
    await call(village, 'GET', '/inbox');
    await call(village, 'GET', '/inbox?unread=true&limit=5');
    await call(village, 'POST', '/inbox/read', { ids: [1] });
    await call(adminH, 'GET', '/audit');
    route = 'TEST'; // this test's own look-ups
    const cat = await db
      .selectFrom('category')
      .select('code')
      .where('active', '=', true)
      .limit(1)
      .executeTakeFirstOrThrow();
    const spot = await db
      .selectFrom('cases')
      .innerJoin('account', 'account.scope_code', 'cases.grid_code')
      .select(['cases.lat', 'cases.lng'])
      .where('account.username', '=', 'resident')
      .where('cases.lat', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    if (spot)
      await call(resident, 'POST', '/cases', {
        categoryCode: cat.code,
        description: '路边暴露垃圾（分片测试）',
        lat: spot.lat,
        lng: spot.lng,
      });
    route = 'GET /open-data/:county/indicators.json';
    await app.inject({ method: 'GET', url: `/api/v1/open-data/${counties[0]!.code}/indicators.json` });
    expect(seen.length).toBeGreaterThan(20);

    const offenders = new Map<string, string>();
    for (const q of seen) {
      if (q.route === 'TEST' || /^\s*(begin|commit|rollback|set|select pg_(try_)?advisory)/i.test(q.sql))
        continue;
      const hit = tablesOf(q.sql).filter((n) => distributed.has(n));
      if (!hit.length || routesToOneShard(q.sql)) continue;
      for (const table of hit) offenders.set(`${q.route} ${table}`, q.sql.slice(0, 300));
    }
    const notAllowed = [...offenders.keys()].filter((k) => !ALLOWED.has(k));
    expect(
      notAllowed.map((k) => `${k}\n    ${offenders.get(k)}`),
      'queries that would not route to one shard: filter on county_code, or add them to the allow-list in docs/citus.md',
    ).toEqual([]);
    // the list stays minimal: an entry no driven route needs any more is taken off it
    expect(
      [...ALLOWED].filter((k) => !offenders.has(k)),
      'allow-list entries of docs/citus.md that no route hits any more',
    ).toEqual([]);
  });

  it("a notification is kept in its recipient's county (the inbox reads that county only), after the routes wrote some", async () => {
    const { rows } = await sql<{ total: number; elsewhere: number }>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE n.county_code <> a.county_code)::int AS elsewhere
        FROM notification n JOIN account a ON a.id = n.account_id`.execute(db);
    expect(rows[0]!.total).toBeGreaterThan(0);
    expect(rows[0]!.elsewhere).toBe(0);
  });
});
