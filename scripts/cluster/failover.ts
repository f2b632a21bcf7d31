import fs from 'node:fs';
import { pointInGrid } from '../../test/fixtures.js';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db } from '../../src/platform/db/database.js';
import { startHaproxy } from './haproxy.js';
import { restOk, startEtcd, startMember, startPgbouncer, type Member } from './patroni.js';
import { query } from './postgres.js';
import { check, freePort, Procs, say, sleep, waitFor, workDir } from './procs.js';
import { openSse } from './sse.js';
import { Client, startInstances } from './wangge.js';

const ORDER = ['app1', 'app2', 'app3'];
const GRID = '211122001211001';
const WORKERS = 6;

type Shot = {
  t0: number;
  t1: number;
  status: number;
  code: string | null;
  id: number | null;
  instance: string | null;
};

/**
 * Patroni + etcd: a primary and a synchronous standby; HAProxy sends PostgreSQL connections to
 * the leader (Patroni's REST check) and HTTP to three instances; the instances use PgBouncer
 * (transaction pooling) and LISTEN through HAProxy directly. Reports pour in through the
 * balancer while the primary's machine dies (SIGKILL to Patroni and its PostgreSQL); Patroni
 * promotes the standby; the instances reconnect by themselves. Every report answered 201 must
 * be in the database; no answer may be a 500.
 */
