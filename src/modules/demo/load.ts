import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { COUNTY_BBOXES, TIELING_COUNTY_CODE } from '../grids/index.js';
import {
  prepareCaseDemo,
  seedCaseDemo,
  seedCountyCaseConfig,
  stageCaseDemoRollup,
  writeCaseDemo,
  type CaseDemoRows,
} from '../cases/index.js';
import { importRollup, rebuildRollup } from '../indicators/index.js';
import { compactFreshTable, withForeignKeysDeferred, withIndexesDeferred } from '../../platform/db/bulk.js';
import { createMonthPartitions } from '../../platform/db/partitions.js';
import { loadDemoAccounts, type DemoAccount } from './accounts.js';
import { loadPeople, type Progress } from './people.js';
import { loadTerritory } from './territory.js';
import { loadTiexiParty } from './tiexi.js';
import { createDemoOpen311Key, type DemoOpen311Key } from '../open311/index.js';
import { seedVisitConfig, seedVisitDemo } from '../visits/index.js';
import { seedPointsConfig, seedPointsDemo } from '../points/index.js';
import { seedWishConfig, seedWishDemo } from '../wishes/index.js';
import { seedErrandConfig, seedErrandDemo, seedRelayDemo } from '../errands/index.js';
import { seedInServiceDemo } from '../inservice/index.js';
import { seedDisclosureConfig, seedDisclosureDemo } from '../disclosures/index.js';
import { seedCadreConfig, seedCadreDemo } from '../cadres/index.js';
import { seedEnterpriseConfig, seedEnterpriseDemo } from '../enterprises/index.js';
import { seedPetitionConfig, seedPetitionDemo } from '../petitions/index.js';
import { seedTeamConfig, seedTeamDemo } from '../teams/index.js';
import { seedDisputeConfig, seedDisputeDemo } from '../disputes/index.js';
import { seedCampaignConfig, seedCampaignDemo } from '../campaigns/index.js';
import { seedEmergencyConfig, seedEmergencyDemo } from '../emergency/index.js';
import { seedCallConfig, seedCallDemo } from '../calls/index.js';
import { seedMeetingConfig, seedMeetingDemo } from '../meetings/index.js';
import { seedOrgLifeConfig, seedOrgLifeDemo } from '../orglife/index.js';
import { seedPeopleConfig, seedPeopleDemo } from '../people/index.js';
import { seedMapConfig, seedMapDemo } from '../maps/index.js';
import { seedWhistleConfig, seedWhistleDemo } from '../whistles/index.js';
import { seedStationConfig, seedStationDemo } from '../stations/index.js';

/** A demo seed with no county settings of its own. */
const noConfig = async (_tx: Tx, _countyCode: string): Promise<void> => {};

/** Each module's default configuration of a county, then its demo data (after people and accounts), in this order. */
const MODULE_SEEDS = [
  [seedPeopleConfig, seedPeopleDemo],
  // after people (its grid units): the units get their points before any case is reported
  [seedMapConfig, seedMapDemo],
  [seedVisitConfig, seedVisitDemo],
  // a year of case history before the other modules' demo cases; each case linked at intake to the
  // unit of its grid nearest its point (placing the units after the cases rewrote 100,000 cases)
  [seedCountyCaseConfig, seedCaseDemo],
  [seedWishConfig, seedWishDemo],
  [seedErrandConfig, seedErrandDemo],
  [seedDisclosureConfig, seedDisclosureDemo],
  [seedCadreConfig, seedCadreDemo],
  // after cadres: its helpers are cadres too
  [seedEnterpriseConfig, seedEnterpriseDemo],
  [seedPetitionConfig, seedPetitionDemo],
  [seedTeamConfig, seedTeamDemo],
  [seedDisputeConfig, seedDisputeDemo],
  [seedCampaignConfig, seedCampaignDemo],
  [seedEmergencyConfig, seedEmergencyDemo],
  // after enterprises (their needs) and departments
  [seedWhistleConfig, seedWhistleDemo],
  [seedCallConfig, seedCallDemo],
  // after disclosures and party: its major matter publishes into 三务公开
  [seedMeetingConfig, seedMeetingDemo],
  // after maps: the stations stand at the points of the groups and buildings
  [seedStationConfig, seedStationDemo],
  // after meetings: its demo villager joins the party after the demo village's members are enrolled
  [seedOrgLifeConfig, seedOrgLifeDemo],
  // last: its opening ledger of the part-time worker follows the awards the others made
  [seedPointsConfig, seedPointsDemo],
  // after points (nothing of theirs earns points): its accounts come after every other seed's picks
  [noConfig, seedInServiceDemo],
  [noConfig, seedRelayDemo],
] as const;

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

