import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import {
  bulkInsert,
  reserveIds,
  withForeignKeysDeferred,
  withIndexesDeferred,
} from '../../platform/db/bulk.js';
import type { GridGeometry } from '../../platform/geo/grid-index.js';
import { ShapeSampler } from '../../platform/geo/sample.js';
import { hashSeed, mulberry32 } from '../grids/index.js';
import { CountyCalendars } from './calendars.js';
import type { Deadlines } from './deadlines.js';
import { categoryTable, MONTH_FACTOR, wordsFor } from './demo-plan.js';
import { CaseSim, type Actor, type Plan } from './demo-sim.js';
import { CASE_COLUMNS, HISTORY_COLUMNS, caseRow, historyRows } from './demo-rows.js';

/** 1–2 reports per grid per week at full scale (≈228 residents per grid): 1.5 on average. */
const REPORTS_PER_WEEK_PER_PERSON = 1.5 / 228;
const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;

type Made = {
  sim: CaseSim;
  grid: DemoGridRow;
  category: string;
  plan: Plan;
  dupOf?: Made;
  lng: number | null;
  lat: number | null;
};

export type DemoGridRow = {
  code: string;
  kind: string | null;
  name: string;
  people: number;
  worker: string | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  geometry: GridGeometry | null;
};

/**
 * A year of case history for the demo county, proportionate to its population (1.5 reports
 * per grid per week at scale 1, seasonal categories), every case lived through the workflow's
 * rules by CaseSim and written with its full step log in a few multi-row statements (the
 * rollup trigger folds each statement in one pass). Cases are numbered in the order they
 * were reported. No audit or inbox rows: those belong to what people did in this system.
 */
export async function seedCaseDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  await writeCaseDemo(tx, await prepareCaseDemo(tx, countyCode));
}

/** The year's cases and their step logs as rows, ready to insert (ids and numbers reserved). */
export type CaseDemoRows = { caseRows: unknown[][]; histRows: unknown[][] };

/**
 * The simulation half of `seedCaseDemo` (JavaScript, most of its CPU): reads the population's
 * grids, lives every case through, reserves ids and numbers and builds the rows. It yields after
 * each grid, so the demo load runs it while PostgreSQL works on the stages before the cases (the
 * unit placement, the visits, the population's index builds): nothing it reads changes there.
 */
