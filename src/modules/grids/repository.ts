import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

function gridsWithParents(db: DbOrTx) {
  return db
    .selectFrom('region as g')
    .innerJoin('region as v', 'v.code', 'g.parent_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .select([
      'g.code',
      'g.name',
      'g.kind',
      'g.geometry',
      'g.path',
      'g.county_code',
      'v.code as village_code',
      'v.name as village_name',
      't.code as township_code',
      't.name as township_name',
    ])
    .where('g.level', '=', 'grid');
}

export async function findGrid(db: DbOrTx, code: string, scopePath: string) {
  return gridsWithParents(db)
    .where('g.code', '=', code)
    .where(inSubtree('g.path', scopePath))
    .executeTakeFirst();
}

export async function listGridsUnder(db: DbOrTx, path: string) {
  return gridsWithParents(db).where(inSubtree('g.path', path)).orderBy('g.code').execute();
}

export async function gridCounts(db: DbOrTx, countyCode: string, gridCode: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('household')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_code', '=', countyCode)
        .where('grid_code', '=', gridCode)
        .as('households'),
      eb
        .selectFrom('resident')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_code', '=', countyCode)
        .where('grid_code', '=', gridCode)
        .as('residents'),
      eb
        .selectFrom('grid_worker')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_code', '=', countyCode)
        .where('grid_code', '=', gridCode)
        .where('active', '=', true)
        .as('workers'),
    ])
    .executeTakeFirstOrThrow();
  return { households: row.households ?? 0, residents: row.residents ?? 0, workers: row.workers ?? 0 };
}
