import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { jpeg, multipart, pointInGrid } from '../../test/fixtures.js';
import type { Db } from '../../src/platform/db/database.js';
import { startHaproxy } from './haproxy.js';
import { initCluster, query, startServer, urlOf } from './postgres.js';
import { check, freePort, Procs, say, sleep, waitFor, workDir } from './procs.js';
import { filesUnder, startS3, storedKeys, type S3Server } from './s3.js';
import { openSse } from './sse.js';
import { Client, startInstances, type Instance } from './wangge.js';

const ORDER = ['app1', 'app2', 'app3'];
const GRID = '211122001211001'; // J1's grid: 盘山县太平街道张家村

export type JourneyResult = {
  instancesAnswering: string[];
  liveEventMs: number;
  rateLimitedAt: number;
  outboxDelivered: number;
  /** the instances that served the photo uploaded through another (bytes equal) */
  photoServedBy: string[];
  /** objects in the S3 store after the journey; files under the instances' media/ (0) */
  s3Objects: number;
  localMediaFiles: number;
};

/**
 * Three `wangge serve` instances on one PostgreSQL server behind HAProxy round robin, their photos
 * in an S3-compatible store (s3rver, its own process): the resident's photo uploaded through one
 * instance and served by the other two; the report through app1, the dispatch through app2, the
 * live update seen on app3's stream; the sign-in limit counted across all three; the sweep and the
 * outbox once.
 */
