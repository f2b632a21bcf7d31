import type { Updateable } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Cases } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { CaseDeps } from './context.js';
import { deadlineAt, holderFor, type Deadlines } from './deadlines.js';
import { deadlinesOf } from './settings-repository.js';
import { escalationTarget } from './escalation.js';
import type { CaseActor } from './policy.js';
import * as repo from './repository.js';
import type { CaseActionInput } from './schemas.js';
import { TRANSITIONS, type Tier } from './states.js';

export type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.findCaseForUpdate>>>;

/** A new handling (or a send-back) needs a new verification on site. */
const UNVERIFIED = { verified_at: null, verification: null } as const;

/** What one action changes on the case, whom it tells, and how its step is named on the timeline. */
export type CaseStep = {
  set: Updateable<Cases>;
  tell: number[];
  photoPhase: 'before' | 'after' | 'evidence';
  historyAction?: string;
  note?: string | null;
};

/** The action-specific part: what changes and who must hear of it. */
export async function caseStep(
  deps: CaseDeps,
  tx: Tx,
  actor: CaseActor,
  c: CaseRow,
  input: CaseActionInput,
  note: string | null,
  now: Date,
): Promise<CaseStep> {
  const to = TRANSITIONS[input.action].to;
  const base: CaseStep = { set: to ? { state: to } : {}, tell: [], photoPhase: 'evidence' };
  const tier = c.tier as Tier;
  // the deadlines in force in the case's county (its own, else the national default)
  const category = async (): Promise<Deadlines> =>
    (await deadlinesOf(tx, c.county_code, c.category_code))?.deadlines ?? {};
  const calendar = deps.calendar(c.county_code);
  const enterTier = async (next: Tier): Promise<Updateable<Cases>> => {
    const due = deadlineAt(calendar, await category(), next, c.urgency, now);
    return {
      tier: next,
      holder_code: holderFor(c.grid_code, next),
      tier_entered_at: now,
      deadline_at: due.deadlineAt,
      yellow_at: due.yellowAt,
      red_at: due.redAt,
      overdue: false,
    };
  };
  const holders = (t: Tier, holder: string) => repo.accountsForHolder(tx, holder, repo.TIER_ROLES[t]);

  switch (input.action) {
    case 'file':
      return { ...base, set: { ...base.set, filed_at: now } };
    case 'handle_on_spot':
      return {
        ...base,
        photoPhase: 'after',
        set: {
          ...base.set,
          ...UNVERIFIED,
          filed_at: c.filed_at ?? now,
          on_spot_by_account_id: actor.accountId,
        },
        tell: await holders('village', c.holder_code),
      };
    case 'escalate': {
      const target = await escalationTarget(tx, c.county_code, c.category_code, c.urgency, tier);
      if (!target) throw new AppError('NO_HIGHER_TIER');
      const next = await enterTier(target.toTier);
      return {
        ...base,
        set: { ...base.set, ...next, department_id: null, filed_at: c.filed_at ?? now },
        tell: [
          ...(await holders(target.toTier, next.holder_code as string)),
          ...(await target.ccAccounts(c.grid_code)),
        ],
      };
    }
    case 'dispatch': {
      const dept = await tx
        .selectFrom('department')
        .select(['id'])
        .where('county_code', '=', c.county_code)
        .where('id', '=', input.departmentId)
        .where('region_code', '=', c.holder_code)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
      return {
        ...base,
        set: { ...base.set, department_id: dept.id },
        tell: await repo.departmentAccounts(tx, dept.id),
      };
    }
    case 'accept':
      return base;
    case 'return':
      return { ...base, set: { ...base.set, department_id: null }, tell: await holders(tier, c.holder_code) };
    case 'handle':
      return {
        ...base,
        set: { ...base.set, ...UNVERIFIED },
        photoPhase: 'after',
        tell: [...(await holders(tier, c.holder_code)), ...(await repo.gridWorkerAccounts(tx, c.grid_code))],
      };
    case 'close':
      return { ...base, set: { ...base.set, closed_at: now } };
    case 'verify':
      // the verdict goes to whoever holds the case (to close it or send it back) and its department
      return {
        ...base,
        set: { verified_at: now, verification: input.fixed ? 'fixed' : 'not_fixed' },
        note: `${input.fixed ? '现场核查：已办好' : '现场核查：没有办好'}${note ? `。${note}` : ''}`,
        tell: [
          ...(await holders(tier, c.holder_code)),
          ...(c.department_id ? await repo.departmentAccounts(tx, c.department_id) : []),
        ],
      };
    case 'rework':
      return {
        ...base,
        set: {
          ...UNVERIFIED,
          state: c.department_id ? 'accepted' : 'filed',
          rework_count: c.rework_count + 1,
          on_spot_by_account_id: null,
        },
        tell: c.department_id
          ? await repo.departmentAccounts(tx, c.department_id)
          : await holders(tier, c.holder_code),
      };
    case 'evaluate':
      return {
        ...base,
        set: { evaluation: input.evaluation, evaluation_comment: note },
        tell: await holders(tier, c.holder_code),
      };
    case 'reopen':
      return {
        ...base,
        set: {
          ...base.set,
          ...(await enterTier(tier)),
          closed_at: null,
          reopen_count: c.reopen_count + 1,
          evaluation: null,
          on_spot_by_account_id: null,
        },
        tell: await holders(tier, c.holder_code),
      };
    case 'merge': {
      const target =
        input.duplicateOf === c.id
          ? undefined
          : await tx
              .selectFrom('cases')
              .select(['id', 'state'])
              .where('county_code', '=', c.county_code)
              .where('id', '=', input.duplicateOf)
              .executeTakeFirst();
      if (!target || ['merged', 'cancelled', 'not_filed'].includes(target.state))
        throw new AppError('VALIDATION_FAILED', {
          detail: '被合并的案件不存在或已失效',
          detailEn: 'the case to merge into is missing or void',
        });
      return { ...base, set: { ...base.set, duplicate_of: target.id, closed_at: now } };
    }
    case 'request_delay':
      return {
        ...base,
        set: {
          pending_delay: JSON.stringify({
            ...input.delay,
            reason: note,
            by: actor.accountId,
            at: now.toISOString(),
          }),
        },
        tell: await holders(tier, c.holder_code),
      };
    case 'decide_delay': {
      const asked = c.pending_delay as { amount: number; unit: 'workhour' | 'workday'; by: number };
      const set: Updateable<Cases> = { pending_delay: null };
      if (input.approve && c.deadline_at) {
        const due = calendar.addDuration(c.deadline_at, { amount: asked.amount, unit: asked.unit });
        const warn = calendar.warningTimes(now, due);
        Object.assign(set, {
          deadline_at: due,
          yellow_at: warn.yellowAt,
          red_at: warn.redAt,
          overdue: false,
        });
      }
      return {
        ...base,
        set,
        tell: [asked.by],
        historyAction: input.approve ? 'approve_delay' : 'reject_delay',
      };
    }
    case 'suspend':
      return { ...base, set: { ...base.set, deadline_at: null, yellow_at: null, red_at: null } };
    case 'resume':
      return { ...base, set: { ...base.set, ...(await enterTier(tier)), department_id: null } };
    case 'supervise':
      return {
        ...base,
        set: { supervised: true },
        tell: [
          ...(await holders(tier, c.holder_code)),
          ...(await repo.departmentAccounts(tx, c.department_id)),
        ],
      };
    case 'expedite': {
      // 加急: the urgent deadline counted from when the tier got the case, if that is sooner
      const urgent = deadlineAt(calendar, await category(), tier, 'urgent', c.tier_entered_at);
      const sooner = !c.deadline_at || urgent.deadlineAt < c.deadline_at;
      return {
        ...base,
        set: {
          expedited: true,
          urgency: c.urgency === 'emergency' ? 'emergency' : 'urgent',
          ...(sooner
            ? { deadline_at: urgent.deadlineAt, yellow_at: urgent.yellowAt, red_at: urgent.redAt }
            : {}),
        },
        tell: [
          ...(await holders(tier, c.holder_code)),
          ...(await repo.departmentAccounts(tx, c.department_id)),
        ],
      };
    }
    case 'cancel':
    case 'reject':
      return { ...base, set: { ...base.set, closed_at: now } };
  }
}
