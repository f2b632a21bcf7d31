import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { GridIndex } from '../src/platform/geo/grid-index.js';
import type { BenchDb } from './database.js';
import { bearer } from './database.js';
import { cpuSplit, type CpuSplit } from './cpu.js';
import { fmt, quantile } from './machine.js';

const CONCURRENCY = 16;
const ROUNDS = 5;

let queries = 0;
let counting = false;
/**
 * Counts protocol round trips from here on (every `Client.query`, BEGIN and COMMIT
 * included) by wrapping pg's client; returns the count so far.
 */
export function countQueries(): () => number {
  if (!counting) {
    counting = true;
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      queries++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  }
  return () => queries;
}

/** Runs `n` calls of `worker` on CONCURRENCY clients; seconds in all and each call's latency (ms, sorted). */
async function pool<T>(
  n: number,
  worker: (i: number) => Promise<T>,
): Promise<{ secs: number; times: number[] }> {
  let next = 0;
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        await worker(i);
        times.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { secs, times: times.sort((a, b) => a - b) };
}

/**
 * Runs `count` reports from `from` on CONCURRENCY keep-alive connections from a worker thread
 * (bench/http-load.mjs): the load generator has its own event loop, as an outside client would.
 */
function httpLoad(
  port: number,
  auth: string,
  points: Array<[number, number]>,
  from: number,
  count: number,
): Promise<{ secs: number; times: number[] }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./http-load.mjs', import.meta.url), {
      workerData: { port, auth, points, from, count, concurrency: CONCURRENCY },
    });
    w.once('message', (m: { secs: number; times: number[] }) =>
      resolve({ secs: m.secs, times: m.times.sort((a, b) => a - b) }),
    );
    w.once('error', reject);
  });
}

type Load = { count: number; secs: number; times: number[] | null; p50: number; p99: number };

const WRK_SECS = 4;
const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk prints its usage and exits 1 on --version: it is there
    return (e as { status?: number }).status === 1;
  }
})();

/**
 * The same load from wrk (Debian's `wrk`, a C load generator) when it is installed: 16
 * connections on one thread for WRK_SECS, each request a report at the next point. It costs the
 * 2 shared cores far less than a Node client would, so the figure is the server's.
 */
function wrkLoad(
  port: number,
  auth: string,
  points: Array<[number, number]>,
  from: number,
  secs = WRK_SECS,
): Promise<Load> {
  const script = path.join(os.tmpdir(), `wangge-wrk-${process.pid}.lua`);
  const pts = points.map(([lng, lat]) => `{${lng},${lat}}`).join(',');
  fs.writeFileSync(
    script,
    `local points = {${pts}}
local i = ${from}
request = function()
  i = i + 1
  local p = points[(i % #points) + 1]
  local body = string.format('{"categoryCode":"E0102","description":"暴露垃圾 #%d","lat":%.9f,"lng":%.9f}', i, p[2], p[1])
  return wrk.format("POST", "/api/v1/cases", {["authorization"] = ${JSON.stringify(auth)}, ["content-type"] = "application/json"}, body)
end
local shown = false
response = function(status, headers, body)
  if status ~= 201 and not shown then
    shown = true
    io.write("FIRST " .. status .. " " .. body .. "\\n")
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.status + e.connect + e.read + e.write + e.timeout,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99))))
end
`,
  );
  return new Promise((resolve, reject) =>
    execFile(
      'wrk',
      ['-t1', `-c${CONCURRENCY}`, `-d${secs}s`, '-s', script, `http://127.0.0.1:${port}/api/v1/cases`],
      (err, stdout, stderr) => {
        fs.rmSync(script, { force: true });
        const m = /WRK (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(stdout);
        if (err || !m) return reject(err ?? new Error(`wrk: ${stdout} ${stderr}`));
        if (Number(m[3]) > 0) return reject(new Error(`wrk: ${stdout}`));
        const [count, micros, errors, p50, p99] = m.slice(1).map(Number) as [
          number,
          number,
          number,
          number,
          number,
        ];
        if (errors > 0) return reject(new Error(`wrk: ${errors} requests failed`));
        resolve({ count, secs: micros / 1e6, times: null, p50: p50 / 1000, p99: p99 / 1000 });
      },
    ),
  );
}

export type ReportsFigures = {
  row: string;
  reportsPerSec: number;
  rawPerSec: number;
  /** reports / s over raw inserts / s: the median of the rounds */
  ratio: number;
  p50: number;
  p99: number;
  /** protocol round trips per report (when a counter was given) */
  roundTrips: number;
  /** where the CPU went: per report and per raw insert, Node / PostgreSQL / machine busy */
  cpuRow: string;
};

/** Sums the CPU of several rounds; its cell: ms of CPU per item in Node and in PostgreSQL, and how busy the machine was. */
function cpuTally() {
  let node = 0;
  let pg: number | null = 0;
  let busy = 0;
  let all = 0;
  let items = 0;
  return {
    add(c: CpuSplit, n: number) {
      node += c.node;
      pg = pg === null || c.pg === null ? null : pg + c.pg;
      busy += c.machineBusy;
      all += c.machine;
      items += n;
    },
    /** CPU seconds (Node and PostgreSQL) per item */
    perItem: () => (node + (pg ?? 0)) / items,
    cell: () =>
      `${fmt((node / items) * 1000, 2)} / ${pg === null ? 'n/a' : fmt((pg / items) * 1000, 2)} ms (machine ${fmt((busy / all) * 100)}% busy)`,
  };
}

/**
 * Reports accepted per second through real HTTP (loopback socket, keep-alive,
 * 16 concurrent clients in a worker thread of their own): session lookup, validation, point → grid, then the case row,
 * its history row, audit row, inbox + outbox rows in one statement each.
 * Beside it, in the same run (alternating rounds): plain single-row INSERTs into a
 * scratch table with the same concurrency — what the database alone does.
 */
/** A server listening on loopback for reports, a resident's bearer token, points inside the resident's grid. */
export async function reportLoad(b: BenchDb) {
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (b.app.server.address() as { port: number }).port;
  const auth = await bearer(b.app, 'resident');
  const me = (
    await b.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } })
  ).json() as { scope: { code: string } };
  const grid = await b.db
    .selectFrom('region')
    .select(['geometry', 'min_lng', 'min_lat', 'max_lng', 'max_lat'])
    .where('code', '=', me.scope.code)
    .executeTakeFirstOrThrow();
  const index = GridIndex.build([{ code: me.scope.code, polygon: grid.geometry as never }]);
  const points: Array<[number, number]> = [];
  for (let i = 0; points.length < 200 && i < 100_000; i++) {
    const lng = grid.min_lng! + (grid.max_lng! - grid.min_lng!) * ((i * 0.6180339887) % 1);
    const lat = grid.min_lat! + (grid.max_lat! - grid.min_lat!) * ((i * 0.7548776662) % 1);
    if (index.locate(lng, lat)) points.push([lng, lat]);
  }
  let from = 0;
  return {
    port,
    auth,
    points,
    /** one round of load: wrk for `secs` when installed, else `count` reports from a worker thread */
    async run(secs: number = WRK_SECS, count = 2000): Promise<Load> {
      from += 1_000_000;
      if (hasWrk) return wrkLoad(port, auth, points, from, secs);
      const h = await httpLoad(port, auth, points, from, count);
      return { ...h, count, p50: quantile(h.times, 0.5), p99: quantile(h.times, 0.99) };
    },
    close: () => b.app.close(),
  };
}

