import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './repository.js';

/**
 * Shows a resident's full ID number and/or phone. PIPL: the reason is required
 * and the view is audited in the same transaction that reads the ciphertext.
 */
export async function revealResident(
  db: Db,
  pii: Pii,
  actor: Actor,
  id: number,
  input: { reason: string; fields: Array<'idNumber' | 'phone'> },
  requestId: string,
) {
  return db.transaction().execute(async (tx) => {
    const r = await repo.findResident(tx, { countyCode: actor.countyCode, path: actor.scopePath }, id);
    if (!r) throw new AppError('NOT_FOUND');
    const fields = [...new Set(input.fields)];
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'resident.reveal',
      entityType: 'resident',
      entityId: id,
      after: { fields },
      reason: input.reason,
      requestId,
    });
    const out: { id: number; idNumber?: string; phone?: string | null } = { id };
    if (fields.includes('idNumber')) out.idNumber = pii.decrypt(r.id_number_enc);
    if (fields.includes('phone')) out.phone = r.phone_enc ? pii.decrypt(r.phone_enc) : null;
    return out;
  });
}