export async function prepareCaseDemo(
  tx: Tx,
  countyCode: string,
  opts: {
    /** where the cases' ids and numbers are drawn (sequences), if `tx` may have ended by then */
    ids?: DbOrTx;
    /** called once the population is read from `tx`: it is not used after */
    read?: () => void;
  } = {},
): Promise<CaseDemoRows> {
  const now = new Date();
  const input = await loadInput(tx, countyCode);
  opts.read?.();
  const rand = mulberry32(hashSeed(`cases:${countyCode}`));
  const made: Made[] = [];
  const today = Math.floor((now.getTime() + BEIJING) / DAY);
  for (const grid of input.grids) {
    const shape = grid.geometry ? new ShapeSampler(grid.geometry) : null;
    const perDay = (REPORTS_PER_WEEK_PER_PERSON * grid.people) / 7;
    const kind = grid.kind === 'community' ? 'community' : 'rural';
    for (let d = today - 365; d <= today; d++) {
      const date = new Date(d * DAY);
      const month = date.getUTCMonth() + 1;
      const weekend = date.getUTCDay() % 6 === 0 ? 0.75 : 1.08;
      const n = Math.floor(perDay * (MONTH_FACTOR[month] ?? 1) * weekend + rand());
      for (let k = 0; k < n; k++) {
        // reported in daytime, Beijing time, 06:30–21:30
        const at = new Date(d * DAY - BEIJING + (6.5 + rand() * 15) * 3_600_000);
        if (at > now) continue;
        const table = categoryTable(month, kind);
        const category = pick(table, rand);
        const plan = drawPlan(rand, kind);
        const point = pointIn(shape, rand);
        const c: Made = {
          grid,
          category,
          plan,
          ...point,
          sim: simulate(input, grid, category, plan, at, now, rand),
        };
        made.push(c);
        if (rand() < 0.025 && plan.path !== 'reject' && plan.path !== 'cancel') {
          // the same problem reported again a little later, merged into the first
          const dupPlan: Plan = { ...plan, path: 'merge', source: 'resident_app', evaluation: null };
          const dupAt = new Date(at.getTime() + (0.5 + rand() * 5) * 3_600_000);
          if (dupAt < now)
            made.push({
              ...c,
              plan: dupPlan,
              dupOf: c,
              sim: simulate(input, grid, category, dupPlan, dupAt, now, rand),
            });
        }
      }
    }
    // let the statements of the stages running meanwhile go on
    await new Promise((resolve) => setImmediate(resolve));
  }
  const cases = made.filter((c) => c.sim.steps.length > 0);
  const order = cases
    .map((_, i) => i)
    .sort((a, b) => cases[a]!.sim.reportedAt.getTime() - cases[b]!.sim.reportedAt.getTime());
  const ids = await reserveIds(opts.ids ?? tx, 'cases', order.length);
  const { rows } = await sql<{
    n: string;
  }>`SELECT nextval('case_number_seq')::text AS n FROM generate_series(1, ${order.length}::int)`.execute(
    opts.ids ?? tx,
  );
  const idOf = new Map<Made, number>();
  order.forEach((ci, k) => idOf.set(cases[ci]!, ids[k] as number));
  const caseRows: unknown[][] = [];
  const histRows: unknown[][] = [];
  order.forEach((ci, k) => {
    const c = cases[ci]!;
    const id = ids[k] as number;
    const name = input.categories.get(c.category)?.name ?? c.category;
    const dup = c.dupOf ? (idOf.get(c.dupOf) ?? null) : null;
    caseRows.push(
      caseRow(countyCode, id, rows[k]!.n, c.sim, {
        source: c.plan.source,
        category: c.category,
        description: wordsFor(c.category, name, rand()),
        address: c.grid.name,
        grid: c.grid.code,
        lng: c.lng,
        lat: c.lat,
        duplicateOf: dup,
      }),
    );
    for (const h of historyRows(countyCode, id, c.sim)) histRows.push(h);
  });
  return { caseRows, histRows };
}

/** The write half of `seedCaseDemo`: the rows in a few multi-row statements, indexes built after. */
export async function writeCaseDemo(tx: Tx, { caseRows, histRows }: CaseDemoRows): Promise<void> {
  // the secondary indexes are built once after the load; the history's index by case stays (the rollup reads it);
  // the foreign keys are checked once after it, set-based, not per row (600,000 history rows)
  await withForeignKeysDeferred(tx, ['cases', 'case_history'], () => writeCaseRows(tx, caseRows, histRows));
}

async function writeCaseRows(tx: Tx, caseRows: unknown[][], histRows: unknown[][]): Promise<void> {
  await withIndexesDeferred(
    tx,
    ['cases', 'case_history'],
    async () => {
      // each case's unit as the intake trigger (0114) links it, in the statement rather than by the
      // trigger's function call per row; the trigger is off for these rows, in this transaction only
      await sql`ALTER TABLE cases DISABLE TRIGGER case_unit_link`.execute(tx);
      await bulkInsert(tx, 'cases', [...CASE_COLUMNS, UNIT_COLUMN], caseRows, {
        overridingSystemValue: true,
        chunk: 10_000,
      });
      await sql`ALTER TABLE cases ENABLE TRIGGER case_unit_link`.execute(tx);
      // planner statistics for the rollup's join on the new cases
      await sql`ANALYZE cases`.execute(tx);
      // the load rebuilds the rollup from the whole history at its end (rebuild_case_rollup), which
      // drops the pending notes anyway: the rollup's trigger is off for these rows (≈600,000 notes
      // written and deleted again otherwise); in this transaction only, back on before it ends
      await sql`ALTER TABLE case_history DISABLE TRIGGER case_history_rollup`.execute(tx);
      await bulkInsert(tx, 'case_history', HISTORY_COLUMNS, histRows, { chunk: 50_000 });
      await sql`ALTER TABLE case_history ENABLE TRIGGER case_history_rollup`.execute(tx);
    },
    ['case_history_case_idx'],
  );
}

