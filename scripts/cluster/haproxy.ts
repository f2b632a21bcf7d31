import fs from 'node:fs';
import path from 'node:path';
import { waitFor, type Procs, type Proc } from './procs.js';

export type Backend = { name: string; port: number };

/**
 * HAProxy (Debian package) in front of the wangge instances, round robin, each request balanced
 * on its own (http-server-close), checked by TCP connect: an instance is taken out when its
 * process is gone, not when the database is (GET /health asks the database: during a failover
 * every instance would be taken out and HAProxy would answer its own 503 page instead of the
 * instances' 503 DATABASE_UNAVAILABLE). Optionally a TCP front for
 * PostgreSQL that sends connections to the member whose Patroni REST API answers 200 on
 * /primary (the leader) — deploy/haproxy/haproxy.cfg is the production form of both.
 */
export async function startHaproxy(
  procs: Procs,
  opts: {
    httpPort: number;
    apps: Backend[];
    pg?: { port: number; members: (Backend & { restPort: number })[] };
  },
): Promise<Proc> {
  const lines = [
    'global',
    '  maxconn 2000',
    'defaults',
    '  timeout connect 2s',
    '  timeout client 1h',
    '  timeout server 1h',
    'frontend wangge',
    '  mode http',
    `  bind 127.0.0.1:${opts.httpPort}`,
    '  option forwardfor',
    '  option http-server-close',
    '  default_backend apps',
    'backend apps',
    '  mode http',
    '  balance roundrobin',
    '  retry-on conn-failure',
    ...opts.apps.map((a) => `  server ${a.name} 127.0.0.1:${a.port} check inter 1s fall 2 rise 1`),
  ];
  if (opts.pg) {
    lines.push(
      'listen postgres_primary',
      '  mode tcp',
      `  bind 127.0.0.1:${opts.pg.port}`,
      '  option httpchk GET /primary',
      '  http-check expect status 200',
      // a demoted primary's connections are cut at once, not left to write to a standby
      '  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions',
      ...opts.pg.members.map((m) => `  server ${m.name} 127.0.0.1:${m.port} check port ${m.restPort}`),
    );
  }
  const cfg = path.join(procs.dir, 'haproxy.cfg');
  fs.writeFileSync(cfg, `${lines.join('\n')}\n`);
  const p = procs.start('haproxy', 'haproxy', ['-f', cfg, '-db']);
  await waitFor(
    'haproxy to listen',
    async () => (await fetch(`http://127.0.0.1:${opts.httpPort}/`).catch(() => null)) !== null,
    20_000,
  );
  return p;
}
