import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { casePhotoOfPhase, photoUrl } from '../photos/index.js';
import { pathOf } from '../regions/index.js';
import { maskPiiText } from '../../platform/pii-text.js';

export const PublicCase = z.object({
  number: z.string(),
  categoryName: z.string(),
  state: z.string(),
  description: z.string(),
  gridName: z.string(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  afterPhotoThumbUrl: z.string().nullable(),
});

/**
 * 村里的事: the cases of a village as any resident of it may see them — no
 * reporter, no contact, no staff notes, digits masked; disputes, safety and
 * livelihood matters (governance categories) and petitions are left out.
 */
export async function villageCases(db: DbOrTx, countyCode: string, villageCode: string, limit: number) {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('category as cat', 'cat.code', 'cases.category_code')
    .innerJoin('region as g', 'g.code', 'cases.grid_code')
    .select([
      'cases.number',
      'cat.name as category_name',
      'cases.state',
      'cases.description',
      'g.name as grid_name',
      'cases.reported_at',
      'cases.closed_at',
      'cases.id',
    ])
    .where('cases.county_code', '=', countyCode)
    .where(inSubtree('cases.grid_path', pathOf(villageCode)))
    .where('cat.kind', '!=', 'governance')
    .where('cases.source', '!=', 'petition')
    .where('cases.state', 'not in', ['cancelled', 'not_filed', 'merged'])
    .orderBy(sql`cases.reported_at DESC`)
    .limit(limit)
    .execute();
  const after = await casePhotoOfPhase(
    db,
    countyCode,
    rows.map((r) => r.id),
    'after',
    'latest',
  );
  return rows.map((r) => ({
    number: r.number,
    categoryName: r.category_name,
    state: r.state,
    description: maskPiiText(r.description),
    gridName: r.grid_name,
    reportedAt: r.reported_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    afterPhotoThumbUrl: after.has(r.id) ? photoUrl(after.get(r.id)!, 'thumb') : null,
  }));
}
