import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { compactRollup, foldRollup } from './compact.js';
import { writeCase, type Step } from './fixture.js';
import { pathOf } from '../regions/index.js';
import { rollupFigures, scratchFigures, type Dim, type Figures, type Node } from './sources.js';

/**
 * The rollup equals the computation from scratch: after random case histories (random walks
 * through the workflow's actions, written one step per statement like the runner does), for
 * every node from county to grid, by every dimension, before and after compaction.
 */
let t: TestApp;
const C = '211221';
let grids: string[];

beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.db
    .selectFrom('region')
    .select('code')
    .where('county_code', '=', C)
    .where('level', '=', 'grid')
    .orderBy('code')
    .limit(40)
    .execute();
  grids = [rows[0]!.code, rows[1]!.code, rows[rows.length - 1]!.code];
});
afterAll(() => t.close());

const countPending = async () =>
  Number(
    (
      await t.db
        .selectFrom('case_rollup_pending')
        .select(sql<string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// what may follow each state (the workflow's transitions, reduced to their effect on the history)
const NEXT: Record<string, [string, string][]> = {
  reported: [
    ['file', 'filed'],
    ['escalate', 'filed'],
    ['merge', 'merged'],
    ['reject', 'not_filed'],
    ['handle_on_spot', 'handled'],
  ],
  filed: [
    ['dispatch', 'dispatched'],
    ['auto_escalate', 'filed'],
    ['handle_on_spot', 'handled'],
    ['approve_delay', 'filed'],
  ],
  dispatched: [
    ['accept', 'accepted'],
    ['return', 'filed'],
    ['approve_delay', 'dispatched'],
  ],
  accepted: [
    ['handle', 'handled'],
    ['return', 'filed'],
    ['overdue', 'accepted'],
  ],
  handled: [
    ['close', 'closed'],
    ['rework', 'accepted'],
  ],
  closed: [
    ['evaluate', 'closed'],
    ['reopen', 'filed'],
  ],
};

const caseArb = fc.record({
  grid: fc.nat({ max: 2 }),
  category: fc.constantFrom('E0101', 'P0101'),
  source: fc.constantFrom('patrol', 'resident_app', 'hotline'),
  evaluation: fc.constantFrom(undefined, 'satisfied', 'basically_satisfied', 'dissatisfied'),
  start: fc.integer({ min: 0, max: 50 * 24 }), // hours after 2025-05-01
  fold: fc.boolean(), // fold the pending history into the rollup after this case
  moves: fc.array(fc.tuple(fc.nat({ max: 4 }), fc.integer({ min: 1, max: 90 }), fc.boolean()), {
    maxLength: 12,
  }),
});

type CaseInput = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function stepsOf(c: CaseInput): Step[] {
  const base = Date.parse('2025-05-01T00:00:00+08:00') + c.start * 3_600_000;
  const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
  let at = base;
  let state = 'reported';
  const steps: Step[] = [[local(at), 'report', null, 'reported']];
  for (const [pick, gapHours, onTime] of c.moves) {
    const next = NEXT[state];
    if (!next) break;
    const [action, to] = next[pick % next.length]!;
    at += gapHours * 3_600_000;
    steps.push([local(at), action, state, to, onTime]);
    state = to;
  }
  return steps;
}

/** The county's rollup summed per key (deltas and compacted rows alike), hours to a thousandth. */
async function rollupSums(): Promise<Record<string, string>> {
  const { rows } = await sql<{ k: string; n: string; hours: string }>`
    SELECT region_code || '|' || day || '|' || dim || '|' || key || '|' || metric AS k,
           sum(n)::text AS n, round(sum(hours)::numeric, 3)::text AS hours
    FROM case_rollup WHERE county_code = ${C} GROUP BY 1`.execute(t.db);
  return Object.fromEntries(rows.map((r) => [r.k, `${r.n}/${r.hours}`]));
}

async function compare(window: { from: string; to: string }) {
  const a = rollupFigures(t.db);
  const b = scratchFigures(t.db);
  const nodes: Node[] = [C, grids[0]!.slice(0, 9), grids[0]!.slice(0, 12), grids[0]!].map((code) => ({
    countyCode: C,
    code,
    path: pathOf(code),
    childLength: code.length === 6 ? 9 : code.length === 9 ? 12 : code.length === 12 ? 15 : null,
  }));
  const plain = (f: Figures | undefined) => ({
    sums: Object.fromEntries(
      [...(f?.sums ?? [])].map(([k, v]) => [k, { n: v.n, hours: Math.round(v.hours * 1000) }]),
    ),
    hist: Object.fromEntries(f?.hist ?? []),
  });
  for (const node of nodes) {
    for (const hist of [true, false])
      expect(plain(await a.totals(node, window, hist)), node.code).toEqual(
        plain(await b.totals(node, window, hist)),
      );
    const da = await a.daily(node, window);
    const db = await b.daily(node, window);
    expect([...da.keys()].sort()).toEqual([...db.keys()].sort());
    for (const [day, s] of da)
      expect(plain({ sums: s, hist: new Map() })).toEqual(plain({ sums: db.get(day)!, hist: new Map() }));
    for (const dim of ['region', 'category', 'source', 'department'] as Dim[])
      for (const hist of [true, false]) {
        const ka = await a.byKey(node, window, dim, hist);
        const kb = await b.byKey(node, window, dim, hist);
        expect([...ka.keys()].sort(), `${node.code} ${dim}`).toEqual([...kb.keys()].sort());
        for (const [k, f] of ka) expect(plain(f), `${node.code} ${dim} ${k}`).toEqual(plain(kb.get(k)));
      }
  }
}

describe('the rollup', () => {
  it('equals the computation from scratch after random case histories, and after compaction', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 6 }), async (cases) => {
        for (const c of cases) {
          await writeCase(t.db, {
            county: C,
            grid: grids[c.grid]!,
            category: c.category,
            source: c.source,
            evaluation: c.evaluation,
            steps: stepsOf(c),
          });
          if (c.fold) await foldRollup(t.db);
        }
        await compare({ from: '2025-05-01', to: '2025-08-01' });
      }),
      { numRuns: 8 },
    );
    expect(await foldRollup(t.db)).toBeGreaterThanOrEqual(0);
    expect(await countPending()).toBe(0);
    // the shape of migration 0090: every dimension for county and township, villages in total, no grids
    const shape = await t.db
      .selectFrom('case_rollup')
      .select(['dim', sql<number>`length(region_code)`.as('len')])
      .distinct()
      .where('county_code', '=', C)
      .execute();
    // (the demo's year of history in the same county adds department rows at county and township)
    const found = shape.map((r) => `${r.len}:${r.dim}`).sort();
    const DIMS = ['all', 'category', 'department', 'hist', 'source'];
    const allowed = new Set(['12:all', ...DIMS.map((d) => `6:${d}`), ...DIMS.map((d) => `9:${d}`)]);
    expect(found.filter((k) => !allowed.has(k))).toEqual([]);
    expect(found).toEqual(
      expect.arrayContaining(['12:all', '6:all', '6:category', '6:hist', '6:source', '9:all', '9:category']),
    );
    const before = await t.db
      .selectFrom('case_rollup')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await compactRollup(t.db, null);
    const after = await t.db
      .selectFrom('case_rollup')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBeLessThan(Number(before.n));
    await compare({ from: '2025-05-01', to: '2025-08-01' });
    await compare({ from: '2025-05-10', to: '2025-05-20' });
  });

  it('rebuilt set-based for a county equals the incremental fold, pending rows included', async () => {
    // a random history folded step by step, then one case left pending
    const cases = fc.sample(caseArb, { numRuns: 12, seed: 11 });
    for (const c of cases)
      await writeCase(t.db, {
        county: C,
        grid: grids[c.grid]!,
        category: c.category,
        source: c.source,
        evaluation: c.evaluation,
        steps: stepsOf(c),
      });
    await foldRollup(t.db);
    const folded = await rollupSums();
    const last = cases[0]!;
    await writeCase(t.db, {
      county: C,
      grid: grids[2]!,
      category: last.category,
      source: last.source,
      evaluation: 'dissatisfied',
      // filed, escalated by the sweep twice (only the first counts as overdue), dispatched, accepted,
      // overdue at the county, handled, closed late, evaluated
      steps: stepsOf({
        ...last,
        moves: [
          [0, 5, true],
          [1, 30, false],
          [1, 10, false],
          [0, 4, true],
          [0, 3, true],
          [2, 50, false],
          [0, 5, true],
          [0, 5, false],
          [0, 24, true],
        ],
      }),
    });
    expect(await countPending()).toBeGreaterThan(0);
    const { rows } = await sql<{ n: string }>`SELECT rebuild_case_rollup(${C}) AS n`.execute(t.db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    expect(await countPending()).toBe(0);
    const rebuilt = await rollupSums();
    // the incremental fold of the same history (every row pending again) writes the same rollup
    await sql`DELETE FROM case_rollup WHERE county_code = ${C}`.execute(t.db);
    await sql`DELETE FROM case_rollup_month WHERE county_code = ${C}`.execute(t.db);
    await sql`INSERT INTO case_rollup_pending (county_code, history_id)
      SELECT county_code, id FROM case_history WHERE county_code = ${C}`.execute(t.db);
    await foldRollup(t.db, 500);
    expect(rebuilt).toEqual(await rollupSums());
    expect(rebuilt).not.toEqual(folded);
    // and every figure still equals the computation from scratch
    await compare({ from: '2025-05-01', to: '2025-08-01' });
    // already compacted: one row per key and day
    await sql`SELECT rebuild_case_rollup(${C})`.execute(t.db);
    const { rows: none } = await sql<{ n: string }>`SELECT count(*) AS n FROM (
      SELECT 1 FROM case_rollup WHERE county_code = ${C} GROUP BY region_code, day, dim, key, metric HAVING count(*) > 1) x`.execute(
      t.db,
    );
    expect(Number(none[0]!.n)).toBe(0);
    expect(await rollupSums()).toEqual(rebuilt);
  }, 240_000); // the incremental fold of the whole test county's history is the slow part

  it('follows the real workflow: a report through the API shows in today’s figures at once', async () => {
    const county = await signIn(t.app, 'county');
    const q = `/api/v1/indicators/values?codes=case.reported&period=day`;
    const before = (await t.app.inject({ url: q, headers: county })).json().items[0].value as number;
    const resident = await signIn(t.app, 'resident');
    const home = await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        categoryCode: 'P0101',
        description: '井盖缺失，很危险',
        gridCode: home.scope_code,
        attributes: { cover_type: 'sewage', problem: 'missing' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await t.app.inject({ url: q, headers: county })).json().items[0].value as number;
    expect(after).toBe(before + 1);
  });
});
