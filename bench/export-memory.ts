/**
 * `npm run bench:export`: the case list's Excel export (`GET /cases/export.xlsx`) of a synthetic
 * county with BENCH_CASES cases (default 250,000) through the real server, started as its own
 * process (`wangge serve`) so that its peak resident memory (VmHWM) is the export's alone. Measured,
 * in the same run: a tenth of the rows and all of them (each on a fresh server), and the same rows
 * written the way an unstreamed route would (every row read, one in-memory workbook, one buffer).
 * Writes the `export-memory` section of docs/BENCHMARKS.md. BENCH_DATABASE_URL uses a server
 * instead of the embedded cluster. Linux (reads /proc/<pid>/status).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { createPii } from '../src/platform/crypto.js';
import { freePort, startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { createDb, withDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { memoryOf } from './export-buffered.js';
import { fmt, machineLine } from './machine.js';
import { writeSection } from './sections.js';

const CASES = Number(process.env.BENCH_CASES ?? 250_000);
const COUNTY = '211221';
const NAME = 'wangge_bench_export';
const PASSWORD = 'bench-password-1';
const KEY = '01'.repeat(32);
const DAYS = 365;
const log = (s: string) => process.stdout.write(`${s}\n`);
const mb = (kb: number) => kb / 1024;

/** Cases spread over the county's grids and the last year, with descriptions and addresses of a real length. */
async function generateCases(db: Db, now: Date) {
  await sql`
    WITH g AS (
      SELECT array_agg(code ORDER BY code) AS codes, array_agg(path ORDER BY code) AS paths, count(*)::int AS n
      FROM region WHERE county_code = ${COUNTY} AND level = 'grid'
    ), c AS (
      SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n FROM category WHERE active
    ), d AS (
      SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM department WHERE county_code = ${COUNTY}
    )
    INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, description, address,
                       grid_code, grid_path, tier_entered_at, reported_at, closed_at, evaluation, department_id,
                       deadline_at)
    SELECT ${COUNTY}, 'X' || i,
           (ARRAY['resident_app', 'patrol', 'hotline', 'grassroots_request'])[1 + i % 4],
           c.codes[1 + (i * 7) % c.n], 'closed', 'village', left(g.codes[1 + (i * 13) % g.n], 12),
           '第' || i || '号：' || (ARRAY['小区门口路灯不亮，晚上出行很不方便，老人孩子容易摔倒，请尽快维修。',
                                         '楼道堆放杂物堵塞消防通道，多次劝说无效，存在安全隐患，请网格员协调处理。',
                                         '排水沟堵塞，下雨后积水漫到路面，车辆和行人通行困难，希望尽快疏通。'])[1 + i % 3],
           '铁岭县某镇某村' || (i % 12 + 1) || '组' || (i % 90 + 1) || '号',
           g.codes[1 + (i * 13) % g.n], g.paths[1 + (i * 13) % g.n], t.at, t.at, t.at + interval '2 days',
           (ARRAY['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'])[1 + i % 4],
           CASE WHEN d.n > 0 THEN d.ids[1 + (i * 3) % d.n] END, t.at + interval '5 days'
    FROM generate_series(1, ${CASES}) i, g, c, d,
         LATERAL (SELECT ${now}::timestamptz - make_interval(secs => (abs(hashint4(i)) % (${DAYS} * 86400))) AS at) t`.execute(
    db,
  );
}

/** Starts `wangge serve` on the bench database; resolves when it answers. */
async function startServer(
  databaseUrl: string,
  dataDir: string,
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WANGGE_NO_DEMO: '1',
      WANGGE_SECRET_KEY: KEY,
      WANGGE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, base };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

type Run = { rows: number; bytes: number; secs: number; idle: number; peak: number };

