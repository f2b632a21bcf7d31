import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { insertSignal } from './repository.js';

const SWEEP_LOCK = 0x63616c6c; // "call"
/** A call still "active" this long after it was answered lost both browsers: it is closed. */
const STALE_ACTIVE_MS = 6 * 3600_000;
/** SDP and ICE candidates (network addresses) are cleared this long after a call ends. */
const CLEAR_AFTER_MS = 10 * 60_000;

const MEDIA_ZH: Record<string, string> = { voice: '语音', video: '视频' };

/**
 * Calls nobody ended: a ring past its time is missed (the callee finds it in the inbox, both
 * browsers hear it end) — the caller's browser does this itself when it is still open; a call
 * left active for hours is closed. Clears the signalling payloads of ended calls. Safe with
 * several instances: one sweeper at a time (advisory lock), rows claimed FOR UPDATE SKIP LOCKED.
 */
export async function sweepCalls(
  db: Db,
  now: Date,
  limit = 200,
): Promise<{ missed: number; closed: number } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const due = await tx
      .selectFrom('call as c')
      .innerJoin('account as a', 'a.id', 'c.caller_id')
      .select(['c.county_code', 'c.id', 'c.caller_id', 'c.callee_id', 'c.state', 'c.media', 'c.version'])
      .select('a.display_name as caller_name')
      .where((eb) =>
        eb.or([
          eb.and([eb('c.state', '=', 'ringing'), eb('c.ring_until', '<=', now)]),
          eb.and([
            eb('c.state', '=', 'active'),
            eb('c.answered_at', '<', new Date(now.getTime() - STALE_ACTIVE_MS)),
          ]),
        ]),
      )
      .orderBy('c.id')
      .limit(limit)
      .forUpdate('c')
      .skipLocked()
      .execute();
    let missed = 0;
    let closed = 0;
    for (const c of due) {
      const outcome = c.state === 'ringing' ? 'missed' : 'completed';
      await tx
        .updateTable('call')
        .set({ state: 'ended', outcome, ended_at: now, version: c.version + 1 })
        .where('county_code', '=', c.county_code)
        .where('id', '=', c.id)
        .execute();
      for (const to of [c.caller_id, c.callee_id])
        await insertSignal(tx, {
          countyCode: c.county_code,
          callId: c.id,
          fromId: null,
          toId: to,
          kind: outcome === 'missed' ? 'missed' : 'hangup',
          at: now,
        });
      await recordAudit(tx, {
        actor: null,
        countyCode: c.county_code,
        action: outcome === 'missed' ? 'call.timeout' : 'call.close_stale',
        entityType: 'call',
        entityId: c.id,
        before: { state: c.state },
        after: { state: 'ended', outcome },
      });
      if (outcome === 'missed') {
        await notify(tx, {
          countyCode: c.county_code,
          accountIds: [c.callee_id],
          kind: 'call.missed',
          about: { type: 'call', id: c.id },
          title: `未接来电：${c.caller_name}（${MEDIA_ZH[c.media] ?? ''}）`,
        });
        missed++;
      } else closed++;
    }
    await sql`UPDATE call_signal s SET payload = NULL FROM call c
       WHERE s.county_code = c.county_code AND s.call_id = c.id AND s.payload IS NOT NULL
         AND s.kind IN ('offer', 'answer', 'ice') AND c.state = 'ended'
         AND c.ended_at < ${new Date(now.getTime() - CLEAR_AFTER_MS)}`.execute(tx);
    return { missed, closed };
  });
}
