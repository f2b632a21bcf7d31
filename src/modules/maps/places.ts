import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { OPEN_STATES } from '../cases/index.js';

/** At most this many points a map draws as markers (a village's or grid's year is far below). */
export const POINT_LIMIT = 5000;

/** Township, village, villagers' group (grid unit), grid: the place in words, without gaps. */
export function placeText(p: {
  township: string | null;
  village: string | null;
  group: string | null;
  grid: string | null;
}) {
  return [p.township, p.village, p.group, p.grid].filter((x): x is string => !!x).join(' ');
}

/**
 * The territory a case lies in, from the columns of one row aliased `c` (and its grid unit `u`):
 * township and village by the grid code's prefixes, the grid, and the unit linked at intake.
 */
const PLACE_COLUMNS = sql`
  (SELECT name FROM region WHERE code = left(c.grid_code, 9)) AS township,
  (SELECT name FROM region WHERE code = left(c.grid_code, 12)) AS village,
  (SELECT name FROM region WHERE code = c.grid_code) AS grid,
  u.name AS "group"`;

type PlaceRow = {
  township: string | null;
  village: string | null;
  grid: string | null;
  group: string | null;
};

/** A case's place (township, village, group, grid); another county's or out of `scopePath` → 404. */
export async function casePlace(db: Db, countyCode: string, scopePath: string, id: number) {
  const { rows } = await sql<PlaceRow & { grid_code: string }>`
    SELECT c.grid_code, ${PLACE_COLUMNS}
      FROM cases c LEFT JOIN grid_unit u ON u.county_code = c.county_code AND u.id = c.unit_id
     WHERE c.county_code = ${countyCode} AND c.id = ${id} AND c.grid_path <@ ${scopePath}::ltree`.execute(db);
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND');
  return { code: r.grid_code, ...pick(r), text: placeText(r) };
}

export type PointsInput = { countyCode: string; path: string; since: Date; openOnly: boolean; now: Date };

/**
 * The cases of a territory as points (for clustered markers and the heat layer), each with its
 * place in words — no reporter, no description. Scoped in SQL by `grid_path <@ path`; newest first.
 */
export async function casePoints(db: Db, q: PointsInput) {
  const open = sql`c.state = ANY(${[...OPEN_STATES]}::text[])`;
  const { rows } = await sql<
    PlaceRow & {
      id: string;
      number: string;
      category: string;
      category_en: string;
      state: string;
      warning: string;
      lng: number;
      lat: number;
      reported_at: Date;
    }
  >`
    SELECT c.id, c.number, cat.name AS category, cat.name_en AS category_en, c.state,
      CASE WHEN NOT ${open} THEN 'none' WHEN c.overdue THEN 'overdue'
           WHEN c.red_at <= ${q.now} THEN 'red' WHEN c.yellow_at <= ${q.now} THEN 'yellow' ELSE 'none' END AS warning,
      c.lng, c.lat, c.reported_at, ${PLACE_COLUMNS}
    FROM cases c
    JOIN category cat ON cat.code = c.category_code
    LEFT JOIN grid_unit u ON u.county_code = c.county_code AND u.id = c.unit_id
    WHERE c.county_code = ${q.countyCode} AND c.grid_path <@ ${q.path}::ltree
      AND c.reported_at >= ${q.since} AND (${!q.openOnly} OR ${open})
      AND c.lng IS NOT NULL AND c.lat IS NOT NULL
    ORDER BY c.reported_at DESC, c.id DESC
    LIMIT ${POINT_LIMIT + 1}`.execute(db);
  return {
    truncated: rows.length > POINT_LIMIT,
    items: rows.slice(0, POINT_LIMIT).map((r) => ({
      id: Number(r.id),
      number: r.number,
      category: r.category,
      categoryEn: r.category_en,
      state: r.state,
      warning: r.warning as 'none' | 'yellow' | 'red' | 'overdue',
      lng: r.lng,
      lat: r.lat,
      reportedAt: r.reported_at.toISOString(),
      ...pick(r),
      place: placeText(r),
    })),
  };
}

function pick(r: PlaceRow): PlaceRow {
  return { township: r.township, village: r.village, group: r.group, grid: r.grid };
}
