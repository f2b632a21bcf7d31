/**
 * `npx tsx bench/demo-load.ts`: loads the demo county into a throwaway embedded PostgreSQL and
 * reports where the time goes — seconds per stage (the load report's), the slowest statements with
 * their stage, the number of round trips per stage, and the load average before and after (the
 * machine is shared: a figure without its load average means little). Writes the `demo-load`
 * section of docs/BENCHMARKS.md unless BENCH_WRITE=0. BENCH_SCALE sets the scale (default 1),
 * BENCH_LABEL names the row (default the commit);
 * BENCH_KEEP=1 keeps the loaded database up (its URL printed) for EXPLAIN ANALYZE until stopped.
 * The cluster runs with the county server's settings (`serverSettings()`); BENCH_PG="name=value,…"
 * overrides them (to compare settings in turn, e.g. initdb's: BENCH_PG="shared_buffers=128MB,
 * max_wal_size=1GB,checkpoint_timeout=5min,wal_buffers=-1").
 * Besides CPU, each stage's WAL volume is reported, and the whole load's WAL records, full-page
 * images and checkpoints (a checkpoint during the load makes every page written after it log a
 * full-page image again).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDemo } from '../src/modules/demo/load.js';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { createPii } from '../src/platform/crypto.js';
import { createDb, withDatabase } from '../src/platform/db/database.js';
import { serverSettings, startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { fmt, machineLine } from './machine.js';
import { clusterCpu, nodeCpu, postmasterPid } from './proc-cpu.js';
import { writeSection } from './sections.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const log = (s: string) => process.stdout.write(`${s}\n`);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

// every statement timed, with the stage it ran in (the progress callback and the stage laps name it)
type Timed = { ms: number; stage: string; text: string };
const slow: Timed[] = [];
const trips = new Map<string, number>();
let stage = 'start';
const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
  const t0 = performance.now();
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
  const at = stage;
  trips.set(at, (trips.get(at) ?? 0) + 1);
  const out = original.apply(this, args) as Promise<unknown> | undefined;
  const done = () => {
    const ms = performance.now() - t0;
    if (ms > 200) slow.push({ ms, stage: at, text: text.replace(/\s+/g, ' ').slice(0, 110) });
  };
  if (out && typeof out.then === 'function') out.then(done, done);
  return out;
} as never;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-demo-bench-'));
const extra = Object.fromEntries(
  (process.env.BENCH_PG ?? '')
    .split(',')
    .filter((kv) => kv.includes('='))
    .map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1).trim()]),
);
// the settings a county's server runs with (openDatabase), then BENCH_PG's
const embedded = await startEmbeddedPostgres({ dataDir, settings: { ...serverSettings(), ...extra } });
try {
  const url = withDatabase(embedded.url, 'wangge_demo_bench');
  const admin = new pg.Client({ connectionString: withDatabase(embedded.url, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE wangge_demo_bench TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const { db, pool } = createDb(url, 4);
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
  // CPU seconds of Node and of the PostgreSQL cluster per progress stage: the wall clock of a shared
  // machine says little, the CPU the load itself used says what the code costs
  const postmaster = postmasterPid(embedded.clusterDir);
  const cpu = new Map<string, { node: number; pg: number }>();
  let cpuAt = { node: nodeCpu(), pg: clusterCpu(postmaster) };
  // WAL written per stage: the insert position read on a connection of its own at each lap (the
  // statement is not counted among the load's round trips)
  const walClient = new pg.Client({ connectionString: url });
  await walClient.connect();
  const walQuery = (text: string) =>
    (original.call(walClient, text) as Promise<pg.QueryResult>).then(
      (r) => r.rows[0] as Record<string, string>,
    );
  const lsn = () =>
    walQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn AS b").then((r) => Number(r.b));
  // the cluster's WAL and checkpoint counters from here (the migrations' are not the load's)
  await walQuery(`SELECT pg_stat_reset_shared('wal'), pg_stat_reset_shared('checkpointer')`);
  const walLaps: [string, Promise<number>][] = [['start', lsn()]];
  const cpuLap = (name: string) => {
    const now = { node: nodeCpu(), pg: clusterCpu(postmaster) };
    const prev = cpu.get(name) ?? { node: 0, pg: 0 };
    cpu.set(name, { node: prev.node + now.node - cpuAt.node, pg: prev.pg + now.pg - cpuAt.pg });
    cpuAt = now;
    walLaps.push([name, lsn()]);
  };
  const before = load();
  log(`demo load at scale ${scale}, load average ${before} …`);
  const t0 = performance.now();
  const report = await loadDemo(db, createPii(Buffer.alloc(32, 1)), {
    scale,
    password: 'bench-password-1',
    progress: (s) => {
      stage = s;
    },
    lapped: cpuLap,
  });
  const seconds = (performance.now() - t0) / 1000;
  const after = load();
  await pool.end();
  if (!report) throw new Error('demo already loaded');
  const wal = new Map<string, number>();
  let walAt = await walLaps[0]![1];
  for (const [name, at] of walLaps.slice(1)) {
    const b = await at;
    wal.set(name, (wal.get(name) ?? 0) + (b - walAt) / 2 ** 20);
    walAt = b;
  }
  await new Promise((r) => setTimeout(r, 1500)); // the ended backends' statistics reach the counters
  const walStats = await walQuery(
    `SELECT w.wal_records, w.wal_fpi, pg_size_pretty(w.wal_bytes) AS wal_bytes, w.wal_buffers_full,
            c.num_timed, c.num_requested, c.buffers_written,
            (SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings
              WHERE name IN ('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_buffers',
                             'wal_compression', 'maintenance_work_mem', 'max_parallel_maintenance_workers')) AS settings
       FROM pg_stat_wal w, pg_stat_checkpointer c`,
  ).catch((e: Error) => ({ error: e.message }));
  await walClient.end();
  const stages = Object.entries(report.stages);
  log(`whole load ${seconds.toFixed(1)} s, load average ${before} → ${after}`);
  log(stages.map(([k, v]) => `${k} ${v}`).join(', '));
  const cpuRows = [...cpu];
  const sum = (f: (c: { node: number; pg: number }) => number) => cpuRows.reduce((a, [, c]) => a + f(c), 0);
  log(
    `CPU seconds (Node + PostgreSQL) by stage: ${cpuRows.map(([k, c]) => `${k} ${c.node.toFixed(1)}+${c.pg.toFixed(1)}`).join(', ')}; ` +
      `total ${sum((c) => c.node).toFixed(1)}+${sum((c) => c.pg).toFixed(1)}`,
  );
  log(`WAL MB by stage: ${[...wal].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  log(`WAL and checkpoints: ${JSON.stringify(walStats)}`);
  log(`round trips: ${[...trips].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log('slowest statements:');
  for (const s of slow.sort((a, b) => b.ms - a.ms).slice(0, 25))
    log(`  ${(s.ms / 1000).toFixed(2)} s  [${s.stage}]  ${s.text}`);
  if (process.env.BENCH_WRITE !== '0') {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
    const label = process.env.BENCH_LABEL ?? commit;
    writeSection(
      'docs/BENCHMARKS.md',
      `demo-load-${String(scale).replace('.', '_')}`,
      [
        `## Demo load, scale ${scale} (\`npx tsx bench/demo-load.ts\`)`,
        '',
        `${new Date().toISOString().slice(0, 10)}, ${machineLine()}, embedded PostgreSQL in a fresh directory. ` +
          `Label ${label}; load average (1, 5, 15 min) ${before} at the start, ${after} at the end.`,
        '',
        '| whole load | ' + stages.map(([k]) => k).join(' | ') + ' |',
        '|---:|' + stages.map(() => '---:').join('|') + '|',
        `| ${fmt(seconds, 1)} s | ` + stages.map(([, v]) => fmt(v, 1)).join(' | ') + ' |',
        '',
        'CPU seconds by stage (Node + PostgreSQL backends):',
        '',
        '| stage | Node | PostgreSQL |',
        '|---|---:|---:|',
        ...cpuRows.map(([k, c]) => `| ${k} | ${fmt(c.node, 1)} | ${fmt(c.pg, 1)} |`),
        `| total | ${fmt(
          sum((c) => c.node),
          1,
        )} | ${fmt(
          sum((c) => c.pg),
          1,
        )} |`,
        '',
        `${fmt(report.residents)} residents, ${fmt(report.households)} households, ${fmt(report.grids)} grids.`,
        '',
        `WAL and checkpoints during the load: ${JSON.stringify(walStats)}.`,
      ].join('\n'),
    );
  }
  if (process.env.BENCH_KEEP === '1') {
    // the loaded database stays up for EXPLAIN ANALYZE of the seeds' statements until the process is stopped
    log(`kept: ${url}`);
    await new Promise(() => {});
  }
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  // as root the cluster lives outside the data dir (/var/lib/wangge/<hash>): 3 GB per run at scale 1
  if (!embedded.clusterDir.startsWith(dataDir))
    fs.rmSync(path.dirname(embedded.clusterDir), { recursive: true, force: true });
}
