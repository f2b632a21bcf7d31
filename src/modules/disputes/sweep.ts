import { sql } from 'kysely';
import type { Tier } from '../cases/index.js';
import { notify } from '../notify/index.js';
import { escalation } from './actions.js';
import type { DisputeDeps } from './context.js';
import { holderAccounts, insertStep } from './repository.js';
import { TIER_NAMES, TIER_ROLES } from './states.js';

const SWEEP_LOCK = 0x6a667377; // "jfsw"

/**
 * The end of a tier's time: a village dispute not settled the same day goes to the township, a
 * township one past its deadline to the county (the three-tier rules of cases/deadlines.ts); a
 * county one is marked overdue. Safe with several instances: one sweeper at a time (advisory
 * lock), rows claimed FOR UPDATE SKIP LOCKED. Each move is a step with the system as actor.
 */
export async function sweepDisputes(
  deps: Pick<DisputeDeps, 'db' | 'calendar' | 'now'>,
  limit = 500,
): Promise<{ escalated: number; markedOverdue: number } | null> {
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const due = await tx
      .selectFrom('dispute')
      .selectAll()
      .where('state', 'in', ['open', 'assigned'])
      .where('overdue', '=', false)
      .where('deadline_at', '<', now)
      .orderBy('deadline_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let escalated = 0;
    let markedOverdue = 0;
    for (const d of due) {
      const tier = d.tier as Tier;
      const up = escalation(deps, d, now);
      const step = {
        countyCode: d.county_code,
        disputeId: d.id,
        at: now,
        fromState: d.state,
        actorAccountId: null,
        actorName: '系统',
      };
      if (!up) {
        await tx
          .updateTable('dispute')
          .set({ overdue: true, version: d.version + 1, updated_at: now })
          .where('county_code', '=', d.county_code)
          .where('id', '=', d.id)
          .execute();
        await insertStep(tx, { ...step, action: 'overdue', toState: d.state, tier, note: '超期未化解' });
        await notify(tx, {
          countyCode: d.county_code,
          accountIds: await holderAccounts(tx, d.holder_code, TIER_ROLES[tier]),
          kind: 'dispute.overdue',
          about: { type: 'dispute', id: d.id },
          title: `${d.number}：矛盾纠纷超期未化解`,
          event: { number: d.number, state: d.state },
        });
        markedOverdue++;
        continue;
      }
      await tx
        .updateTable('dispute')
        .set({ ...up.set, version: d.version + 1, updated_at: now })
        .where('county_code', '=', d.county_code)
        .where('id', '=', d.id)
        .execute();
      const note =
        tier === 'village'
          ? '村级当日未化解，自动上报乡镇矛盾纠纷调处中心'
          : `${TIER_NAMES[tier]}超期未化解，自动上报${TIER_NAMES[up.to]}`;
      await insertStep(tx, { ...step, action: 'auto_escalate', toState: 'open', tier: up.to, note });
      await notify(tx, {
        countyCode: d.county_code,
        accountIds: await holderAccounts(tx, up.holder, TIER_ROLES[up.to]),
        kind: 'dispute.auto_escalate',
        about: { type: 'dispute', id: d.id },
        title: `${d.number}：${note}`,
        event: { number: d.number, state: 'open' },
      });
      escalated++;
    }
    return { escalated, markedOverdue };
  });
}
