import './errors.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

/** Deliveries that failed MAX_DELIVERY_ATTEMPTS times, newest first (the administrator's county). */
export async function listDeadLetters(db: DbOrTx, actor: Actor, limit: number) {
  const rows = await db
    .selectFrom('exchange_delivery as d')
    .innerJoin('exchange_subscription as s', (j) =>
      j.onRef('s.county_code', '=', 'd.county_code').onRef('s.id', '=', 'd.subscription_id'),
    )
    .innerJoin('system_account as a', (j) =>
      j.onRef('a.county_code', '=', 's.county_code').onRef('a.id', '=', 's.system_account_id'),
    )
    .select([
      'd.id',
      'd.event',
      'd.attempts',
      'd.last_status',
      'd.last_error',
      'd.created_at',
      'd.dead_at',
      's.id as subscription_id',
      's.url',
      'a.name as system_name',
    ])
    .where('d.county_code', '=', actor.countyCode)
    .where('d.dead_at', 'is not', null)
    .where('d.delivered_at', 'is', null)
    .orderBy('d.dead_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deadAt: r.dead_at!.toISOString(),
    subscriptionId: r.subscription_id,
    url: r.url,
    systemName: r.system_name,
  }));
}

/** Puts a dead delivery back in the queue, due now, with a fresh count of attempts (audited). */
export async function replayDeadLetter(db: Db, actor: Actor, id: number, now: Date, requestId?: string) {
  await db.transaction().execute(async (tx) => {
    const d = await tx
      .selectFrom('exchange_delivery')
      .select(['id', 'dead_at', 'delivered_at', 'attempts'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND');
    if (!d.dead_at || d.delivered_at) throw new AppError('EXCHANGE_DELIVERY_NOT_DEAD');
    await tx
      .updateTable('exchange_delivery')
      .set({ dead_at: null, attempts: 0, next_attempt_at: now, last_error: null })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'exchange_delivery.replay',
      entityType: 'exchange_delivery',
      entityId: id,
      before: { attempts: d.attempts },
      requestId,
    });
  });
}
