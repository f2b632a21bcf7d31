import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

/** All SQL of departments (职能部门): county bureaus and township offices, scoped by path. */

const COLUMNS = [
  'd.id',
  'd.county_code',
  'd.code',
  'd.name',
  'd.name_en',
  'd.tier',
  'd.region_code',
  'r.name as region_name',
  'd.region_path',
  'd.active',
] as const;

export type DepartmentFilter = { within?: string; tier?: string; q?: string; active?: boolean };

/** Departments whose region lies inside `scopePath`. */
export function listDepartments(db: DbOrTx, scopePath: string, f: DepartmentFilter) {
  let q = db
    .selectFrom('department as d')
    .innerJoin('region as r', 'r.code', 'd.region_code')
    .select(COLUMNS)
    .where(inSubtree('d.region_path', scopePath));
  if (f.within) q = q.where('d.region_code', '=', f.within);
  if (f.tier) q = q.where('d.tier', '=', f.tier);
  if (f.active !== undefined) q = q.where('d.active', '=', f.active);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('d.name', 'ilike', like), eb('d.code', 'ilike', like)]));
  }
  return q.orderBy('d.region_code').orderBy('d.id').limit(1000).execute();
}

export type DepartmentRow = Awaited<ReturnType<typeof listDepartments>>[number];

/** One department inside `scopePath` (null: anywhere), locked for the transaction. */
export function lockDepartment(tx: DbOrTx, id: number, scopePath: string | null) {
  let q = tx
    .selectFrom('department as d')
    .innerJoin('region as r', 'r.code', 'd.region_code')
    .select(COLUMNS)
    .where('d.id', '=', id);
  if (scopePath) q = q.where(inSubtree('d.region_path', scopePath));
  return q.forUpdate('d').executeTakeFirst();
}

export function insertDepartment(
  tx: DbOrTx,
  v: {
    county_code: string;
    code: string;
    name: string;
    name_en: string | null;
    tier: string;
    region_code: string;
    region_path: string;
  },
) {
  return tx
    .insertInto('department')
    .values(v)
    .onConflict((oc) => oc.columns(['county_code', 'region_code', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function updateDepartment(
  tx: DbOrTx,
  countyCode: string,
  id: number,
  change: { name?: string; name_en?: string | null; active?: boolean },
): Promise<void> {
  await tx
    .updateTable('department')
    .set(change)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

export const regionOf = (db: DbOrTx, code: string) =>
  db
    .selectFrom('region')
    .select(['code', 'name', 'level', 'path', 'county_code'])
    .where('code', '=', code)
    .executeTakeFirst();

export const findDepartment = (db: DbOrTx, countyCode: string, id: number, regionCode: string) =>
  db
    .selectFrom('department')
    .select(['id', 'name', 'active'])
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
