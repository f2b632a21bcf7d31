import fs from 'node:fs';
import path from 'node:path';
import { initCluster, query, startServer } from './postgres.js';
import {
  check,
  chownToPostgres,
  freePort,
  pgBin,
  Procs,
  run,
  say,
  sleep,
  waitFor,
  workDir,
} from './procs.js';

/**
 * Point-in-time recovery once, as docs/DEPLOY.md tells an operator to do it: a base backup
 * (pg_basebackup) and continuous WAL archiving; rows written, a target time noted, more rows
 * written; a new server restored from the backup and the archive to the target time must hold
 * exactly the first rows.
 */
export async function pitr(): Promise<Record<string, unknown>> {
  const dir = workDir('pitr');
  const procs = new Procs(dir);
  say(`pitr: working in ${dir}`);
  const data = path.join(dir, 'pgdata');
  const archive = path.join(dir, 'wal-archive');
  const base = path.join(dir, 'base');
  const restored = path.join(dir, 'restored');
  fs.mkdirSync(archive);
  chownToPostgres(archive);
  try {
    initCluster(data, [
      'wal_level = replica',
      'archive_mode = on',
      // never overwrite an archived segment (test ! -f), as the PostgreSQL manual advises
      `archive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`,
      'archive_timeout = 60',
    ]);
    const port = await freePort();
    const primary = await startServer(procs, 'primary', data, port);
    await query(
      port,
      'CREATE TABLE pitr_probe (id int PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT clock_timestamp())',
    );

    run(
      path.join(pgBin(), 'pg_basebackup'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-D', base, '-X', 'stream', '-c', 'fast'],
      {
        asPostgres: true,
      },
    );
    check(fs.existsSync(path.join(base, 'PG_VERSION')), 'pg_basebackup took a base backup');

    await query(port, 'INSERT INTO pitr_probe (id) SELECT g FROM generate_series(1, 100) g');
    await sleep(1_100);
    const [{ target }] = (await query<{ target: string }>(
      port,
      `SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.US TZH') AS target`,
    )) as [{ target: string }];
    await sleep(1_100);
    await query(port, 'INSERT INTO pitr_probe (id) SELECT g FROM generate_series(101, 250) g');
    // close the segment holding the last rows so it is archived
    const [{ wal }] = (await query<{ wal: string }>(
      port,
      'SELECT pg_walfile_name(pg_switch_wal()) AS wal',
    )) as [{ wal: string }];
    await waitFor(
      `segment ${wal} to be archived`,
      async () =>
        ((await query<{ w: string | null }>(port, 'SELECT last_archived_wal AS w FROM pg_stat_archiver'))[0]
          ?.w ?? '') >= wal,
      60_000,
    );
    check(
      true,
      `rows 1–100 written, target time ${target}, rows 101–250 written, WAL archived through ${wal}`,
    );
    await procs.stop(primary);

    // restore: the base backup, the archive, the target time
    fs.cpSync(base, restored, { recursive: true });
    fs.writeFileSync(path.join(restored, 'recovery.signal'), '');
    fs.appendFileSync(
      path.join(restored, 'postgresql.conf'),
      [
        `restore_command = 'cp ${archive}/%f %p'`,
        `recovery_target_time = '${target}'`,
        "recovery_target_action = 'promote'",
        'archive_mode = off',
        '',
      ].join('\n'),
    );
    run('chown', ['-R', 'postgres:postgres', restored]);
    fs.chmodSync(restored, 0o700);
    const port2 = await freePort();
    const t0 = Date.now();
    await startServer(procs, 'restored', restored, port2);
    await waitFor(
      'recovery to end',
      async () => (await query<{ r: boolean }>(port2, 'SELECT pg_is_in_recovery() AS r'))[0]?.r === false,
      120_000,
    );
    const recoverySeconds = (Date.now() - t0) / 1000;
    const [r] = await query<{ n: number; lo: number; hi: number }>(
      port2,
      'SELECT count(*)::int AS n, min(id) AS lo, max(id) AS hi FROM pitr_probe',
    );
    check(
      r!.n === 100 && r!.lo === 1 && r!.hi === 100,
      `the restored server holds exactly rows 1–100 (${r!.n} rows, ${r!.lo}–${r!.hi})`,
    );
    return { rowsBefore: 100, rowsAfter: 150, restoredRows: r!.n, recoverySeconds };
  } finally {
    await procs.stopAll();
    if (!process.env.WANGGE_CLUSTER_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}
