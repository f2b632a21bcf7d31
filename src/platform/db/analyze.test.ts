import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers.js';
import { analyzeInParallel } from './analyze.js';
import type { Db } from './database.js';

// autovacuum off on its tables: only the function under test may analyze them
let t: { db: Db; drop(): Promise<void> };
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

/** When the table's statistics were last gathered by an explicit ANALYZE (null if never). */
const analyzed = async (table: string) =>
  (
    await sql<{ at: Date | null }>`
      SELECT pg_stat_get_last_analyze_time(${table}::regclass) AS at`.execute(t.db)
  ).rows[0]!.at;

describe('analyzeInParallel', () => {
  it('gathers statistics for plain and partitioned tables, each once, over two connections', async () => {
    await sql`CREATE TABLE an_plain (id int, v text) WITH (autovacuum_enabled = false)`.execute(t.db);
    await sql`CREATE TABLE an_part (id int, at date) PARTITION BY RANGE (at)`.execute(t.db);
    await sql`CREATE TABLE an_part_a PARTITION OF an_part FOR VALUES FROM ('2026-01-01') TO ('2026-07-01') WITH (autovacuum_enabled = false)`.execute(
      t.db,
    );
    await sql`INSERT INTO an_plain SELECT g, 'v' || g FROM generate_series(1, 2000) g`.execute(t.db);
    await sql`INSERT INTO an_part SELECT g, date '2026-01-01' + g % 180 FROM generate_series(1, 2000) g`.execute(
      t.db,
    );
    expect(await analyzed('an_plain')).toBeNull();
    await analyzeInParallel(t.db, 2);
    expect(await analyzed('an_plain')).not.toBeNull();
    expect(await analyzed('an_part_a')).not.toBeNull();
    // the planner now knows the rows (reltuples was -1, "never analyzed")
    const { rows } = await sql<{ n: number }>`
      SELECT reltuples::int AS n FROM pg_class WHERE oid = 'an_plain'::regclass`.execute(t.db);
    expect(rows[0]!.n).toBe(2000);
    // the parent's own statistics over all its partitions
    const parent = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'an_part' AND inherited`.execute(t.db);
    expect(parent.rows[0]!.n).toBeGreaterThan(0);
  });
});
