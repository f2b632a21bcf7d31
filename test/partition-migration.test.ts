import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from './scratch-db.js';
import { inject } from 'vitest';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { createPii } from '../src/platform/crypto.js';
import { TEST_DEMO_PASSWORD, TEST_DEMO_SCALE, TEST_KEY } from './constants.js';
import { createDb, type Db } from '../src/platform/db/database.js';
import { MIGRATIONS_DIR, migrateToLatest, SqlFileMigrationProvider } from '../src/platform/db/migrate.js';
import { PARTITIONED } from '../src/platform/db/partitions.js';

/**
 * Migration 0195 converts the growing tables in place: a database holding the demo before the
 * migration holds exactly the same rows after it, in partitioned tables.
 */
let db: Db;
const server = inject('dbServerUrl');
const scratch = scratchDatabase(server);

beforeAll(async () => {
  await scratch.create();
  db = createDb(scratch.url, 2).db;
});
afterAll(async () => {
  await db.destroy();
  await scratch.drop();
});

const fingerprint = async (table: string) =>
  (
    await sql<{ n: number; sum: string; max: number }>`
      SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS sum, max(t.id) AS max
        FROM ${sql.table(table)} t`.execute(db)
  ).rows[0]!;

describe('migration 0195 on a database that holds the demo', () => {
  it('keeps every row, continues the ids and partitions the tables', async () => {
    const provider = new SqlFileMigrationProvider(MIGRATIONS_DIR);
    const names = Object.keys(await provider.getMigrations()).filter((n) => n < '0195');
    const up = await new Migrator({ db: db as never, provider }).migrateTo(names.at(-1)!);
    expect(up.error).toBeUndefined();
    await ensureReferenceData(db);
    const report = await loadDemo(db, createPii(TEST_KEY), {
      scale: TEST_DEMO_SCALE,
      password: TEST_DEMO_PASSWORD,
    });
    // before migration 0244 there is no staged rollup's query: the load rebuilds the rollup itself
    expect(report?.rollup).toBe('rebuilt');

    const before = new Map<string, Awaited<ReturnType<typeof fingerprint>>>();
    for (const { table } of PARTITIONED) before.set(table, await fingerprint(table));
    expect(before.get('case_history')!.n).toBeGreaterThan(1000);

    await migrateToLatest(db as never);

    for (const { table, key } of PARTITIONED) {
      expect(await fingerprint(table)).toEqual(before.get(table));
      const { rows } = await sql<{ strategy: string; key: string }>`
        SELECT partstrat AS strategy, pg_get_partkeydef(partrelid) AS key
          FROM pg_partitioned_table WHERE partrelid = ${`public.${table}`}::regclass`.execute(db);
      expect(rows[0]).toEqual({ strategy: 'r', key: `RANGE (${key})` });
    }
    // the year of demo history went into monthly partitions, not the default one
    const stray = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_history_default`.execute(db);
    expect(stray.rows[0]!.n).toBe(0);
    // the indicators' view over the history was recreated
    const metrics = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_metric_row`.execute(db);
    expect(metrics.rows[0]!.n).toBeGreaterThan(0);
    // new ids follow the old ones
    const a = await db
      .insertInto('audit_log')
      .values({ action: 'test', entity_type: 'partition' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(a.id).toBeGreaterThan(before.get('audit_log')!.max);
  }, 600_000); // a demo load and every migration, on a loaded machine
});
