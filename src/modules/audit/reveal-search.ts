import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from './service.js';

/** Searches by a person's number an account may make a minute (as the case, petition and resident ones). */
export const REVEAL_SEARCH_LIMIT = 10;

export type RevealSearch = {
  actor: Actor;
  /** the audit action, e.g. `call.search`: also the key of the per-minute limit */
  action: string;
  entityType: string;
  /** the searched fields' names (never their values) */
  fields: string[];
  reason: string;
  requestId: string;
};

/**
 * A search by a person's number ("did this number … here?") is a reveal: at most 10 a minute per
 * account (counted in the audit log under a per-account lock, so parallel requests cannot pass the
 * limit; 429 after), and audited with its reason and the number of matches — never the number — in
 * the transaction that reads the rows. `search` answers its result, how many matched and, when one
 * did, its id.
 */
export function revealSearch<T>(
  db: Db,
  s: RevealSearch,
  search: (tx: Tx) => Promise<{ result: T; matches: number; only: number | null }>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${s.action}:${s.actor.accountId}`}, 0))`.execute(
      tx,
    );
    const recent = await tx
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('actor_id', '=', s.actor.accountId)
      .where('action', '=', s.action)
      .where('at', '>', sql<Date>`now() - interval '60 seconds'`)
      .executeTakeFirstOrThrow();
    if (recent.n >= REVEAL_SEARCH_LIMIT) throw new AppError('RATE_LIMITED');
    const { result, matches, only } = await search(tx);
    await recordAudit(tx, {
      actor: s.actor,
      countyCode: s.actor.countyCode,
      action: s.action,
      entityType: s.entityType,
      entityId: only,
      after: { fields: s.fields, matches },
      reason: s.reason,
      requestId: s.requestId,
    });
    return result;
  });
}