const POPULATION_TABLES = ['household', 'resident', 'grid_worker', 'party_member', 'party_member_household'];

/**
 * The seeds that only build on the population (its archive history and grid units, their points,
 * the visit rhythm): they run while the population's plain indexes are still dropped, so the
 * archive's and the visits' updates of 300,000 residents and 100,000 households write no GiST,
 * GIN or B-tree entries; the indexes are built once after them.
 */
const ON_POPULATION: ReadonlySet<unknown> = new Set([seedPeopleDemo, seedMapDemo, seedVisitDemo]);

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

/**
 * Settings for the load's transaction only (SET LOCAL): sorts and hashes of the set-based seeds and
 * the rollup's rebuild in memory rather than on disk, index builds with room, and the one commit at
 * the end not waiting for its WAL flush (a crash before the flush loses the whole load, which then
 * runs again: the demo is marked loaded in the same transaction).
 */
async function loadSettings(tx: Tx): Promise<void> {
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(tx);
  await sql`SET LOCAL synchronous_commit = off`.execute(tx);
}

/**
 * A county's settings from the national defaults: departments named after the county,
 * escalation rules, visit policy, points rules, service items. Adds only what is missing,
 * never overwriting what the county changed (`wangge county setup` runs it for a new county).
 */
export async function seedCountySettings(tx: Tx, countyCode: string): Promise<void> {
  for (const [config] of MODULE_SEEDS) await config(tx, countyCode);
}

/** Whether this database already holds the demo county. */
export async function demoLoaded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('system_state').select('key').where('key', '=', 'demo').executeTakeFirst();
  return !!row;
}

