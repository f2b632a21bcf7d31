import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The processes one cluster run starts (PostgreSQL, etcd, Patroni, PgBouncer, HAProxy, the
 * wangge instances), each with its log file; `stopAll` ends exactly these, by their ids.
 */
export type Proc = { name: string; child: ChildProcess; log: string };

/** Every Procs of this run: an interrupted run (Ctrl-C) still ends what it started. */
export const allProcs = new Set<Procs>();

export class Procs {
  readonly list: Proc[] = [];
  constructor(readonly dir: string) {
    allProcs.add(this);
  }

  start(
    name: string,
    cmd: string,
    args: string[],
    opts: { env?: NodeJS.ProcessEnv; asPostgres?: boolean; cwd?: string } = {},
  ): Proc {
    const log = path.join(this.dir, `${name}.log`);
    const out = fs.openSync(log, 'a');
    const user = opts.asPostgres ? postgresUser() : undefined;
    const child = spawn(cmd, args, {
      env: { ...process.env, ...(user ? { HOME: this.dir, USER: 'postgres' } : {}), ...opts.env },
      cwd: opts.cwd ?? this.dir,
      stdio: ['ignore', out, out],
      uid: user?.uid,
      gid: user?.gid,
      detached: true, // its own process group: stopAll ends its children too (Patroni's postgres)
    });
    fs.closeSync(out);
    const p = { name, child, log };
    this.list.push(p);
    return p;
  }

  /** Signals one process's group (SIGKILL: a crash, as a power cut would leave it). */
  signal(p: Proc, sig: NodeJS.Signals): void {
    if (p.child.pid && p.child.exitCode === null) {
      try {
        process.kill(-p.child.pid, sig);
      } catch {
        // already gone
      }
    }
  }

  async stop(p: Proc, ms = 10_000): Promise<void> {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    const done = new Promise((r) => p.child.once('exit', r));
    this.signal(p, 'SIGTERM');
    const t = setTimeout(() => this.signal(p, 'SIGKILL'), ms);
    await done;
    clearTimeout(t);
  }

  async stopAll(): Promise<void> {
    for (const p of [...this.list].reverse()) await this.stop(p);
  }
}

let pgUser: { uid: number; gid: number } | undefined;
/** PostgreSQL refuses to run as root: its processes run as the `postgres` user of the Debian package. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (!pgUser) {
    const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error('running as root needs the `postgres` user (apt-get install postgresql)');
    pgUser = { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
  }
  return pgUser;
}

/** A fresh directory the postgres user owns (when running as root). */
export function workDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wangge-${prefix}-`));
  chownToPostgres(dir);
  return dir;
}

export function chownToPostgres(p: string): void {
  const u = postgresUser();
  if (u) fs.chownSync(p, u.uid, u.gid);
}

/** Runs a command to its end; throws with its output when it fails. */
export function run(
  cmd: string,
  args: string[],
  opts: { asPostgres?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const user = opts.asPostgres ? postgresUser() : undefined;
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    uid: user?.uid,
    gid: user?.gid,
    cwd: os.tmpdir(),
  });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Whether an executable is on the PATH. */
export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** The newest PostgreSQL of the Debian packages (/usr/lib/postgresql/<major>/bin). */
export function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((d) => fs.existsSync(path.join(root, d, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors[0]) throw new Error('no PostgreSQL server found (apt-get install postgresql)');
  return path.join(root, majors[0], 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it answers truthy; throws `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T> | T,
  ms = 60_000,
  every = 250,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(every);
  }
}

/** A step of a scenario, printed as it passes; a failed check throws. */
export function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new Error(`check failed: ${what}`);
  process.stdout.write(`  ✓ ${what}\n`);
}

export const say = (s: string) => process.stdout.write(`${s}\n`);