const at = (name: string) => CASE_COLUMNS.findIndex((c) => c.name === name);
/**
 * `case_unit_of(county, grid, lng, lat)` of migration 0114 written out over the statement's unnested
 * columns (u.cN), so each case's unit is found by one sub-plan, with the same order and tie-break.
 */
const UNIT_COLUMN = {
  name: 'unit_id',
  type: 'bigint',
  expr: `(SELECT gu.id FROM grid_unit gu
     WHERE u.c${at('lng')} IS NOT NULL AND u.c${at('lat')} IS NOT NULL AND gu.county_code = u.c${at('county_code')}
       AND gu.grid_code = u.c${at('grid_code')} AND gu.parent_id IS NULL AND gu.lng IS NOT NULL
     ORDER BY (gu.lng - u.c${at('lng')}) ^ 2 * cos(radians(u.c${at('lat')})) ^ 2 + (gu.lat - u.c${at('lat')}) ^ 2, gu.id
     LIMIT 1)`,
};

export function simulate(
  input: Input,
  grid: DemoGridRow,
  category: string,
  plan: Plan,
  at: Date,
  now: Date,
  rand: () => number,
  urgency: 'normal' | 'emergency' = 'normal',
) {
  const cat = input.categories.get(category);
  const village = grid.code.slice(0, 12);
  const township = grid.code.slice(0, 9);
  const dept = (region: string, code: string | undefined) =>
    code ? (input.departments.get(`${region}:${code}`) ?? null) : null;
  const sim = new CaseSim(
    {
      calendar: input.calendar,
      deadlines: cat?.deadlines ?? {},
      gridCode: grid.code,
      urgency,
      now,
      rand,
      departments: {
        township:
          dept(township, cat?.departments.township) ?? dept(township, 'comprehensive_governance_office'),
        county: dept(input.county, cat?.departments.county) ?? dept(input.county, 'county_governance_centre'),
      },
      actors: {
        gridWorker: input.actor(grid.code, 'grid_worker', grid.worker ?? `${grid.name}网格员`),
        village: input.actor(village, 'village_staff', `${input.names.get(village) ?? ''}两委`),
        township: input.actor(township, 'township_centre', `${input.names.get(township) ?? ''}综治中心`),
        county: input.actor(input.county, 'county_centre', '县社会治理综合服务中心'),
        resident: { id: null, role: 'resident', name: '居民' },
        system: { id: null, role: 'system', name: '系统' },
        department: (id) => input.departmentActor(id),
      },
    },
    at,
  );
  return sim.run(plan);
}

function drawPlan(rand: () => number, kind: 'rural' | 'community'): Plan {
  const s = rand();
  let source: Plan['source'] =
    kind === 'rural'
      ? s < 0.6
        ? 'patrol'
        : s < 0.94
          ? 'resident_app'
          : 'hotline'
      : s < 0.45
        ? 'patrol'
        : s < 0.9
          ? 'resident_app'
          : 'hotline';
  const p = rand();
  const path: Plan['path'] =
    p < 0.03 ? 'reject' : p < 0.04 ? 'cancel' : p < 0.58 ? 'village' : p < 0.93 ? 'township' : 'county';
  if (path === 'reject' || path === 'cancel') source = 'resident_app';
  const e = rand();
  const evaluation =
    source === 'resident_app' && rand() < 0.7
      ? e < 0.82
        ? 'satisfied'
        : e < 0.95
          ? 'basically_satisfied'
          : 'dissatisfied'
      : null;
  return {
    path,
    source,
    late: rand() < 0.09,
    lateClose: rand() < 0.03,
    returned: rand() < 0.04,
    rework: rand() < 0.05,
    delay: rand() < 0.05,
    verify: rand() < 0.5,
    evaluation,
    reopen: rand() < (evaluation === 'dissatisfied' ? 0.5 : 0.004),
    supervise: rand() < 0.1,
  };
}

