import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from './embedded.js';

// int8 (bigint ids, counts) as JS numbers: ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// dates as 'YYYY-MM-DD' strings, not local-midnight Date objects.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedHandle | null;
  close(): Promise<void>;
};

export const DEFAULT_DB_NAME = 'wangge';

export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/** Replace the database name in a postgres URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates the database if missing (connecting to the server's `postgres` database). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`)
        .catch((err: { code?: string }) => {
          if (err.code !== '42P04') throw err; // created meanwhile by another instance
        });
    }
  } finally {
    await client.end();
  }
}

/**
 * Opens the database: the server named by DATABASE_URL, or else the embedded
 * PostgreSQL in `<dataDir>/pg` with a `wangge` database.
 */
export async function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  log: (line: string) => void;
  poolSize?: number;
}): Promise<Database> {
  let embedded: EmbeddedHandle | null = null;
  let url: string;
  if (opts.databaseUrl) {
    url = opts.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: opts.dataDir, log: opts.log });
    await ensureDatabase(embedded.url, DEFAULT_DB_NAME);
    url = withDatabase(embedded.url, DEFAULT_DB_NAME);
  }
  const { db, pool } = createDb(url, opts.poolSize);
  return {
    db,
    pool,
    url,
    embedded,
    async close() {
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