export async function failover(): Promise<Record<string, unknown>> {
  const dir = workDir('failover');
  const procs = new Procs(dir);
  say(`failover: working in ${dir}`);
  try {
    const etcd = await startEtcd(procs);
    const pg1 = await startMember(procs, 'pg1', etcd.port);
    await waitFor('pg1 to lead', () => restOk(pg1, 'primary'), 180_000, 500);
    const pg2 = await startMember(procs, 'pg2', etcd.port);
    await waitFor('pg2 to be the synchronous standby', () => restOk(pg2, 'sync'), 180_000, 500);
    check(true, 'Patroni: pg1 leads, pg2 is its synchronous standby');
    const members = [pg1, pg2];
    const [httpPort, leaderPort] = [await freePort(), await freePort()];
    const ports = [await freePort(), await freePort(), await freePort()];
    await startHaproxy(procs, {
      httpPort,
      apps: ORDER.map((name, i) => ({ name, port: ports[i]! })),
      pg: {
        port: leaderPort,
        members: members.map((m) => ({ name: m.name, port: m.pgPort, restPort: m.restPort })),
      },
    });
    const leaderUrl = `postgres://postgres@127.0.0.1:${leaderPort}/wangge`;
    const bouncer = await startPgbouncer(procs, leaderPort);
    await waitFor('the leader through HAProxy', () => query(leaderPort, 'SELECT 1'), 30_000);
    await query(leaderPort, 'CREATE DATABASE wangge');
    say('failover: starting three instances (the first migrates and loads the demo) …');
    await startInstances(procs, {
      names: ORDER,
      ports,
      databaseUrl: `postgres://postgres@127.0.0.1:${bouncer.port}/wangge`,
      listenUrl: leaderUrl,
      env: { WANGGE_PREPARED_STATEMENTS: 'off' },
    });
    check(true, 'three instances on PgBouncer (transaction pooling), LISTEN through HAProxy to the leader');
    const pool = new pg.Pool({ connectionString: leaderUrl, max: 2 });
    pool.on('error', () => {});
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) }) as unknown as Db;
    try {
      return await underLoad(procs, `http://127.0.0.1:${httpPort}`, db, members, leaderPort);
    } finally {
      await pool.end().catch(() => {});
    }
  } finally {
    await procs.stopAll();
    if (!process.env.WANGGE_CLUSTER_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function underLoad(procs: Procs, base: string, db: Db, members: Member[], leaderPort: number) {
  const http = new Client(base);
  const villager = await http.signIn('zhangjia');
  const cats = await http.call('GET', `/api/v1/categories?q=${encodeURIComponent('路面')}`, {
    auth: villager,
  });
  const paving = (
    cats.body.items as {
      name: string;
      code: string;
      attributes: { code: string; required: boolean; datatype: string; values?: { key: string }[] }[];
    }[]
  ).find((c) => c.name === '路面破损')!;
  const attributes: Record<string, string | string[]> = {};
  for (const a of paving.attributes)
    if (a.required)
      attributes[a.code] =
        a.datatype === 'multivaluelist' ? [a.values![0]!.key] : (a.values?.[0]?.key ?? '1');
  const at = await pointInGrid(db, GRID);

  const shots: Shot[] = [];
  let stop = false;
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const t0 = Date.now();
      let shot: Shot;
      try {
        const r = await http.call('POST', '/api/v1/cases', {
          auth: villager,
          json: {
            source: 'resident_app',
            categoryCode: paving.code,
            attributes,
            description: `主备切换测试 ${++n}`,
            lat: at.lat,
            lng: at.lng,
          },
        });
        shot = {
          t0,
          t1: Date.now(),
          status: r.status,
          code: r.body?.error?.code ?? null,
          id: r.status === 201 ? r.body.id : null,
          instance: r.instance,
        };
      } catch (err) {
        shot = { t0, t1: Date.now(), status: 0, code: String(err), id: null, instance: null };
        await sleep(100);
      }
      shots.push(shot);
      if (shot.status !== 201) await sleep(50);
    }
  };
  const running = Array.from({ length: WORKERS }, () => worker());
  await sleep(8_000);
  const leader = members.find((m) => m.name === 'pg1')!;
  const standby = members.find((m) => m.name === 'pg2')!;
  const before = shots.filter((s) => s.status === 201).length;
  check(before > 0, `${before} reports answered 201 before the failure`);
  const killedAt = Date.now();
  procs.signal(leader.proc, 'SIGKILL');
  say(`  … pg1 (Patroni and its PostgreSQL) killed with SIGKILL at +${killedAt - shots[0]!.t0} ms`);
  await waitFor('pg2 to be promoted', () => restOk(standby, 'primary'), 120_000, 200);
  const promotedAt = Date.now();
  say(`  … pg2 promoted ${((promotedAt - killedAt) / 1000).toFixed(1)} s after the kill`);
  await waitFor(
    'reports to be answered 201 again',
    () => shots.some((s) => s.t0 > promotedAt && s.status === 201),
    120_000,
    200,
  );
  await sleep(8_000);
  stop = true;
  await Promise.all(running);

  const ok = shots.filter((s) => s.status === 201);
  const byStatus: Record<string, number> = {};
  for (const s of shots)
    byStatus[`${s.status}${s.code ? ` ${s.code}` : ''}`] =
      (byStatus[`${s.status}${s.code ? ` ${s.code}` : ''}`] ?? 0) + 1;
  say(`  answers: ${JSON.stringify(byStatus)}`);
  check(!shots.some((s) => s.status === 500), 'no answer was a 500');
  check(
    shots.every((s) => s.status === 201 || (s.status === 503 && s.code === 'DATABASE_UNAVAILABLE')),
    'every answer was 201 or 503 DATABASE_UNAVAILABLE',
  );
  const ids = ok.map((s) => s.id!);
  const found = await db.selectFrom('cases').select('id').where('id', 'in', ids).execute();
  const lost = ids.length - found.length;
  check(
    lost === 0,
    `every one of the ${ids.length} reports answered 201 is in the database after the failover (lost: ${lost})`,
  );
  // time without service: the longest stretch with no 201 answered, around the kill
  const ends = ok.map((s) => s.t1).sort((a, b) => a - b);
  let gap = 0;
  let gapFrom = 0;
  for (let i = 1; i < ends.length; i++)
    if (ends[i]! - ends[i - 1]! > gap) {
      gap = ends[i]! - ends[i - 1]!;
      gapFrom = ends[i - 1]!;
    }
  check(
    gapFrom <= promotedAt,
    `time without service ${(gap / 1000).toFixed(1)} s (from the last 201 before to the first after)`,
  );

  // the LISTEN connections came back: one per instance on the new leader …
  await waitFor(
    'the three instances to LISTEN on the new leader',
    async () =>
      (
        await query<{ n: number }>(
          leaderPort,
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN %'`,
        )
      )[0]!.n >= 3,
    60_000,
    500,
  );
  check(true, 'every instance LISTENs again, on the new leader');
  // … and a sign-out through one instance ends the streams the others hold
  const streams = [];
  for (const target of ORDER) {
    const auth = await http.signIn('county');
    await http.steerTo(target);
    streams.push({ auth, sse: await openSse(base, auth) });
  }
  for (const s of streams) await http.call('POST', '/api/v1/auth/logout', { auth: s.auth });
  for (const s of streams) await s.sse.next((e) => e.type === 'session-ended', 15_000);
  const holders = streams.map((s) => s.sse.instance);
  check(
    new Set(holders).size === 3,
    `streams held by ${holders.join(', ')} ended at their sign-out (NOTIFY heard again: live events resumed)`,
  );
  return {
    workers: WORKERS,
    answered201: ids.length,
    lost,
    answers: byStatus,
    promotedAfterSeconds: Number(((promotedAt - killedAt) / 1000).toFixed(1)),
    withoutServiceSeconds: Number((gap / 1000).toFixed(1)),
  };
}