/**
 * Loads the demo: five seed counties' territory with synthetic grids, and 铁岭县's
 * population, party organisation and one account per role. All in one
 * transaction under an advisory lock: two servers starting at once load it once,
 * and a crash mid-load leaves nothing half-done. A second connection computes the
 * year's rollup beside it from copies of the rows (`stageCaseDemoRollup`); it
 * writes nothing that outlives it, and the load writes its result.
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
  const progress = opts.progress ?? (() => {});
  const stages: Record<string, number> = {};
  let mark = t0;
  const lap = (stage: string) => {
    const at = performance.now();
    stages[stage] = Math.round((at - mark) / 100) / 10;
    mark = at;
    opts.lapped?.(stage);
  };
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
  const report = await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`.execute(tx);
    const done = await tx
      .selectFrom('system_state')
      .select('key')
      .where('key', '=', 'demo')
      .executeTakeFirst();
    if (done) return null;
    await loadSettings(tx);
    progress('territory', 0, 1);
    const territory = await loadTerritory(tx);
    progress('territory', 1, 1);
    for (const county of Object.keys(COUNTY_BBOXES)) await seedCountySettings(tx, county);
    lap('territory');
    const seed = async (
      demo: (typeof MODULE_SEEDS)[number][1],
      run: () => Promise<void> = () => demo(tx, TIELING_COUNTY_CODE, pii),
    ) => {
      const stage = demo.name.replace(/^seed|Demo$/g, '').toLowerCase();
      progress(stage, 0, 1);
      await run();
      lap(stage);
    };
    // the year of cases is simulated (JavaScript) while PostgreSQL places the units, writes the visit
    // rhythm and builds the population's indexes; written at its turn among the seeds
    let cases: Promise<CaseDemoRows> | null = null;
    let staged = null as ReturnType<typeof stageCaseDemoRollup> | null;
    let accounts: DemoAccount[] = [];
    // the residents' GIN (names) and GiST (grid paths) indexes built once after 300,000 rows and the
    // seeds that update them, not per batch and per updated row; and their foreign keys checked once
    // after them, set-based, not per row
    const deferred = [...POPULATION_TABLES, 'grid_unit', 'visit'];
    const people = await withForeignKeysDeferred(tx, deferred, () =>
      withIndexesDeferred(tx, deferred, async () => {
        const counts = await loadPeople(tx, pii, TIELING_COUNTY_CODE, opts.scale, progress);
        lap('population');
        // 鞍山铁西区's grid party organisation and its 654 members (seed 004)
        await loadTiexiParty(tx, pii);
        lap('tiexi');
        // planner statistics for the stages that read the population (no plan guesses on 300,000 new rows)
        await sql`ANALYZE resident, household, grid_worker, party_member, party_member_household`.execute(tx);
        lap('analyze-population');
        progress('accounts', 0, 1);
        accounts = await loadDemoAccounts(tx, TIELING_COUNTY_CODE, opts.password);
        progress('accounts', 1, 1);
        lap('accounts');
        for (const [, demo] of MODULE_SEEDS) {
          if (!ON_POPULATION.has(demo)) continue;
          await seed(demo);
          // after the archive's changes: the cases follow the households' member counts
          if (demo === seedPeopleDemo) {
            cases = prepareCaseDemo(tx, TIELING_COUNTY_CODE);
            cases.catch(() => {}); // awaited at the case stage; not an unhandled rejection meanwhile
            // the year's rollup computed from those rows on a second connection, beside the index
            // builds and the case stage; a failure falls back to the rebuild
            staged = stageCaseDemoRollup(db, TIELING_COUNTY_CODE, cases);
          }
        }
        // the archive's units and the visit rhythm updated every household twice since its COPY: the
        // table is rewritten to its current versions before its indexes are built, or they would index
        // all three (the grid-path GiST of 300,000 entries instead of 100,000, 11 s of PostgreSQL CPU)
        await compactFreshTable(tx, 'household', 'version');
        lap('compact');
        return counts;
      }),
    );
    // statistics again after those seeds' updates (units, last visits, the archive's changes): the
    // later seeds' plans depend on them (one seed's insert took 26 s on the statistics of before)
    await sql`ANALYZE household, resident, grid_unit`.execute(tx);
    lap('indexes');
    for (const [, demo] of MODULE_SEEDS) {
      if (ON_POPULATION.has(demo)) continue;
      const prepared = demo === seedCaseDemo ? cases : null;
      // the staged rollup's first step reads case_history (its metrics' plan): done before the case
      // stage locks the case tables (the second step reads only its own copies)
      if (prepared && staged) {
        if (!(await within(staged.kinds, KINDS_WAIT_MS))) staged = null;
        lap('staged');
      }
      await seed(demo, prepared ? async () => writeCaseDemo(tx, await prepared) : undefined);
    }
    // the indicators' rollup of the year's history, computed set-based beside the load (folding
    // ~600,000 pending history rows one batch at a time took minutes) and written here with the
    // pending rest folded; its lookup index is built after the rows
    progress('rollup', 0, 1);
    // if it failed, the rollup is rebuilt in this transaction instead
    const rollup = staged ? await staged.rollup : null;
    await withIndexesDeferred(tx, ['case_rollup'], async () => {
      if (rollup) await importRollup(tx, rollup);
      else for (const county of Object.keys(COUNTY_BBOXES)) await rebuildRollup(tx, county);
    });
    lap('rollup');
    const report: DemoReport = {
      loaded: true,
      ...territory,
      ...people,
      accounts,
      open311: await createDemoOpen311Key(tx, TIELING_COUNTY_CODE),
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      stages,
      rollup: rollup ? 'staged' : 'rebuilt',
    };
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
        }),
      })
      .execute();
    return report;
  });
  // fresh planner statistics: without them the first queries on 300k new rows choose bad plans
  if (report) {
    mark = performance.now();
    progress('analyze', 0, 1);
    await sql`ANALYZE`.execute(db);
    lap('analyze');
    report.seconds = Math.round((performance.now() - t0) / 100) / 10;
  }
  return report;
}
