import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { countySettingsChanged } from '../../platform/settings-changes.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import * as repo from './repository.js';

/**
 * Departments of a county: an administrator adds, renames, deactivates and reactivates
 * the bureaus and offices in their scope (the CLI, with no actor, speaks for the operator
 * of the machine). A deactivated department is no longer offered for dispatch; cases
 * already there stay. Every change is audited under the department's county.
 */

/** `path` lies in the subtree of `scopePath` (ltree prefix semantics). */
const within = (path: string, scopePath: string) => path === scopePath || path.startsWith(`${scopePath}.`);

export const toItem = (d: repo.DepartmentRow) => ({
  id: d.id,
  code: d.code,
  name: d.name,
  nameEn: d.name_en,
  tier: d.tier as 'county' | 'township',
  regionCode: d.region_code,
  regionName: d.region_name,
  active: d.active,
});
export type DepartmentItem = ReturnType<typeof toItem>;

export async function listDepartments(db: DbOrTx, scopePath: string, filter: repo.DepartmentFilter) {
  return (await repo.listDepartments(db, scopePath, filter)).map(toItem);
}

export type NewDepartment = { code: string; name: string; nameEn: string | null; regionCode: string };

export async function addDepartment(
  db: Db,
  actor: Actor | null,
  input: NewDepartment,
  requestId?: string,
): Promise<DepartmentItem> {
  const region = await repo.regionOf(db, input.regionCode);
  if (!region || (actor && !within(region.path, actor.scopePath))) throw new AppError('NOT_FOUND');
  if ((region.level !== 'county' && region.level !== 'township') || !region.county_code)
    throw new AppError('DEPARTMENT_REGION_INVALID');
  const countyCode = region.county_code;
  const item = await db.transaction().execute(async (tx) => {
    const row = await repo.insertDepartment(tx, {
      county_code: countyCode,
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      tier: region.level,
      region_code: region.code,
      region_path: region.path,
    });
    if (!row) throw new AppError('DEPARTMENT_CODE_TAKEN');
    await recordAudit(tx, {
      actor,
      countyCode,
      action: 'department.create',
      entityType: 'department',
      entityId: row.id,
      after: { ...input, tier: region.level },
      requestId,
    });
    return toItem((await repo.lockDepartment(tx, row.id, null))!);
  });
  countySettingsChanged(countyCode, 'departments');
  return item;
}

export type DepartmentPatch = { name?: string; nameEn?: string | null; active?: boolean };

/** Renames, deactivates or reactivates a department in the caller's scope. */
export async function updateDepartment(
  db: Db,
  actor: Actor | null,
  id: number,
  patch: DepartmentPatch,
  requestId?: string,
): Promise<DepartmentItem> {
  let county = '';
  const item = await db.transaction().execute(async (tx) => {
    const cur = await repo.lockDepartment(tx, id, actor?.scopePath ?? null);
    if (!cur) throw new AppError('NOT_FOUND');
    county = cur.county_code;
    const change: { name?: string; name_en?: string | null; active?: boolean } = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== cur.name) {
      change.name = patch.name;
      [before.name, after.name] = [cur.name, patch.name];
    }
    if (patch.nameEn !== undefined && patch.nameEn !== cur.name_en) {
      change.name_en = patch.nameEn;
      [before.nameEn, after.nameEn] = [cur.name_en, patch.nameEn];
    }
    if (patch.active !== undefined && patch.active !== cur.active) {
      change.active = patch.active;
      [before.active, after.active] = [cur.active, patch.active];
    }
    if (Object.keys(change).length === 0) return toItem(cur);
    await repo.updateDepartment(tx, cur.county_code, id, change);
    await recordAudit(tx, {
      actor,
      countyCode: cur.county_code,
      action: change.active === false ? 'department.deactivate' : 'department.update',
      entityType: 'department',
      entityId: id,
      before,
      after,
      requestId,
    });
    return toItem((await repo.lockDepartment(tx, id, null))!);
  });
  countySettingsChanged(county, 'departments');
  return item;
}

/** The department an account may be tied to: in the county, at exactly `regionCode`, active. */
export function departmentAt(db: DbOrTx, countyCode: string, id: number, regionCode: string) {
  return repo.findDepartment(db, countyCode, id, regionCode);
}
