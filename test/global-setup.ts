import fs from 'node:fs';
import path from 'node:path';
import argon2 from 'argon2';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPii } from '../src/platform/crypto.js';
import { createDb, withDatabase } from '../src/platform/db/database.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { TEMPLATE_DB, TEST_DEMO_PASSWORD, TEST_DEMO_SCALE, TEST_KEY } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbServerUrl: string;
  }
}

/**
 * The db and browser tiers are two Vitest projects with this same global setup;
 * they share one server and template (kept on globalThis: each project may load
 * this file afresh), and the last one to finish stops it.
 */
type Shared = { ready: Promise<{ url: string; embedded: EmbeddedHandle | null }>; users: number };
const shared = globalThis as { __wanggeTestServer?: Shared };

/**
 * Once per run: a PostgreSQL server (DATABASE_URL, else an embedded one under
 * .test-data/), and a template database migrated and loaded with a small demo
 * county. Each test file clones its own database from the template.
 */
export default async function setup(project: TestProject) {
  const run = (shared.__wanggeTestServer ??= { ready: prepare(), users: 0 });
  run.users++;
  const { url } = await run.ready;
  project.provide('dbServerUrl', url);
  return async () => {
    if (--run.users > 0) return;
    delete shared.__wanggeTestServer;
    const { embedded } = await run.ready;
    await embedded?.stop();
    if (embedded) fs.rmSync(path.resolve(RUNS_DIR, `run-${process.pid}`), { recursive: true, force: true });
  };
}

async function prepare(): Promise<{ url: string; embedded: EmbeddedHandle | null }> {
  let embedded: EmbeddedHandle | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // a cluster per run, so parallel runs (an editor's watcher, CI) never share one
    removeDeadRuns();
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(RUNS_DIR, `run-${process.pid}`),
      // throwaway test cluster: durability off for speed
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    serverUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  const stale = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'wangge_test_%' OR datname = $1",
    [TEMPLATE_DB],
  );
  for (const { datname } of stale.rows)
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();

  const { db } = createDb(withDatabase(serverUrl, TEMPLATE_DB), 4);
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
  await loadDemo(db, createPii(TEST_KEY), { scale: TEST_DEMO_SCALE, password: TEST_DEMO_PASSWORD });
  // The suite signs in over a thousand times. The demo's hashes carry argon2id's production cost
  // (64 MiB, three passes: a fifth of a second each on this machine); the throwaway template's
  // accounts get the same password under argon2id at its lowest cost, so each sign-in still runs
  // the real verification (the cost travels inside the hash) in about a millisecond.
  const light = await argon2.hash(TEST_DEMO_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 1024,
    timeCost: 1,
    parallelism: 1,
  });
  await db
    .updateTable('account')
    .set({ password_hash: light })
    .where('password_hash', 'like', '$argon2%')
    .execute();
  await db.destroy();

  return { url: serverUrl, embedded };
}

const RUNS_DIR = '.test-data';

function removeDeadRuns(): void {
  if (!fs.existsSync(RUNS_DIR)) return;
  for (const d of fs.readdirSync(RUNS_DIR)) {
    const pid = Number(/^run-(\d+)$/.exec(d)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      // the run died: stop its postgres if it outlived it, then remove the cluster
      const pidFile = path.join(RUNS_DIR, d, 'pg', 'postmaster.pid');
      const pg = fs.existsSync(pidFile) ? Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10) : 0;
      try {
        if (pg) process.kill(pg, 'SIGQUIT');
      } catch {
        // not running
      }
      fs.rmSync(path.join(RUNS_DIR, d), { recursive: true, force: true });
    }
  }
}
