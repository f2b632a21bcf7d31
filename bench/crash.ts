/**
 * `npm run bench:crash`: kill -9 of the server during sustained report intake, 20 times.
 *
 * A real server process (`node --import tsx src/cli/main.ts serve`) on its own data dir and port,
 * with the embedded database and the demo county loaded small (WANGGE_DEMO_SCALE=0.01). Many
 * concurrent clients POST /api/v1/cases; after a random while the server is killed with SIGKILL
 * (every third round its PostgreSQL too), restarted, and the clients go on. At the end every report
 * that was answered 201 must be in the database: each acknowledged id is read back, and the count
 * compared. Figures go to docs/BENCHMARKS.md (the "crash" section).
 *
 * Env: CRASH_ROUNDS (20), CRASH_CLIENTS (16), CRASH_DATA_DIR (a fresh temp dir), CRASH_PORT (free).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { clusterDirFor } from '../src/platform/db/embedded-paths.js';
import { fmt, machineLine, quantile } from './machine.js';
import { writeSection } from './sections.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 16);
const PASSWORD = 'bench-crash-password';
const dataDir = process.env.CRASH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-crash-'));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const port = Number(process.env.CRASH_PORT ?? (await freePort()));
const base = `http://127.0.0.1:${port}`;
const log = (m: string) => console.log(`[crash] ${m}`);

let server: ChildProcess | null = null;
// never leave a server behind: on any failure of this script, stop it
process.on('exit', () => server?.kill('SIGKILL'));
const serverLog = fs.createWriteStream(path.join(dataDir, 'server.log'), { flags: 'a' });

function start(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WANGGE_DATA_DIR: dataDir,
      WANGGE_DEMO_SCALE: '0.01',
      WANGGE_DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(serverLog, { end: false });
  child.stderr!.pipe(serverLog, { end: false });
  return child;
}

async function waitHealthy(limitMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) {
    if (server?.exitCode !== null || server?.signalCode)
      throw new Error(`server exited while starting (see ${dataDir}/server.log)`);
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return performance.now() - t0;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`server not healthy after ${limitMs} ms (see ${dataDir}/server.log)`);
}

function postgresPid(): number | null {
  const file = path.join(clusterDirFor(dataDir, isRoot), 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

async function kill9(alsoPostgres: boolean): Promise<void> {
  const pgPid = alsoPostgres ? postgresPid() : null;
  const exited = new Promise((r) => server!.once('exit', r));
  server!.kill('SIGKILL');
  if (pgPid) {
    try {
      process.kill(pgPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await exited;
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

// ---- first start: the demo load
log(`data dir ${dataDir}, port ${port}, ${ROUNDS} rounds, ${CLIENTS} clients`);
server = start();
const firstStart = await waitHealthy(600_000);
log(`first start (demo load) ${fmt(firstStart / 1000, 1)} s`);
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'resident', password: PASSWORD }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
// the session lives in the database: the same token works across restarts
const auth = { authorization: `Bearer ${(await json<{ token: string }>(login)).token}` };
const me = await json<{ scope: { code: string } }>(await fetch(`${base}/api/v1/me`, { headers: auth }));

const acknowledged = new Map<number, string>(); // case id → clientRequestId
let sent = 0;
let failed = 0;
let stop = false;

async function client(): Promise<void> {
  while (!stop) {
    const clientRequestId = randomUUID();
    sent++;
    try {
      const res = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          categoryCode: 'E0102',
          description: `崩溃测试上报 ${clientRequestId}`,
          gridCode: me.scope.code,
          clientRequestId,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 201) acknowledged.set((await json<{ id: number }>(res)).id, clientRequestId);
      else {
        failed++;
        const text = await res.text();
        if (res.status >= 400 && res.status < 500) throw new Error(`report refused: ${res.status} ${text}`);
      }
    } catch (err) {
      if (String(err).includes('report refused')) throw err;
      failed++; // the server is down: back off a little
      await sleep(50);
    }
  }
}

const restarts: number[] = [];
const clients = Array.from({ length: CLIENTS }, () => client());
const t0 = performance.now();
for (let round = 1; round <= ROUNDS; round++) {
  await sleep(1000 + Math.random() * 2000);
  const withPg = round % 3 === 0;
  const before = acknowledged.size;
  await kill9(withPg);
  server = start();
  const ms = await waitHealthy(120_000);
  restarts.push(ms);
  log(
    `round ${round}: kill -9 server${withPg ? ' + postgres' : ''} at ${before} acknowledged; back in ${fmt(ms / 1000, 1)} s`,
  );
}
await sleep(1000);
stop = true;
await Promise.all(clients);
const seconds = (performance.now() - t0) / 1000;

// ---- every acknowledged report must be there
let found = 0;
const lost: number[] = [];
for (const [id, crid] of acknowledged) {
  const res = await fetch(`${base}/api/v1/cases/${id}`, { headers: auth });
  const body = res.ok ? await json<{ description?: string }>(res) : null;
  if (body?.description?.includes(crid)) found++;
  else lost.push(id);
}
log(
  `acknowledged ${acknowledged.size}, found ${found}, lost ${lost.length}; ${sent} sent, ${failed} not answered 201`,
);
server.kill('SIGTERM');
await new Promise((r) => server!.once('exit', r));

const sorted = [...restarts].sort((a, b) => a - b);
const section = [
  '## Crash: `kill -9` during report intake',
  '',
  `\`npm run bench:crash\` (bench/crash.ts): a real server process on the embedded database (demo scale 0.01), ${CLIENTS} concurrent clients posting reports (\`POST /api/v1/cases\`), the server killed with SIGKILL after 1–3 s, every third round its PostgreSQL too, then restarted; ${ROUNDS} rounds. Every report answered 201 is then read back by id.`,
  '',
  `Machine: ${machineLine()}.`,
  '',
  '| rounds | requests (most while the server was down) | acknowledged (201) | found afterwards | lost | restart median | restart max | run |',
  '|---|---|---|---|---|---|---|---|',
  `| ${ROUNDS} | ${fmt(sent)} | ${fmt(acknowledged.size)} | ${fmt(found)} | ${lost.length} | ${fmt(quantile(sorted, 0.5) / 1000, 1)} s | ${fmt((sorted.at(-1) ?? 0) / 1000, 1)} s | ${fmt(seconds)} s |`,
  '',
  `Restart times (s, from the kill to /health answering; tsx compiles the server at each start, and the machine is shared): ${restarts.map((m) => fmt(m / 1000, 1)).join(', ')}.`,
  '',
].join('\n');
writeSection('docs/BENCHMARKS.md', 'crash', section);
log('wrote docs/BENCHMARKS.md (crash section)');
if (!process.env.CRASH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
if (lost.length > 0) {
  console.error(`LOST ${lost.length} acknowledged reports: ${lost.slice(0, 20).join(', ')}`);
  process.exit(1);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}
