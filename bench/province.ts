/**
 * `npm run bench:province`: a synthetic province slice. The demo county (铁岭县) is loaded, then
 * cloned set-based into BENCH_COUNTIES − 1 more counties (same tree of townships, villages and
 * grids, moved on the map so no two overlap), each with BENCH_CASES_PER_COUNTY cases and their
 * history generated with generate_series. The same requests — a village's and a township's case
 * list, the county dashboard, point → grid, report intake — are timed through the real app
 * (`app.inject`, the demo accounts of 铁岭县) with one county of cases and again with all of
 * them, and the ratio is written to the `province` section of docs/BENCHMARKS.md.
 * BENCH_DATABASE_URL uses a server instead of the embedded cluster.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { LocalBlobStore } from '../src/modules/photos/index.js';
import { rebuildRollup } from '../src/modules/indicators/compact.js';
import { createPii } from '../src/platform/crypto.js';
import { withIndexesDeferred } from '../src/platform/db/bulk.js';
import { createDb, withDatabase, type Db, type Tx } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { maintainPartitions } from '../src/platform/db/partitions.js';
import { createLogger } from '../src/platform/logging.js';
import { buildApp } from '../src/server/app.js';
import { makeContext } from '../src/server/bootstrap.js';
import { fmt, machineLine, quantile } from './machine.js';
import { writeSection } from './sections.js';

const COUNTIES = Number(process.env.BENCH_COUNTIES ?? 10);
const PER_COUNTY = Number(process.env.BENCH_CASES_PER_COUNTY ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const INTAKE = Number(process.env.BENCH_INTAKE ?? 100);
/** the demo's scale for 铁岭县 (1: ≈300,000 residents), whose population every county gets a copy of */
const SCALE = Number(process.env.BENCH_SCALE ?? 0.01);
const HOME = '211221';
const NAME = 'wangge_bench_province';
const PASSWORD = 'bench-password-1';
const log = (s: string) => process.stdout.write(`${s}\n`);
const secs = (t0: number) => (performance.now() - t0) / 1000;
/** synthetic county codes under 铁岭市 (2112): 211281 … */
const countyCodes = Array.from({ length: COUNTIES - 1 }, (_, k) => `2112${81 + k}`);

const dataDir = process.env.BENCH_DATABASE_URL
  ? null
  : fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-prov-'));