export async function benchReports(
  b: BenchDb,
  n: number,
  /** counts queries sent so far (the bench scripts wrap pg's Client.query) */
  queries: () => number = () => 0,
): Promise<ReportsFigures> {
  const load = await reportLoad(b);
  const { port, auth, points } = load;
  const post = async (i: number) => {
    const [lng, lat] = points[i % points.length]!;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ categoryCode: 'E0102', description: `暴露垃圾 #${i}`, lat, lng }),
    });
    if (res.status !== 201) throw new Error(`report ${i}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  await sql`CREATE TABLE IF NOT EXISTS bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, county_code text, body text, at timestamptz DEFAULT now())`.execute(
    b.db,
  );
  const insert = (i: number) =>
    sql`INSERT INTO bench_raw (county_code, body) VALUES ('211221', ${`暴露垃圾 #${i}`})`.execute(b.db);
  for (let i = 0; i < 50; i++) await post(i); // warm-up
  for (let i = 0; i < 50; i++) await insert(i);

  // Alternating rounds of both, so that a change in the machine's load (it is shared) hits
  // both alike; the ratio is the median of the rounds' ratios.
  const per = Math.ceil(n / ROUNDS);
  const httpTimes: number[] = [];
  const rawTimes: number[] = [];
  const ratios: number[] = [];
  let httpSecs = 0;
  let rawSecs = 0;
  let trips = 0;
  let httpCount = 0;
  const cpu = { report: cpuTally(), raw: cpuTally() };
  const roundP50s: number[] = [];
  const roundP99s: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const q0 = queries();
    const { result: http, cpu: httpCpu } = await cpuSplit(b.db, () => load.run(WRK_SECS, per));
    trips += queries() - q0;
    const { result: raw, cpu: rawCpu } = await cpuSplit(b.db, () => pool(per, (i) => insert(r * per + i)));
    cpu.report.add(httpCpu, http.count);
    cpu.raw.add(rawCpu, per);
    httpSecs += http.secs;
    rawSecs += raw.secs;
    httpCount += http.count;
    if (http.times) httpTimes.push(...http.times);
    roundP50s.push(http.p50);
    roundP99s.push(http.p99);
    rawTimes.push(...raw.times);
    ratios.push(http.count / http.secs / (per / raw.secs));
  }
  await sql`DROP TABLE bench_raw`.execute(b.db);
  await load.close();
  httpTimes.sort((x, y) => x - y);
  rawTimes.sort((x, y) => x - y);
  const total = per * ROUNDS;
  const reportsPerSec = httpCount / httpSecs;
  const rawPerSec = total / rawSecs;
  const ratio = quantile(
    ratios.sort((x, y) => x - y),
    0.5,
  );
  // wrk reports each round's percentiles: the median round's p50, the worst round's p99
  const p50 = httpTimes.length
    ? quantile(httpTimes, 0.5)
    : quantile(
        roundP50s.sort((x, y) => x - y),
        0.5,
      );
  const p99 = httpTimes.length ? quantile(httpTimes, 0.99) : Math.max(...roundP99s);
  const roundTrips = trips / httpCount;
  const tripsCell = roundTrips ? fmt(roundTrips, 1) : 'n/a';
  return {
    row: `| ${b.label} (${b.version}) | ${fmt(httpCount)} | ${fmt(reportsPerSec)} | ${fmt(p50, 1)} / ${fmt(p99, 1)} ms | ${tripsCell} | ${fmt(rawPerSec)} | ${fmt(quantile(rawTimes, 0.5), 1)} / ${fmt(quantile(rawTimes, 0.99), 1)} ms | ${fmt(ratio, 3)} |`,
    cpuRow: `| ${b.label} | ${cpu.report.cell()} | ${cpu.raw.cell()} | ${fmt(cpu.raw.perItem() / cpu.report.perItem(), 3)} |`,
    reportsPerSec,
    rawPerSec,
    ratio,
    p50,
    p99,
    roundTrips,
  };
}
