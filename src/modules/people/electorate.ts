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

/**
 * Of the given residents (a villagers' meeting's attendance), those who could make it up on `asOf`:
 * living, unmerged residents of the village aged 18 or over; and the households they come from.
 */
export async function electorsAmong(
  db: DbOrTx,
  countyCode: string,
  villagePath: string,
  asOf: string,
  residentIds: number[],
) {
  if (residentIds.length === 0) return { adults: 0, households: 0 };
  const r = await db
    .selectFrom('resident')
    .select([
      sql<number>`count(*)::int`.as('adults'),
      sql<number>`count(DISTINCT household_id)::int`.as('households'),
    ])
    .where('county_code', '=', countyCode)
    .where('id', '=', sql<number>`any(${residentIds}::bigint[])`)
    .where(inSubtree('grid_path', villagePath))
    .where('died_on', 'is', null)
    .where('status', '<>', 'merged')
    .where(sql<boolean>`birth_date <= (${asOf}::date - interval '18 years')`)
    .executeTakeFirstOrThrow();
  return { adults: r.adults, households: r.households };
}
