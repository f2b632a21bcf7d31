import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { OPEN_STATES } from '../cases/index.js';
import { RESTRICTED_KINDS, RESTRICTED_SOURCES } from '../open311/index.js';
import './errors.js';
import { baseMapOf, findSetting } from './settings.js';

/** Points are snapped to cells of 0.002° (about 200 m): near enough to find, too coarse to name a door. */
const SNAP = 0.002;
/** Fixed problems stay on the map for this many days after closing. */
const FIXED_DAYS = 30;
const LIMIT = 500;
const SUMMARY_CHARS = 60;
/** Besides Open311's restricted ones: enterprises' requests are theirs, not the street's. */
const HIDDEN_SOURCES = [...RESTRICTED_SOURCES, 'enterprise'];
/** Open and filed: a report not yet checked (reported) is not shown. */
const SHOWN_OPEN = OPEN_STATES.filter((s) => s !== 'reported');

export type Near = { lng?: number; lat?: number; km: number };

/**
 * The public map of reports (FixMyStreet-style) of a county that publishes it: open problems and
 * those fixed in the last 30 days, with their category, a masked and shortened summary, the
 * village and its group (grid unit) and a point rounded to about 200 m. No name, phone, ID, case number or photo; nothing
 * from petitions, social-governance categories or enterprises. A county that has not turned it
 * on, or no county at all, answers 404.
 */
export async function publicMap(db: Db, countyCode: string, near: Near, now: Date) {
  const setting = await findSetting(db, countyCode);
  if (!setting?.public_map) throw new AppError('PUBLIC_MAP_UNAVAILABLE');
  const county = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', '=', countyCode)
    .executeTakeFirst();
  if (!county) throw new AppError('PUBLIC_MAP_UNAVAILABLE');
  const box =
    near.lng !== undefined && near.lat !== undefined
      ? (() => {
          const dLat = near.km / 111;
          const dLng = near.km / (111 * Math.cos((near.lat * Math.PI) / 180));
          return sql`AND c.lat BETWEEN ${near.lat - dLat} AND ${near.lat + dLat}
            AND c.lng BETWEEN ${near.lng - dLng} AND ${near.lng + dLng}`;
        })()
      : sql``;
  const since = new Date(now.getTime() - FIXED_DAYS * 86_400_000);
  const { rows } = await sql<{
    category: string;
    category_en: string;
    state: string;
    description: string;
    place: string;
    lng: number;
    lat: number;
    reported_on: string;
    fixed_on: string | null;
  }>`
    SELECT cat.name AS category, cat.name_en AS category_en, c.state, left(c.description, 400) AS description,
      concat_ws(' ', v.name, u.name) AS place,
      (round(c.lng / ${SNAP}) * ${SNAP})::float8 AS lng, (round(c.lat / ${SNAP}) * ${SNAP})::float8 AS lat,
      to_char(c.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS reported_on,
      to_char(c.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS fixed_on
    FROM cases c
    JOIN category cat ON cat.code = c.category_code
    LEFT JOIN region v ON v.code = left(c.grid_code, 12)
    LEFT JOIN grid_unit u ON u.county_code = c.county_code AND u.id = c.unit_id
    WHERE c.county_code = ${countyCode}
      AND c.source <> ALL(${HIDDEN_SOURCES}::text[]) AND cat.kind <> ALL(${[...RESTRICTED_KINDS]}::text[])
      AND c.lng IS NOT NULL AND c.lat IS NOT NULL
      AND (c.state = ANY(${SHOWN_OPEN}::text[]) OR (c.state = 'closed' AND c.closed_at >= ${since}))
      ${box}
    ORDER BY c.reported_at DESC
    LIMIT ${LIMIT}`.execute(db);
  return {
    county,
    base: baseMapOf(setting),
    items: rows.map((r) => ({
      category: r.category,
      categoryEn: r.category_en,
      status: r.state === 'closed' ? ('fixed' as const) : ('open' as const),
      summary: shorten(maskPiiText(r.description)),
      place: r.place,
      lng: r.lng,
      lat: r.lat,
      reportedOn: r.reported_on,
      fixedOn: r.state === 'closed' ? r.fixed_on : null,
    })),
  };
}

function shorten(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > SUMMARY_CHARS ? `${chars.slice(0, SUMMARY_CHARS).join('')}…` : chars.join('');
}