export async function journey(): Promise<JourneyResult> {
  const dir = workDir('journey');
  const procs = new Procs(dir);
  say(`journey: working in ${dir}`);
  try {
    const pgPort = await freePort();
    initCluster(path.join(dir, 'pgdata'));
    await startServer(procs, 'postgres', path.join(dir, 'pgdata'), pgPort);
    await query(pgPort, 'CREATE DATABASE wangge');
    const dbUrl = urlOf(pgPort, 'wangge');
    const s3 = await startS3(procs);
    say(`journey: photos in s3rver at ${s3.endpoint} (bucket ${s3.bucket}, objects under ${s3.dir})`);
    say('journey: starting three instances (the first migrates and loads the demo) …');
    const apps = await startInstances(procs, { names: ORDER, databaseUrl: dbUrl, s3 });
    const httpPort = await freePort();
    await startHaproxy(procs, { httpPort, apps });
    const base = `http://127.0.0.1:${httpPort}`;
    const http = new Client(base);
    const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) }) as unknown as Db;
    try {
      return await steps(http, base, db, procs, { s3, apps });
    } finally {
      await pool.end();
    }
  } finally {
    await procs.stopAll();
    if (!process.env.WANGGE_CLUSTER_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function steps(
  http: Client,
  base: string,
  db: Db,
  procs: Procs,
  store: { s3: S3Server; apps: Instance[] },
): Promise<JourneyResult> {
  const seen = new Set<string>();
  const villager = await http.signIn('zhangjia');
  const worker = await http.signIn('mengqian');
  const centre = await http.signIn('taiping');
  const office = await http.signIn('taiping-cgb');

  // the office's live stream on app3
  await http.steerTo('app3');
  const stream = await openSse(base, office);
  check(
    stream.instance === 'app3',
    `the office's live stream (/events) is held by app3 (${stream.instance})`,
  );

  // the photo through one instance, the report through app1 (photos in the shared object store)
  const uploaded = await jpeg('#7a6a5a');
  const photo = await http.call('POST', '/api/v1/photos', {
    auth: villager,
    raw: (({ contentType, body }) => ({ type: contentType, body }))(multipart(uploaded)),
  });
  check(photo.status === 201, `a photo uploaded through ${photo.instance} (201)`);
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
  await http.steerTo('app1');
  const rep = await http.call('POST', '/api/v1/cases', {
    auth: villager,
    json: {
      source: 'resident_app',
      categoryCode: paving.code,
      description: '路边铺装破损（集群测试）',
      lat: at.lat,
      lng: at.lng,
      photoIds: [photo.body.id],
      attributes,
    },
  });
  check(
    rep.status === 201 && rep.instance === 'app1',
    `the resident's report answered 201 by app1 (${rep.status}, ${rep.instance})`,
  );
  seen.add(rep.instance!);
  const id = rep.body.id as number;
  const photos = await photoEverywhere(http, db, store, {
    id: photo.body.id as string,
    by: photo.instance!,
    uploaded,
    auth: villager,
  });

  // the grid worker hands it to the street centre, which dispatches it through app2
  const mine = await http.call('GET', `/api/v1/cases/${id}`, { auth: worker });
  const esc = await http.call('POST', `/api/v1/cases/${id}/actions/escalate`, {
    auth: worker,
    json: { note: '需街道城管办维修', version: mine.body.version },
  });
  check(esc.status === 200, `the grid worker escalates it (through ${esc.instance})`);
  const depts = await http.call('GET', '/api/v1/departments?tier=township', { auth: centre });
  const cgb = (depts.body.items as { id: number; code: string; regionCode: string }[]).find(
    (d) => d.code === 'urban_management_office' && d.regionCode === '211122001',
  )!;
  await http.steerTo('app2');
  const sentAt = Date.now();
  const dis = await http.call('POST', `/api/v1/cases/${id}/actions/dispatch`, {
    auth: centre,
    json: { departmentId: cgb.id, note: '请城管办维修' },
  });
  check(
    dis.status === 200 && dis.instance === 'app2',
    `the centre's dispatch answered by app2 (${dis.status}, ${dis.instance})`,
  );
  seen.add(dis.instance!);
  const ev = await stream.next((e) => e.data?.caseId === id);
  const liveEventMs = Date.now() - sentAt;
  check(
    true,
    `the office's stream on app3 got "${ev.type}" for the case ${liveEventMs} ms after the dispatch`,
  );
  seen.add(stream.instance!);

  // a sign-out through app1 ends the stream held by app3 (NOTIFY, heard by app3's LISTEN)
  const otherStream = await (async () => {
    await http.steerTo('app3');
    return openSse(base, worker);
  })();
  await http.steerTo('app1');
  const out = await http.call('POST', '/api/v1/auth/logout', { auth: worker });
  check(
    out.status < 300 && out.instance === 'app1',
    `the grid worker signs out through app1 (${out.status})`,
  );
  await otherStream.next((e) => e.type === 'session-ended', 10_000);
  check(otherStream.instance === 'app3', 'the stream app3 held for that session ended at once');

  // the sign-in limit (10 a minute per address and account) holds across the three instances
  const answers: { status: number; instance: string | null }[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await http.call('POST', '/api/v1/auth/login', {
      json: { username: 'township', password: 'wrong-password' },
    });
    answers.push({ status: r.status, instance: r.instance });
  }
  const rateLimitedAt = answers.findIndex((a) => a.status === 429) + 1;
  check(
    new Set(answers.map((a) => a.instance)).size === 3,
    'the attempts were answered by all three instances',
  );
  check(
    answers.slice(0, 10).every((a) => a.status === 401) && answers.slice(10).every((a) => a.status === 429),
    `attempts 1–10 answered 401, 11 and 12 answered 429 (${answers.map((a) => a.status).join(' ')})`,
  );

  // the deadline sweep escalates an overdue case once, though three instances sweep
  await db
    .updateTable('cases')
    .set({ deadline_at: new Date(Date.now() - 60_000) })
    .where('id', '=', id)
    .execute();
  const swept = await waitFor(
    'a sweep to take the overdue case',
    async () => {
      const rows = await db
        .selectFrom('case_history')
        .select(['action'])
        .where('case_id', '=', id)
        .where('actor_account_id', 'is', null)
        .where('action', '!=', 'report')
        .execute();
      return rows.length ? rows : null;
    },
    75_000,
    500,
  );
  await sleep(3_000);
  const after = await db
    .selectFrom('case_history')
    .select(['action'])
    .where('case_id', '=', id)
    .where('actor_account_id', 'is', null)
    .where('action', '!=', 'report')
    .execute();
  check(
    after.length === 1,
    `the sweep acted on the case once across three instances (${swept!.map((r) => r.action).join(', ')})`,
  );

  // the outbox: every message delivered by exactly one instance (their logs, counted)
  await sleep(6_000);
  const byId = new Map<number, string[]>();
  for (const p of procs.list.filter((x) => ORDER.includes(x.name))) {
    for (const line of fs.readFileSync(p.log, 'utf8').split('\n')) {
      if (!line.includes('notification delivered (log channel)')) continue;
      const o = (JSON.parse(line) as { outbox: number }).outbox;
      byId.set(o, [...(byId.get(o) ?? []), p.name]);
    }
  }
  const twice = [...byId].filter(([, who]) => who.length > 1);
  const by = new Set([...byId.values()].flat());
  check(
    byId.size > 0 && twice.length === 0,
    `${byId.size} outbox messages delivered, each once (by ${[...by].join(', ')})`,
  );
  stream.close();
  otherStream.close();
  return {
    instancesAnswering: [...seen],
    liveEventMs,
    rateLimitedAt,
    outboxDelivered: byId.size,
    ...photos,
  };
}

/**
 * The photo uploaded through one instance is served by the other two with the very bytes sent
 * (the original, to its uploader) and the same public copy by all three; its three blobs are in
 * the S3 store's directory, the public copy byte for byte; no instance has a media/ directory.
 */
async function photoEverywhere(
  http: Client,
  db: Db,
  store: { s3: S3Server; apps: Instance[] },
  p: { id: string; by: string; uploaded: Buffer; auth: string },
) {
  const others = ORDER.filter((n) => n !== p.by);
  for (const name of others) {
    await http.steerTo(name);
    const got = await http.bytes(`/api/v1/photos/${p.id}/original`, p.auth);
    check(
      got.status === 200 && got.instance === name && got.body.equals(p.uploaded),
      `${name} serves the photo uploaded through ${p.by}: the original's ${got.body.length} bytes equal those sent (${got.status})`,
    );
  }
  const publics: Buffer[] = [];
  for (const name of ORDER) {
    await http.steerTo(name);
    const got = await http.bytes(`/api/v1/photos/${p.id}/public`, p.auth);
    check(got.status === 200 && got.instance === name, `${name} serves its public copy (${got.status})`);
    publics.push(got.body);
  }
  const row = await db
    .selectFrom('case_photo')
    .select(['original_key', 'public_key', 'thumb_key'])
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  const keys = storedKeys(store.s3);
  check(
    [row.original_key, row.public_key, row.thumb_key].every((k) => keys.includes(k)),
    `the S3 store holds the photo's original, public copy and thumbnail (${keys.length} objects)`,
  );
  const inStore = fs.readFileSync(
    path.join(store.s3.dir, store.s3.bucket, `${row.public_key}._S3rver_object`),
  );
  check(
    publics.every((b) => b.equals(inStore)),
    `the three instances served the same public copy, byte for byte the store's (${inStore.length} bytes)`,
  );
  const local = store.apps.flatMap((a) => filesUnder(a.dataDir).map((f) => `${a.name}:${f}`));
  const media = local.filter((f) => f.split(':')[1]!.split(path.sep)[0] === 'media');
  check(
    media.length === 0,
    `nothing landed on the instances' disks: no media/ in their data directories (files there: ${local.join(', ') || 'none'})`,
  );
  return { photoServedBy: others, s3Objects: keys.length, localMediaFiles: media.length };
}
