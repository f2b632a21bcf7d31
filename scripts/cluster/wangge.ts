import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Server } from './s3.js';
import type { Loose } from './sse.js';
import { chownToPostgres, freePort, waitFor, type Procs, type Proc } from './procs.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'cluster-demo-password';
/** Every instance shares the key that encrypts personal data (as they share the database). */
const SECRET_KEY = '5a'.repeat(32);

export type Instance = { name: string; port: number; proc: Proc; dataDir: string };

/**
 * Starts `wangge serve` instances on one database. The first applies the migrations and loads
 * a small demo county (scale 0.01) before the others start. With `s3` each instance has a data
 * directory of its own and keeps photos in the object store (WANGGE_S3_*, as in production);
 * without it they share one data directory (photos under its media/).
 */
export async function startInstances(
  procs: Procs,
  opts: {
    names: string[];
    databaseUrl: string;
    listenUrl?: string;
    env?: NodeJS.ProcessEnv;
    ports?: number[];
    s3?: S3Server;
  },
): Promise<Instance[]> {
  const out: Instance[] = [];
  for (const [i, name] of opts.names.entries()) {
    const dataDir = path.join(procs.dir, opts.s3 ? `wangge-data-${name}` : 'wangge-data');
    fs.mkdirSync(dataDir, { recursive: true });
    const port = opts.ports?.[i] ?? (await freePort());
    const proc = procs.start(
      name,
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve'],
      {
        cwd: ROOT,
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: opts.databaseUrl,
          ...(opts.listenUrl ? { DATABASE_LISTEN_URL: opts.listenUrl } : {}),
          WANGGE_DATA_DIR: dataDir,
          WANGGE_SECRET_KEY: SECRET_KEY,
          WANGGE_DEMO_SCALE: '0.01',
          WANGGE_DEMO_PASSWORD: DEMO_PASSWORD,
          WANGGE_NO_DEMO: i === 0 ? '0' : '1',
          WANGGE_INSTANCE_ID: name,
          WANGGE_RATE_LIMITS: 'database',
          WANGGE_TRUST_PROXY: '127.0.0.1',
          LOG_LEVEL: 'info',
          ...opts.s3?.env,
          ...opts.env,
        },
      },
    );
    out.push({ name, port, proc, dataDir });
    // the first one migrates and loads the demo: the others start once it answers
    if (i === 0) await healthy(procs, out[0]!, 600_000);
  }
  await Promise.all(out.slice(1).map((x) => healthy(procs, x, 180_000)));
  for (const dir of new Set(out.map((x) => x.dataDir))) chownToPostgres(dir);
  return out;
}

async function healthy(procs: Procs, x: Instance, ms: number): Promise<void> {
  await waitFor(
    `${x.name} to answer /health (log: ${x.proc.log})`,
    async () => {
      if (x.proc.child.exitCode !== null) throw new Error(`${x.name} exited; see ${x.proc.log}`);
      return (await fetch(`http://127.0.0.1:${x.port}/health`)).ok;
    },
    ms,
    500,
  );
  void procs;
}

export type Answer = { status: number; body: Loose; instance: string | null; headers: Headers };

/** Plain HTTP to the balancer; answers with the instance that answered (x-wangge-instance). */
export class Client {
  last: string | null = null;
  constructor(readonly base: string) {}

  async call(
    method: string,
    url: string,
    opts: { auth?: string; json?: unknown; raw?: { type: string; body: Buffer } } = {},
  ) {
    const headers: Record<string, string> = {};
    if (opts.auth) headers.authorization = opts.auth;
    let body: string | Uint8Array | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.raw) {
      headers['content-type'] = opts.raw.type;
      body = new Uint8Array(opts.raw.body);
    }
    const res = await fetch(`${this.base}${url}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (HAProxy's own 503 page)
    }
    const instance = res.headers.get('x-wangge-instance');
    if (instance) this.last = instance;
    return { status: res.status, body: parsed as Loose, instance, headers: res.headers } satisfies Answer;
  }

  /** A GET answered with bytes (a photo): its status, the body as it came, who answered. */
  async bytes(
    url: string,
    auth?: string,
  ): Promise<{ status: number; body: Buffer; instance: string | null }> {
    const res = await fetch(`${this.base}${url}`, { headers: auth ? { authorization: auth } : {} });
    const body = Buffer.from(await res.arrayBuffer());
    const instance = res.headers.get('x-wangge-instance');
    if (instance) this.last = instance;
    return { status: res.status, body, instance };
  }

  async signIn(username: string, password = DEMO_PASSWORD): Promise<string> {
    const r = await this.call('POST', '/api/v1/auth/login', { json: { username, password } });
    if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return `Bearer ${r.body.token as string}`;
  }

  /**
   * Makes `target` answer the next request: round robin goes round the servers in a fixed cycle
   * (not always the configuration's order once a server went down and came back), so cheap
   * GET /health calls learn the cycle and advance it until the one before `target` answered.
   */
  async steerTo(target: string): Promise<void> {
    const seq: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await this.call('GET', '/health');
      seq.push(r.instance ?? '');
      const j = seq.indexOf(seq[seq.length - 1]!);
      if (j < seq.length - 1 && seq[j + 1] === target) return;
    }
    throw new Error(`round robin did not come round to ${target} (${seq.join(' ')})`);
  }
}
