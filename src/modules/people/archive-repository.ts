import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { HouseholdRecord, ResidentRecord } from './history.js';
import type { Scope } from './repository.js';

/** A grid of the county (any grid: a move may go beyond the mover's scope), or undefined. */
export async function gridOfCounty(db: DbOrTx, countyCode: string, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', code)
    .where('county_code', '=', countyCode)
    .where('level', '=', 'grid')
    .executeTakeFirst();
}

/** Whether a grid unit lies in that grid. */
export async function unitInGrid(db: DbOrTx, countyCode: string, unitId: number, gridCode: string) {
  const row = await db
    .selectFrom('grid_unit')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('id', '=', unitId)
    .where('grid_code', '=', gridCode)
    .executeTakeFirst();
  return !!row;
}

const HOUSEHOLD_RECORD = [
  'county_code',
  'id',
  'grid_code',
  'address',
  'unit_id',
  'care_tags',
  'created_at',
  'version',
] as const;

/** SELECT … FOR UPDATE of a household the caller sees (scope in SQL). */
export async function lockHousehold(
  tx: Tx,
  scope: Scope,
  id: number,
): Promise<(HouseholdRecord & { version: number }) | undefined> {
  return tx
    .selectFrom('household')
    .select(HOUSEHOLD_RECORD)
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('grid_path', scope.path))
    .forUpdate()
    .executeTakeFirst();
}

export const RESIDENT_RECORD = [
  'county_code',
  'id',
  'household_id',
  'grid_code',
  'name',
  'gender',
  sql<string>`birth_date::text`.as('birth_date'),
  'relation',
  'id_number_masked',
  'phone_masked',
  'marital_status',
  'care_tags',
  'is_party_member',
  'status',
  sql<string | null>`died_on::text`.as('died_on'),
  'merged_into',
  'created_at',
  'version',
] as const;

/** SELECT … FOR UPDATE of a resident the caller sees. */
export async function lockResident(
  tx: Tx,
  scope: Scope,
  id: number,
): Promise<(ResidentRecord & { version: number }) | undefined> {
  return tx
    .selectFrom('resident')
    .select(RESIDENT_RECORD)
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('grid_path', scope.path))
    .forUpdate()
    .executeTakeFirst();
}

/** A resident's record by id (no scope: after a change by the caller, e.g. a move out of it). */
export async function residentRecord(db: DbOrTx, countyCode: string, id: number): Promise<ResidentRecord> {
  return db
    .selectFrom('resident')
    .select(RESIDENT_RECORD)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function householdRecord(db: DbOrTx, countyCode: string, id: number): Promise<HouseholdRecord> {
  return db
    .selectFrom('household')
    .select(HOUSEHOLD_RECORD)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Members present in the household, kept on the household row. */
export async function recount(tx: DbOrTx, countyCode: string, householdId: number): Promise<void> {
  await sql`UPDATE household h SET member_count = (SELECT count(*) FROM resident r
              WHERE r.county_code = h.county_code AND r.household_id = h.id AND r.status = 'present')
             WHERE h.county_code = ${countyCode} AND h.id = ${householdId}`.execute(tx);
}
