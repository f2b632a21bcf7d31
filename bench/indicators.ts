/**
 * `npm run bench:indicators`: the county dashboard on a synthetic county of BENCH_CASES cases
 * (default 1,000,000) over 13 months, from the rollup and from scratch, in the same run; writes
 * the `indicators` section of docs/BENCHMARKS.md. BENCH_DATABASE_URL uses a server instead of
 * the embedded cluster.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { Catalogue } from '../src/modules/indicators/catalogue.js';
import { rebuildRollup } from '../src/modules/indicators/compact.js';
import { DASHBOARD_CODES, dashboard } from '../src/modules/indicators/dashboard.js';
import { windowOf } from '../src/modules/indicators/periods.js';
import { breakdown, dayOfNow, series, values } from '../src/modules/indicators/service.js';
import { rollupFigures, scratchFigures } from '../src/modules/indicators/sources.js';
import { createPii } from '../src/platform/crypto.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { createDb, withDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { INDICATOR_SOURCES } from '../src/server/indicators.js';
import { bulkLoad, COUNTY, generateCases, generateHistory } from './indicators-data.js';
import { fmt, machineLine, quantile } from './machine.js';
import { writeSection } from './sections.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
/** runs of the computation from scratch (each reads every history row: minutes at a million cases) */
const SCRATCH_RUNS = Number(process.env.BENCH_SCRATCH_RUNS ?? 3);
/**
 * BENCH_PHASE: `generate` builds the county and keeps it (in BENCH_DATA_DIR, which then stays),
 * `measure` rebuilds the rollup of a kept county (after migrating it to the latest schema) and
 * times it; both (the default) in one run, dropping the database at the end.
 */
const PHASE = process.env.BENCH_PHASE ?? 'all';
const KEEP = PHASE !== 'all';
const NAME = 'wangge_bench_indicators';
const log = (s: string) => process.stdout.write(`${s}\n`);
const secs = (t0: number) => (performance.now() - t0) / 1000;

