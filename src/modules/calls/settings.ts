import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

export const DEFAULT_RING_SECONDS = 30;

/** How long a call rings in this county before it counts as missed. */
export async function ringSeconds(db: DbOrTx, countyCode: string): Promise<number> {
  const row = await db
    .selectFrom('call_settings')
    .select('ring_seconds')
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return row?.ring_seconds ?? DEFAULT_RING_SECONDS;
}

/** Changes the county's ring time, audited in the same transaction. */
export async function saveRingSeconds(tx: Tx, actor: Actor, seconds: number, now: Date): Promise<number> {
  const before = await ringSeconds(tx, actor.countyCode);
  await tx
    .insertInto('call_settings')
    .values({
      county_code: actor.countyCode,
      ring_seconds: seconds,
      updated_at: now,
      updated_by: actor.accountId,
    })
    .onConflict((oc) =>
      oc
        .column('county_code')
        .doUpdateSet({ ring_seconds: seconds, updated_at: now, updated_by: actor.accountId }),
    )
    .execute();
  await recordAudit(tx, {
    actor,
    countyCode: actor.countyCode,
    action: 'call_settings.update',
    entityType: 'call_settings',
    entityId: actor.countyCode,
    before: { ringSeconds: before },
    after: { ringSeconds: seconds },
  });
  return seconds;
}
