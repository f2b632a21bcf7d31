import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { PetitionWindow } from '../../platform/db/schema.js';
import type { Staffing, WindowFacts } from './schedule.js';

export type WindowRow = WindowFacts & { county_code: string; sort_order: number };

/** A county's windows in board order. */
export async function windowsOf(db: DbOrTx, countyCode: string): Promise<WindowRow[]> {
  const rows = await db
    .selectFrom('petition_window')
    .select([
      'county_code',
      'id',
      'unit_name',
      'department_id',
      'schedule',
      'weekday',
      'month_day',
      'staff_account_id',
      'active',
      'sort_order',
    ])
    .where('county_code', '=', countyCode)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    department_id: r.department_id === null ? null : Number(r.department_id),
    staff_account_id: r.staff_account_id === null ? null : Number(r.staff_account_id),
  }));
}

/** Active accounts per department of the county and the county centre's accounts, with their names. */
export async function staffingOf(
  db: DbOrTx,
  countyCode: string,
): Promise<Staffing & { names: Map<number, string> }> {
  const rows = await db
    .selectFrom('account')
    .select(['id', 'role', 'department_id', 'display_name'])
    .where('county_code', '=', countyCode)
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb('department_id', 'is not', null),
        eb.and([eb('role', '=', 'county_centre'), eb('scope_code', '=', countyCode)]),
      ]),
    )
    .orderBy('id')
    .execute();
  const departmentAccounts = new Map<number, number[]>();
  const centreAccounts: number[] = [];
  const names = new Map<number, string>();
  for (const r of rows) {
    names.set(r.id, r.display_name);
    if (r.role === 'county_centre') centreAccounts.push(r.id);
    else if (r.department_id !== null) {
      const d = Number(r.department_id);
      departmentAccounts.set(d, [...(departmentAccounts.get(d) ?? []), r.id]);
    }
  }
  return { departmentAccounts, centreAccounts, names };
}

/** Names of named window staff who are not department accounts (the board shows them). */
export async function accountNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function insertWindow(db: DbOrTx, values: Insertable<PetitionWindow>) {
  return db.insertInto('petition_window').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateWindow(
  db: DbOrTx,
  countyCode: string,
  id: number,
  set: Updateable<PetitionWindow>,
) {
  return db
    .updateTable('petition_window')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function lockWindow(db: DbOrTx, countyCode: string, id: number) {
  return db
    .selectFrom('petition_window')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the department is one of the county's active ones; whether the account is staff of the county. */
export async function departmentActive(db: DbOrTx, countyCode: string, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('department')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return !!row;
}
export async function staffAccountOf(db: DbOrTx, countyCode: string, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where('disabled', '=', false)
    .where('role', 'in', ['county_centre', 'department_staff', 'township_centre'])
    .executeTakeFirst();
  return !!row;
}
