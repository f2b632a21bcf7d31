import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import './errors.js';
import { DETOUR_FACTOR, greedyCandidates, WALK_LIMIT_M, type Place } from './reach.js';

/** Households of a scope and where they live: the point of their villagers' group or building. */
export type CoverageScope = { countyCode: string; path: string };

/**
 * A household's place is the point of its grid unit's top level (a villagers' group or a building;
 * a building's 单元 shares the building's point). Every active station of the county counts, also
 * one beyond the scope's border: people walk across it.
 */
const places = (s: CoverageScope) => sql`
  SELECT h.id AS household_id, h.address, h.grid_code, t.id AS place_id, t.name AS place_name, t.lng, t.lat
    FROM household h
    LEFT JOIN grid_unit u ON u.county_code = h.county_code AND u.id = h.unit_id
    LEFT JOIN grid_unit t ON t.county_code = u.county_code AND t.id = COALESCE(u.parent_id, u.id)
   WHERE h.county_code = ${s.countyCode} AND h.grid_path <@ ${s.path}::ltree`;

/** Each placed unit of the scope with its households and its nearest active station. */
const nearestByPlace = (s: CoverageScope) => sql`
  SELECT p.place_id, p.place_name, p.grid_code, p.lng, p.lat, p.n, n.id AS station_id, n.name AS station_name,
         round(walking_metres(p.lng, p.lat, n.lng, n.lat))::int AS walking
    FROM (SELECT place_id, max(place_name) AS place_name, max(grid_code) AS grid_code, lng, lat, count(*)::int AS n
            FROM (${places(s)}) x WHERE lng IS NOT NULL GROUP BY place_id, lng, lat) p
    LEFT JOIN LATERAL (
      SELECT st.id, st.name, st.lng, st.lat FROM station st
       WHERE st.county_code = ${s.countyCode} AND st.active
       ORDER BY (st.lng - p.lng) ^ 2 * cos(radians(p.lat)) ^ 2 + (st.lat - p.lat) ^ 2, st.id
       LIMIT 1) n ON true`;

export async function coverageOf(db: DbOrTx, s: CoverageScope, regionCode: string) {
  const { rows } = await sql<{ households: number; placed: number; within: number; stations: number }>`
    WITH near AS (${nearestByPlace(s)})
    SELECT (SELECT count(*)::int FROM household h WHERE h.county_code = ${s.countyCode}
              AND h.grid_path <@ ${s.path}::ltree) AS households,
           (SELECT coalesce(sum(n), 0)::int FROM near) AS placed,
           (SELECT coalesce(sum(n) FILTER (WHERE walking <= ${WALK_LIMIT_M}), 0)::int FROM near) AS within,
           (SELECT count(*)::int FROM station st WHERE st.county_code = ${s.countyCode} AND st.active
              AND st.region_path <@ ${s.path}::ltree) AS stations`.execute(db);
  const r = rows[0]!;
  return {
    regionCode,
    households: r.households,
    placed: r.placed,
    within: r.within,
    outside: r.placed - r.within,
    share: r.placed === 0 ? null : Math.round((r.within / r.placed) * 10000) / 10000,
    stations: r.stations,
    limitMetres: WALK_LIMIT_M,
    detourFactor: DETOUR_FACTOR,
  };
}

export type OutsideRow = {
  household_id: number;
  address: string;
  grid_code: string;
  grid_name: string;
  place_name: string;
  lng: number;
  lat: number;
  station_id: number | null;
  station_name: string | null;
  walking: number | null;
};

/** The placed households of the scope beyond 500 m walking of every station, ordered by grid and address. */
export function outsideQuery(s: CoverageScope) {
  return sql<OutsideRow>`
    WITH near AS (${nearestByPlace(s)})
    SELECT h.household_id::int AS household_id, h.address, h.grid_code, g.name AS grid_name, h.place_name,
           h.lng, h.lat, n.station_id::int AS station_id, n.station_name, n.walking
      FROM (${places(s)}) h
      JOIN near n ON n.place_id = h.place_id
      JOIN region g ON g.code = h.grid_code
     WHERE n.walking IS NULL OR n.walking > ${WALK_LIMIT_M}
     ORDER BY h.grid_code, h.address, h.household_id`;
}

