import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { seedVisitDemo } from '../visits/index.js';

/**
 * The demo looks like a year of work (issue 11): visits, wishes and errands spread over the
 * months like the cases, households' last visits match their visit rows, and the load leaves the
 * indicators' rollup built (nothing pending), equal to the incremental fold (rollup.test.ts).
 */
let t: TestApp;
const C = '211221';
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const months = async (table: 'visit' | 'wish' | 'errand' | 'cases', column: string) => {
  const { rows } = await sql<{ n: string; first: string }>`
    SELECT count(DISTINCT date_trunc('month', ${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai'))::text AS n,
           (now() - min(${sql.ref(column)}))::text AS first
      FROM ${sql.table(table)} WHERE county_code = ${C}`.execute(t.db);
  return { n: Number(rows[0]!.n), first: rows[0]!.first };
};

describe('the demo year', () => {
  it('spreads wishes and errands over the year like the cases', async () => {
    for (const [table, column] of [
      ['cases', 'reported_at'],
      ['wish', 'created_at'],
      ['errand', 'created_at'],
    ] as const) {
      const m = await months(table, column);
      expect(m.n, `${table}: ${m.first}`).toBeGreaterThanOrEqual(11);
    }
  });

  it('visits the demo grid over the year, last visits and due dates consistent with the rows', async () => {
    // the test scale leaves the demo grid one or two households (the first never visited): give it
    // eight more, as the full demo has, and seed the visits again
    const grid = await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (tx) => {
      await sql`DELETE FROM visit WHERE county_code = ${C}`.execute(tx);
      await sql`
        INSERT INTO household (county_code, grid_code, grid_path, address, care_tags)
        SELECT ${C}, code, path, name || i || '号', CASE i % 3 WHEN 0 THEN ARRAY['elderly-alone'] WHEN 1 THEN '{}'::text[] ELSE ARRAY['poverty'] END
          FROM region, generate_series(1, 8) i WHERE code = ${grid.scope_code}`.execute(tx);
      await seedVisitDemo(tx, C, undefined as never);
    });
    const m = await months('visit', 'visited_at');
    expect(m.n, m.first).toBeGreaterThanOrEqual(11);
    const { rows } = await sql<{ bad: string; n: string }>`
      SELECT count(*) FILTER (WHERE h.last_visit_at IS DISTINCT FROM v.last) ::text AS bad, count(*)::text AS n
        FROM household h
        JOIN (SELECT household_id, max(visited_at) AS last FROM visit WHERE county_code = ${C} GROUP BY 1) v
          ON v.household_id = h.id
       WHERE h.county_code = ${C}`.execute(t.db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(3);
    expect(Number(rows[0]!.bad)).toBe(0);
    const { rows: due } = await sql<{ bad: string }>`
      SELECT count(*)::text AS bad FROM household h
       WHERE h.county_code = ${C} AND h.last_visit_at IS NOT NULL AND h.visit_due_at <= h.last_visit_at`.execute(
      t.db,
    );
    expect(Number(due[0]!.bad)).toBe(0);
  });

  it('dates every wish and errand step in order, as the workflow would have written them', async () => {
    const { rows } = await sql<{ bad: string; n: string }>`
      SELECT count(*) FILTER (WHERE s.at < prev)::text AS bad, count(*)::text AS n FROM (
        SELECT at, lag(at) OVER (PARTITION BY entity_type, entity_id ORDER BY id) AS prev
          FROM service_history WHERE county_code = ${C}) s`.execute(t.db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(100);
    expect(Number(rows[0]!.bad)).toBe(0);
  });

  it('leaves the case rollup built beside the load: nothing pending, equal per key to a rebuild, both levels', async () => {
    const state = await t.db
      .selectFrom('system_state')
      .select('value')
      .where('key', '=', 'demo')
      .executeTakeFirstOrThrow();
    expect((state.value as { rollup?: string }).rollup).toBe('staged');
    const sums = (table: 'case_rollup' | 'case_rollup_month', period: 'day' | 'month') => sql<{
      k: string;
      n: string;
      h: string;
    }>`SELECT concat_ws('|', region_code, ${sql.ref(period)}, dim, key, metric) AS k, sum(n)::text AS n,
              round(sum(hours)::numeric, 6)::text AS h
         FROM ${sql.table(table)} WHERE county_code = ${C} GROUP BY 1 ORDER BY 1`;
    // the year's history went into its months' partitions, none into the default one
    const stray = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_history_default`.execute(t.db);
    expect(stray.rows[0]!.n).toBe(0);
    const parts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_inherits
      WHERE inhparent = 'case_history'::regclass`.execute(t.db);
    expect(parts.rows[0]!.n).toBeGreaterThanOrEqual(14);
    const pending = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM case_rollup_pending WHERE county_code = ${C}`.execute(t.db);
    expect(Number(pending.rows[0]!.n)).toBe(0);
    const loaded = {
      day: (await sums('case_rollup', 'day').execute(t.db)).rows,
      month: (await sums('case_rollup_month', 'month').execute(t.db)).rows,
    };
    expect(loaded.day.length).toBeGreaterThan(1000);
    // the whole history rebuilt in one statement (rebuild_case_rollup), then thrown away
    const rebuilt = await t.db
      .transaction()
      .execute(async (tx) => {
        await sql`SELECT rebuild_case_rollup(${C})`.execute(tx);
        const out = {
          day: (await sums('case_rollup', 'day').execute(tx)).rows,
          month: (await sums('case_rollup_month', 'month').execute(tx)).rows,
        };
        throw Object.assign(new Error('rollback'), { out });
      })
      .catch((e: { out?: typeof loaded }) => e.out);
    expect(rebuilt).toBeDefined();
    expect(loaded.day).toEqual(rebuilt!.day);
    expect(loaded.month).toEqual(rebuilt!.month);
  });
});
