/**
 * The cluster tests (docs/CLUSTER.md), outside the default suite: they need Debian's haproxy,
 * pgbouncer, patroni, etcd-server and postgresql, which CI does not install.
 *
 *   npm run test:cluster            all three
 *   npm run test:cluster:journey    three instances behind HAProxy
 *   npm run test:cluster:failover   Patroni + etcd + PgBouncer, the primary killed under load
 *   npm run test:cluster:pitr       pg_basebackup + WAL archive, restored to a point in time
 *
 * Each prints its checks and a JSON summary; exits 1 on the first failed check.
 * WANGGE_CLUSTER_KEEP=1 keeps the working directories (logs) under the temp directory.
 */
import os from 'node:os';
import { failover } from './failover.js';
import { journey } from './journey.js';
import { pitr } from './pitr.js';
import { allProcs, have, say } from './procs.js';

const SCENARIOS = { journey, failover, pitr } as const;
const NEEDS: Record<keyof typeof SCENARIOS, string[]> = {
  journey: ['haproxy'],
  failover: ['haproxy', 'pgbouncer', 'patroni', 'etcd'],
  pitr: [],
};

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  const names =
    arg === 'all' ? (Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[]) : [arg as keyof typeof SCENARIOS];
  for (const n of names)
    if (!(n in SCENARIOS)) throw new Error(`unknown scenario ${n} (journey, failover, pitr, all)`);
  const missing = [...new Set(names.flatMap((n) => NEEDS[n]))].filter((c) => !have(c));
  if (missing.length)
    throw new Error(
      `missing ${missing.join(', ')}: apt-get install -y haproxy pgbouncer patroni etcd-server etcd-client postgresql`,
    );
  const machine = {
    cpus: os.cpus().length,
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
    node: process.version,
  };
  const results: Record<string, unknown> = { machine };
  for (const n of names) {
    say(`\n== ${n} ==`);
    const t0 = Date.now();
    results[n] = { ...(await SCENARIOS[n]()), seconds: Math.round((Date.now() - t0) / 1000) };
  }
  results.loadAfter = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  say(`\n${JSON.stringify(results, null, 2)}`);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    say(`\n${sig}: ending the processes this run started …`);
    void Promise.all([...allProcs].map((p) => p.stopAll())).finally(() => process.exit(130));
  });

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`\ncluster test FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
