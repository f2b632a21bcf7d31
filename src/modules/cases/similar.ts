import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { toWgs84 } from '../../platform/geo/coords.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { CaseActor } from './policy.js';
import { visibleTo } from './repository.js';
import { OPEN_STATES } from './states.js';

export const SimilarQuery = z.object({
  categoryCode: z.string().regex(/^[PEG]\d{4}$/),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
  radius: z.coerce.number().min(10).max(2000).default(150).describe('metres'),
});

export const SimilarItem = z.object({
  id: z.number().int(),
  number: z.string(),
  categoryName: z.string(),
  state: z.string(),
  reportedAt: z.string(),
  distanceMetres: z.number(),
  summary: z
    .string()
    .nullable()
    .describe('the first words of the description, phone and ID numbers masked; null for residents'),
});

const EARTH_RADIUS = 6_371_000;
const SUMMARY_LENGTH = 30;

/** A duplicate hint needs a few words, never the whole story: masked first, then cut. */
export function summaryOf(description: string): string {
  const masked = maskPiiText(description).replace(/\s+/g, ' ').trim();
  return masked.length > SUMMARY_LENGTH ? `${masked.slice(0, SUMMARY_LENGTH)}…` : masked;
}

/**
 * Possible duplicates: open cases of the same category within `radius` metres,
 * reported in the last 30 days, nearest first — among the cases the caller sees in
 * `GET /cases` (the same `visibleTo` predicate), so a hint never shows another
 * village's case. A bounding box narrows the rows, the haversine distance decides.
 * Residents get no text at all (their own reports only, by that predicate).
 */
export async function findSimilar(
  db: DbOrTx,
  actor: CaseActor,
  q: z.infer<typeof SimilarQuery>,
  now: Date,
): Promise<Array<z.infer<typeof SimilarItem>>> {
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
    .where(visibleTo(actor, actor.departmentId))
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
      reportedAt: r.reported_at.toISOString(),
      distanceMetres: Math.round(r.distance),
      summary: actor.role === 'resident' ? null : summaryOf(r.description),
    }));
}
