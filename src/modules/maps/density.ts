import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { OPEN_STATES } from '../cases/index.js';
import { pointsInside } from './inside-point.js';

/** The child level counted in: county → townships, township → villages, village → grids, grid → itself. */
const CHILD_LENGTH: Record<number, number> = { 6: 9, 9: 12, 12: 15, 15: 15 };
/** Heat cells of 0.005° (about 550 m north–south, 410 m east–west at Tieling's latitude). */
const CELL = 0.005;

export type DensityInput = { countyCode: string; code: string; path: string; since: Date; openOnly: boolean };

/**
 * Cases of a territory clustered with counts by child region (placed at the mean of their
 * reported points, or at a point inside the region's shape when none has one: `pointsInside`), and
 * counted in heat cells.
 * Scoped in SQL: only cases whose grid lies under `path`.
 */
export async function caseDensity(db: Db, q: DensityInput) {
  const region = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', '=', q.code)
    .where('county_code', '=', q.countyCode)
    .executeTakeFirst();
  if (!region) throw new AppError('NOT_FOUND');
  const len = CHILD_LENGTH[q.code.length];
  if (!len) throw new AppError('NOT_FOUND');
  const open = sql`c.state = ANY(${[...OPEN_STATES]}::text[])`;
  const scope = sql`c.county_code = ${q.countyCode} AND c.grid_path <@ ${q.path}::ltree
    AND c.reported_at >= ${q.since} AND (${!q.openOnly} OR ${open})`;
  const found = await sql<{
    code: string;
    name: string;
    lng: number | null;
    lat: number | null;
    count: number;
    open: number;
    overdue: number;
  }>`
    SELECT k.code, r.name, k.lng::float8 AS lng, k.lat::float8 AS lat, k.count, k.open, k.overdue
    FROM (
      SELECT left(c.grid_code, ${len}) AS code, avg(c.lng) AS lng, avg(c.lat) AS lat,
        count(*)::int AS count, (count(*) FILTER (WHERE ${open}))::int AS open,
        (count(*) FILTER (WHERE c.overdue AND ${open}))::int AS overdue
      FROM cases c WHERE ${scope}
      GROUP BY 1
    ) k
    JOIN region r ON r.code = k.code
    ORDER BY k.count DESC, k.code`.execute(db);
  // a region none of whose cases has a point: a point inside its shape; none, not on the map
  const unplaced = found.rows.filter((r) => r.lng === null || r.lat === null).map((r) => r.code);
  const inside = await pointsInside(db, q.countyCode, unplaced);
  const clusters = found.rows.flatMap((r) => {
    if (r.lng !== null && r.lat !== null) return [{ ...r, lng: r.lng, lat: r.lat }];
    const p = inside.get(r.code);
    return p ? [{ ...r, lng: p.lng, lat: p.lat }] : [];
  });
  const heat = await sql<{ lng: number; lat: number; n: number }>`
    SELECT (round(c.lng / ${CELL}) * ${CELL})::float8 AS lng, (round(c.lat / ${CELL}) * ${CELL})::float8 AS lat,
      count(*)::int AS n
    FROM cases c WHERE ${scope} AND c.lng IS NOT NULL AND c.lat IS NOT NULL
    GROUP BY 1, 2 ORDER BY n DESC LIMIT 5000`.execute(db);
  return {
    region,
    total: clusters.reduce((s, r) => s + r.count, 0),
    clusters,
    heat: heat.rows,
  };
}

/** A region's place in words from the territory (township, village, grid); `path` is in the caller's scope. */
export async function placeOf(db: Db, countyCode: string, code: string) {
  const codes = [9, 12, 15].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  const rows = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('county_code', '=', countyCode)
    .where('code', 'in', codes.length ? codes : [code])
    .execute();
  if (!rows.some((r) => r.code === code)) throw new AppError('NOT_FOUND');
  const name = (n: number) => rows.find((r) => r.code.length === n && code.startsWith(r.code))?.name ?? null;
  const township = name(9);
  const village = name(12);
  const grid = name(15);
  return {
    code,
    township,
    village,
    grid,
    text: [township, village, grid].filter((x): x is string => !!x).join(' '),
  };
}
