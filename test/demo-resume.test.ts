import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from './scratch-db.js';
import { inject } from 'vitest';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { createPii } from '../src/platform/crypto.js';
import { createDb, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { TEST_DEMO_PASSWORD, TEST_DEMO_SCALE, TEST_KEY } from './constants.js';
import { TIELING_COUNTY_CODE } from '../src/modules/grids/index.js';
import { loadDemo } from '../src/modules/demo/load.js';

/**
 * The load commits its first part (the population, without its secondary indexes and keys) before
 * its second. A load killed between the two is finished by the next start: what was taken off is
 * put back exactly, the population is not loaded twice, and the demo is then whole.
 */
const server = inject('dbServerUrl');
const scratch = scratchDatabase(server);
const url = scratch.url;
let db: Db;

// the tables whose indexes and keys the first part takes off
const POPULATION = [
  'household',
  'resident',
  'grid_worker',
  'party_member',
  'party_member_household',
  'grid_unit',
  'visit',
];

/** Every index and foreign key of the population's tables, by table and name, with its definition. */
async function schemaShape(): Promise<string[]> {
  const { rows } = await sql<{ s: string }>`
    SELECT tablename || ' ' || indexname || ' ' || indexdef AS s FROM pg_indexes
     WHERE schemaname = 'public' AND tablename = ANY(${POPULATION}::text[])
    UNION ALL
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(${POPULATION}::text[])
    ORDER BY 1`.execute(db);
  return rows.map((r) => r.s);
}

const state = async () =>
  (await db.selectFrom('system_state').select(['key', 'value']).execute()).map((r) => r.key).sort();

beforeAll(async () => {
  await scratch.create();
  db = createDb(url, 4).db;
  await migrateToLatest(db as never);
  await ensureReferenceData(db);
});
afterAll(async () => {
  await db.destroy();
  await scratch.drop();
});

describe('a demo load killed between its two parts', () => {
  it('is finished by the next load, with the schema and the rows as a whole load leaves them', async () => {
    const before = await schemaShape();
    // a real process, killed with SIGKILL the moment its first part has committed
    const killed = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/demo-killed-child.ts', url],
      {
        cwd: process.cwd(),
      },
    ).then(
      () => null,
      (e: { signal?: string; stdout?: string; stderr?: string }) => e.signal ?? `${e.stdout}${e.stderr}`,
    );
    expect(killed).toBe('SIGKILL');
    // its first part committed: the population without some of its indexes, and the note
    expect(await state()).toEqual(['demo-loading']);
    const residents = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM resident`.execute(db)).rows[0]!.n,
    );
    expect(residents).toBeGreaterThan(1000);
    expect(await sql`SELECT 1 FROM cases`.execute(db).then((r) => r.rows.length)).toBe(0);
    const note = await db
      .selectFrom('system_state')
      .select('value')
      .where('key', '=', 'demo-loading')
      .executeTakeFirstOrThrow();
    const counted = (note.value as { people: { residents: number } }).people.residents;
    const during = await schemaShape();
    expect(during.length).toBeLessThan(before.length);
    // none of the residents' keys and secondary indexes back yet (the grid units' are: the first part
    // puts them back itself)
    expect(
      during.filter((d) => d.startsWith('resident ') && !d.includes('UNIQUE') && !d.includes('pkey')),
    ).toEqual([]);
    expect(during.some((d) => d.startsWith('grid_unit ') && d.includes('FOREIGN KEY'))).toBe(true);

    const report = await loadDemo(db, createPii(TEST_KEY), {
      scale: TEST_DEMO_SCALE,
      password: TEST_DEMO_PASSWORD,
    });
    expect(report?.loaded).toBe(true);
    expect(report?.stages).toHaveProperty('resume');
    expect(report?.rollup).toBe('staged');
    expect(await state()).toEqual(['demo']);
    // every index and key back under its name and definition
    expect(await schemaShape()).toEqual(before);
    // the population once: the report's count is the first part's, the rows are those it left (and
    // the few the second part's seeds add)
    expect(report?.residents).toBe(counted);
    const after = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM resident`.execute(db)).rows[0]!.n,
    );
    expect(after).toBeGreaterThanOrEqual(residents);
    expect(after).toBeLessThan(residents * 1.1);

    // the second part written: the year of cases, and its rollup equal to a rebuild from the history
    const cases = await sql<{ n: string }>`SELECT count(*) AS n FROM cases`.execute(db);
    expect(Number(cases.rows[0]!.n)).toBeGreaterThan(100);
    const sums = async () =>
      (
        await sql<{ s: string }>`
          SELECT string_agg(k, ',' ORDER BY k) AS s FROM (
            SELECT region_code || dim || key || metric || day || ':' || sum(n) AS k
              FROM case_rollup GROUP BY region_code, dim, key, metric, day) x`.execute(db)
      ).rows[0]!.s;
    const staged = await sums();
    await sql`SELECT rebuild_case_rollup(${TIELING_COUNTY_CODE})`.execute(db);
    expect(await sums()).toBe(staged);
    // and a further start finds it loaded
    expect(
      await loadDemo(db, createPii(TEST_KEY), { scale: TEST_DEMO_SCALE, password: TEST_DEMO_PASSWORD }),
    ).toBeNull();
  }, 300_000);
});
