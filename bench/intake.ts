/**
 * `npx tsx bench/intake.ts`: only the intake figures (raw inserts vs HTTP reports, same run) on a
 * fresh embedded cluster with a small demo load, for quick profiling. Prints, writes nothing.
 * BENCH_SCALE (default 0.02), BENCH_REPORTS (default 3000); BENCH_DATABASE_URL: a PostgreSQL server instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { openBenchDb } from './database.js';
import { benchReports, countQueries } from './reports.js';

const queries = countQueries();

const server = process.env.BENCH_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-'));
const embedded = server ? null : await startEmbeddedPostgres({ dataDir });
try {
  const label = server ? 'server' : 'embedded';
  const { bench } = await openBenchDb(
    label,
    server ?? embedded!.url,
    Number(process.env.BENCH_SCALE ?? 0.02),
  );
  const n = Number(process.env.BENCH_REPORTS ?? 3000);
  const r = await benchReports(bench, n, queries);
  process.stdout.write(`${r.row}\n${r.cpuRow}\nround trips per report: ${r.roundTrips.toFixed(1)}\n`);
  await bench.close();
} finally {
  await embedded?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
