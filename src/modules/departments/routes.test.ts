import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
type H = { authorization: string };
let admin: H;
let township: { code: string; grid: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  const me = (
    await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: await signIn(t.app, 'township') })
  ).json();
  const grid = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'grid')
    .where(
      sql<boolean>`path <@ ${me.scope.code.replace(/^(\d{2})(\d{2})(\d{2})(\d{3})$/, '$1.$1$2.$1$2$3.$1$2$3$4')}::ltree`,
    )
    .orderBy('code')
    .executeTakeFirstOrThrow();
  township = { code: me.scope.code, grid: grid.code };
});
afterAll(() => t.close());

const api = (h: H | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h, payload });

describe('departments carry their own county’s name', () => {
  it('盘山县’s bureaus are 盘山县’s (and 盘锦市’s), none named after 铁岭', async () => {
    const rows = await t.db
      .selectFrom('department')
      .select(['name', 'name_en'])
      .where('county_code', '=', '211122')
      .where('tier', '=', 'county')
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.name.includes('铁岭') || r.name_en?.includes('Tieling'))).toEqual([]);
    expect(rows.map((r) => r.name)).toContain('盘山县住房和城乡建设局');
    expect(rows.map((r) => r.name)).toContain('盘锦市生态环境局盘山县分局');
    const tieling = await t.db
      .selectFrom('department')
      .select('name')
      .where('county_code', '=', '211221')
      .where('code', '=', 'county_housing_urban_rural')
      .executeTakeFirstOrThrow();
    expect(tieling.name).toBe('铁岭县住房和城乡建设局');
  });

  it('the migration renames rows created the old way and leaves 铁岭县’s alone', async () => {
    await t.db
      .updateTable('department')
      .set({ name: '国网铁岭县供电公司', name_en: 'State Grid Tieling County Power Supply Company' })
      .where('county_code', 'in', ['211122', '211221'])
      .where('code', '=', 'county_power_supply')
      .execute();
    const file = fs.readFileSync(
      new URL('../../platform/db/migrations/0013_departments_accounts.sql', import.meta.url),
      'utf8',
    );
    const update = file.slice(
      file.indexOf('UPDATE department'),
      file.indexOf(';', file.indexOf('UPDATE department')),
    );
    await sql.raw(update).execute(t.db);
    const names = await t.db
      .selectFrom('department')
      .select(['county_code', 'name', 'name_en'])
      .where('code', '=', 'county_power_supply')
      .where('county_code', 'in', ['211122', '211221'])
      .orderBy('county_code')
      .execute();
    expect(names).toEqual([
      {
        county_code: '211122',
        name: '国网盘山县供电公司',
        name_en: 'State Grid County Power Supply Company',
      },
      {
        county_code: '211221',
        name: '国网铁岭县供电公司',
        name_en: 'State Grid Tieling County Power Supply Company',
      },
    ]);
  });
});