const embedded = dataDir ? await startEmbeddedPostgres({ dataDir }) : null;
const serverUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
const url = withDatabase(serverUrl, NAME);
const { db } = createDb(url, 6);
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-media-'));
const t00 = performance.now();
try {
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
  const version = (await sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`.execute(db))
    .rows[0]!.v;
  log(`the demo at scale ${SCALE} …`);
  const td = performance.now();
  await loadDemo(db, createPii(Buffer.alloc(32, 1)), { scale: SCALE, password: PASSWORD });
  const demoSecs = secs(td);
  const tc = performance.now();
  for (const [k, code] of countyCodes.entries()) await cloneCounty(db, code, k);
  const cloneSecs = secs(tc);
  const tp = performance.now();
  await db.transaction().execute((tx) =>
    withIndexesDeferred(tx, ['household', 'resident'], async () => {
      for (const [k, code] of countyCodes.entries()) await clonePopulation(tx, code, k);
    }),
  );
  await sql`ANALYZE household, resident`.execute(db);
  const populationSecs = secs(tp);
  const people = (
    await sql<{ households: number; residents: number }>`
      SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM resident)::int AS residents`.execute(
      db,
    )
  ).rows[0]!;
  log(
    `${fmt(people.households)} households, ${fmt(people.residents)} residents (copied in ${populationSecs.toFixed(1)} s)`,
  );
  const grids = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM region WHERE level = 'grid'`.execute(db))
      .rows[0]!.n,
  );
  log(`${COUNTIES} counties, ${fmt(grids)} grids (cloned in ${cloneSecs.toFixed(1)} s)`);

  const now = new Date();
  const tg1 = performance.now();
  const home = await generate(db, HOME, now);
  const gen1 = secs(tg1);
  await maintainPartitions(db, now);
  await sql`ANALYZE`.execute(db);
  const { ctx } = await makeContext(db, url, {
    pii: createPii(Buffer.alloc(32, 1)),
    log: createLogger('silent'),
    media: new LocalBlobStore(mediaDir),
  });
  const app = await buildApp(ctx, { logLevel: 'silent' });
  const tokens = new Map<string, string>();
  for (const u of ['village', 'township', 'county', 'resident']) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u, password: PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`login ${u}: ${r.statusCode} ${r.body}`);
    tokens.set(u, `Bearer ${r.json<{ token: string }>().token}`);
  }
  const get = async (who: string, u: string) => {
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1${u}`,
      headers: { authorization: tokens.get(who)! },
    });
    if (r.statusCode !== 200) throw new Error(`${u} as ${who}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  };
  const spot = await insidePoint(db, ctx.grids);
  const category = 'E0102'; // 暴露垃圾: no extra questions
  let n = 0;
  const intake = async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: tokens.get('resident')! },
      payload: { categoryCode: category, description: `省级基准 ${n++}`, lat: spot.lat, lng: spot.lng },
    });
    if (r.statusCode !== 201) throw new Error(`intake: ${r.statusCode} ${r.body.slice(0, 300)}`);
  };
  const timed = async (f: () => Promise<unknown>, runs = RUNS) => {
    await f(); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    return ms.sort((a, b) => a - b);
  };
  const measure = async () => {
    const out: Record<string, number> = {};
    out.village = quantile(await timed(() => get('village', '/cases?limit=50')), 0.5);
    out.township = quantile(await timed(() => get('township', '/cases?limit=50')), 0.5);
    out.households = quantile(await timed(() => get('village', '/households?limit=50')), 0.5);
    out.residents = quantile(await timed(() => get('township', '/residents?careTag=disabled&limit=50')), 0.5);
    out.dashboard = quantile(await timed(() => get('county', '/indicators/dashboard?period=month')), 0.5);
    const lookups = 20_000;
    const tl = performance.now();
    for (let i = 0; i < lookups; i++) await ctx.grids.locate(spot.lng + (i % 7) * 1e-6, spot.lat);
    out.locatePerSec = lookups / secs(tl);
    const ti = performance.now();
    for (let i = 0; i < INTAKE; i++) await intake();
    out.intakePerSec = INTAKE / secs(ti);
    return out;
  };
  log('measuring with one county of cases …');
  await measure(); // a whole pass to warm the app, the caches and the JIT: the first pass ran slower
  const one = await measure();
  log(JSON.stringify(one));

  const tg = performance.now();
  for (const code of countyCodes) await generate(db, code, now);
  const genRest = secs(tg);
  await sql`ANALYZE`.execute(db);
  const totals = (
    await sql<{ cases: number; history: number }>`
      SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_history)::int AS history`.execute(
      db,
    )
  ).rows[0]!;
  log(
    `measuring with ${COUNTIES} counties (${fmt(totals.cases)} cases, ${fmt(totals.history)} history rows) …`,
  );
  const ten = await measure();
  log(JSON.stringify(ten));
  await app.close();

  const row = (label: string, a: number, b: number, unit: string, digits = 0) =>
    `| ${label} | ${fmt(a, digits)} ${unit} | ${fmt(b, digits)} ${unit} | ${fmt(b / a, 2)} |`;
  writeSection(
    'docs/BENCHMARKS.md',
    'province',
    [
      `## A province slice: ${COUNTIES} counties`,
      '',
      `Measured by \`npm run bench:province\` on ${now.toISOString().slice(0, 10)}: ${machineLine(version)} (2 cores, shared with other helpers' test runs: load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end; compare within the run). Whole run ${fmt(secs(t00) / 60, 1)} min.`,
      '',
      `The demo county 铁岭县 (scale ${SCALE}, loaded in ${fmt(demoSecs, 1)} s) cloned set-based into ${COUNTIES - 1} more counties (the same townships, villages and grids, moved on the map): ${fmt(grids)} grids in ${fmt(cloneSecs, 1)} s; 铁岭县's households and residents copied into each (their encrypted fields as they are, ids offset, the indexes built once after): ${fmt(people.households)} households and ${fmt(people.residents)} residents in all, in ${fmt(populationSecs, 1)} s. Each county gets ${fmt(PER_COUNTY)} cases over 13 months with their history (generate_series, the same shape as \`bench:indicators\`) and its indicator rollup: ${fmt(home.cases)} cases and ${fmt(home.history)} history rows for 铁岭县 in ${fmt(gen1, 1)} s, the other counties in ${fmt(genRest, 1)} s; at the end ${fmt(totals.cases)} cases and ${fmt(totals.history)} history rows in monthly partitions.`,
      '',
      "The same requests through the real app (`app.inject`, 铁岭县's demo accounts; p50 of " +
        `${RUNS} runs after a whole pass of warm-up; intake ${INTAKE} reports in a row), first with 铁岭县's cases only, then with every county's:`,
      '',
      '| request | 1 county | all counties | ratio |',
      '|---|---:|---:|---:|',
      row("village's case list (`GET /cases`, 村两委)", one.village!, ten.village!, 'ms'),
      row("township's case list (`GET /cases`, 街道)", one.township!, ten.township!, 'ms'),
      row("village's households (`GET /households`, 村两委)", one.households!, ten.households!, 'ms'),
      row(
        "township's disabled residents (`GET /residents?careTag=disabled`, 街道)",
        one.residents!,
        ten.residents!,
        'ms',
      ),
      row('county dashboard (`GET /indicators/dashboard`)', one.dashboard!, ten.dashboard!, 'ms'),
      row('point → grid (in-memory index, lookups/s)', one.locatePerSec!, ten.locatePerSec!, '/s'),
      row(
        'report intake (`POST /cases`, reports/s, one at a time)',
        one.intakePerSec!,
        ten.intakePerSec!,
        '/s',
      ),
      '',
      "A ratio near 1 means the request does not grow with the other counties: every scoped query filters on `county_code` first and the territory path, so the other counties' rows are never read (ADR 0002). Sizes are what this loaded machine generated within the time box; `BENCH_COUNTIES` and `BENCH_CASES_PER_COUNTY` scale it.",
    ].join('\n'),
  );
  log('written: docs/BENCHMARKS.md section province');
} finally {
  await db.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(mediaDir, { recursive: true, force: true });
}

