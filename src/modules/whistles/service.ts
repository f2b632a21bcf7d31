import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { departmentOfAccount } from './repository.js';
import { limitDays, type WhistleActor } from './states.js';
import type { WhistleDeps } from './context.js';

/** The caller with their department (department staff only). */
export async function whistleActor(db: DbOrTx, actor: Actor): Promise<WhistleActor> {
  return {
    ...actor,
    departmentId: actor.role === 'department_staff' ? await departmentOfAccount(db, actor.accountId) : null,
  };
}

/** The end of a department's limit: working days on the county's calendar (holidays, 调休). */
export function dueFrom(
  deps: Pick<WhistleDeps, 'calendar'>,
  countyCode: string,
  from: Date,
  urgent: boolean,
) {
  return deps.calendar(countyCode).addDuration(from, { amount: limitDays(urgent), unit: 'workday' });
}
