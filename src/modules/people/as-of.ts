import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { householdAsOf } from './history.js';
import type { HouseholdItem, ResidentItem } from './schemas.js';
import * as repo from './repository.js';

type Household = z.infer<typeof HouseholdItem> & { members: z.infer<typeof ResidentItem>[] };

/** The end of a day in China (UTC+8). */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

/**
 * A household the caller sees now, as it stood at the end of `day`: its last snapshot by then
 * (or, with no history, the record as it is if it existed by then) and the members present in
 * it then. 404 when it did not exist yet.
 */
export async function householdOnDay(
  db: DbOrTx,
  scope: repo.Scope,
  now: NonNullable<Awaited<ReturnType<typeof repo.findHousehold>>>,
  createdAt: Date,
  day: string,
): Promise<Household> {
  const until = endOfDay(day);
  const { household, members } = await householdAsOf(db, scope.countyCode, Number(now.id), until);
  if (!household && createdAt > until) throw new AppError('NOT_FOUND');
  const h = household ?? {
    gridCode: now.grid_code,
    address: now.address,
    unitId: now.unit_id === null ? null : Number(now.unit_id),
    careTags: now.care_tags,
  };
  const grid = await db.selectFrom('region').select('name').where('code', '=', h.gridCode).executeTakeFirst();
  return {
    id: Number(now.id),
    gridCode: h.gridCode,
    gridName: grid?.name ?? '',
    address: h.address,
    memberCount: members.length,
    careTags: h.careTags,
    lastVisitAt: null,
    unitId: h.unitId,
    version: now.version,
    members: members.map((m) => ({
      id: m.id,
      householdId: m.householdId,
      gridCode: m.gridCode,
      name: m.name,
      gender: m.gender as 'male' | 'female',
      birthYear: m.birthYear,
      relation: m.relation,
      idNumber: m.idNumber,
      phone: m.phone,
      careTags: m.careTags,
      isPartyMember: m.isPartyMember,
      status: m.status as 'present',
      maritalStatus: m.maritalStatus,
      version: 0,
    })),
  };
}
