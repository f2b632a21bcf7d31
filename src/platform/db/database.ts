import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { serverSettings, startEmbeddedPostgres, type EmbeddedHandle } from './embedded.js';
import { COPY_MARK, runCopy } from './copy.js';

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
  /** the streaming replica for read-only work (DATABASE_REPLICA_URL), null when there is none */
  replica: Db | null;
  embedded: EmbeddedHandle | null;
  close(): Promise<void>;
};

export const DEFAULT_DB_NAME = 'wangge';

/**
 * Marks a statement run on every request (the session lookup, report intake) to be prepared
 * once per connection and then only bound and executed: PostgreSQL plans an unnamed statement
 * anew each time, and for these the plan costs as much as the execution. Append it with
 * `.modifyEnd(PREPARED)` on a query builder or put it in a raw `sql` text. The statement's
 * name is a hash of its text, so a text that varies gets a statement per variant (keep such
 * texts few). A pooler in transaction mode would need `max_prepared_statements` (PgBouncer ≥ 1.21).
 */
export const PREPARED = sql.raw('/* wangge:prepared */');
const PREPARED_MARK = '/* wangge:prepared */';

/**
 * pg's client, never crashing the process when its connection ends, and running the COPY statements
 * marked by `copySource` (copy.ts) as COPY FROM STDIN. The pool listens for errors only on idle
 * clients: a client checked out (a transaction between two statements) whose server goes away — a
 * failover, a restart, pg_terminate_backend — emitted 'error' with no listener, and Node ended the
 * whole instance. Here the error is kept for the next statement, which fails ("not queryable",
 * answered 503 DATABASE_UNAVAILABLE), and the pool drops the client on release.
 */
class SturdyClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {});
  }

  override query(...args: unknown[]): never {
    const [text] = args;
    if (typeof text === 'string' && text.startsWith('COPY ') && text.includes(COPY_MARK)) {
      return runCopy((q) => (super.query as (...a: unknown[]) => unknown)(q), text) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/** The sturdy client, preparing the statements marked PREPARED (named by a hash of their text). */
class PreparingClient extends SturdyClient {
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && text.includes(PREPARED_MARK)) {
      const name = `w_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      return (super.query as (...a: unknown[]) => never)({ name, text, values }, callback);
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/**
 * A pool on `url`. `prepared: false` sends every statement unnamed (a pooler in transaction mode
 * before PgBouncer 1.21 cannot keep a statement prepared on one server connection for the next
 * transaction). `checkoutTimeoutMs` bounds the wait for a connection (pg's connectionTimeoutMillis:
 * the queue and the connect): a database unreachable during a failover then answers 503
 * DATABASE_UNAVAILABLE rather than a request hanging; unbounded when absent. `onQuery` sees the
 * text of every statement the query builder runs (tests: which queries would not route to one shard
 * under Citus, docs/citus.md).
 */
export function createDb(
  url: string,
  max = 10,
  opts: { prepared?: boolean; checkoutTimeoutMs?: number; onQuery?: (sql: string) => void } = {},
): { db: Db; pool: pg.Pool } {
  const { onQuery } = opts;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    Client: opts.prepared === false ? SturdyClient : PreparingClient,
    connectionTimeoutMillis: opts.checkoutTimeoutMs ?? 0,
    keepAlive: true,
  });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead
  const log = onQuery
    ? (e: { level: string; query: { sql: string } }) => {
        if (e.level === 'query') onQuery(e.query.sql);
      }
    : undefined;
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log }), pool };
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
  /** DATABASE_REPLICA_URL: a hot standby of that database, opened beside it (never migrated, never written) */
  replicaUrl?: string;
  /** named prepared statements (Config `preparedStatements`); on unless false */
  prepared?: boolean;
}): Promise<Database> {
  let embedded: EmbeddedHandle | null = null;
  let url: string;
  if (opts.databaseUrl) {
    url = opts.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: opts.dataDir,
      log: opts.log,
      settings: serverSettings(),
    });
    await ensureDatabase(embedded.url, DEFAULT_DB_NAME);
    url = withDatabase(embedded.url, DEFAULT_DB_NAME);
  }
  const { db, pool } = createDb(url, opts.poolSize, { prepared: opts.prepared, checkoutTimeoutMs: 30_000 });
  // a replica that does not answer within 2 s counts as down (the read router falls back to the primary)
  const replica = opts.replicaUrl
    ? createDb(opts.replicaUrl, opts.poolSize, { prepared: opts.prepared, checkoutTimeoutMs: 2000 }).db
    : null;
  return {
    db,
    pool,
    url,
    replica,
    embedded,
    async close() {
      await replica?.destroy();
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
