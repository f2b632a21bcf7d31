import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

/**
 * Who may make up a villagers' meeting (村民委员会组织法 §22): the living residents aged 18 or
 * over on `asOf` (a date), and the households, of one village's archive. Counts only, no names.
 */
export async function villageElectorate(db: DbOrTx, countyCode: string, villagePath: string, asOf: string) {
  const adults = await db
    .selectFrom('resident')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('county_code', '=', countyCode)
    .where(inSubtree('grid_path', villagePath))
    .where('died_on', 'is', null)
    .where('status', '<>', 'merged')
    .where(sql<boolean>`birth_date <= (${asOf}::date - interval '18 years')`)
    .executeTakeFirstOrThrow();
  const households = await db
    .selectFrom('household')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('county_code', '=', countyCode)
    .where(inSubtree('grid_path', villagePath))
    .executeTakeFirstOrThrow();
  return { adults: adults.n, households: households.n };
}
