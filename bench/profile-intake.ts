/**
 * `npx tsx bench/profile-intake.ts`: where the server's main thread spends a report. Loads a small
 * demo on a fresh embedded cluster, posts reports with wrk for PROFILE_SECS (default 8) while the
 * V8 profiler samples, then prints self time by package and the hottest functions, and where the
 * thread was idle. Writes the profile to $TMPDIR/wangge-intake.cpuprofile (open it in Chrome's
 * DevTools). Prints, writes nothing in the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { openBenchDb } from './database.js';
import { reportLoad } from './reports.js';
import { cpuSplit } from './cpu.js';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const secs = Number(process.env.PROFILE_SECS ?? 8);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-'));
const embedded = await startEmbeddedPostgres({ dataDir });
try {
  const { bench } = await openBenchDb('embedded', embedded.url, Number(process.env.BENCH_SCALE ?? 0.02));
  const load = await reportLoad(bench);
  await load.run(2); // warm-up
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const { result: r, cpu } = await cpuSplit(bench.db, () => load.run(secs));
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  await load.close();
  const file = path.join(os.tmpdir(), 'wangge-intake.cpuprofile');
  fs.writeFileSync(file, JSON.stringify(profile));
  process.stdout.write(
    `${r.count} reports in ${r.secs.toFixed(1)} s (${(r.count / r.secs).toFixed(0)}/s), p50 ${r.p50} p99 ${r.p99} ms; ` +
      `CPU ms per report: Node ${((cpu.node / r.count) * 1000).toFixed(2)}, PostgreSQL ${cpu.pg === null ? 'n/a' : ((cpu.pg / r.count) * 1000).toFixed(2)}, ` +
      `machine busy ${((cpu.machineBusy / cpu.machine) * 100).toFixed(0)}% of its cores (Node ${((cpu.node / r.secs) * 100).toFixed(0)}% of one core)\n`,
  );
  summarise(profile);
  process.stdout.write(`profile: ${file}\n`);
  await bench.close();
} finally {
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);

function summarise(p: Profile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const pkg = new Map<string, number>();
  const fn = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const where = m
      ? m[1]!
      : url.includes('/src/')
        ? `src/${url.split('/src/')[1]!.split('/').slice(0, 2).join('/')}`
        : url
          ? 'node:internal'
          : `(${functionName})`;
    pkg.set(where, (pkg.get(where) ?? 0) + t);
    const key = `${functionName || '(anon)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + t);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  process.stdout.write(`self time by package (of ${(total / 1e6).toFixed(1)} s sampled):\n${top(pkg, 25)}\n`);
  process.stdout.write(`hottest functions:\n${top(fn, 40)}\n`);
}
