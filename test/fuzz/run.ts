/**
 * `npm run fuzz`: the long fuzz run. A throwaway embedded PostgreSQL with the demo county (scale
 * 0.01), the real app, FUZZ_RUNS requests (default 20,000) from FUZZ_SEED (default: the time);
 * writes the counts to docs/BENCHMARKS.md (the "fuzz" section) and exits 1 on any problem.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_PASSWORD, openBenchDb } from '../../bench/database.js';
import { fmt, machineLine } from '../../bench/machine.js';
import { writeSection } from '../../bench/sections.js';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { fuzz } from './fuzz.js';
import { KNOWN_FUZZ_DEFECTS } from './known.js';

const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-fuzz-'));
const pg = await startEmbeddedPostgres({
  dataDir: dir,
  settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
});
try {
  const { bench } = await openBenchDb('fuzz', pg.url, 0.01);
  const login = await bench.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: BENCH_PASSWORD },
  });
  const bearer = `Bearer ${login.json<{ token: string }>().token}`;
  const t0 = performance.now();
  const r = await fuzz(bench.app, bearer, {
    seed,
    numRuns: runs,
    onProblem: (req, o) => {
      if (!KNOWN_FUZZ_DEFECTS.some((k) => k.matches(req, o)))
        console.error(`${req.method} ${req.url.slice(0, 200)} → ${o.problem}`);
    },
  });
  const secs = (performance.now() - t0) / 1000;
  await bench.close();
  const fivexx = [...r.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const known = r.problems.filter((p) => KNOWN_FUZZ_DEFECTS.some((k) => k.matches(p.req, p.outcome))).length;
  const statuses = [...r.statuses].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}: ${fmt(c)}`);
  writeSection(
    'docs/BENCHMARKS.md',
    'fuzz',
    [
      '## Fuzz: every route with hostile input',
      '',
      `\`npm run fuzz\` (test/fuzz/run.ts; \`FUZZ_RUNS\`, \`FUZZ_SEED\`): fast-check requests over all ${r.operations} operations of the OpenAPI document — NUL and other control characters, full-width digits, 1 MB strings, nesting 5,000 deep, NaN/Infinity, huge numbers, path traversal, SQL fragments, wrong types, prototype-pollution keys — both everywhere at once and as one hostile value in an otherwise valid request (so it gets past validation of the rest), as \`admin\` and anonymously. Run ${new Date().toISOString().slice(0, 10)}, seed ${seed}, ${fmt(secs)} s. Machine: ${machineLine()}.`,
      '',
      '| requests | 5xx | problems (5xx or malformed error) | of which known defects | statuses |',
      '|---|---|---|---|---|',
      `| ${fmt(r.requests)} | ${fivexx} | ${r.problems.length} | ${known} | ${statuses.join(', ')} |`,
      '',
    ].join('\n'),
  );
  console.log(`fuzz: ${r.requests} requests, ${fivexx} 5xx, ${r.problems.length} problems (${known} known)`);
  process.exitCode = r.problems.length > known ? 1 : 0;
} finally {
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
