import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, signIn } from '../../test/helpers.js';
import { TEST_KEY } from '../../test/constants.js';
import { LocalBlobStore } from '../modules/photos/index.js';
import { createPii } from '../platform/crypto.js';
import { createDb, type Db } from '../platform/db/database.js';
import { freePort } from '../platform/db/embedded.js';
import { createLogger } from '../platform/logging.js';
import { buildApp, type App } from './app.js';
import { makeContext } from './bootstrap.js';
import { READ_AFTER_COOKIE, READ_HEADER } from './read-routing.js';

/**
 * The wiring of read routing on the real app and database. The "replica" here is a second pool on
 * the same database — a server out of recovery, which the router counts as current — or an address
 * nobody listens on (down). The real standby (replay, pause, lag) is `npm run test:cluster:replica`.
 */
let t: Awaited<ReturnType<typeof createTestDb>>;
const media = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-media-'));
const opened: { app: App; replica: Db | null }[] = [];

async function appWith(replicaUrl: string | null) {
  const replica = replicaUrl ? createDb(replicaUrl, 2, { checkoutTimeoutMs: 500 }).db : null;
  const { ctx } = await makeContext(t.db, t.url, {
    pii: createPii(TEST_KEY),
    log: createLogger('silent'),
    media: new LocalBlobStore(media),
    replica: replica ? { db: replica, maxLagMs: 1000, probeEveryMs: 0 } : undefined,
  });
  const app = await buildApp(ctx, { logLevel: 'silent' });
  opened.push({ app, replica });
  return app;
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const o of opened) {
    await o.app.close();
    await o.replica?.destroy();
  }
  await t.drop();
  fs.rmSync(media, { recursive: true, force: true });
});

