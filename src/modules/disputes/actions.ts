import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { Dispute } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { deadlineAt, holderFor, type Tier } from '../cases/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import type { DisputeDeps } from './context.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import {
  beijingDay,
  departmentAccounts,
  findDispute,
  holderAccounts,
  insertStep,
  type DisputeRow,
} from './repository.js';
import type { DisputeActionBodies, DisputeActionInput } from './schemas.js';
import {
  FOLLOW_UP_DAYS,
  NEXT_TIER,
  refusal,
  stateConflict,
  TIER_NAMES,
  TIER_ROLES,
  type DisputeAction,
  type DisputeState,
} from './states.js';

type Ctx<A extends DisputeAction = DisputeAction> = {
  tx: Tx;
  deps: DisputeDeps;
  actor: Actor;
  d: DisputeRow;
  body: DisputeActionBodies[A];
  now: Date;
};
type Outcome = {
  to: DisputeState;
  set?: Updateable<Dispute>;
  note: string | null;
  tell: number[];
  title: string;
};

const forPolicy = (d: DisputeRow) => ({
  state: d.state,
  tier: d.tier as Tier,
  leadIsMine: d.my_department_id !== null && d.lead_department_id === d.my_department_id,
});

/** The active departments of the tier's own node (a township's offices, the county's bureaus). */
async function checkDepartments(tx: Tx, d: DisputeRow, ids: number[]) {
  const holder = d.holder_code;
  const rows = await tx
    .selectFrom('department')
    .select('id')
    .where('county_code', '=', d.county_code)
    .where('region_code', '=', holder)
    .where('active', '=', true)
    .where('id', 'in', ids)
    .execute();
  if (rows.length !== new Set(ids).size) throw new AppError('DISPUTE_DEPARTMENT_INVALID');
}

/** Moves a dispute up one tier with the new tier's deadline (used by the escalate step and the sweep). */
export function escalation(
  deps: Pick<DisputeDeps, 'calendar'>,
  d: Pick<DisputeRow, 'county_code' | 'grid_code' | 'tier'>,
  now: Date,
) {
  const to = NEXT_TIER[d.tier as Tier];
  if (!to) return null;
  const due = deadlineAt(deps.calendar(d.county_code), {}, to, 'normal', now);
  const holder = holderFor(d.grid_code, to);
  const set: Updateable<Dispute> = {
    tier: to,
    holder_code: holder,
    state: 'open',
    lead_department_id: null,
    assisting_department_ids: [],
    tier_entered_at: now,
    deadline_at: due.deadlineAt,
    overdue: false,
  };
  return { to, holder, set };
}

