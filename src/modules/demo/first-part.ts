import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { COUNTY_BBOXES, TIELING_COUNTY_CODE } from '../grids/index.js';
import { prepareCaseDemo, type CaseDemoRows } from '../cases/index.js';
import {
  compactFreshTable,
  dropForeignKeys,
  dropIndexes,
  restoreDeferred,
  type Deferred,
} from '../../platform/db/bulk.js';
import { loadDemoAccounts, type DemoAccount } from './accounts.js';
import { loadPeople, type Progress } from './people.js';
import { loadTerritory } from './territory.js';
import { loadTiexiParty } from './tiexi.js';
import { seedPeopleDemo } from '../people/index.js';
import { MODULE_SEEDS, ON_POPULATION, POPULATION_TABLES, seedCountySettings } from './seeds.js';

/**
 * Settings for each of the load's two transactions only (SET LOCAL): sorts and hashes of the
 * set-based seeds and the rollup's rebuild in memory rather than on disk, index builds with room,
 * and the commit not waiting for its WAL flush (a crash before the flush loses that transaction
 * whole: the first part's with its `demo-loading` note, so the next start loads afresh; the second
 * part's with the `demo` mark, so the next start finishes the load from the note).
 */
export async function loadSettings(tx: Tx): Promise<void> {
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(tx);
  await sql`SET LOCAL synchronous_commit = off`.execute(tx);
}

/** What the first part of the load committed, kept in `demo-loading` until the second commits. */
export type FirstPart = {
  territory: { regions: number; grids: number; tielingGrids: number };
  people: Awaited<ReturnType<typeof loadPeople>>;
  accounts: DemoAccount[];
  /** the population's indexes and keys, taken off for its load and put back beside the second part */
  deferred: Deferred[];
};

/** Seconds per stage of the load, for its report (and the benchmark's CPU per stage). */
export function stageClock(lapped?: (stage: string) => void) {
  const stages: Record<string, number> = {};
  let mark = performance.now();
  return {
    stages,
    lap(stage: string) {
      const at = performance.now();
      stages[stage] = Math.round((at - mark) / 100) / 10;
      mark = at;
      lapped?.(stage);
    },
  };
}

export type Run = {
  db: Db;
  pii: Pii;
  scale: number;
  password: string;
  progress: Progress;
  lap: (stage: string) => void;
};

/** Runs one module's demo seed as a stage of the load. */
export async function seedStage(run: Run, demo: (typeof MODULE_SEEDS)[number][1], go: () => Promise<void>) {
  const stage = demo.name.replace(/^seed|Demo$/g, '').toLowerCase();
  run.progress(stage, 0, 1);
  await go();
  run.lap(stage);
}

/**
 * The first part, in a transaction of its own: the territory and every county's settings, the
 * population without its secondary indexes and foreign keys (300,000 residents' GIN and GiST
 * entries built once, their keys checked once, set-based, not per row), its accounts and the seeds
 * that build only on it (archive history and grid units, their points, the visit rhythm). It
 * commits with what it took off noted in `demo-loading`, so those indexes and keys are put back by
 * another backend while the second part writes the year of cases. The year is simulated
 * (JavaScript) meanwhile, and its rollup staged on a connection of its own.
 */
export async function loadFirstPart(
  tx: Tx,
  run: Run,
  started: (cases: Promise<CaseDemoRows>) => void,
): Promise<FirstPart> {
  await loadSettings(tx);
  run.progress('territory', 0, 1);
  const territory = await loadTerritory(tx);
  run.progress('territory', 1, 1);
  for (const county of Object.keys(COUNTY_BBOXES)) await seedCountySettings(tx, county);
  run.lap('territory');
  const tables = [...POPULATION_TABLES, 'grid_unit', 'visit'];
  const deferred = [...(await dropForeignKeys(tx, tables)), ...(await dropIndexes(tx, tables))];
  const people = await loadPeople(tx, run.pii, TIELING_COUNTY_CODE, run.scale, run.progress);
  run.lap('population');
  // 鞍山铁西区's grid party organisation and its 654 members (seed 004)
  await loadTiexiParty(tx, run.pii);
  run.lap('tiexi');
  // planner statistics for the stages that read the population (no plan guesses on 300,000 new rows)
  await sql`ANALYZE resident, household, grid_worker, party_member, party_member_household`.execute(tx);
  run.lap('analyze-population');
  run.progress('accounts', 0, 1);
  const accounts = await loadDemoAccounts(tx, TIELING_COUNTY_CODE, run.password);
  run.progress('accounts', 1, 1);
  run.lap('accounts');
  let read: Promise<unknown> = Promise.resolve();
  for (const [, demo] of MODULE_SEEDS) {
    if (!ON_POPULATION.has(demo)) continue;
    await seedStage(run, demo, () => demo(tx, TIELING_COUNTY_CODE, run.pii));
    // after the archive's changes: the cases follow the households' member counts (the population
    // read in this transaction, before it commits; ids and numbers drawn on the pool later)
    if (demo === seedPeopleDemo) {
      let done!: () => void;
      read = new Promise<void>((resolve) => {
        done = resolve;
      });
      const cases = prepareCaseDemo(tx, TIELING_COUNTY_CODE, { ids: run.db, read: done });
      read = Promise.race([read, cases.catch(() => {})]);
      started(cases);
    }
  }
  // the archive's units and the visit rhythm updated every household twice since its COPY: the
  // table is rewritten to its current versions before its indexes are built, or they would index
  // all three (the grid-path GiST of 300,000 entries instead of 100,000, 11 s of PostgreSQL CPU)
  await compactFreshTable(tx, 'household', 'version');
  // the grid units' now: the case stage finds each case's unit through them
  const units = deferred.filter((d) => d.table === 'grid_unit');
  await restoreDeferred(tx, units);
  await sql`ANALYZE grid_unit`.execute(tx);
  await read;
  run.lap('compact');
  const first: FirstPart = {
    territory,
    people,
    accounts,
    deferred: deferred.filter((d) => !units.includes(d)),
  };
  await tx
    .insertInto('system_state')
    .values({ key: 'demo-loading', value: JSON.stringify(first) })
    .execute();
  return first;
}

/**
 * The first part on a connection of its own; once it has committed, on the same connection, the
 * population's keys (`keys`), then its indexes and statistics (`restored`), beside the second part.
 */
export function firstPartBeside(run: Run, begin: (cases: Promise<CaseDemoRows>) => void) {
  const committed = settleLater<FirstPart>();
  const keys = settleLater<void>();
  const restored = run.db.connection().execute(async (conn) => {
    const made = await conn.transaction().execute((t) => loadFirstPart(t, run, begin));
    run.lap('commit');
    committed.resolve(made);
    const put = (kind: Deferred['kind']) => made.deferred.filter((d) => d.kind === kind);
    await conn.transaction().execute((t) => restoreDeferred(t, put('key')));
    keys.resolve();
    await conn.transaction().execute(async (t) => {
      await restoreDeferred(t, put('index'));
      // statistics after the seeds' updates (units, last visits, the archive's changes): the
      // later seeds' plans depend on them (one seed's insert took 26 s on the statistics of before)
      await sql`ANALYZE household, resident`.execute(t);
    });
  });
  // a failure stops the second part where it waits (nothing settled twice: the first settling holds)
  restored.catch((e: unknown) => {
    committed.reject(e);
    keys.reject(e);
  });
  return { committed: committed.promise, keys: keys.promise, restored };
}

/** A promise settled from outside; its rejection counts as handled until someone awaits it. */
export function settleLater<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
