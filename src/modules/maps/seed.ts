import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { type GridGeometry, pointInPolygon } from '../../platform/geo/grid-index.js';
import { ShapeSampler } from '../../platform/geo/sample.js';
import { hashSeed, mulberry32 } from '../grids/index.js';

/** The maps module's county settings (map_setting) are made when an administrator first sets them. */
export async function seedMapConfig(_tx: Tx, _countyCode: string): Promise<void> {}

type UnitRow = {
  id: number;
  grid_code: string;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
};

/**
 * Demo: the grid units (villagers' groups, buildings) get a point — spread on a lattice inside
 * their grid's box, as a village would place them; a lattice point that falls outside the grid's
 * real shape (a boundary grid cut by the county's outline) is replaced by a point drawn inside
 * the shape, seeded by the grid — written in one statement. Placing them links the cases of
 * those grids reported before to their nearest unit (trigger of migration 0114); cases reported
 * afterwards are linked at intake.
 */
export async function seedMapDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const { rows: units } = await sql<UnitRow>`
    SELECT u.id::int AS id, u.grid_code, g.min_lng, g.min_lat, g.max_lng, g.max_lat
      FROM grid_unit u JOIN region g ON g.code = u.grid_code AND g.min_lng IS NOT NULL
     WHERE u.county_code = ${countyCode} AND u.parent_id IS NULL AND u.lng IS NULL
     ORDER BY u.grid_code, u.id`.execute(tx);
  if (units.length === 0) return;
  const { rows: shapes } = await sql<{ code: string; geometry: GridGeometry | null }>`
    SELECT code, geometry FROM region WHERE county_code = ${countyCode} AND level = 'grid'`.execute(tx);
  const shapeOf = new Map(shapes.map((s) => [s.code, s.geometry]));
  const ids: number[] = [];
  const lngs: number[] = [];
  const lats: number[] = [];
  for (let start = 0; start < units.length;) {
    let end = start;
    while (end < units.length && units[end]!.grid_code === units[start]!.grid_code) end++;
    placeGrid(units.slice(start, end), shapeOf.get(units[start]!.grid_code) ?? null, ids, lngs, lats);
    start = end;
  }
  await sql`
    UPDATE grid_unit u SET lng = p.lng, lat = p.lat
      FROM unnest(${ids}::bigint[], ${lngs}::float8[], ${lats}::float8[]) AS p(id, lng, lat)
     WHERE u.county_code = ${countyCode} AND u.id = p.id`.execute(tx);
}

/** One grid's units on the lattice of its box, each kept inside the grid's shape. */
function placeGrid(
  grid: UnitRow[],
  geometry: GridGeometry | null,
  ids: number[],
  lngs: number[],
  lats: number[],
) {
  const n = grid.length;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  let sampler: ShapeSampler | null = null;
  let rand: (() => number) | null = null;
  grid.forEach((u, i) => {
    let lng = u.min_lng + ((u.max_lng - u.min_lng) * ((i % cols) + 0.5)) / cols;
    let lat = u.min_lat + ((u.max_lat - u.min_lat) * (Math.floor(i / cols) + 0.5)) / rows;
    if (geometry && pointInPolygon(lng, lat, geometry) !== 'inside') {
      sampler ??= new ShapeSampler(geometry);
      rand ??= mulberry32(hashSeed(`units:${u.grid_code}`));
      const p = sampler.sample(rand);
      if (!p) return;
      ({ lng, lat } = p);
    }
    ids.push(u.id);
    lngs.push(lng);
    lats.push(lat);
  });
}
