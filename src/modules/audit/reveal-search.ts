import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from './service.js';

/** Searches by a person's number an account may make a minute, per list (each is a reveal). */
export const REVEAL_SEARCH_LIMIT = 10;

export type RevealSearch = {
  actor: Actor;
  /** the audit action, e.g. `call.search`: also the key of the per-minute limit */
  action: string;
  entityType: string;
  /** the searched fields' names (never their values) */
  fields: string[];
  /** whether the actor's role may search this list by a person's number (the module's ability) */
  allowed: boolean;
  reason: string | null | undefined;
  requestId: string;
};

/** What a search found: its answer, how many rows matched, and the ids of those it read (the page). */
export type RevealFound<T> = { result: T; matches: number; ids: readonly number[] };

/**
 * The refusals that come before anything is read, the same whatever the number: 403 `FORBIDDEN`
 * without the right (never an empty page), then 400 `REASON_REQUIRED` without a reason. A route may
 * call it before it turns the number into its blind index; revealSearch calls it again in any case.
 */
export function checkRevealSearch(
  allowed: boolean,
  reason: string | null | undefined,
): asserts reason is string {
  if (!allowed) throw new AppError('FORBIDDEN');
  if (!reason?.trim()) throw new AppError('REASON_REQUIRED');
}

/**
 * A search by a person's number ("did this number … here?") is a reveal: refused without the right
 * or a reason before any row is read (checkRevealSearch); at most 10 a minute per account and action
 * (counted in the audit log under a per-account lock, so parallel requests cannot pass the limit, and
 * in the database, so it holds across instances; 429 after, still before the search runs); audited
 * with its fields, reason and number of matches — never the number — in the transaction that reads
 * the rows. The audit row names the one row found when exactly one matched and was read.
 */
export async function revealSearch<T>(
  db: Db,
  s: RevealSearch,
  search: (tx: Tx) => Promise<RevealFound<T>>,
): Promise<T> {
  const reason = s.reason;
  checkRevealSearch(s.allowed, reason);
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
    const { result, matches, ids } = await search(tx);
    await recordAudit(tx, {
      actor: s.actor,
      countyCode: s.actor.countyCode,
      action: s.action,
      entityType: s.entityType,
      entityId: matches === 1 && ids.length === 1 ? ids[0]! : null,
      after: { fields: s.fields, matches },
      reason,
      requestId: s.requestId,
    });
    return result;
  });
}
