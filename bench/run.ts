/**
 * `npm run bench`: measures and rewrites docs/BENCHMARKS.md.
 * Embedded PostgreSQL always; a PostgreSQL server too when BENCH_DATABASE_URL (a server URL
 * whose user may create databases) is set. BENCH_SCALE sets the demo scale (default 1).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sectionsOf } from './sections.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { benchFieldWork, benchScopedLists, openBenchDb } from './database.js';
import { benchGridLookup } from './grid-lookup.js';
import { benchReports } from './reports.js';
import { machineLine } from './machine.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const sections: string[] = [];
const log = (s: string) => process.stdout.write(`${s}\n`);

log('grid lookup …');
sections.push(benchGridLookup());

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-'));
const embedded = await startEmbeddedPostgres({ dataDir });
const targets: Array<[string, string]> = [['embedded', embedded.url]];
if (process.env.BENCH_DATABASE_URL) targets.push(['server', process.env.BENCH_DATABASE_URL]);

const loads: string[] = [];
const lists: string[] = [];
const reports: string[] = [];
const fieldWork: string[] = [];
const REPORTS = Number(process.env.BENCH_REPORTS ?? 3000);
let pgVersion = '';
try {
  for (const [label, url] of targets) {
    log(`${label}: demo load at scale ${scale} …`);
    const { bench, loadReport } = await openBenchDb(label, url, scale);
    pgVersion ||= bench.version;
    loads.push(loadReport);
    log(`${label}: scoped lists …`);
    lists.push(...(await benchScopedLists(bench)));
    log(`${label}: field work …`);
    fieldWork.push(...(await benchFieldWork(bench)));
    log(`${label}: reports through HTTP …`);
    reports.push(await benchReports(bench, REPORTS));
    await bench.close();
  }
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

sections.push(
  [
    '## Full-county demo load',
    '',
    "One transaction: five counties' territory and grids, then 铁岭县's households, residents (ID number and phone encrypted, blind-indexed and masked per row), grid workers, party organisations, members and linked households, and the demo accounts (argon2). Bulk inserts through `unnest` arrays with reserved ids.",
    '',
    '| database | scale | residents | households | time | rows / s |',
    '|---|---:|---:|---:|---:|---:|',
    ...loads,
    '',
  ].join('\n'),
  [
    '## Scoped list latency',
    '',
    'Through the whole HTTP stack (Fastify `inject`, no socket): session lookup, validation, the scoped query (`county_code = … AND grid_path <@ scope`, plus `count(*)`), serialisation. 100 sequential requests after 10 warm-up; p50 / p95.',
    '',
    '| database | account (scope) | households in scope | `GET /households?limit=50` | same, offset 5,000 | `GET /residents?careTag=disabled` |',
    '|---|---|---:|---:|---:|---:|',
    ...lists,
    '',
  ].join('\n'),
  [
    '## Field work by scope',
    '',
    'Same harness, 50 requests after 10 warm-up, p50 / p95: households due a visit (`GET /visits/due?limit=50`, with the total), visit coverage per child region (`GET /visits/summary`: households, due now, visited in 30 days), the grid-worker roster (`GET /workers?limit=50`). n/a: the role may not see it (a grid worker has no roster).',
    '',
    '| database | account (scope) | `GET /visits/due` | `GET /visits/summary` | `GET /workers` |',
    '|---|---|---:|---:|---:|',
    ...fieldWork,
    '',
  ].join('\n'),
);

sections.push(
  [
    '## Reports accepted through HTTP',
    '',
    "A resident's `POST /api/v1/cases` over a loopback socket (keep-alive, 16 concurrent clients): validation, point → grid, the case row, its history and audit rows, inbox and outbox rows and a NOTIFY, one transaction each. Beside it, same run and concurrency: plain single-row `INSERT`s into a scratch table — the database alone.",
    '',
    '| database | reports | reports / s | raw inserts / s | ratio |',
    '|---|---:|---:|---:|---:|',
    ...reports,
    '',
  ].join('\n'),
);

const doc = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine(pgVersion)}.`,
  'The machine is small and shared, so compare figures within one run (ratios), not across runs. No test asserts a time.',
  '',
  ...sections,
  // sections written by other scripts (bench/crash.ts, test/fuzz/run.ts) are kept
  ...sectionsOf(fs.existsSync('docs/BENCHMARKS.md') ? fs.readFileSync('docs/BENCHMARKS.md', 'utf8') : ''),
].join('\n');
fs.writeFileSync('docs/BENCHMARKS.md', doc);
log('wrote docs/BENCHMARKS.md');
process.exit(0);
