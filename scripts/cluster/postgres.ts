import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chownToPostgres, pgBin, run, waitFor, type Procs, type Proc } from './procs.js';

/** A PostgreSQL server of the Debian packages, made with initdb in `dir` (trust on 127.0.0.1 only). */
export function initCluster(dir: string, extraConf: string[] = []): void {
  run(
    path.join(pgBin(), 'initdb'),
    ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
    {
      asPostgres: true,
    },
  );
  fs.appendFileSync(
    path.join(dir, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'max_connections = 200',
      'fsync = on',
      ...extraConf,
      '',
    ].join('\n'),
  );
}

/** Starts the server in the foreground (its own process, ended by its id). */
export async function startServer(procs: Procs, name: string, dir: string, port: number): Promise<Proc> {
  chownToPostgres(dir);
  const p = procs.start(name, path.join(pgBin(), 'postgres'), ['-D', dir, '-p', String(port)], {
    asPostgres: true,
  });
  await waitFor(`${name} to accept connections`, () => query(port, 'SELECT 1'), 60_000);
  return p;
}

export const urlOf = (port: number, db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;

/** One statement on a fresh connection (scripts' own checks; never the application's pool). */
export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(
  port: number,
  text: string,
  values: unknown[] = [],
  db = 'postgres',
): Promise<R[]> {
  const c = new pg.Client({ connectionString: urlOf(port, db), connectionTimeoutMillis: 5_000 });
  c.on('error', () => {});
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end().catch(() => {});
  }
}
