import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** Whether a place is rural (a village, 村) or urban (a community, 社区): from its region's kind. */
export type Area = 'rural' | 'urban';

/**
 * Categories that belong to one kind of place. A villager should find 农村垃圾 and 秸秆焚烧 at the
 * top, not the city's street-order (城管) events; a community's residents the reverse. Categories
 * not named here fit both. This is only the starting order: what is reported most in places of
 * the same kind comes first (see `orderCategories`).
 */
const RURAL = /^(G04|G0103|G0204|G0205|G0502|P0202)/;
const URBAN = /^(E02|E03|E05|E0107|E0108|P0205|P0206|P0303|G0105)/;

export function areaOfCategory(code: string): Area | null {
  return RURAL.test(code) ? 'rural' : URBAN.test(code) ? 'urban' : null;
}

/** The kind of the caller's place: the nearest region at or above their scope that has one. */
export async function areaOf(db: Db, scopePath: string): Promise<Area | null> {
  const row = await db
    .selectFrom('region')
    .select('kind')
    .where(sql<boolean>`path @> ${scopePath}::ltree`)
    .where('kind', 'is not', null)
    .orderBy(sql`nlevel(path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.kind) return null;
  return row.kind === 'community' ? 'urban' : 'rural';
}

const COUNT_TTL_MS = 10 * 60_000;
const counts = new WeakMap<Db, Map<string, { at: number; value: Promise<Map<string, number>> }>>();

/**
 * How often each category was reported in the last year in the county's places of this kind
 * (its grids of kind 'rural' or 'community'). Kept ten minutes per county and area: the order
 * of a picker need not follow each new report.
 */
export function reportCounts(
  db: Db,
  countyCode: string,
  area: Area,
  now: Date,
): Promise<Map<string, number>> {
  let byKey = counts.get(db);
  if (!byKey) counts.set(db, (byKey = new Map()));
  const key = `${countyCode}:${area}`;
  const hit = byKey.get(key);
  if (hit && now.getTime() - hit.at < COUNT_TTL_MS) return hit.value;
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const value = db
    .selectFrom('cases as c')
    .innerJoin('region as g', 'g.code', 'c.grid_code')
    .select(['c.category_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('c.county_code', '=', countyCode)
    .where('c.reported_at', '>=', since)
    .where('g.kind', area === 'urban' ? '=' : '<>', 'community')
    .groupBy('c.category_code')
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.category_code, Number(r.n)])));
  value.catch(() => byKey.delete(key));
  byKey.set(key, { at: now.getTime(), value });
  return value;
}

/**
 * The order a reporter sees: what is reported most in places like theirs first; then the
 * categories of their kind of place, then those that fit anywhere, then the other kind's;
 * then by code. Without an area (a county-wide account) the catalogue's own order.
 */
export function orderCategories<T extends { code: string }>(
  items: T[],
  area: Area | null,
  reported: Map<string, number>,
): T[] {
  if (!area) return items;
  const fit = (code: string) => {
    const a = areaOfCategory(code);
    return a === area ? 0 : a === null ? 1 : 2;
  };
  return [...items].sort(
    (x, y) =>
      (reported.get(y.code) ?? 0) - (reported.get(x.code) ?? 0) ||
      fit(x.code) - fit(y.code) ||
      (x.code < y.code ? -1 : x.code > y.code ? 1 : 0),
  );
}
