import type { DbOrTx } from '../../platform/db/database.js';
import { STATE_ZH, zh } from './labels.js';

export type CaseSummary = { id: number; number: string; category: string; grid: string; state: string };

/**
 * One line per case for lists kept elsewhere (a report's records): number, category, grid and state
 * in Chinese — no description, no reporter. The caller has scoped the ids (they come from its subtree).
 */
export async function caseSummaries(
  db: DbOrTx,
  countyCode: string,
  ids: number[],
): Promise<Map<number, CaseSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .innerJoin('category as cat', 'cat.code', 'cases.category_code')
    .innerJoin('region as g', 'g.code', 'cases.grid_code')
    .select(['cases.id', 'cases.number', 'cat.name as category', 'g.name as grid', 'cases.state'])
    .where('cases.county_code', '=', countyCode)
    .where('cases.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), state: zh(STATE_ZH, r.state) }]));
}