/** A copy of 铁岭县's tree under `code`, shifted on the map (a 3 × 3 pattern of 0.7° steps). */
async function cloneCounty(db: Db, code: string, k: number) {
  const dx = ((k % 3) + 1) * 0.7;
  const dy = Math.floor(k / 3) * 0.7;
  const rows = await sql<{ code: string; geometry: unknown }>`
    SELECT code, geometry FROM region WHERE county_code = ${HOME} AND geometry IS NOT NULL`.execute(db);
  await sql`
    INSERT INTO region (code, parent_code, county_code, level, name, path, kind, min_lng, min_lat, max_lng, max_lat)
    SELECT ${code} || substr(code, 7),
           CASE WHEN level = 'county' THEN parent_code ELSE ${code} || substr(parent_code, 7) END,
           ${code}, level, CASE WHEN level = 'county' THEN '模拟县' || ${String(k + 1)} ELSE name END,
           text2ltree(replace(path::text, ${HOME}, ${code})), kind,
           min_lng + ${dx}, min_lat + ${dy}, max_lng + ${dx}, max_lat + ${dy}
      FROM region WHERE county_code = ${HOME}`.execute(db);
  const shift = (g: unknown): unknown =>
    Array.isArray(g) && typeof g[0] === 'number'
      ? [g[0] + dx, (g[1] as number) + dy]
      : Array.isArray(g)
        ? g.map(shift)
        : g;
  const moved = rows.rows.map((r) => {
    const geo = r.geometry as { coordinates: unknown };
    return { code: code + r.code.slice(6), geometry: { ...geo, coordinates: shift(geo.coordinates) } };
  });
  await sql`UPDATE region SET geometry = m.geometry
              FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) AS m (code text, geometry jsonb)
             WHERE region.code = m.code`.execute(db);
}

/**
 * 铁岭县's households and residents under county `code` (k-th copy): ids offset by (k + 1) × 10^8,
 * grid codes and paths moved to the copy's tree, no unit, no creator, no merge link.
 */
