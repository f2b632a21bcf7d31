import type { App } from '../../src/server/app.js';
import { seedAccount } from '../../src/modules/accounts/index.js';
import type { Db } from '../../src/platform/db/database.js';
import { TEST_DEMO_PASSWORD } from '../constants.js';

export type Headers = { authorization: string };

/** A county department's id by its code (铁岭县 unless told). */
export async function departmentId(db: Db, code: string, county = '211221'): Promise<number> {
  const d = await db
    .selectFrom('department')
    .select('id')
    .where('county_code', '=', county)
    .where('region_code', '=', county)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return d.id;
}

/** A staff account of another county department (the demo has one department account only). */
export async function departmentAccount(db: Db, username: string, code: string): Promise<void> {
  const row = await seedAccount(db, {
    username,
    displayName: `${code} staff`,
    role: 'department_staff',
    scopeCode: '211221',
    password: TEST_DEMO_PASSWORD,
  });
  if (row)
    await db
      .updateTable('account')
      .set({ department_id: await departmentId(db, code) })
      .where('id', '=', row.id)
      .execute();
}

export const raise = (app: App, h: Headers, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/whistles', headers: h, payload });

export const act = (
  app: App,
  h: Headers,
  id: number,
  action: string,
  payload: Record<string, unknown> = {},
) => app.inject({ method: 'POST', url: `/api/v1/whistles/${id}/actions/${action}`, headers: h, payload });

export const get = (app: App, h: Headers, id: number) =>
  app.inject({ method: 'GET', url: `/api/v1/whistles/${id}`, headers: h });
