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
import { fmt, machineLine, quantile } from './machine.js';
import { writeSection } from './sections.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
/** runs of the computation from scratch (each reads every history row: minutes at a million cases) */
const SCRATCH_RUNS = Number(process.env.BENCH_SCRATCH_RUNS ?? 3);
const COUNTY = '211221';
const NAME = 'wangge_bench_indicators';
const log = (s: string) => process.stdout.write(`${s}\n`);
const secs = (t0: number) => (performance.now() - t0) / 1000;

const dataDir = process.env.BENCH_DATABASE_URL
  ? null
  : fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-ind-'));
const embedded = dataDir ? await startEmbeddedPostgres({ dataDir }) : null;
const serverUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
const { db } = createDb(withDatabase(serverUrl, NAME), 4);
try {
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
  const version = (await sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`.execute(db))
    .rows[0]!.v;
  log('territory (demo at scale 0.01) …');
  await loadDemo(db, createPii(Buffer.alloc(32, 1)), { scale: 0.01, password: 'bench-password-1' });
  await sql`DELETE FROM case_rollup`.execute(db);
  await sql`DELETE FROM case_rollup_pending`.execute(db);
  const now = new Date();
  log(`${fmt(CASES)} cases …`);
  const t0 = performance.now();
  await generateCases(db, now);
  const casesSecs = secs(t0);
  const t1 = performance.now();
  const historyRows = await generateHistory(db, now);
  const historySecs = secs(t1);
  // the rollup built set-based from the whole history in one statement (migration 0108); folding
  // millions of pending rows batch by batch ran ~4,000 history rows a second
  const t2 = performance.now();
  await rebuildRollup(db, COUNTY);
  const buildSecs = secs(t2);
  log(`rollup built in ${buildSecs.toFixed(1)} s`);
  await sql`ANALYZE`.execute(db);
  const rollupRows = Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM case_rollup`.execute(db)).rows[0]!.n,
  );
  log(
    `generated: cases ${casesSecs.toFixed(1)} s, history ${historySecs.toFixed(1)} s, rollup ${buildSecs.toFixed(1)} s, ${rollupRows} rollup rows`,
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
      `A synthetic 铁岭县 (the demo territory, 1,315 grids) with ${fmt(CASES)} cases reported over 13 months and ${fmt(historyRows)} history rows (report, filing, dispatch, acceptance, handling, closure, evaluation, with escalations, returns, rework, delays, late closures, duplicates and refusals), generated set-based with \`generate_series\`: cases ${fmt(casesSecs, 1)} s, history ${fmt(historySecs, 1)} s (one statement per month; the trigger notes each row as pending), the rollup built from the whole history set-based in one statement ${fmt(buildSecs, 1)} s (\`rebuild_case_rollup\`, migration 0108: already compacted, the pending rows dropped in the same snapshot); ${fmt(rollupRows)} rollup rows (${fmt(rollupRows / historyRows, 2)} per history row: every dimension for the county and its townships, villages in total only).`,
      '',
      "The dashboard is `GET /indicators/dashboard` for the county and this month: 12 headline values each with 环比 and 同比, today's intake and closures, a 12-month trend, every township's intake, closure rate, on-time closure rate and overdue cases, intake by category, on-time closure by department and the satisfaction split (service call, no HTTP).",
      '',
      '| computed from | runs | p50 | p95 | same answer |',
      '|---|---:|---:|---:|---|',
      `| rollup (\`case_rollup\`) | 20 | ${fmt(r50, 0)} ms | ${fmt(r95, 0)} ms | ${same ? 'yes' : 'NO'} |`,
      `| scratch (\`case_metric_row\` over \`case_history\`) | ${SCRATCH_RUNS} | ${fmt(s50, 0)} ms | ${fmt(quantile(fromScratch.ms, 0.95), 0)} ms | |`,
      '',
      `Ratio (same run): the rollup answers ${fmt(s50 / r50, 1)}× faster than the computation from scratch. Snapshot figures (open and overdue now) are read from the open cases in both.`,
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
} finally {
  await db.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Cases spread over the county's grids and 13 months; their outcome follows from a hash of the id. */
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
    INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, description,
                       grid_code, grid_path, tier_entered_at, reported_at, evaluation, department_id, deadline_at)
    SELECT ${COUNTY}, 'B' || i,
           (ARRAY['resident_app', 'patrol', 'patrol', 'hotline', 'resident_app', 'grassroots_request', 'petition', 'enterprise'])[1 + i % 8],
           c.codes[1 + (i * 7) % c.n], 'closed', 'village', left(g.codes[1 + (i * 13) % g.n], 12), 'bench',
           g.codes[1 + (i * 13) % g.n], g.paths[1 + (i * 13) % g.n], t.at, t.at,
           (ARRAY['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'])[1 + i % 5],
           CASE WHEN d.n > 0 THEN d.ids[1 + (i * 3) % d.n] END, t.at + interval '5 days'
    FROM generate_series(1, ${CASES}) i, g, c, d,
         LATERAL (SELECT ${now}::timestamptz - make_interval(secs => (abs(hashint4(i)) % (395 * 86400))) AS at) t`.execute(
    db,
  );
}

/** Each case's history, one month of reports per statement (each statement fires the rollup trigger once). */
async function generateHistory(db: Db, now: Date): Promise<number> {
  let rows = 0;
  for (let m = 13; m >= 0; m--) {
    const r = await sql`
      INSERT INTO case_history (county_code, case_id, at, action, from_state, to_state, tier, department_id, on_time)
      SELECT c.county_code, c.id, c.reported_at + make_interval(hours => s.h), s.action, s.f, s.t, 'village',
             c.department_id, s.on_time
      FROM cases c
      CROSS JOIN LATERAL (SELECT abs(hashint8(c.id)) % 1000 AS u) x
      CROSS JOIN LATERAL (VALUES
        (0,   'report',        NULL,         'reported',  NULL::boolean, true),
        (1,   'file',          'reported',   'filed',     true,  x.u < 970),
        (1,   'reject',        'reported',   'not_filed', true,  x.u >= 970 AND x.u < 985),
        (1,   'merge',         'reported',   'merged',    true,  x.u >= 985),
        (30,  'auto_escalate', 'filed',      'filed',     false, x.u < 970 AND x.u % 10 = 0),
        (32,  'dispatch',      'filed',      'dispatched', true, x.u < 970),
        (33,  'return',        'dispatched', 'filed',     true,  x.u < 970 AND x.u % 20 = 1),
        (34,  'dispatch',      'filed',      'dispatched', true, x.u < 970 AND x.u % 20 = 1),
        (35,  'approve_delay', 'dispatched', 'dispatched', NULL, x.u < 970 AND x.u % 30 = 2),
        (36,  'accept',        'dispatched', 'accepted',  true,  x.u < 970),
        (60 + x.u % 50, 'handle', 'accepted', 'handled', x.u % 100 < 88, x.u < 970),
        (61 + x.u % 50, 'rework', 'handled',  'accepted', true,  x.u < 970 AND x.u % 25 = 3),
        (70 + x.u % 50, 'handle', 'accepted', 'handled', true,  x.u < 970 AND x.u % 25 = 3),
        (72 + x.u % 60, 'close',  'handled',  'closed',  x.u % 100 < 90, x.u < 970),
        (80 + x.u % 60, 'evaluate', 'closed', 'closed',  NULL,  x.u < 970 AND x.u % 3 = 0)
      ) s (h, action, f, t, on_time, hit)
      WHERE c.county_code = ${COUNTY} AND c.description = 'bench'
        AND c.reported_at >= ${now}::timestamptz - make_interval(months => ${m + 1})
        AND c.reported_at < ${now}::timestamptz - make_interval(months => ${m})
        AND s.hit AND c.reported_at + make_interval(hours => s.h) <= ${now}`.execute(db);
    rows += Number(r.numAffectedRows ?? 0);
    log(`  history: ${m} months back, ${fmt(rows)} rows`);
  }
  // cases whose steps are still ahead are open
  await sql`UPDATE cases SET state = 'accepted'
    WHERE county_code = ${COUNTY} AND description = 'bench' AND reported_at > ${now}::timestamptz - interval '6 days'`.execute(
    db,
  );
  return rows;
}
