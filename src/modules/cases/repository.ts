import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Actor } from '../accounts/index.js';

/**
 * Which cases an actor sees, as a filter on `cases`. Staff: cases whose grid
 * lies in their scope. Department staff: cases dispatched to their department
 * now or before. Residents: their own reports. Always within the county.
 */
export function visibleTo(actor: Actor, departmentId: number | null): Expression<SqlBool> {
  const eb = expressionBuilder<DB, 'cases'>();
  const county = eb('cases.county_code', '=', actor.countyCode);
  if (actor.role === 'resident')
    return eb.and([county, eb('cases.reporter_account_id', '=', actor.accountId)]);
  if (actor.role === 'department_staff') {
    if (departmentId === null) return sql<SqlBool>`false`;
    return eb.and([
      county,
      eb.or([
        eb('cases.department_id', '=', departmentId),
        eb.exists(
          eb
            .selectFrom('case_history as h')
            .select('h.id')
            .whereRef('h.county_code', '=', 'cases.county_code')
            .whereRef('h.case_id', '=', 'cases.id')
            .where('h.department_id', '=', departmentId),
        ),
      ]),
    ]);
  }
  return eb.and([county, inSubtree('cases.grid_path', actor.scopePath)]);
}

/** Locks a case the actor sees (SELECT … FOR UPDATE filtered in SQL): undefined when out of sight. */
export async function lockVisibleCase(tx: DbOrTx, actor: Actor, departmentId: number | null, id: number) {
  return tx
    .selectFrom('cases')
    .selectAll()
    .where(visibleTo(actor, departmentId))
    .where('cases.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findCaseForUpdate(tx: DbOrTx, countyCode: string, id: number) {
  return tx
    .selectFrom('cases')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function departmentOfAccount(db: DbOrTx, accountId: number): Promise<number | null> {
  const row = await db
    .selectFrom('account')
    .select('department_id')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.department_id ?? null;
}

/** The staff roles that hold a case at each tier. */
export const TIER_ROLES = {
  village: ['village_staff'],
  township: ['township_centre'],
  county: ['county_centre'],
} as const satisfies Record<string, string[]>;

/** Accounts with one of `roles` whose scope is exactly the holder node (the tier's staff). */
export async function accountsForHolder(
  db: DbOrTx,
  holderCode: string,
  roles: readonly string[],
): Promise<number[]> {
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where('scope_code', '=', holderCode)
    .where('role', 'in', [...roles])
    .execute();
  return rows.map((r) => r.id);
}

export async function departmentAccounts(db: DbOrTx, departmentId: number | null): Promise<number[]> {
  if (departmentId === null) return [];
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where('department_id', '=', departmentId)
    .execute();
  return rows.map((r) => r.id);
}

export async function gridWorkerAccounts(db: DbOrTx, gridCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('scope_code', '=', gridCode)
    .where('role', '=', 'grid_worker')
    .where('disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}