async function clonePopulation(tx: Tx, code: string, k: number) {
  const off = (k + 1) * 100_000_000;
  const moved: Record<string, string> = {
    id: `id + ${off}`,
    county_code: `'${code}'`,
    grid_code: `'${code}' || substr(grid_code, 7)`,
    grid_path: `text2ltree(replace(grid_path::text, '${HOME}', '${code}'))`,
    household_id: `household_id + ${off}`,
    unit_id: 'NULL',
    created_by: 'NULL',
    merged_into: 'NULL',
    client_request_id: 'NULL',
  };
  for (const table of ['household', 'resident']) {
    const { rows } = await sql<{ name: string }>`
      SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'
       ORDER BY ordinal_position`.execute(tx);
    const cols = rows.map((r) => r.name);
    const list = cols.map((c) => `"${c}"`).join(', ');
    const exprs = cols.map((c) => moved[c] ?? `"${c}"`).join(', ');
    await sql
      .raw(
        `INSERT INTO ${table} (${list}) OVERRIDING SYSTEM VALUE SELECT ${exprs} FROM ${table} WHERE county_code = '${HOME}'`,
      )
      .execute(tx);
  }
  if (k === COUNTIES - 2)
    for (const table of ['household', 'resident'])
      await sql
        .raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`)
        .execute(tx);
}

/** PER_COUNTY cases of `county` over 13 months, their history, and the county's rollup. */
async function generate(db: Db, county: string, now: Date): Promise<{ cases: number; history: number }> {
  await sql`
    WITH g AS (
      SELECT array_agg(code ORDER BY code) AS codes, array_agg(path ORDER BY code) AS paths, count(*)::int AS n
      FROM region WHERE county_code = ${county} AND level = 'grid'
    ), c AS (SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n FROM category WHERE active)
    INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, description,
                       grid_code, grid_path, tier_entered_at, reported_at, evaluation, deadline_at)
    SELECT ${county}, 'P' || i, (ARRAY['resident_app', 'patrol', 'hotline', 'enterprise'])[1 + i % 4],
           c.codes[1 + (i * 7) % c.n], 'closed', 'village', left(g.codes[1 + (i * 13) % g.n], 12), 'bench',
           g.codes[1 + (i * 13) % g.n], g.paths[1 + (i * 13) % g.n], t.at, t.at,
           (ARRAY['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'])[1 + i % 4], t.at + interval '5 days'
    FROM generate_series(1, ${PER_COUNTY}) i, g, c,
         LATERAL (SELECT ${now}::timestamptz - make_interval(secs => (abs(hashint4(i)) % (395 * 86400))) AS at) t`.execute(
    db,
  );
  const h = await sql`
    INSERT INTO case_history (county_code, case_id, at, action, from_state, to_state, tier, on_time)
    SELECT c.county_code, c.id, c.reported_at + make_interval(hours => s.h), s.action, s.f, s.t, 'village', s.on_time
    FROM cases c
    CROSS JOIN LATERAL (VALUES
      (0, 'report', NULL, 'reported', NULL::boolean), (1, 'file', 'reported', 'filed', true),
      (32, 'dispatch', 'filed', 'dispatched', true), (36, 'accept', 'dispatched', 'accepted', true),
      (60, 'handle', 'accepted', 'handled', true), (72, 'close', 'handled', 'closed', (c.id % 10) < 9)
    ) s (h, action, f, t, on_time)
    WHERE c.county_code = ${county} AND c.description = 'bench' AND c.reported_at + make_interval(hours => s.h) <= ${now}`.execute(
    db,
  );
  await sql`UPDATE cases SET state = 'accepted'
    WHERE county_code = ${county} AND description = 'bench' AND reported_at > ${now}::timestamptz - interval '3 days'`.execute(
    db,
  );
  // statistics of the new county's rows first: planned on the counties before it, the rebuild's join
  // ran for minutes instead of seconds
  await sql`ANALYZE cases, case_history`.execute(db);
  await rebuildRollup(db, county);
  return { cases: PER_COUNTY, history: Number(h.numAffectedRows ?? 0) };
}

/** A point inside the resident's grid: the grid's bounding-box centre, nudged until the index agrees. */
async function insidePoint(db: Db, grids: { locate(lng: number, lat: number): Promise<string | null> }) {
  const g = await db
    .selectFrom('account')
    .innerJoin('region', 'region.code', 'account.scope_code')
    .select(['region.code', 'min_lng', 'min_lat', 'max_lng', 'max_lat'])
    .where('username', '=', 'resident')
    .executeTakeFirstOrThrow();
  for (let i = 1; i < 400; i++) {
    const lng = g.min_lng! + ((g.max_lng! - g.min_lng!) * ((i * 37) % 97)) / 97;
    const lat = g.min_lat! + ((g.max_lat! - g.min_lat!) * ((i * 53) % 89)) / 89;
    if ((await grids.locate(lng, lat)) === g.code) return { lng, lat };
  }
  throw new Error('no point found inside the resident’s grid');
}
