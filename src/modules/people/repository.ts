import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };

export type HouseholdFilter = { careTag?: string; limit: number; offset: number };

export async function listHouseholds(db: DbOrTx, scope: Scope, f: HouseholdFilter) {
  let q = db
    .selectFrom('household as h')
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .where('h.county_code', '=', scope.countyCode)
    .where(inSubtree('h.grid_path', scope.path));
  if (f.careTag) q = q.where(sql<boolean>`h.care_tags @> ARRAY[${f.careTag}]::text[]`);
  const [items, total] = await Promise.all([
    q
      .select([
        'h.id',
        'h.grid_code',
        'g.name as grid_name',
        'h.address',
        'h.member_count',
        'h.care_tags',
        'h.last_visit_at',
        'h.unit_id',
        'h.version',
      ])
      .orderBy('h.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findHousehold(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('household as h')
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .select([
      'h.id',
      'h.grid_code',
      'g.name as grid_name',
      'h.address',
      'h.member_count',
      'h.care_tags',
      'h.last_visit_at',
      'h.unit_id',
      'h.version',
      'h.created_at',
    ])
    .where('h.county_code', '=', scope.countyCode)
    .where('h.id', '=', id)
    .where(inSubtree('h.grid_path', scope.path))
    .executeTakeFirst();
}

const RESIDENT_COLUMNS = [
  'r.id',
  'r.household_id',
  'r.grid_code',
  'r.name',
  'r.gender',
  'r.birth_date',
  'r.relation',
  'r.id_number_masked',
  'r.phone_masked',
  'r.care_tags',
  'r.is_party_member',
  'r.status',
  'r.marital_status',
  'r.version',
] as const;

export type ResidentFilter = {
  householdId?: number;
  name?: string;
  idNumberHash?: Buffer;
  phoneHash?: Buffer;
  careTag?: string;
  limit: number;
  offset: number;
};

export async function listResidents(db: DbOrTx, scope: Scope, f: ResidentFilter) {
  let q = db
    .selectFrom('resident as r')
    .where('r.county_code', '=', scope.countyCode)
    .where(inSubtree('r.grid_path', scope.path))
    .where('r.status', '<>', 'merged');
  if (f.householdId !== undefined) q = q.where('r.household_id', '=', f.householdId);
  if (f.name) q = q.where('r.name', 'like', `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.idNumberHash) q = q.where('r.id_number_hash', '=', f.idNumberHash);
  if (f.phoneHash) q = q.where('r.phone_hash', '=', f.phoneHash);
  if (f.careTag) q = q.where(sql<boolean>`r.care_tags @> ARRAY[${f.careTag}]::text[]`);
  return q.select(RESIDENT_COLUMNS).orderBy('r.id').limit(f.limit).offset(f.offset).execute();
}

export async function findResident(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('resident as r')
    .select(RESIDENT_COLUMNS)
    .select(['r.id_number_enc', 'r.phone_enc'])
    .where('r.county_code', '=', scope.countyCode)
    .where('r.id', '=', id)
    .where(inSubtree('r.grid_path', scope.path))
    .executeTakeFirst();
}

/** How many `action` audit rows the account wrote in the last `seconds` (database time). */
export async function countRecentSearches(db: DbOrTx, accountId: number, action: string, seconds: number) {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('actor_id', '=', accountId)
    .where('action', '=', action)
    .where('at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return row.n;
}