export async function listOutside(db: DbOrTx, s: CoverageScope, page: { limit: number; offset: number }) {
  const { rows } = await sql<OutsideRow & { total: number }>`
    SELECT o.*, count(*) OVER ()::int AS total FROM (${outsideQuery(s)}) o
     LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const total =
    rows[0]?.total ??
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${outsideQuery(s)}) o`.execute(db)).rows[0]!.n;
  return { items: rows, total };
}

export type OutsidePlace = {
  place_id: number;
  place_name: string;
  grid_code: string;
  grid_name: string;
  lng: number;
  lat: number;
  n: number;
  walking: number | null;
};

/** The units with households outside the circle (the map's layer and the candidate search's input). */
export async function outsidePlaces(db: DbOrTx, s: CoverageScope, limit: number) {
  const { rows } = await sql<OutsidePlace>`
    WITH near AS (${nearestByPlace(s)})
    SELECT n.place_id::int AS place_id, n.place_name, n.grid_code, g.name AS grid_name, n.lng, n.lat, n.n, n.walking
      FROM near n JOIN region g ON g.code = n.grid_code
     WHERE n.walking IS NULL OR n.walking > ${WALK_LIMIT_M}
     ORDER BY n.n DESC, n.place_id
     LIMIT ${limit}`.execute(db);
  return rows;
}

/** Where new stations would bring the most households of the scope inside the circle (greedy, reach.ts). */
export async function candidateSites(db: DbOrTx, s: CoverageScope, count: number) {
  const rows = await outsidePlaces(db, s, 50_000);
  const byKey = new Map(rows.map((r) => [String(r.place_id).padStart(15, '0'), r]));
  const input: Place[] = [...byKey].map(([key, r]) => ({ key, lng: r.lng, lat: r.lat, households: r.n }));
  return greedyCandidates(input, count).map((c) => {
    const r = byKey.get(c.key)!;
    return {
      unitId: r.place_id,
      name: r.place_name,
      gridName: r.grid_name,
      lng: r.lng,
      lat: r.lat,
      covers: c.covers,
    };
  });
}

/** The nearest active station of a household of the caller's scope and the walk to it. */
export async function nearestStation(db: DbOrTx, actor: Actor, householdId: number) {
  const { rows } = await sql<{
    found: boolean;
    lng: number | null;
    lat: number | null;
    id: number | null;
    name: string | null;
    kind: string | null;
    address: string | null;
    straight: number | null;
    walking: number | null;
  }>`
    SELECT true AS found, p.lng, p.lat, n.id::int AS id, n.name, n.kind, n.address,
           round(walking_metres(p.lng, p.lat, n.lng, n.lat) / ${DETOUR_FACTOR})::int AS straight,
           round(walking_metres(p.lng, p.lat, n.lng, n.lat))::int AS walking
      FROM (${places({ countyCode: actor.countyCode, path: actor.scopePath })}) p
      LEFT JOIN LATERAL (
        SELECT st.id, st.name, st.kind, st.address, st.lng, st.lat FROM station st
         WHERE st.county_code = ${actor.countyCode} AND st.active AND p.lng IS NOT NULL
         ORDER BY (st.lng - p.lng) ^ 2 * cos(radians(p.lat)) ^ 2 + (st.lat - p.lat) ^ 2, st.id
         LIMIT 1) n ON true
     WHERE p.household_id = ${householdId}`.execute(db);
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND');
  if (r.lng === null) throw new AppError('HOUSEHOLD_NOT_PLACED');
  return {
    householdId,
    station:
      r.id === null
        ? null
        : { id: r.id, name: r.name!, kind: r.kind as 'centre' | 'station', address: r.address! },
    straightMetres: r.straight,
    walkingMetres: r.walking,
    withinReach: r.walking !== null && r.walking <= WALK_LIMIT_M,
    detourFactor: DETOUR_FACTOR,
  };
}
