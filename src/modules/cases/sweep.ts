import { sql } from 'kysely';
import { notify } from '../notify/index.js';
import type { CaseDeps } from './context.js';
import { deadlineAt, holderFor } from './deadlines.js';
import { deadlinesOf } from './settings-repository.js';
import { escalationTarget } from './escalation.js';
import { recordHistory } from './history.js';
import * as repo from './repository.js';
import type { Tier } from './states.js';

const SWEEP_LOCK = 0x73776570; // "swep"
const DUE_STATES = ['reported', 'filed', 'dispatched', 'accepted'];

/**
 * Moves cases whose deadline at their tier has passed: marks the step overdue
 * (超期) and escalates the case to the next tier by the rules (a county-tier case
 * stays, marked overdue). Safe with several server instances: one sweeper at a
 * time (advisory lock), each case claimed with FOR UPDATE SKIP LOCKED and its
 * deadline re-checked under the lock, so no case is escalated twice.
 */
export async function sweepOverdue(
  deps: CaseDeps,
  limit = 500,
): Promise<{ escalated: number; markedOverdue: number } | null> {
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const due = await tx
      .selectFrom('cases')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('overdue', '=', false)
      .where('deadline_at', '<', now)
      .where('state', 'in', DUE_STATES)
      .orderBy('deadline_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let escalated = 0;
    let markedOverdue = 0;
    for (const c of due) {
      const tier = c.tier as Tier;
      const target = await escalationTarget(tx, c.county_code, c.category_code, c.urgency, tier);
      const base = {
        countyCode: c.county_code,
        caseId: c.id,
        at: now,
        actor: null,
        deadlineAt: c.deadline_at,
        onTime: false,
      };
      if (!target) {
        await tx
          .updateTable('cases')
          .set({ overdue: true, version: c.version + 1, updated_at: now })
          .where('county_code', '=', c.county_code)
          .where('id', '=', c.id)
          .execute();
        await recordHistory(tx, {
          ...base,
          action: 'overdue',
          fromState: c.state,
          toState: c.state,
          tier,
          note: '超期未办结',
        });
        const tell = [
          ...(await repo.accountsForHolder(tx, c.holder_code, repo.TIER_ROLES[tier])),
          ...(await repo.departmentAccounts(tx, c.department_id)),
        ];
        await notify(tx, {
          countyCode: c.county_code,
          accountIds: tell,
          caseId: c.id,
          kind: 'case.overdue',
          title: `${c.number}：已超期`,
          event: { number: c.number, state: c.state },
        });
        markedOverdue++;
        continue;
      }
      // the county's own deadlines and working calendar
      const deadlines = (await deadlinesOf(tx, c.county_code, c.category_code))?.deadlines ?? {};
      const next = deadlineAt(deps.calendar(c.county_code), deadlines, target.toTier, c.urgency, now);
      const holder = holderFor(c.grid_code, target.toTier);
      await tx
        .updateTable('cases')
        .set({
          state: 'filed',
          tier: target.toTier,
          holder_code: holder,
          department_id: null,
          tier_entered_at: now,
          deadline_at: next.deadlineAt,
          yellow_at: next.yellowAt,
          red_at: next.redAt,
          overdue_count: c.overdue_count + 1,
          filed_at: c.filed_at ?? now,
          version: c.version + 1,
          updated_at: now,
        })
        .where('county_code', '=', c.county_code)
        .where('id', '=', c.id)
        .execute();
      await recordHistory(tx, {
        ...base,
        action: 'auto_escalate',
        fromState: c.state,
        toState: 'filed',
        tier: target.toTier,
        departmentId: null,
        note: `${TIER_NAMES[tier]}超期未办结，自动上报${TIER_NAMES[target.toTier]}`,
      });
      const tell = [
        ...(await repo.accountsForHolder(tx, holder, repo.TIER_ROLES[target.toTier])),
        ...(await target.ccAccounts(c.grid_code)),
        ...(c.reporter_account_id ? [c.reporter_account_id] : []),
      ];
      await notify(tx, {
        countyCode: c.county_code,
        accountIds: tell,
        caseId: c.id,
        kind: 'case.auto_escalate',
        title: `${c.number}：超期自动上报${TIER_NAMES[target.toTier]}`,
        event: { number: c.number, state: 'filed' },
      });
      escalated++;
    }
    return { escalated, markedOverdue };
  });
}

export const TIER_NAMES: Record<Tier, string> = { village: '村级', township: '乡镇级', county: '县级' };