function pick(table: Array<[string, number]>, rand: () => number): string {
  const total = table[table.length - 1]?.[1] ?? 0;
  const x = rand() * total;
  return (table.find(([, upTo]) => x < upTo) ?? table[0])?.[0] ?? 'E0602';
}

/**
 * A point inside the grid's real shape. It takes exactly two draws of the case stream (the seed
 * of its own sampler), so the rest of the year does not depend on how many tries the shape needs.
 */
function pointIn(shape: ShapeSampler | null, rand: () => number): { lng: number | null; lat: number | null } {
  const seed = ((rand() * 0x100000000) >>> 0) ^ ((rand() * 0x10000) >>> 0);
  return shape?.sample(mulberry32(seed)) ?? { lng: null, lat: null };
}

export type Input = Awaited<ReturnType<typeof loadInput>>;

export async function loadInput(tx: Tx, countyCode: string) {
  const { rows: grids } = await sql<DemoGridRow>`
    SELECT g.code, g.kind, g.name, coalesce(p.n, 0)::int AS people, w.name AS worker,
           g.min_lng, g.min_lat, g.max_lng, g.max_lat, g.geometry
      FROM region g
      LEFT JOIN (SELECT grid_code, sum(member_count) AS n FROM household WHERE county_code = ${countyCode} GROUP BY 1) p
        ON p.grid_code = g.code
      LEFT JOIN (SELECT DISTINCT ON (gw.grid_code) gw.grid_code, r.name FROM grid_worker gw
                   JOIN resident r ON r.county_code = gw.county_code AND r.id = gw.resident_id
                  WHERE gw.county_code = ${countyCode} AND gw.employment = 'fullTime'
                  ORDER BY gw.grid_code, gw.resident_id) w ON w.grid_code = g.code
     WHERE g.county_code = ${countyCode} AND g.level = 'grid'
     ORDER BY g.code`.execute(tx);
  const regions = await tx
    .selectFrom('region')
    .select(['code', 'name'])
    .where('county_code', '=', countyCode)
    .execute();
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const depts = await tx
    .selectFrom('department')
    .select(['id', 'code', 'region_code', 'name'])
    .where('county_code', '=', countyCode)
    .execute();
  const departments = new Map(depts.map((d) => [`${d.region_code}:${d.code}`, Number(d.id)]));
  const deptName = new Map(depts.map((d) => [Number(d.id), d.name]));
  const { rows: cats } = await sql<{
    code: string;
    name: string;
    departments: { township?: string; county?: string };
    deadlines: Deadlines;
  }>`
    SELECT c.code, c.name, c.departments, coalesce(d.deadlines, c.deadlines) AS deadlines
      FROM category c LEFT JOIN category_deadline d ON d.category_code = c.code AND d.county_code = ${countyCode}`.execute(
    tx,
  );
  const categories = new Map(cats.map((c) => [c.code, c]));
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'role', 'scope_code', 'display_name', 'department_id'])
    .where('county_code', '=', countyCode)
    .where('disabled', '=', false)
    .orderBy('id')
    .execute();
  const byScope = new Map<string, Actor>();
  const byDept = new Map<number, Actor>();
  for (const a of accounts) {
    const actor = { id: Number(a.id), role: a.role, name: a.display_name };
    if (a.department_id !== null) {
      if (!byDept.has(Number(a.department_id))) byDept.set(Number(a.department_id), actor);
    } else if (!byScope.has(`${a.scope_code}:${a.role}`)) byScope.set(`${a.scope_code}:${a.role}`, actor);
  }
  const calendar = (await CountyCalendars.load(tx)).forCounty(countyCode);
  return {
    county: countyCode,
    grids,
    names,
    departments,
    categories,
    calendar,
    actor: (scope: string, role: string, name: string): Actor =>
      byScope.get(`${scope}:${role}`) ?? { id: null, role, name },
    departmentActor: (id: number): Actor =>
      byDept.get(id) ?? { id: null, role: 'department_staff', name: deptName.get(id) ?? '职能部门' },
  };
}