const STEPS: { [A in DisputeAction]: (c: Ctx<A>) => Promise<Outcome> } = {
  async escalate({ tx, deps, d, body, now }) {
    const up = escalation(deps, d, now)!;
    return {
      to: 'open',
      set: up.set,
      note: body.reason,
      tell: await holderAccounts(tx, up.holder, TIER_ROLES[up.to]),
      title: `${d.number}：${TIER_NAMES[d.tier as Tier]}上报${TIER_NAMES[up.to]}矛盾纠纷`,
    };
  },
  async assign({ tx, d, body }) {
    const assisting =
      d.tier === 'township' ? body.assistingDepartmentIds.filter((x) => x !== body.leadDepartmentId) : [];
    if (d.tier === 'county' && body.assistingDepartmentIds.length > 0)
      throw new AppError('DISPUTE_DEPARTMENT_INVALID');
    await checkDepartments(tx, d, [body.leadDepartmentId, ...assisting]);
    return {
      to: 'assigned',
      set: { lead_department_id: body.leadDepartmentId, assisting_department_ids: assisting },
      note: body.note ?? null,
      tell: await departmentAccounts(tx, d.county_code, [body.leadDepartmentId, ...assisting]),
      title:
        d.tier === 'township'
          ? `${d.number}：请牵头（或协同）化解矛盾纠纷`
          : `${d.number}：县综治中心指派您部门化解矛盾纠纷`,
    };
  },
  async settle({ tx, d, body, now }) {
    if (body.sessionId !== undefined) {
      const s = await tx
        .selectFrom('mediation_session')
        .select('id')
        .where('county_code', '=', d.county_code)
        .where('dispute_id', '=', d.id)
        .where('id', '=', body.sessionId)
        .executeTakeFirst();
      if (!s)
        throw new AppError('NOT_FOUND', {
          detail: '调解记录不属于该纠纷',
          detailEn: 'no such session of this dispute',
        });
    }
    const due = new Date(now.getTime() + FOLLOW_UP_DAYS * 86_400_000);
    return {
      to: 'settled',
      set: { agreement: body.agreement, settled_at: now, follow_up_due: beijingDay(due), fail_reason: null },
      note: body.agreement,
      tell: await holderAccounts(tx, d.grid_code.slice(0, 12), ['village_staff']),
      title: `${d.number}：矛盾纠纷已化解，${FOLLOW_UP_DAYS}天内回访`,
    };
  },
  async fail({ tx, d, body, now }) {
    return {
      to: 'failed',
      set: { fail_reason: body.reason, failed_at: now },
      note: body.reason,
      tell: await holderAccounts(tx, d.grid_code.slice(0, 12), ['village_staff']),
      title: `${d.number}：调解不成，已引导当事人依法解决`,
    };
  },
  async follow_up({ tx, deps, d, body, now }) {
    if (body.held)
      return {
        to: 'closed',
        set: { follow_up_at: now, follow_up_held: true, follow_up_note: body.note },
        note: body.note,
        tell: [],
        title: `${d.number}：回访协议履行良好，结案`,
      };
    // the agreement broke: open again at the tier that settled it, with a fresh deadline
    const due = deadlineAt(deps.calendar(d.county_code), {}, d.tier as Tier, 'normal', now);
    return {
      to: 'open',
      set: {
        follow_up_at: now,
        follow_up_held: false,
        follow_up_note: body.note,
        tier_entered_at: now,
        deadline_at: due.deadlineAt,
        overdue: false,
      },
      note: body.note,
      tell: await holderAccounts(tx, d.holder_code, TIER_ROLES[d.tier as Tier]),
      title: `${d.number}：回访发现协议未履行，重新化解`,
    };
  },
};

type Result = { id: number; number: string; state: DisputeState; tier: Tier; version: number };

const disputeWorkflow = (
  deps: DisputeDeps,
): Workflow<DisputeRow, DisputeAction, DisputeActionInput, Result, string> => ({
  subject: 'dispute',
  versionConflict: 'DISPUTE_VERSION_CONFLICT',
  lock: (tx, actor, id) => findDispute(tx, actor, id, true),
  stateOf: (d) => d.state,
  forbidden: ({ actor, row, action }) => {
    const code = refusal(actor, forPolicy(row), action);
    return code ? new AppError(code) : null;
  },
  illegal: ({ row, action }) => stateConflict(forPolicy(row), action),
  async apply({ tx, actor, row: d, input, now }) {
    const step = STEPS[input.action] as (c: Ctx) => Promise<Outcome>;
    const out = await step({ tx, deps, actor, d, body: input, now });
    const row = await tx
      .updateTable('dispute')
      .set({ ...out.set, state: out.to, updated_at: now, version: d.version + 1 })
      .where('county_code', '=', d.county_code)
      .where('id', '=', d.id)
      .returning(['id', 'number', 'state', 'tier', 'version'])
      .executeTakeFirstOrThrow();
    return {
      toState: out.to,
      note: out.note,
      extra: row.tier,
      auditAfter: { tier: row.tier },
      notice: {
        accountIds: out.tell,
        kind: `dispute.${input.action}`,
        about: { type: 'dispute', id: d.id },
        title: out.title,
        event: { number: d.number, state: out.to },
      },
      result: { ...row, state: row.state as DisputeState, tier: row.tier as Tier },
    };
  },
  log: (tx, s) =>
    insertStep(tx, {
      countyCode: s.row.county_code,
      disputeId: s.row.id,
      at: s.at,
      action: s.action,
      fromState: s.fromState,
      toState: s.toState,
      tier: s.extra,
      actorAccountId: s.actor.accountId,
      actorName: s.actorName ?? s.actor.displayName,
      note: s.note,
    }),
});

/** One step of a dispute through the workflow runner: lock, 404, 403, 409, change, step log, audit, notices. */
export async function performDisputeAction(
  db: Db,
  deps: DisputeDeps,
  actor: Actor,
  id: number,
  input: DisputeActionInput,
  requestId?: string,
) {
  return runStep(db, disputeWorkflow(deps), actor, id, input.action, input, { now: deps.now(), requestId });
}
