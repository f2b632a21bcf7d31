import { sql } from 'kysely';
import type { MultiPolygon, Position } from 'geojson';
import type { Db } from '../../platform/db/database.js';
import type { GridGeometry } from '../../platform/geo/grid-index.js';
import { interiorPoint, type LngLat } from '../../platform/geo/sample.js';

/**
 * A point inside each region's shape, where a map places a region that has nothing else to place
 * it by (no case of it has a reported point). The shape is the region's own outline when it has
 * one, else the outlines of the shallowest level below it that has them (a village's grids); the
 * point is the platform's interior point of the largest part — always inside, unlike the middle of
 * a bounding box, which misses a concave (L-, U-shaped) or many-part region. A region with no
 * outline at or below it gets none.
 */
export async function pointsInside(
  db: Db,
  countyCode: string,
  codes: string[],
): Promise<Map<string, LngLat>> {
  const points = new Map<string, LngLat>();
  if (codes.length === 0) return points;
  const { rows } = await sql<{ code: string; geometry: GridGeometry }>`
    SELECT code, geometry FROM (
      SELECT r.code, g.geometry, rank() OVER (PARTITION BY r.code ORDER BY nlevel(g.path)) AS depth
      FROM region r
      JOIN region g ON g.county_code = r.county_code AND g.path <@ r.path AND g.geometry IS NOT NULL
      WHERE r.county_code = ${countyCode} AND r.code = ANY(${codes}::text[])
    ) x
    WHERE depth = 1
    ORDER BY code`.execute(db);
  const parts = new Map<string, Position[][][]>();
  for (const r of rows) {
    const list = parts.get(r.code) ?? [];
    if (r.geometry.type === 'Polygon') list.push(r.geometry.coordinates);
    else list.push(...r.geometry.coordinates);
    parts.set(r.code, list);
  }
  for (const [code, coordinates] of parts) {
    const shape: MultiPolygon = { type: 'MultiPolygon', coordinates };
    const p = interiorPoint(shape);
    if (p) points.set(code, p);
  }
  return points;
}