const dataDir = process.env.BENCH_DATABASE_URL
  ? null
  : (process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-ind-')));
if (KEEP && !process.env.BENCH_DATABASE_URL && !process.env.BENCH_DATA_DIR)
  throw new Error('BENCH_PHASE needs BENCH_DATA_DIR (or BENCH_DATABASE_URL) to keep the county between runs');
const embedded = dataDir ? await startEmbeddedPostgres({ dataDir }) : null;
const serverUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
await admin.connect();
if (PHASE !== 'measure') {
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
}
const { db } = createDb(withDatabase(serverUrl, NAME), 4);
try {
  await migrateToLatest(db as never);
  const version = (await sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`.execute(db))
    .rows[0]!.v;
  if (PHASE !== 'measure') await generate(db);
  const meta = (
    await sql<Meta>`
      SELECT * FROM bench_indicators_meta`.execute(db)
  ).rows[0]!;
  if (PHASE !== 'generate') await measure(db, version, meta);
} finally {
  await db.destroy();
  if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
  if (dataDir && !KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
}

type Meta = {
  now: Date;
  cases: string;
  history_rows: string;
  cases_secs: number;
  history_secs: number;
  build_secs?: number | null;
};

/** Rebuilds the rollup, times the dashboard from it and from scratch, writes the section. */
async function measure(db: Db, version: string, meta: Meta) {
  const now = meta.now;
  const [casesSecs, historySecs, historyRows] = [
    meta.cases_secs,
    meta.history_secs,
    Number(meta.history_rows),
  ];
  if (Number(meta.cases) !== CASES) throw new Error(`the kept county has ${meta.cases} cases, not ${CASES}`);
  // the rollup built set-based from the whole history in one statement (migrations 0108, 0205);
  // folding millions of pending rows batch by batch ran ~4,000 history rows a second.
  // BENCH_REBUILD=0 keeps the rollup a previous measure phase built (and its time).
  await sql`ALTER TABLE bench_indicators_meta ADD COLUMN IF NOT EXISTS build_secs float8`.execute(db);
  let buildSecs = meta.build_secs ?? NaN;
  if (process.env.BENCH_REBUILD !== '0' || meta.build_secs == null) {
    const t2 = performance.now();
    await rebuildRollup(db, COUNTY);
    buildSecs = secs(t2);
    await sql`UPDATE bench_indicators_meta SET build_secs = ${buildSecs}`.execute(db);
    await sql`VACUUM ANALYZE`.execute(db);
  }
  log(`rollup built in ${buildSecs.toFixed(1)} s`);
  const rollupRows = Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM case_rollup`.execute(db)).rows[0]!.n,
  );
  const monthRows = Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM case_rollup_month`.execute(db)).rows[0]!.n,
  );
  log(
    `generated: cases ${casesSecs.toFixed(1)} s, history ${historySecs.toFixed(1)} s, rollup ${buildSecs.toFixed(1)} s, ${rollupRows} day and ${monthRows} month rollup rows`,
  );

  const catalogue = new Catalogue(INDICATOR_SOURCES);
  const region = await db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', COUNTY)
    .executeTakeFirstOrThrow();
  const node = { countyCode: COUNTY, code: region.code, path: region.path, childLength: 9 };
  const today = dayOfNow(now);
  const w = windowOf('month', undefined, today);
  const run = async (figures: typeof rollupFigures, times: number) => {
    const ms: number[] = [];
    let last: unknown;
    for (let i = 0; i < times; i++) {
      const t = performance.now();
      last = await dashboard({ db, catalogue, figures: figures(db), now }, node, 'month', w);
      ms.push(performance.now() - t);
    }
    return { ms: ms.sort((a, b) => a - b), last };
  };
  await run(rollupFigures, 3); // warm-up
  const fromRollup = await run(rollupFigures, 20);
  log(`rollup: p50 ${quantile(fromRollup.ms, 0.5).toFixed(0)} ms`);
  const fromScratch = await run(scratchFigures, SCRATCH_RUNS);
  log(`scratch: p50 ${quantile(fromScratch.ms, 0.5).toFixed(0)} ms`);
  const same = JSON.stringify(fromRollup.last) === JSON.stringify(fromScratch.last);
  if (!same)
    for (const [k, v] of Object.entries(fromRollup.last as object))
      if (JSON.stringify(v) !== JSON.stringify((fromScratch.last as Record<string, unknown>)[k]))
        log(
          `differs: ${k}\n  rollup  ${JSON.stringify(v).slice(0, 600)}\n  scratch ${JSON.stringify((fromScratch.last as Record<string, unknown>)[k]).slice(0, 600)}`,
        );
  // where the dashboard's time goes: each of its parts alone, from the rollup (median of 5)
  const c = { db, catalogue, figures: rollupFigures(db), now };
  const parts: Array<[string, () => Promise<unknown>]> = [
    ['headline values with 环比 and 同比', () => values(c, node, 'month', w, DASHBOARD_CODES)],
    ['12-month trend', () => series(c, node, 'month', w, ['case.reported', 'case.closed'], 12)],
    ['townships: reported', () => breakdown(c, node, w, 'case.reported', 'region')],
    ['townships: closure rate', () => breakdown(c, node, w, 'case.closure_rate', 'region')],
    ['townships: on-time closure rate', () => breakdown(c, node, w, 'case.on_time_closure_rate', 'region')],
    ['townships: overdue now', () => breakdown(c, node, w, 'case.overdue_now', 'region')],
    ['by category', () => breakdown(c, node, w, 'case.reported', 'category')],
    [
      'by department: on-time closure',
      () => breakdown(c, node, w, 'case.on_time_closure_rate', 'department'),
    ],
  ];
  const partMs: Array<[string, number]> = [];
  for (const [name, f] of parts) {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    partMs.push([
      name,
      quantile(
        ms.sort((a, b) => a - b),
        0.5,
      ),
    ]);
    log(`part ${name}: ${quantile(ms, 0.5).toFixed(0)} ms`);
  }
  const r50 = quantile(fromRollup.ms, 0.5);
  const r95 = quantile(fromRollup.ms, 0.95);
  const s50 = quantile(fromScratch.ms, 0.5);
  writeSection(
    'docs/BENCHMARKS.md',
    'indicators',
    [
      '## Indicators: the county dashboard on one million cases',
      '',
      `Measured by \`npm run bench:indicators\` on ${today}: ${machineLine(version)} (2 cores, shared with other work: load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end; compare within the run).`,
      '',
      `A synthetic 铁岭县 (the demo territory, 1,315 grids) with ${fmt(CASES)} cases reported over 13 months and ${fmt(historyRows)} history rows (report, filing, dispatch, acceptance, handling, closure, evaluation, with escalations, returns, rework, delays, late closures, duplicates and refusals), generated set-based with \`generate_series\` as a bulk load (bench/indicators-data.ts: the tables' secondary indexes dropped and built again at the end, the history triggers off — the rollup is rebuilt from the whole history after): cases ${fmt(casesSecs, 1)} s, history ${fmt(historySecs, 1)} s (one statement per month), then the indexes built again. The rollup built from the whole history set-based in one statement ${fmt(buildSecs, 1)} s (\`rebuild_case_rollup\`, migrations 0108 and 0205: already compacted, both levels): ${fmt(rollupRows)} day rows (${fmt(rollupRows / historyRows, 2)} per history row: every dimension for the county and its townships, villages in total only) and ${fmt(monthRows)} month rows (the same per month); then \`VACUUM ANALYZE\` (what autovacuum does after a bulk insert: the lookups are index-only scans).`,
      '',
      "The dashboard is `GET /indicators/dashboard` for the county and this month: 12 headline values each with 环比 and 同比, today's intake and closures, a 12-month trend, every township's intake, closure rate, on-time closure rate and overdue cases, intake by category, on-time closure by department and the satisfaction split (service call, no HTTP).",
      '',
      '| computed from | runs | p50 | p95 | same answer |',
      '|---|---:|---:|---:|---|',
      `| rollup (\`case_rollup_month\`, the edges from \`case_rollup\`) | 20 | ${fmt(r50, 0)} ms | ${fmt(r95, 0)} ms | ${same ? 'yes' : 'NO'} |`,
      `| scratch (\`case_metric_row\` over \`case_history\`) | ${SCRATCH_RUNS} | ${fmt(s50, 0)} ms | ${fmt(quantile(fromScratch.ms, 0.95), 0)} ms | |`,
      '',
      `Ratio (same run): the rollup answers ${fmt(s50 / r50, 1)}× faster than the computation from scratch. Snapshot figures (open and overdue now) are read from the open cases in both.`,
      '',
      'Before the month level (the day level alone, same script at 1,000,000 cases on 2026-12-07, load average ~21, `ANALYZE` without `VACUUM`): 3,075 ms p50 and 3,315 ms p95 from the rollup against 724,812 ms from scratch (235.7×).',
      '',
      'Its parts alone, from the rollup (median of 5; the dashboard runs them at once):',
      '',
      '| part | p50 |',
      '|---|---:|',
      ...partMs.map(([name, ms]) => `| ${name} | ${fmt(ms, 0)} ms |`),
    ].join('\n'),
  );
  log(
    `written: rollup p50 ${r50.toFixed(0)} ms, scratch p50 ${s50.toFixed(0)} ms, ×${(s50 / r50).toFixed(1)}, same=${same}`,
  );
}

