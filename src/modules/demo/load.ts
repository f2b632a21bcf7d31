import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { COUNTY_BBOXES, TIELING_COUNTY_CODE } from '../grids/index.js';
import {
  prepareCaseDemo,
  seedCaseDemo,
  stageCaseDemoRollup,
  writeCaseDemo,
  type CaseDemoRows,
} from '../cases/index.js';
import { importRollup, rebuildRollup } from '../indicators/index.js';
import { restoreDeferred, withIndexesDeferred } from '../../platform/db/bulk.js';
import { createMonthPartitions } from '../../platform/db/partitions.js';
import { analyzeInParallel } from '../../platform/db/analyze.js';
import type { DemoAccount } from './accounts.js';
import type { Progress } from './people.js';
import { createDemoOpen311Key, type DemoOpen311Key } from '../open311/index.js';
import { MODULE_SEEDS, ON_POPULATION } from './seeds.js';
import {
  firstPartBeside,
  loadSettings,
  seedStage,
  settleLater,
  stageClock,
  type FirstPart,
  type Run,
} from './first-part.js';

export { seedCountySettings } from './seeds.js';

export type DemoReport = {
  loaded: boolean;
  regions: number;
  grids: number;
  tielingGrids: number;
  households: number;
  residents: number;
  gridWorkers: number;
  partyOrgs: number;
  partyMembers: number;
  accounts: DemoAccount[];
  open311: DemoOpen311Key;
  seconds: number;
  /** how the year's rollup was made: beside the load on a second connection, or rebuilt in it */
  rollup: 'staged' | 'rebuilt';
  /** seconds per stage (territory, people, accounts, each module's demo, analyze), for the load report */
  stages: Record<string, number>;
};

const DEMO_LOCK = 0x77616e67; // "wang"

/** Days of case history the demo may write before the load (a year, and its first cases' steps). */
const HISTORY_DAYS = 400;

/**
 * How long the load waits for the staged rollup's first step before it rebuilds the rollup itself
 * instead (that step needs a second connection: a pool of one would never give it one).
 */
const KINDS_WAIT_MS = 120_000;

/** The promise's value, or false if it has not settled within `ms`. */
async function within(p: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether this database already holds the demo county. */
export async function demoLoaded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('system_state').select('key').where('key', '=', 'demo').executeTakeFirst();
  return !!row;
}

/**
 * Loads the demo: five seed counties' territory with synthetic grids, and 铁岭县's population,
 * party organisation, accounts, a year of cases and every module's demo. Two servers starting at
 * once load it once: the load holds an advisory lock in the transaction of its second part from its
 * start to its end (a second server waits on it, then finds the demo loaded). The first part
 * (`loadFirstPart`) commits the population without its secondary indexes and keys, noted in
 * `demo-loading`; another connection puts them back while the second part writes the cases. The
 * second part marks the demo loaded and removes the note in its commit. A load interrupted between
 * the two (a crash, a kill) is found at the next start by that note: the indexes and keys are put
 * back and the second part runs; the first is never loaded twice. A third connection computes the
 * year's rollup from copies of the rows (`stageCaseDemoRollup`), writing nothing that outlives it.
 * Needs a pool of two connections at least; with fewer than four the parts run more in turn.
 */
