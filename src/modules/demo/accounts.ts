import type { DbOrTx } from '../../platform/db/database.js';
import { hashPassword, seedAccount, type Role } from '../accounts/index.js';
import { shortVillageName } from '../grids/index.js';

export type DemoAccount = {
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  scopeName: string;
  /** department staff: the department code and the region (county or township) it belongs to */
  department?: { code: string; region: string };
};

/** 盘山县太平街道张家村 — where seed 004's snap-and-report journey (J1) happened. */
export const J1 = {
  county: '211122',
  township: '211122001',
  village: '211122001211',
  grid: '211122001211001',
};

/**
 * One account per role in 铁岭县 (scopes: the county for county-wide roles; the
 * first rural grid, its village and township for the tiered ones), plus the
 * cast of seed 004's journey in 盘山县. Documented in the README.
 */
export async function demoAccountPlan(tx: DbOrTx, countyCode: string): Promise<DemoAccount[]> {
  const grid = await tx
    .selectFrom('region as g')
    .innerJoin('region as v', 'v.code', 'g.parent_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .innerJoin('region as c', 'c.code', 't.parent_code')
    .select([
      'g.code as g',
      'g.name as gn',
      'v.code as v',
      'v.name as vn',
      't.code as t',
      't.name as tn',
      'c.name as cn',
    ])
    .where('g.county_code', '=', countyCode)
    .where('g.level', '=', 'grid')
    .where('g.kind', '=', 'rural') // a village, so the demo walks the village → township → county chain
    .orderBy('g.code')
    .executeTakeFirstOrThrow();
  const names = await tx
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', 'in', [J1.county, J1.township, J1.village, J1.grid, countyCode.slice(0, 4)])
    .execute();
  const name = (code: string) => names.find((n) => n.code === code)?.name ?? code;
  const c = { code: countyCode, name: grid.cn };
  return [
    { username: 'admin', displayName: '系统管理员', role: 'admin', scopeCode: c.code, scopeName: c.name },
    // the city above the county (全市响应): campaigns over its counties, no personal data
    {
      username: 'city',
      displayName: `${name(countyCode.slice(0, 4))}社会治理指挥中心`,
      role: 'city_centre',
      scopeCode: countyCode.slice(0, 4),
      scopeName: name(countyCode.slice(0, 4)),
    },
    {
      username: 'county',
      displayName: '县综治中心值班员',
      role: 'county_centre',
      scopeCode: c.code,
      scopeName: c.name,
    },
    {
      username: 'township',
      displayName: `${grid.tn}指挥中心`,
      role: 'township_centre',
      scopeCode: grid.t,
      scopeName: grid.tn,
    },
    {
      username: 'village',
      displayName: `${shortVillageName(grid.vn)}两委`,
      role: 'village_staff',
      scopeCode: grid.v,
      scopeName: grid.vn,
    },
    {
      username: 'gridworker',
      displayName: `${grid.gn}专职网格员`,
      role: 'grid_worker',
      scopeCode: grid.g,
      scopeName: grid.gn,
    },
    // a part-time worker (中心户 …) of the same grid: the one who earns points (J4)
    {
      username: 'parttime',
      displayName: `${grid.gn}兼职网格员`,
      role: 'grid_worker',
      scopeCode: grid.g,
      scopeName: grid.gn,
    },
    {
      username: 'department',
      displayName: '县住房和城乡建设局',
      role: 'department_staff',
      scopeCode: c.code,
      scopeName: c.name,
      department: { code: 'county_housing_urban_rural', region: c.code },
    },
    {
      username: 'township-cgb',
      displayName: `${grid.tn}城市管理办公室`,
      role: 'department_staff',
      scopeCode: grid.t,
      scopeName: grid.tn,
      department: { code: 'urban_management_office', region: grid.t },
    },
    {
      username: 'party',
      displayName: '县委组织部',
      role: 'party_organiser',
      scopeCode: c.code,
      scopeName: c.name,
    },
    { username: 'resident', displayName: '村民', role: 'resident', scopeCode: grid.g, scopeName: grid.gn },
    // seed 004, J1: 盘山县太平街道张家村
    {
      username: 'mengqian',
      displayName: '孟倩',
      role: 'grid_worker',
      scopeCode: J1.grid,
      scopeName: name(J1.grid),
    },
    {
      username: 'zhangjia',
      displayName: '张家村村民',
      role: 'resident',
      scopeCode: J1.grid,
      scopeName: name(J1.grid),
    },
    {
      username: 'zhangjia-village',
      displayName: '张家村两委',
      role: 'village_staff',
      scopeCode: J1.village,
      scopeName: name(J1.village),
    },
    {
      username: 'taiping',
      displayName: '太平街道指挥中心',
      role: 'township_centre',
      scopeCode: J1.township,
      scopeName: name(J1.township),
    },
    {
      username: 'taiping-cgb',
      displayName: '太平街道城市管理办公室',
      role: 'department_staff',
      scopeCode: J1.township,
      scopeName: name(J1.township),
      department: { code: 'urban_management_office', region: J1.township },
    },
    {
      username: 'panshan',
      displayName: '盘山县社会治理综合服务中心',
      role: 'county_centre',
      scopeCode: J1.county,
      scopeName: name(J1.county),
    },
  ];
}

export async function loadDemoAccounts(
  tx: DbOrTx,
  countyCode: string,
  password: string,
): Promise<DemoAccount[]> {
  const plan = await demoAccountPlan(tx, countyCode);
  // one password for every demo account: hashed once (argon2 costs about a second on a busy machine)
  const passwordHash = await hashPassword(password);
  for (const a of plan) {
    const county = a.scopeCode.slice(0, 6);
    const row = await seedAccount(tx, { ...a, password, passwordHash });
    if (!row) continue;
    if (a.department) {
      const dept = await tx
        .selectFrom('department')
        .select('id')
        .where('county_code', '=', county)
        .where('region_code', '=', a.department.region)
        .where('code', '=', a.department.code)
        .executeTakeFirstOrThrow();
      await tx.updateTable('account').set({ department_id: dept.id }).where('id', '=', row.id).execute();
    }
    if (a.role === 'grid_worker' && county === countyCode) {
      // the grid's full-time worker, or (parttime) the first of its part-time workers
      const employment = a.username === 'parttime' ? 'partTime' : 'fullTime';
      const worker = await tx
        .selectFrom('grid_worker')
        .select('id')
        .where('county_code', '=', countyCode)
        .where('grid_code', '=', a.scopeCode)
        .where('employment', '=', employment)
        .where('account_id', 'is', null)
        .orderBy('id')
        .executeTakeFirst();
      if (worker)
        await tx
          .updateTable('grid_worker')
          .set({ account_id: row.id })
          .where('county_code', '=', countyCode)
          .where('id', '=', worker.id)
          .execute();
    }
  }
  return plan;
}