const dashboard = (app: App, headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/v1/indicators/dashboard?period=month', headers });
const generate = (app: App, headers: Record<string, string>, at: string) =>
  app.inject({ method: 'POST', url: '/api/v1/reports', headers, payload: { kind: 'monthly', at } });

/**
 * Every download of the API: the OpenAPI document's `.xlsx` routes and the open data. A new export
 * joins this walk by itself (and must then use `readDb`, or the test fails on its header).
 */
/** .xlsx routes that hand out a blank form, no rows of anyone's (nothing to read from a replica) */
const BLANK_FORMS = new Set(['/api/v1/households/import-template.xlsx']);

/** The object of a download's `{id}` by its path's start (a report, a campaign, an emergency). */
type Ids = Record<string, number>;
const idOf = (p: string, ids: Ids) => ids[Object.keys(ids).find((k) => p.startsWith(k)) ?? ''];

function downloads(app: App, ids: Ids, county: string): string[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const xlsx = Object.keys(doc.paths)
    .filter((p) => p.endsWith('.xlsx') && doc.paths[p]!.get && !BLANK_FORMS.has(p))
    .map((p) => (p.includes('{id}') ? p.replace('{id}', String(idOf(p, ids))) : p));
  expect(xlsx.length).toBeGreaterThanOrEqual(16);
  expect(xlsx.every((p) => !p.includes('{'))).toBe(true);
  return [
    ...xlsx,
    `/api/v1/open-data/${county}/indicators.csv`,
    `/api/v1/open-data/${county}/indicators.json`,
  ];
}

describe('read routing on the app', () => {
  it('without a replica: reads say primary, a write sets no cookie', async () => {
    const app = await appWith(null);
    const county = await signIn(app, 'county');
    const res = await dashboard(app, county);
    expect(res.statusCode).toBe(200);
    expect(res.headers[READ_HEADER]).toBe('primary');
    const made = await generate(app, county, '2026-08');
    expect(made.statusCode).toBe(201);
    expect(made.cookies.find((c) => c.name === READ_AFTER_COOKIE)).toBeUndefined();
    // a route that does not use readDb says nothing
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: county })).headers[READ_HEADER],
    ).toBe(undefined);
  });

  it('a current replica serves the lists and reports; a write sets a signed cookie it honours', async () => {
    const app = await appWith(t.url);
    const county = await signIn(app, 'county');
    for (const url of [
      '/api/v1/cases?limit=5',
      '/api/v1/households?limit=5',
      '/api/v1/residents?limit=5',
      '/api/v1/reports',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: county });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers[READ_HEADER], url).toBe('replica');
    }
    const made = await generate(app, county, '2026-07');
    expect(made.statusCode).toBe(201);
    const cookie = made.cookies.find((c) => c.name === READ_AFTER_COOKIE);
    expect(cookie?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+\.\d+\.[\w-]{22}$/);
    expect(cookie?.httpOnly).toBe(true);
    const id = made.json<{ id: number }>().id;
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}`,
      headers: { ...county, cookie: `${READ_AFTER_COOKIE}=${cookie!.value}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers[READ_HEADER]).toBe('replica');
    // a refused write (400) remembers nothing
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: county,
      payload: { kind: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.cookies.find((c) => c.name === READ_AFTER_COOKIE)).toBeUndefined();
  });

  it('every export and report download streams its rows from a current replica, from the primary without one', async () => {
    const current = await appWith(t.url);
    const dead = new URL(t.url);
    dead.port = String(await freePort());
    const down = await appWith(dead.toString());
    const county = await signIn(current, 'county');
    const admin = await signIn(current, 'admin');
    const me = await current.inject({ method: 'GET', url: '/api/v1/me', headers: county });
    const countyCode = me.json<{ countyCode: string }>().countyCode;
    // open data answers only for a county that publishes it (a write: the admin's cookie, not county's)
    const pub = await current.inject({
      method: 'PUT',
      url: '/api/v1/exchange/settings',
      headers: admin,
      payload: { openData: true },
    });
    expect(pub.statusCode).toBe(200);
    const made = await generate(current, county, '2026-06');
    expect(made.statusCode).toBe(201);
    const campaign = await t.db
      .selectFrom('campaign')
      .select('id')
      .where('county_code', '=', countyCode)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const event = await t.db
      .selectFrom('emergency_event')
      .select('id')
      .where('county_code', '=', countyCode)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const urls = downloads(
      current,
      {
        '/api/v1/reports/': made.json<{ id: number }>().id,
        '/api/v1/campaigns/': Number(campaign.id),
        '/api/v1/emergency-events/': Number(event.id),
      },
      countyCode,
    );
    // the city's exports are the city centre's (every other role is refused them)
    const city = await signIn(current, 'city');
    for (const [app, where] of [
      [current, 'replica'],
      [down, 'primary'],
    ] as const) {
      for (const url of urls) {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: url.includes('/open-data/') ? {} : url.startsWith('/api/v1/city-') ? city : county,
        });
        expect(res.statusCode, `${where} ${url}: ${res.body.slice(0, 200)}`).toBe(200);
        if (url.endsWith('.xlsx')) expect(res.rawPayload.subarray(0, 2).toString(), url).toBe('PK');
        expect(res.headers[READ_HEADER], `${where} ${url}`).toBe(where);
      }
    }
    // an export is still counted and audited (on the primary) when its rows come from the replica
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', [
        'wish.export',
        'disclosure.export',
        'station_coverage.export',
        'household.export',
      ])
      .execute();
    expect(new Set(audits.map((a) => a.action)).size).toBe(4);
  });

  it('a phone search of the case list stays on the primary (a reveal is audited)', async () => {
    const app = await appWith(t.url);
    const county = await signIn(app, 'county');
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/cases?phone=13800000000&reason=${encodeURIComponent('核实来电人')}`,
      headers: county,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers[READ_HEADER]).toBeUndefined();
  });

  it('a replica nobody answers at: reads go to the primary and answer 200', async () => {
    const port = await freePort();
    const dead = new URL(t.url);
    dead.port = String(port);
    const app = await appWith(dead.toString());
    const county = await signIn(app, 'county');
    const res = await dashboard(app, county);
    expect(res.statusCode).toBe(200);
    expect(res.headers[READ_HEADER]).toBe('primary');
    const list = await app.inject({ method: 'GET', url: '/api/v1/residents/export.xlsx', headers: county });
    expect(list.statusCode).toBe(200);
    expect(list.headers[READ_HEADER]).toBe('primary');
  });
});
