import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { toWgs84 } from '../../platform/geo/coords.js';
import { OPEN_STATES } from './states.js';

export const SimilarQuery = z.object({
  categoryCode: z.string().regex(/^[PEG]\d{4}$/),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
  radius: z.coerce.number().min(10).max(2000).default(150).describe('metres'),
});

const EARTH_RADIUS = 6_371_000;

/**
 * Possible duplicates: open cases of the same category within `radius` metres,
 * reported in the last 30 days, nearest first. A bounding box narrows the rows,
 * the haversine distance decides.
 */
export async function findSimilar(
  db: DbOrTx,
  countyCode: string,
  q: z.infer<typeof SimilarQuery>,
  now: Date,
) {
  const p = toWgs84(q.lng, q.lat, q.coordSystem);
  const dLat = (q.radius / EARTH_RADIUS) * (180 / Math.PI);
  const dLng = dLat / Math.cos((p.lat * Math.PI) / 180);
  const distance = sql<number>`${2 * EARTH_RADIUS} * asin(sqrt(power(sin(radians(cases.lat - ${p.lat}) / 2), 2) + cos(radians(${p.lat})) * cos(radians(cases.lat)) * power(sin(radians(cases.lng - ${p.lng}) / 2), 2)))`;
  const rows = await db
    .selectFrom('cases')
    .innerJoin('category as cat', 'cat.code', 'cases.category_code')
    .select([
      'cases.id',
      'cases.number',
      'cat.name as category_name',
      'cases.state',
      'cases.description',
      'cases.reported_at',
      distance.as('distance'),
    ])
    .where('cases.county_code', '=', countyCode)
    .where('cases.category_code', '=', q.categoryCode)
    .where('cases.state', 'in', [...OPEN_STATES])
    .where('cases.reported_at', '>', new Date(now.getTime() - 30 * 86_400_000))
    .where('cases.lat', '>=', p.lat - dLat)
    .where('cases.lat', '<=', p.lat + dLat)
    .where('cases.lng', '>=', p.lng - dLng)
    .where('cases.lng', '<=', p.lng + dLng)
    .orderBy('distance')
    .limit(10)
    .execute();
  return rows
    .filter((r) => r.distance <= q.radius)
    .map((r) => ({
      id: r.id,
      number: r.number,
      categoryName: r.category_name,
      state: r.state,
      description: r.description,
      reportedAt: r.reported_at.toISOString(),
      distanceMetres: Math.round(r.distance),
    }));
}
