import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { departmentOfAccount } from './repository.js';
import { daysFor, limitOf } from './limits.js';
import type { WhistleActor } from './states.js';
import type { WhistleDeps } from './context.js';

/** The caller with their department (department staff only). */
export async function whistleActor(db: DbOrTx, actor: Actor): Promise<WhistleActor> {
  return {
    ...actor,
    departmentId: actor.role === 'department_staff' ? await departmentOfAccount(db, actor.accountId) : null,
  };
}

/**
 * The end of a department's limit: its own answer limit (set by the county, default 3 working days,
 * urgent 1) in working days on the county's calendar (holidays, 调休).
 */
export async function dueFrom(
  deps: Pick<WhistleDeps, 'calendar'>,
  db: DbOrTx,
  countyCode: string,
  departmentId: number,
  from: Date,
  urgent: boolean,
): Promise<Date> {
  const days = daysFor(await limitOf(db, countyCode, departmentId), urgent);
  return deps.calendar(countyCode).addDuration(from, { amount: days, unit: 'workday' });
}
