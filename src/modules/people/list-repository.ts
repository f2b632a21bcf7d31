import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import {
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };

/** The household list's sort keys (whitelisted in schemas.ts) and their SQL. */
export const HOUSEHOLD_SORT_KEYS = ['id', 'grid', 'address', 'members', 'lastVisitAt'] as const;
const HOUSEHOLD_SORT = {
  id: sql`h.id`,
  grid: sql`g.name`,
  address: sql`h.address`,
  members: sql`h.member_count`,
  lastVisitAt: sql`h.last_visit_at`,
};

export type HouseholdFilter = {
  careTag?: string;
  /** a part of the household number (its id) */
  number?: string;
  /** words in the address or a member's name */
  keyword?: string;
  /** a member's phone, by its blind index (the search is a reveal: service.ts audits it) */
  phoneHash?: Buffer;
  sort?: SortOf<(typeof HOUSEHOLD_SORT_KEYS)[number]>;
};

/** The households of the filter inside the caller's subtree (the WHERE of the page, total and export). */
export function filteredHouseholds(db: DbOrTx, scope: Scope, f: HouseholdFilter) {
  let q = db
    .selectFrom('household as h')
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .where('h.county_code', '=', scope.countyCode)
    .where(inSubtree('h.grid_path', scope.path));
  if (f.careTag) q = q.where(sql<boolean>`h.care_tags @> ARRAY[${f.careTag}]::text[]`);
  if (f.number) q = q.where(sql<boolean>`h.id::text LIKE ${numberPattern(f.number)}`);
  if (f.keyword) {
    const like = likePattern(f.keyword);
    q = q.where(
      sql<boolean>`(h.address ILIKE ${like} OR EXISTS (SELECT 1 FROM resident m WHERE m.county_code = h.county_code AND m.household_id = h.id AND m.status <> 'merged' AND m.name ILIKE ${like}))`,
    );
  }
  if (f.phoneHash)
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM resident m WHERE m.county_code = h.county_code AND m.household_id = h.id AND m.status <> 'merged' AND m.phone_hash = ${f.phoneHash})`,
    );
  return q;
}

/** The filtered households with their columns, in the list's order (by number unless sorted). */
export function orderedHouseholds(db: DbOrTx, scope: Scope, f: HouseholdFilter) {
  const q = filteredHouseholds(db, scope, f).select([
    'h.id',
    'h.grid_code',
    'g.name as grid_name',
    'h.address',
    'h.member_count',
    'h.care_tags',
    'h.last_visit_at',
    'h.unit_id',
    'h.version',
  ]);
  if (f.sort) return orderBySort(q, f.sort, HOUSEHOLD_SORT, sql`h.id`);
  return q.orderBy('h.id');
}

export function listHouseholds(
  db: DbOrTx,
  scope: Scope,
  f: HouseholdFilter & { limit: number; offset: number },
) {
  return listPage(filteredHouseholds(db, scope, f), orderedHouseholds(db, scope, f), f.limit, f.offset);
}

/** The resident list's sort keys and their SQL. */
export const RESIDENT_SORT_KEYS = ['id', 'name', 'birthDate', 'grid', 'status', 'household'] as const;
const RESIDENT_SORT = {
  id: sql`r.id`,
  name: sql`r.name`,
  birthDate: sql`r.birth_date`,
  grid: sql`r.grid_code`,
  status: sql`r.status`,
  household: sql`r.household_id`,
};

export const RESIDENT_COLUMNS = [
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
  /** words in the name or relation */
  keyword?: string;
  /** a part of the resident's number (its id) */
  number?: string;
  idNumberHash?: Buffer;
  phoneHash?: Buffer;
  careTag?: string;
  sort?: SortOf<(typeof RESIDENT_SORT_KEYS)[number]>;
};

export function filteredResidents(db: DbOrTx, scope: Scope, f: ResidentFilter) {
  let q = db
    .selectFrom('resident as r')
    .where('r.county_code', '=', scope.countyCode)
    .where(inSubtree('r.grid_path', scope.path))
    .where('r.status', '<>', 'merged');
  if (f.householdId !== undefined) q = q.where('r.household_id', '=', f.householdId);
  if (f.name) q = q.where('r.name', 'like', `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.keyword) {
    const like = likePattern(f.keyword);
    q = q.where((eb) => eb.or([eb('r.name', 'ilike', like), eb('r.relation', 'ilike', like)]));
  }
  if (f.number) q = q.where(sql<boolean>`r.id::text LIKE ${numberPattern(f.number)}`);
  if (f.idNumberHash) q = q.where('r.id_number_hash', '=', f.idNumberHash);
  if (f.phoneHash) q = q.where('r.phone_hash', '=', f.phoneHash);
  if (f.careTag) q = q.where(sql<boolean>`r.care_tags @> ARRAY[${f.careTag}]::text[]`);
  return q;
}

export function orderedResidents(db: DbOrTx, scope: Scope, f: ResidentFilter) {
  const q = filteredResidents(db, scope, f).select(RESIDENT_COLUMNS);
  if (f.sort) return orderBySort(q, f.sort, RESIDENT_SORT, sql`r.id`);
  return q.orderBy('r.id');
}

export function listResidents(
  db: DbOrTx,
  scope: Scope,
  f: ResidentFilter & { limit: number; offset: number },
) {
  return listPage(filteredResidents(db, scope, f), orderedResidents(db, scope, f), f.limit, f.offset);
}
