import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { bulkInsert, reserveIds } from '../../platform/db/bulk.js';
import { hashSeed, mulberry32 } from '../grids/index.js';
import { loadInput, simulate } from './demo-history.js';
import type { Plan } from './demo-sim.js';
import { CASE_COLUMNS, HISTORY_COLUMNS, caseRow, historyRows } from './demo-rows.js';

/** A request for help in the demo's past: where, what, when, and which tier settled it. */
export type UrgentDemoCase = {
  gridCode: string;
  categoryCode: string;
  description: string;
  reportedAt: Date;
  /** the village handles it on the spot, or the township's office does */
  settledBy: 'village' | 'township';
};

/**
 * Past urgent cases for another module's demo (the emergency module's flood: its requests for
 * help), lived through the same workflow simulation as the demo's case history — urgency
 * `emergency` (four calendar hours at every tier), reported on patrol, settled and closed in time —
 * and written with their full step log. Answers the case ids in the order given.
 */
export async function seedUrgentDemoCases(
  tx: Tx,
  countyCode: string,
  items: UrgentDemoCase[],
): Promise<number[]> {
  if (items.length === 0) return [];
  const input = await loadInput(tx, countyCode);
  const grids = new Map(input.grids.map((g) => [g.code, g]));
  const rand = mulberry32(hashSeed(`urgent:${countyCode}`));
  const now = new Date();
  const ids = (await reserveIds(tx, 'cases', items.length)) as number[];
  const { rows: numbers } = await sql<{
    n: string;
  }>`SELECT nextval('case_number_seq')::text AS n FROM generate_series(1, ${items.length}::int)`.execute(tx);
  const caseRows: unknown[][] = [];
  const histRows: unknown[][] = [];
  items.forEach((it, k) => {
    const grid = grids.get(it.gridCode);
    if (!grid) throw new Error(`no grid ${it.gridCode}`);
    const plan: Plan = {
      path: it.settledBy,
      source: 'patrol',
      late: false,
      lateClose: false,
      returned: false,
      rework: false,
      delay: false,
      verify: it.settledBy !== 'village',
      evaluation: null,
      reopen: false,
      supervise: false,
    };
    const sim = simulate(input, grid, it.categoryCode, plan, it.reportedAt, now, rand, 'emergency');
    caseRows.push(
      caseRow(countyCode, ids[k]!, numbers[k]!.n, sim, {
        source: 'patrol',
        category: it.categoryCode,
        description: it.description,
        address: grid.name,
        grid: grid.code,
        lng: null,
        lat: null,
        duplicateOf: null,
      }),
    );
    histRows.push(...historyRows(countyCode, ids[k]!, sim));
  });
  await bulkInsert(tx, 'cases', CASE_COLUMNS, caseRows, { overridingSystemValue: true });
  await bulkInsert(tx, 'case_history', HISTORY_COLUMNS, histRows);
  await sql`UPDATE cases SET urgency = 'emergency'
    WHERE county_code = ${countyCode} AND id = ANY(${ids}::bigint[])`.execute(tx);
  return ids;
}