export async function loadDemo(
  db: Db,
  pii: Pii,
  opts: {
    scale: number;
    password: string;
    progress?: Progress;
    /** called as each stage of the stage line ends (the benchmark measures CPU per stage with it) */
    lapped?: (stage: string) => void;
  },
): Promise<DemoReport | null> {
  const t0 = performance.now();
  const clock = stageClock(opts.lapped);
  const run: Run = { db, pii, ...opts, progress: opts.progress ?? (() => {}), lap: clock.lap };
  // the months of the year's case history, so its rows go into them, not the default partition;
  // before the load's transaction, in one of their own (empty partitions are what the maintenance
  // makes): a partition made in the load would lock case_history, which the staged rollup reads
  if (!(await demoLoaded(db)))
    await createMonthPartitions(
      db,
      'case_history',
      new Date(Date.now() - HISTORY_DAYS * 86_400_000),
      new Date(),
    );
  // the staged rollup's second step, let go at the load's case stage (or told to stop if the load ends before)
  const caseStage = settleLater<boolean>();
  const report = await db
    .transaction()
    .execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`.execute(tx);
      const states = await tx
        .selectFrom('system_state')
        .select(['key', 'value'])
        .where('key', 'in', ['demo', 'demo-loading'])
        .execute();
      if (states.some((s) => s.key === 'demo')) return null;
      await loadSettings(tx);
      let cases!: Promise<CaseDemoRows>;
      let staged!: ReturnType<typeof stageCaseDemoRollup> | null;
      const begin = (prepared: Promise<CaseDemoRows>) => {
        cases = prepared;
        cases.catch(() => {}); // awaited at the case stage; not an unhandled rejection meanwhile
        // the year's rollup computed from those rows on a second connection; a failure falls back to the rebuild
        staged = stageCaseDemoRollup(db, TIELING_COUNTY_CODE, cases, caseStage.promise);
      };
      const interrupted = states.find((s) => s.key === 'demo-loading')?.value as FirstPart | undefined;
      let first: FirstPart;
      let restored: Promise<void>;
      let keys: Promise<void> = Promise.resolve();
      if (interrupted) {
        // an earlier load committed its first part and stopped: put back what it took off, then go on
        first = interrupted;
        await restoreDeferred(tx, first.deferred);
        await sql`ANALYZE household, resident, grid_unit`.execute(tx);
        restored = Promise.resolve();
        begin(prepareCaseDemo(tx, TIELING_COUNTY_CODE));
        clock.lap('resume');
      } else {
        const beside = firstPartBeside(run, begin);
        ({ restored, keys } = beside);
        first = await beside.committed;
      }
      for (const [, demo] of MODULE_SEEDS) {
        if (ON_POPULATION.has(demo)) continue;
        if (demo !== seedCaseDemo) {
          await seedStage(run, demo, () => demo(tx, TIELING_COUNTY_CODE, pii));
          continue;
        }
        // the staged rollup's first step reads case_history (its metrics' plan): done before the case
        // stage locks the case tables (the second step reads only its own copies)
        if (staged && !(await within(staged.kinds, KINDS_WAIT_MS))) staged = null;
        caseStage.resolve(staged !== null);
        // the population's keys are back before the case stage takes its locks (dropping the cases'
        // keys locks the accounts and regions, which the population's keys reference)
        await keys;
        clock.lap('staged');
        await seedStage(run, demo, async () => writeCaseDemo(tx, await cases));
        // the other seeds read and write the population: after its indexes and keys are back (a seed
        // writing a table before its index build would hold a lock that build waits for, while this
        // transaction would wait for the build: the two would never end)
        await restored;
        clock.lap('indexes');
      }
      // the indicators' rollup of the year's history, computed set-based beside the load (folding
      // ~600,000 pending history rows one batch at a time took minutes) and written here with the
      // pending rest folded; its lookup index is built after the rows
      run.progress('rollup', 0, 1);
      // if it failed, the rollup is rebuilt in this transaction instead
      const rollup = staged ? await staged.rollup : null;
      await withIndexesDeferred(tx, ['case_rollup'], async () => {
        if (rollup) await importRollup(tx, rollup);
        else for (const county of Object.keys(COUNTY_BBOXES)) await rebuildRollup(tx, county);
      });
      clock.lap('rollup');
      const { territory, people, accounts } = first;
      const report: DemoReport = {
        loaded: true,
        ...territory,
        ...people,
        accounts,
        open311: await createDemoOpen311Key(tx, TIELING_COUNTY_CODE),
        seconds: Math.round((performance.now() - t0) / 100) / 10,
        stages: clock.stages,
        rollup: rollup ? 'staged' : 'rebuilt',
      };
      await tx.deleteFrom('system_state').where('key', '=', 'demo-loading').execute();
      await tx
        .insertInto('system_state')
        .values({
          key: 'demo',
          value: JSON.stringify({
            scale: opts.scale,
            ...people,
            ...territory,
            seconds: report.seconds,
            rollup: report.rollup,
            ...(interrupted ? { resumed: true } : {}),
          }),
        })
        .execute();
      return report;
    })
    .finally(() => caseStage.resolve(false));
  // fresh planner statistics: without them the first queries on 300k new rows choose bad plans
  if (report) {
    run.progress('analyze', 0, 1);
    await analyzeInParallel(db);
    clock.lap('analyze');
    report.seconds = Math.round((performance.now() - t0) / 100) / 10;
  }
  return report;
}
