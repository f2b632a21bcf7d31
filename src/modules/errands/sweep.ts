import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { notify } from '../notify/index.js';
import { recordErrandStep } from './service.js';
import * as repo from './repository.js';
import { RELAY_OPEN, type Tier } from './states.js';

const SWEEP_LOCK = 0x71646273; // "qdbs"
const TIER_NAMES: Record<Tier, string> = {
  village: '村代办点',
  township: '乡镇便民服务平台',
  county: '县审批中心',
};
const ABOVE: Record<Tier, Tier | null> = { village: 'township', township: 'county', county: null };

/**
 * The end of a relay tier's time (全程代办): an item still at a tier past its time limit is marked
 * overdue once — a step with the system as actor — and the tier holding it and the tier above are
 * told (the township hears of a late village, the county of a late township). Safe with several
 * instances: one sweeper at a time (advisory lock), rows claimed FOR UPDATE SKIP LOCKED.
 */
export async function sweepErrandRelay(db: Db, now: Date, limit = 500): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const due = await tx
      .selectFrom('errand')
      .select([
        'county_code',
        'id',
        'number',
        'status',
        'tier',
        'grid_code',
        'version',
        'requester_account_id',
      ])
      .where('tier_overdue', '=', false)
      .where('status', 'in', RELAY_OPEN)
      .where('tier_due_at', '<', now)
      .orderBy('tier_due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const e of due) {
      const tier = e.tier as Tier;
      await tx
        .updateTable('errand')
        .set({ tier_overdue: true, version: e.version + 1, updated_at: now })
        .where('county_code', '=', e.county_code)
        .where('id', '=', e.id)
        .execute();
      const note = `${TIER_NAMES[tier]}办理超时`;
      await recordErrandStep(tx, {
        countyCode: e.county_code,
        errandId: e.id,
        at: now,
        action: 'overdue',
        from: e.status,
        to: e.status,
        actor: null,
        note,
      });
      const above = ABOVE[tier];
      const tell = [
        ...(await repo.tierAccounts(tx, e.grid_code, tier)),
        ...(above ? await repo.tierAccounts(tx, e.grid_code, above) : []),
      ];
      await notify(tx, {
        countyCode: e.county_code,
        accountIds: [...new Set(tell)],
        kind: 'errand.overdue',
        about: { type: 'errand', id: e.id },
        title: `代办 ${e.number}：${note}`,
        event: { number: e.number, state: e.status },
      });
    }
    return due.length;
  });
}