describe('administrators keep their county’s departments', () => {
  it('401 → 400 → 403 → 201 → 409; rename; deactivate: no longer offered, the case already there stays', async () => {
    const body = {
      code: 'river_office',
      name: '河长制办公室',
      nameEn: 'River chief office',
      regionCode: township.code,
    };
    expect((await api(undefined, 'POST', '/admin/departments', body)).statusCode).toBe(401);
    const bad = await api(admin, 'POST', '/admin/departments', { ...body, code: 'River Office' });
    expect(bad.statusCode).toBe(400);
    const village = await api(admin, 'POST', '/admin/departments', {
      ...body,
      regionCode: township.grid.slice(0, 12),
    });
    expect(village.json().error.code).toBe('DEPARTMENT_REGION_INVALID');
    const county = await signIn(t.app, 'county');
    expect((await api(county, 'POST', '/admin/departments', body)).statusCode).toBe(403);
    const other = await api(admin, 'POST', '/admin/departments', { ...body, regionCode: '211122001' });
    expect(other.statusCode).toBe(404);
    const add = await api(admin, 'POST', '/admin/departments', body);
    expect(add.statusCode, add.body).toBe(201);
    const dept = add.json();
    expect(dept).toMatchObject({
      code: 'river_office',
      tier: 'township',
      regionCode: township.code,
      active: true,
    });
    const dup = await api(admin, 'POST', '/admin/departments', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DEPARTMENT_CODE_TAKEN');

    // a department account tied to it sees the case dispatched to it
    const acct = await api(admin, 'POST', '/accounts', {
      username: 'river-staff',
      displayName: '河长办',
      password: 'a-long-password',
      role: 'department_staff',
      scopeCode: township.code,
      departmentId: dept.id,
    });
    expect(acct.statusCode, acct.body).toBe(201);
    const staff = await signIn(t.app, 'river-staff', 'a-long-password');
    const centre = await signIn(t.app, 'township');
    const rep = await api(centre, 'POST', '/cases', {
      categoryCode: 'E0102',
      source: 'hotline',
      description: '河道垃圾堆积',
      gridCode: township.grid,
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const caseId = rep.json().id as number;
    const offered = (await api(centre, 'GET', '/departments?tier=township')).json().items;
    expect(offered.map((d: { id: number }) => d.id)).toContain(dept.id);
    const sent = await actOn(t.app, centre, caseId, 'dispatch', {
      departmentId: dept.id,
      note: '请河长办处理',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const seen = (await api(staff, 'GET', '/cases')).json().items.map((c: { id: number }) => c.id);
    expect(seen).toContain(caseId);
    expect((await actOn(t.app, staff, caseId, 'accept')).json().state).toBe('accepted');

    // rename, then deactivate
    const renamed = await api(admin, 'PATCH', `/admin/departments/${dept.id}`, { name: '河湖长制办公室' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('河湖长制办公室');
    const off = await api(admin, 'PATCH', `/admin/departments/${dept.id}`, { active: false });
    expect(off.json().active).toBe(false);
    const after = (await api(centre, 'GET', '/departments?tier=township')).json().items;
    expect(after.map((d: { id: number }) => d.id)).not.toContain(dept.id);
    const rep2 = await api(centre, 'POST', '/cases', {
      categoryCode: 'E0102',
      source: 'hotline',
      description: '又有垃圾',
      gridCode: township.grid,
    });
    const refused = await actOn(t.app, centre, rep2.json().id, 'dispatch', {
      departmentId: dept.id,
      note: '派给河长办',
    });
    expect(rep2.statusCode, rep2.body).toBe(201);
    expect(refused.json().error, refused.body).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' });
    // the case already there stays with the department, which still sees it
    const kept = (await api(staff, 'GET', `/cases/${caseId}`)).json();
    expect(kept).toMatchObject({ departmentId: dept.id, state: 'accepted' });
    // listed for the administrator, deactivated
    const listed = (await api(admin, 'GET', `/admin/departments?within=${township.code}`)).json().items;
    expect(listed.find((d: { id: number }) => d.id === dept.id)).toMatchObject({
      active: false,
      name: '河湖长制办公室',
    });

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'county_code'])
      .where('entity_type', '=', 'department')
      .where('entity_id', '=', String(dept.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'department.create', county_code: '211221' },
      { action: 'department.update', county_code: '211221' },
      { action: 'department.deactivate', county_code: '211221' },
    ]);
  });

  it('another county’s departments are not found; a township admin sees only its own offices', async () => {
    const panshan = await t.db
      .selectFrom('department')
      .select(['id', 'name'])
      .where('county_code', '=', '211122')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const res = await api(admin, 'PATCH', `/admin/departments/${panshan.id}`, { name: '改名' });
    expect(res.statusCode).toBe(404);
    const still = await t.db
      .selectFrom('department')
      .select('name')
      .where('id', '=', panshan.id)
      .executeTakeFirstOrThrow();
    expect(still.name).toBe(panshan.name);
    const list = (await api(admin, 'GET', '/admin/departments')).json().items as Array<{
      regionCode: string;
    }>;
    expect(list.every((d) => d.regionCode.startsWith('211221'))).toBe(true);
  });
});
