import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
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

/** Exact searches one account may make in a minute (each is a reveal). */
export const EXACT_SEARCH_LIMIT = 10;

/**
 * Exact search by ID number or phone. It tells whether a given number belongs to someone
 * here, so it is a reveal: the route checks the right and the reason; here the account's
 * searches of the last minute are counted from the audit log (in the database, so the limit
 * holds across server instances and restarts; an advisory lock per account serialises the
 * count), then the audit row — who, when, which field, the reason, never the value — is
 * written in the same transaction as the search.
 */
export async function searchResidentsExactly(
  db: Db,
  actor: Actor,
  scope: repo.Scope,
  f: repo.ResidentFilter & { limit: number; offset: number; reason: string; requestId: string },
) {
  return exactSearch(db, actor, f, 'resident', async (tx) => (await repo.listResidents(tx, scope, f)).items);
}

/** A household list searched by a member's phone (blind index): a reveal, counted and audited alike. */
export async function searchHouseholdsExactly(
  db: Db,
  actor: Actor,
  scope: repo.Scope,
  f: repo.HouseholdFilter & { limit: number; offset: number; reason: string; requestId: string },
) {
  let total = 0;
  const items = await exactSearch(db, actor, f, 'household', async (tx) => {
    const page = await repo.listHouseholds(tx, scope, f);
    total = page.total;
    return page.items;
  });
  return { items, total };
}

/** The limit, the lock and the audit row (`resident.search`, no value) of every exact search. */
async function exactSearch<R extends { id: number }>(
  db: Db,
  actor: Actor,
  f: { idNumberHash?: Buffer; phoneHash?: Buffer; reason: string; requestId: string },
  entityType: 'resident' | 'household',
  search: (tx: Tx) => Promise<R[]>,
): Promise<R[]> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`resident.search:${actor.accountId}`}, 0))`.execute(
      tx,
    );
    const recent = await repo.countRecentSearches(tx, actor.accountId, 'resident.search', 60);
    if (recent >= EXACT_SEARCH_LIMIT) throw new AppError('RATE_LIMITED');
    const rows = await search(tx);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'resident.search',
      entityType,
      entityId: rows.length === 1 ? rows[0]!.id : null,
      after: {
        fields: [...(f.idNumberHash ? ['idNumber'] : []), ...(f.phoneHash ? ['phone'] : [])],
        matches: rows.length,
      },
      reason: f.reason,
      requestId: f.requestId,
    });
    return rows;
  });
}
