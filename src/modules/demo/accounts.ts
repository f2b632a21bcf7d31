import type { DbOrTx } from '../../platform/db/database.js';
import { hashPassword } from '../accounts/password.js';
import { insertAccount } from '../accounts/repository.js';
import { shortVillageName } from '../grids/tiling.js';
import type { Role } from '../accounts/roles.js';

export type DemoAccount = { username: string; displayName: string; role: Role; scopeCode: string; scopeName: string };

/**
 * One account per role, documented in the README. Scopes: the county for county-wide
 * roles; the first rural grid of 铁岭县, its village and township, for the tiered roles.
 */
export async function demoAccountPlan(tx: DbOrTx, countyCode: string): Promise<DemoAccount[]> {
  const grid = await tx
    .selectFrom('region as g')
    .innerJoin('region as v', 'v.code', 'g.parent_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .innerJoin('region as c', 'c.code', 't.parent_code')
    .select(['g.code as g', 'g.name as gn', 'v.code as v', 'v.name as vn', 't.code as t', 't.name as tn', 'c.name as cn'])
    .where('g.county_code', '=', countyCode)
    .where('g.level', '=', 'grid')
    .where('g.kind', '=', 'rural') // a village, so the demo walks the village → township → county chain
    .orderBy('g.code')
    .executeTakeFirstOrThrow();
  const c = { code: countyCode, name: grid.cn };
  return [
    { username: 'admin', displayName: '系统管理员', role: 'admin', scopeCode: c.code, scopeName: c.name },
    { username: 'county', displayName: '县综治中心值班员', role: 'county_centre', scopeCode: c.code, scopeName: c.name },
    { username: 'township', displayName: `${grid.tn}指挥中心`, role: 'township_centre', scopeCode: grid.t, scopeName: grid.tn },
    { username: 'village', displayName: `${shortVillageName(grid.vn)}两委`, role: 'village_staff', scopeCode: grid.v, scopeName: grid.vn },
    { username: 'gridworker', displayName: `${grid.gn}专职网格员`, role: 'grid_worker', scopeCode: grid.g, scopeName: grid.gn },
    { username: 'department', displayName: '县城市管理局', role: 'department_staff', scopeCode: c.code, scopeName: c.name },
    { username: 'party', displayName: '县委组织部', role: 'party_organiser', scopeCode: c.code, scopeName: c.name },
    { username: 'resident', displayName: '村民', role: 'resident', scopeCode: grid.g, scopeName: grid.gn },
  ];
}

export async function loadDemoAccounts(tx: DbOrTx, countyCode: string, password: string): Promise<DemoAccount[]> {
  const plan = await demoAccountPlan(tx, countyCode);
  for (const a of plan) {
    const row = await insertAccount(tx, { ...a, countyCode, passwordHash: await hashPassword(password) });
    if (row && a.role === 'grid_worker') {
      await tx
        .updateTable('grid_worker')
        .set({ account_id: row.id })
        .where('county_code', '=', countyCode)
        .where('grid_code', '=', a.scopeCode)
        .where('employment', '=', 'fullTime')
        .execute();
    }
  }
  return plan;
}
