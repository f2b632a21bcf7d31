import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

const COLUMNS = [
  'r.code',
  'r.name',
  'r.level',
  'r.kind',
  'r.parent_code',
  'r.county_code',
  'r.path',
] as const;

/** One region, only if it lies inside `scopePath`. */
export async function findRegionInScope(db: DbOrTx, code: string, scopePath: string) {
  return db
    .selectFrom('region as r')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('region as c')
        .whereRef('c.parent_code', '=', 'r.code')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('child_count'),
    )
    .where('r.code', '=', code)
    .where(inSubtree('r.path', scopePath))
    .executeTakeFirst();
}

export async function listChildren(db: DbOrTx, code: string) {
  return db
    .selectFrom('region as r')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('region as c')
        .whereRef('c.parent_code', '=', 'r.code')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('child_count'),
    )
    .where('r.parent_code', '=', code)
    .orderBy('r.code')
    .execute();
}

/** The chain from the province down to `code` (for breadcrumbs). */
export async function listAncestors(db: DbOrTx, path: string) {
  return db
    .selectFrom('region as r')
    .select(['r.code', 'r.name', 'r.level'])
    .where(sql<boolean>`r.path @> ${path}::ltree`)
    .orderBy(sql`nlevel(r.path)`)
    .execute();
}

export async function findPath(db: DbOrTx, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('region').select('path').where('code', '=', code).executeTakeFirst();
  return row?.path;
}
