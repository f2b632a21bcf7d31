import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

export type WishStep = {
  countyCode: string;
  wishId: number;
  at: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: Pick<Actor, 'accountId' | 'role' | 'displayName'> | null;
  /** the name shown on the timeline (a claimer's unit rather than the account's name) */
  actorName?: string;
  note?: string | null;
};

/**
 * One timeline row (service_history) in the caller's transaction, and — for a
 * staff member's step — the audit row (the wish's submission; every later step
 * goes through the workflow runner, which audits every step itself).
 */
export async function recordWishStep(tx: DbOrTx, s: WishStep, requestId?: string): Promise<void> {
  await insertWishStep(tx, s);
  if (s.actor && s.actor.role !== 'resident') {
    await recordAudit(tx, {
      actor: s.actor,
      countyCode: s.countyCode,
      action: `wish.${s.action}`,
      entityType: 'wish',
      entityId: s.wishId,
      before: s.fromStatus ? { status: s.fromStatus } : null,
      after: { status: s.toStatus },
      requestId,
    });
  }
}

/** The timeline row alone (service_history), for the workflow runner. */
export async function insertWishStep(tx: DbOrTx, s: WishStep): Promise<void> {
  await tx
    .insertInto('service_history')
    .values({
      county_code: s.countyCode,
      entity_type: 'wish',
      entity_id: s.wishId,
      at: s.at,
      action: s.action,
      from_status: s.fromStatus,
      to_status: s.toStatus,
      actor_account_id: s.actor?.accountId ?? null,
      actor_name: s.actorName ?? s.actor?.displayName ?? '系统',
      note: s.note ?? null,
    })
    .execute();
}
