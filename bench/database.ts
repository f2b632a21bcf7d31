import { sql } from 'kysely';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalBlobStore } from '../src/modules/photos/index.js';
import { makeContext } from '../src/server/bootstrap.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { createPii } from '../src/platform/crypto.js';
import { createDb, withDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging.js';
import { buildApp, type App } from '../src/server/app.js';
import { fmt, quantile } from './machine.js';

export const BENCH_PASSWORD = 'bench-password-1';
const NAME = 'wangge_bench';

export type BenchDb = { db: Db; app: App; version: string; label: string; close(): Promise<void> };

/** A fresh database on `serverUrl`, migrated and loaded with the demo at `scale`; reports the load. */
export async function openBenchDb(
  label: string,
  serverUrl: string,
  scale: number,
): Promise<{ bench: BenchDb; loadReport: string }> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const { db } = createDb(withDatabase(serverUrl, NAME), 10);
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
  const version =
    (await sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`.execute(db)).rows[0]?.v ?? '';
  const pii = createPii(Buffer.alloc(32, 1));
  const t0 = performance.now();
  const r = await loadDemo(db, pii, { scale, password: BENCH_PASSWORD });
  const secs = (performance.now() - t0) / 1000;
  if (!r) throw new Error('demo already loaded');
  const rows = r.residents + r.households + r.gridWorkers + r.partyMembers + r.regions;
  const loadReport = `| ${label} (${version}) | ${scale} | ${fmt(r.residents)} | ${fmt(r.households)} | ${fmt(secs, 1)} s | ${fmt(rows / secs)} |`;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-media-'));
  const { ctx } = await makeContext(db, withDatabase(serverUrl, NAME), {
    pii,
    log: createLogger('silent'),
    media: new LocalBlobStore(mediaDir),
  });
  // as `wangge serve` does: the hub's LISTEN is what lets the session cache be trusted
  await ctx.events.start();
  const app = await buildApp(ctx, { logLevel: 'silent' });
  return {
    loadReport,
    bench: {
      db,
      app,
      version,
      label,
      async close() {
        await app.close();
        await ctx.events.stop();
        await db.destroy();
        const c = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
        await c.end();
      },
    },
  };
}

export async function bearer(app: App, username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: BENCH_PASSWORD },
  });
  return `Bearer ${res.json<{ token: string }>().token}`;
}

async function latency(
  app: App,
  url: string,
  authorization: string,
  n: number,
): Promise<{ p50: number; p95: number; total: number }> {
  for (let i = 0; i < 10; i++) await app.inject({ method: 'GET', url, headers: { authorization } });
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization } });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    total = (res.json() as { total?: number }).total ?? total;
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), total };
}

/** Scoped list latency through the whole HTTP stack (inject: no socket), per scope size. */
export async function benchScopedLists(b: BenchDb): Promise<string[]> {
  const out: string[] = [];
  for (const user of ['county', 'township', 'village', 'gridworker']) {
    const auth = await bearer(b.app, user);
    const h = await latency(b.app, '/api/v1/households?limit=50', auth, 100);
    const deep = await latency(b.app, '/api/v1/households?limit=50&offset=5000', auth, 30).catch(() => null);
    const care = await latency(b.app, '/api/v1/residents?careTag=disabled&limit=50', auth, 50);
    out.push(
      `| ${b.label} | ${user} | ${fmt(h.total)} | ${fmt(h.p50, 1)} / ${fmt(h.p95, 1)} ms | ${deep ? `${fmt(deep.p50, 1)} ms` : 'n/a'} | ${fmt(care.p50, 1)} / ${fmt(care.p95, 1)} ms |`,
    );
  }
  return out;
}

/**
 * The field work's county-wide screens through the HTTP stack, per scope: households due a
 * visit, visit coverage per child region, the grid-worker roster. p50 / p95 of 50 requests.
 */
export async function benchFieldWork(b: BenchDb): Promise<string[]> {
  const out: string[] = [];
  const cell = async (url: string, auth: string) => {
    const r = await latency(b.app, url, auth, 50).catch(() => null);
    return r ? `${fmt(r.p50, 1)} / ${fmt(r.p95, 1)} ms` : 'n/a';
  };
  for (const user of ['county', 'township', 'village', 'gridworker']) {
    const auth = await bearer(b.app, user);
    const due = await cell('/api/v1/visits/due?limit=50', auth);
    const summary = await cell('/api/v1/visits/summary', auth);
    const roster = await cell('/api/v1/workers?limit=50', auth);
    out.push(`| ${b.label} | ${user} | ${due} | ${summary} | ${roster} |`);
  }
  return out;
}