/** One export on a fresh server: its memory after a warm-up, then the peak through the export. */
async function exportRun(databaseUrl: string, dataDir: string, db: Db, query: string): Promise<Run> {
  const { child, base } = await startServer(databaseUrl, dataDir);
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county', password: PASSWORD }),
    });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    // warm-up: the route, its schemas and a small export loaded once
    for (const url of ['/api/v1/cases?limit=50', '/api/v1/cases/export.xlsx?state=reported'])
      await (await fetch(`${base}${url}`, { headers: auth })).arrayBuffer();
    const idle = memoryOf(child.pid!).rss;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/cases/export.xlsx?${query}`, { headers: auth });
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
    const secs = (performance.now() - t0) / 1000;
    const peak = memoryOf(child.pid!).peak;
    const audit = await sql<{ rows: string }>`
      SELECT after->>'rows' AS rows FROM audit_log WHERE action = 'case.export' ORDER BY id DESC LIMIT 1`.execute(
      db,
    );
    return { rows: Number(audit.rows[0]!.rows), bytes, secs, idle, peak };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** The unstreamed way, in a process of its own: every row read, one workbook in memory, one buffer. */
async function bufferedRun(databaseUrl: string): Promise<{ rows: number; bytes: number; peak: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/export-buffered.ts', databaseUrl, COUNTY],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const [code, signal] = await new Promise<[number | null, string | null]>((r) =>
    child.once('exit', (c, sig) => r([c, sig])),
  );
  if (code !== 0) throw new Error(`buffered export exited with ${code ?? signal}`);
  return JSON.parse(out.trim().split('\n').pop()!) as { rows: number; bytes: number; peak: number };
}

if (process.argv[1]?.endsWith('export-memory.ts')) await main();

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-export-'));
  const embedded = process.env.BENCH_DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
  const serverUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
  const url = withDatabase(serverUrl, NAME);
  const { db } = createDb(url, 4);
  try {
    await migrateToLatest(db as never);
    await ensureReferenceData(db);
    const version = (await sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`.execute(db))
      .rows[0]!.v;
    log('territory (demo at scale 0.01) …');
    await loadDemo(db, createPii(Buffer.from(KEY, 'hex')), { scale: 0.01, password: PASSWORD });
    const now = new Date();
    log(`${fmt(CASES)} cases …`);
    await generateCases(db, now);
    await sql`ANALYZE`.execute(db);
    const tenth = new Date(now.getTime() - (DAYS / 10) * 86_400_000).toISOString();
    log('export of a tenth …');
    const small = await exportRun(url, dataDir, db, `from=${encodeURIComponent(tenth)}`);
    log(`  ${fmt(small.rows)} rows, peak ${fmt(mb(small.peak))} MB`);
    log('export of all …');
    const all = await exportRun(url, dataDir, db, '');
    log(`  ${fmt(all.rows)} rows, peak ${fmt(mb(all.peak))} MB`);
    log('unstreamed, all …');
    const buffered = await bufferedRun(url);
    log(`  ${fmt(buffered.rows)} rows, peak ${fmt(mb(buffered.peak))} MB`);
    const row = (label: string, r: Run) =>
      `| ${label} | ${fmt(r.rows)} | ${fmt(r.bytes / 1_048_576, 1)} MB | ${fmt(r.secs, 1)} s | ${fmt(r.rows / r.secs)} | ${fmt(mb(r.idle))} MB | ${fmt(mb(r.peak))} MB | ${fmt(mb(r.peak - r.idle))} MB |`;
    const growth = (all.peak - all.idle) / Math.max(1, small.peak - small.idle);
    writeSection(
      'docs/BENCHMARKS.md',
      'export-memory',
      [
        '## Excel export: memory of a streamed year',
        '',
        `Measured by \`npm run bench:export\` on ${now.toISOString().slice(0, 10)}: ${machineLine(version)} (2 cores, shared with other work: compare within the run).`,
        '',
        `A synthetic 铁岭县 (the demo territory at scale 0.01) with ${fmt(CASES)} closed cases reported over the last ${DAYS} days (descriptions and addresses of a real length), exported by the county official through \`GET /api/v1/cases/export.xlsx\` of the real server (\`wangge serve\` as its own process, a fresh one for each export, the body read by \`fetch\` as it comes). Memory is the server process's resident set: after a warm-up (a page of the list and a small export) and its peak (VmHWM) at the end of the export.`,
        '',
        '| export | rows | file | time | rows/s | after warm-up | peak | peak − warm-up |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        row('the last tenth of the year (`from=`)', small),
        row('the whole year', all),
        `| unstreamed: every row read, one in-memory workbook, one buffer (bench/export-buffered.ts) | ${fmt(buffered.rows)} | ${fmt(buffered.bytes / 1_048_576, 1)} MB | | | | ${fmt(mb(buffered.peak))} MB | |`,
        '',
        `${fmt(all.rows / Math.max(1, small.rows), 1)}× the rows took ${fmt(growth, 2)}× the memory above the warm-up; the streamed year peaked at ${fmt(all.peak / buffered.peak, 2)} of the unstreamed peak (a process doing only the export, no server). The export reads 1,000 rows at a time through a server-side cursor and writes them into exceljs's streaming writer, waiting after each batch for exceljs's zip and then the client when they are slower (src/platform/lists/xlsx.ts \`paced\`). Before the wait for the zip (2026-12-06, same script) the sheet's XML piled up between the sheet and the zip: the year took 193 MB above the warm-up, 3.12× the tenth. What still grows with the rows is not explained yet (V8 collecting lazily is the likely cause; not profiled).`,
      ].join('\n'),
    );
    log('wrote docs/BENCHMARKS.md (export-memory)');
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
