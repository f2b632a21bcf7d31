import './errors.js'; // registers this module's codes (ADR 0005)
import type { z } from 'zod';
import type { Pii } from '../../platform/crypto.js';
import { idNumberColumns, phoneColumns } from '../../platform/crypto.js';
import { isUniqueViolation } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { PersonFields } from './archive-schemas.js';

/** The stored columns of a person's data: ID number and phone encrypted, blind-indexed, masked. */
export function personColumns(pii: Pii, p: z.infer<typeof PersonFields>) {
  return {
    name: p.name,
    gender: p.gender,
    birth_date: p.birthDate,
    ...idColumns(pii, p.idNumber),
    ...phoneColumns(pii, p.phone ?? null),
    marital_status: p.maritalStatus ?? null,
    care_tags: [...new Set(p.careTags)].sort(),
    is_party_member: p.isPartyMember,
  };
}

export { phoneColumns };
/** A person's ID number (always present) as its three stored columns. */
export const idColumns = (pii: Pii, idNumber: string) => idNumberColumns(pii, idNumber);

/** One person, one record: the database's unique index answers as RESIDENT_DUPLICATE. */
export async function oneRecordPerPerson<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err, 'resident_id_number_once')) throw new AppError('RESIDENT_DUPLICATE');
    throw err;
  }
}

/** YYYY-MM-DD of a moment in China (UTC+8), for "today" of an event. */
export const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
