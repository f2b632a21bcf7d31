import fs from 'node:fs';
import path from 'node:path';
import { chownToPostgres, freePort, pgBin, waitFor, type Procs, type Proc } from './procs.js';

export type Member = { name: string; pgPort: number; restPort: number; proc: Proc };

const HBA = [
  'local all all trust',
  'host all all 127.0.0.1/32 trust',
  'host replication all 127.0.0.1/32 trust',
];

/** One etcd (v2 API on, which Debian's Patroni speaks through python3-etcd). */
export async function startEtcd(procs: Procs): Promise<{ port: number; proc: Proc }> {
  const [port, peer] = [await freePort(), await freePort()];
  const dataDir = path.join(procs.dir, 'etcd');
  const proc = procs.start('etcd', 'etcd', [
    '--name=e1',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=http://127.0.0.1:${port}`,
    `--advertise-client-urls=http://127.0.0.1:${port}`,
    `--listen-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-cluster=e1=http://127.0.0.1:${peer}`,
    '--enable-v2=true',
  ]);
  await waitFor('etcd', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 30_000);
  return { port, proc };
}

/**
 * A Patroni member (YAML is a superset of JSON: the configuration is written as JSON). The DCS
 * settings make a primary with a synchronous standby (synchronous_mode): a commit is answered
 * only once the standby holds it, so a failover loses no acknowledged report.
 */
export async function startMember(procs: Procs, name: string, etcdPort: number): Promise<Member> {
  const [pgPort, restPort] = [await freePort(), await freePort()];
  const dataDir = path.join(procs.dir, name);
  const config = {
    scope: 'wangge',
    name,
    restapi: { listen: `127.0.0.1:${restPort}`, connect_address: `127.0.0.1:${restPort}` },
    etcd: { host: `127.0.0.1:${etcdPort}` },
    bootstrap: {
      dcs: {
        ttl: 20,
        loop_wait: 2,
        retry_timeout: 5,
        maximum_lag_on_failover: 1048576,
        synchronous_mode: true,
        postgresql: {
          use_pg_rewind: true,
          parameters: {
            wal_level: 'replica',
            hot_standby: 'on',
            wal_log_hints: 'on',
            max_connections: 200,
            max_wal_senders: 10,
            max_replication_slots: 10,
          },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
    },
    postgresql: {
      listen: `127.0.0.1:${pgPort}`,
      connect_address: `127.0.0.1:${pgPort}`,
      data_dir: dataDir,
      bin_dir: pgBin(),
      pgpass: path.join(procs.dir, `${name}.pgpass`),
      authentication: {
        superuser: { username: 'postgres', password: 'cluster-test' },
        replication: { username: 'replicator', password: 'cluster-test' },
      },
      parameters: { unix_socket_directories: procs.dir },
      pg_hba: HBA,
    },
  };
  const file = path.join(procs.dir, `${name}.yml`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  chownToPostgres(file);
  const proc = procs.start(name, 'patroni', [file], { asPostgres: true });
  return { name, pgPort, restPort, proc };
}

/** The member's role as its REST API tells it (200 on /primary, /sync …). */
export async function restOk(m: Member, what: 'primary' | 'replica' | 'sync' | 'health'): Promise<boolean> {
  try {
    return (
      (await fetch(`http://127.0.0.1:${m.restPort}/${what}`, { signal: AbortSignal.timeout(2_000) }))
        .status === 200
    );
  } catch {
    return false;
  }
}

/** PgBouncer in transaction pooling, in front of HAProxy's port for the leader. */
export async function startPgbouncer(
  procs: Procs,
  leaderPort: number,
): Promise<{ port: number; proc: Proc }> {
  const port = await freePort();
  const ini = path.join(procs.dir, 'pgbouncer.ini');
  fs.writeFileSync(
    ini,
    [
      '[databases]',
      `wangge = host=127.0.0.1 port=${leaderPort} dbname=wangge user=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${procs.dir}`,
      'auth_type = any',
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 30',
      // during a failover a client waits for a server at most this long (then 08P01 → 503)
      'query_wait_timeout = 15',
      'server_connect_timeout = 3',
      'server_login_retry = 1',
      'server_check_delay = 0',
      '',
    ].join('\n'),
  );
  chownToPostgres(ini);
  const proc = procs.start('pgbouncer', 'pgbouncer', [ini], { asPostgres: true });
  return { port, proc };
}
