import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit, revealSearch, type RevealSearch } from '../audit/index.js';
import { can } from './abilities.js';
import {
  listHouseholds,
  listResidents,
  type HouseholdFilter,
  type ResidentFilter,
  type Scope,
} from './list-repository.js';
import * as repo from './repository.js';

type Paging = { limit: number; offset: number };

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

/**
 * Exact search by ID number or phone. It tells whether a given number belongs to someone here, so it
 * is a reveal through audit's revealSearch: `people.reveal` and a reason before anything is read, at
 * most 10 a minute per account (resident and household searches share the allowance), and the audit
 * row — `resident.search`: who, which fields, the reason, how many matched, never the value — written
 * in the same transaction as the search.
 */
export async function searchResidentsExactly(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: ResidentFilter & Paging & { reason: string | undefined; requestId: string },
) {
  return revealSearch(db, exactSearch(actor, 'resident', f), async (tx) => {
    const page = await listResidents(tx, scope, f);
    return { result: page, matches: page.total, ids: page.items.map((r) => r.id) };
  });
}

/** A household list searched by a member's phone (blind index): a reveal, counted and audited alike. */
export async function searchHouseholdsExactly(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: HouseholdFilter & Paging & { reason: string | undefined; requestId: string },
) {
  return revealSearch(db, exactSearch(actor, 'household', f), async (tx) => {
    const page = await listHouseholds(tx, scope, f);
    return { result: page, matches: page.total, ids: page.items.map((h) => h.id) };
  });
}

/** The right, the limit's key and the audit row's shape of every exact search (no value). */
function exactSearch(
  actor: Actor,
  entityType: 'resident' | 'household',
  f: { idNumberHash?: Buffer; phoneHash?: Buffer; reason: string | undefined; requestId: string },
): RevealSearch {
  return {
    actor,
    action: 'resident.search',
    entityType,
    fields: [...(f.idNumberHash ? ['idNumber'] : []), ...(f.phoneHash ? ['phone'] : [])],
    allowed: can(actor, 'people.reveal'),
    reason: f.reason,
    requestId: f.requestId,
  };
}