/** The territory and the synthetic county's cases and history, timed into bench_indicators_meta. */
async function generate(db: Db) {
  await ensureReferenceData(db);
  log('territory (demo at scale 0.01) …');
  await loadDemo(db, createPii(Buffer.alloc(32, 1)), { scale: 0.01, password: 'bench-password-1' });
  await sql`DELETE FROM case_rollup`.execute(db);
  await sql`DELETE FROM case_rollup_pending`.execute(db);
  const now = new Date();
  log(`${fmt(CASES)} cases …`);
  const { casesSecs, historySecs, historyRows } = await bulkLoad(
    db,
    async () => {
      const t0 = performance.now();
      await generateCases(db, now, CASES);
      const casesSecs = secs(t0);
      log(`  cases in ${casesSecs.toFixed(1)} s`);
      const t1 = performance.now();
      const historyRows = await generateHistory(db, now, log);
      return { casesSecs, historySecs: secs(t1), historyRows };
    },
    log,
  );
  await sql`CREATE TABLE bench_indicators_meta AS
    SELECT ${now}::timestamptz AS now, ${CASES}::int AS cases, ${historyRows}::bigint AS history_rows,
           ${casesSecs}::float8 AS cases_secs, ${historySecs}::float8 AS history_secs`.execute(db);
}
