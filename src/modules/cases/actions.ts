import type { Duration } from '../../platform/calendar/work-calendar.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { notify } from '../notify/service.js';
import { awardPoints } from '../points/award.js';
import type { CaseDeps } from './context.js';
import { deadlineAt, holderFor, type Deadlines } from './deadlines.js';
import { deadlinesOf } from './settings-repository.js';
import { escalationTarget } from './escalation.js';
import { recordHistory } from './history.js';
import { attachPhotos } from './photos.js';
import { canAct, type CaseActor } from './policy.js';
import * as repo from './repository.js';
import { allowedFrom, TRANSITIONS, type CaseAction, type CaseState, type Tier } from './states.js';

export type ActionInput = {
  action: CaseAction;
  /** optimistic concurrency: the version the caller saw (409 if it moved on) */
  version?: number;
  note?: string;
  photoIds?: string[];
  departmentId?: number;
  duplicateOf?: number;
  evaluation?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  delay?: Duration;
  approve?: boolean;
};

type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.findCaseForUpdate>>>;

/**
 * Takes one workflow action on a case: locks the row, checks visibility (404),
 * role and place (403), state (409) and version (409), applies the change,
 * writes history + audit, and tells the people concerned — one transaction.
 */
export async function performAction(
  deps: CaseDeps,
  actor: CaseActor,
  caseId: number,
  input: ActionInput,
  requestId?: string,
) {
  const t = TRANSITIONS[input.action];
  const note = input.note?.trim() || null;
  if ('reasonRequired' in t && t.reasonRequired && !note) throw new AppError('REASON_REQUIRED');
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const visible = await tx
      .selectFrom('cases')
      .select('cases.id')
      .where(repo.visibleTo(actor, actor.departmentId))
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    if (!visible) throw new AppError('NOT_FOUND');
    const c = (await repo.findCaseForUpdate(tx, actor.countyCode, caseId)) as CaseRow;
    if (input.version !== undefined && input.version !== c.version)
      throw new AppError('CASE_VERSION_CONFLICT');
    if (!allowedFrom(input.action, c.state as CaseState))
      throw new AppError('CASE_ILLEGAL_TRANSITION', {
        detail: `${c.state} → ${input.action}`,
        detailEn: `${c.state} → ${input.action}`,
      });
    if (input.action === 'evaluate' && c.evaluation) throw new AppError('CASE_ALREADY_EVALUATED');
    if (input.action === 'reopen' && c.reopen_count > 0) throw new AppError('CASE_REOPEN_LIMIT');
    if (!canAct(actor, c, input.action)) throw new AppError('FORBIDDEN');

    const step = await apply(deps, tx, actor, c, input, note, now);
    const photoIds = await attachPhotos(
      tx,
      c.county_code,
      c.id,
      input.photoIds ?? [],
      step.photoPhase,
      actor.accountId,
    );
    if ('afterPhotoRequired' in t && t.afterPhotoRequired && photoIds.length === 0)
      throw new AppError('AFTER_PHOTO_REQUIRED');

    const updated = await tx
      .updateTable('cases')
      .set({ ...step.set, version: c.version + 1, updated_at: now })
      .where('county_code', '=', c.county_code)
      .where('id', '=', c.id)
      .returning(['state', 'tier', 'version', 'number', 'holder_code', 'department_id'])
      .executeTakeFirstOrThrow();
    await awardCaseWork(tx, actor, c, input.action, step, now);
    await recordHistory(
      tx,
      {
        countyCode: c.county_code,
        caseId: c.id,
        at: now,
        action: step.historyAction ?? input.action,
        fromState: c.state,
        toState: updated.state,
        tier: updated.tier,
        actor,
        departmentId: updated.department_id,
        note: step.note ?? note,
        photoIds,
        deadlineAt: c.deadline_at,
      },
      requestId,
    );
    const told = [...step.tell, ...(c.reporter_account_id ? [c.reporter_account_id] : [])].filter(
      (id) => id !== actor.accountId,
    );
    await notify(tx, {
      countyCode: c.county_code,
      accountIds: told,
      caseId: c.id,
      kind: `case.${input.action}`,
      title: `${updated.number}：${ACTION_NAMES[input.action]}`,
      body: note ?? undefined,
      event: { number: updated.number, state: updated.state },
    });
    return {
      id: c.id,
      number: updated.number,
      state: updated.state,
      tier: updated.tier,
      version: updated.version,
    };
  });
}

export const ACTION_NAMES: Record<CaseAction, string> = {
  file: '已立案',
  reject: '不予立案',
  cancel: '已撤销',
  merge: '已合并',
  handle_on_spot: '已就地处置',
  escalate: '已上报上级',
  dispatch: '已派遣',
  accept: '已签收',
  return: '已退回',
  handle: '已处置',
  close: '已结案',
  rework: '返工',
  evaluate: '已评价',
  reopen: '重新办理',
  request_delay: '申请延期',
  decide_delay: '延期审批',
  suspend: '挂账',
  resume: '恢复办理',
  supervise: '督办',
  expedite: '加急',
};

/**
 * Points for part-time grid workers (J4), in the action's transaction: the
 * reporter when someone else first files the case (file, or escalate/fix on the
 * spot straight from 'reported'), the worker who fixes it on the spot. Paid
 * full-time workers and residents get nothing (awardPoints decides), and a
 * case never earns the same award twice (a unique index on the ledger).
 */
async function awardCaseWork(
  tx: Tx,
  actor: CaseActor,
  c: CaseRow,
  action: CaseAction,
  step: Step,
  now: Date,
) {
  const at = { countyCode: c.county_code, refType: 'case', refId: c.id, at: now };
  if (
    c.filed_at === null &&
    step.set.filed_at &&
    c.reporter_account_id !== null &&
    c.reporter_account_id !== actor.accountId
  ) {
    await awardPoints(tx, { ...at, workerAccountId: c.reporter_account_id, rule: 'case_reported' });
  }
  if (action === 'handle_on_spot')
    await awardPoints(tx, { ...at, workerAccountId: actor.accountId, rule: 'case_on_spot' });
}

type Step = {
  set: Record<string, unknown>;
  tell: number[];
  photoPhase: 'before' | 'after' | 'evidence';
  historyAction?: string;
  note?: string | null;
};

/** The action-specific part: what changes and who must hear of it. */
async function apply(
  deps: CaseDeps,
  tx: Tx,
  actor: CaseActor,
  c: CaseRow,
  input: ActionInput,
  note: string | null,
  now: Date,
): Promise<Step> {
  const to = TRANSITIONS[input.action].to;
  const base: Step = { set: to ? { state: to } : {}, tell: [], photoPhase: 'evidence' };
  // the deadlines in force in the case's county (its own, else the national default)
  const category = async (): Promise<Deadlines> =>
    (await deadlinesOf(tx, c.county_code, c.category_code))?.deadlines ?? {};
  const calendar = deps.calendar(c.county_code);
  const enterTier = async (tier: Tier) => {
    const due = deadlineAt(calendar, await category(), tier, c.urgency, now);
    return {
      tier,
      holder_code: holderFor(c.grid_code, tier),
      tier_entered_at: now,
      deadline_at: due.deadlineAt,
      yellow_at: due.yellowAt,
      red_at: due.redAt,
      overdue: false,
    };
  };
  const holders = (tier: Tier, holder: string) => repo.accountsForHolder(tx, holder, repo.TIER_ROLES[tier]);

  switch (input.action) {
    case 'file':
      return { ...base, set: { ...base.set, filed_at: now } };
    case 'handle_on_spot':
      return {
        ...base,
        photoPhase: 'after',
        set: { ...base.set, filed_at: c.filed_at ?? now },
        tell: await holders('village', c.holder_code),
      };
    case 'escalate': {
      const target = await escalationTarget(tx, c.county_code, c.category_code, c.urgency, c.tier as Tier);
      if (!target) throw new AppError('NO_HIGHER_TIER');
      const next = await enterTier(target.toTier);
      return {
        ...base,
        set: { ...base.set, ...next, department_id: null, filed_at: c.filed_at ?? now },
        tell: [
          ...(await holders(target.toTier, next.holder_code)),
          ...(await target.ccAccounts(c.grid_code)),
        ],
      };
    }
    case 'dispatch': {
      if (!input.departmentId)
        throw new AppError('VALIDATION_FAILED', {
          detail: '请选择职能部门',
          detailEn: 'departmentId is required',
        });
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
      return {
        ...base,
        set: { ...base.set, department_id: null },
        tell: await holders(c.tier as Tier, c.holder_code),
      };
    case 'handle':
      return {
        ...base,
        photoPhase: 'after',
        tell: [
          ...(await holders(c.tier as Tier, c.holder_code)),
          ...(await repo.gridWorkerAccounts(tx, c.grid_code)),
        ],
      };
    case 'close':
      return { ...base, set: { ...base.set, closed_at: now } };
    case 'rework':
      return {
        ...base,
        set: { state: c.department_id ? 'accepted' : 'filed', rework_count: c.rework_count + 1 },
        tell: c.department_id
          ? await repo.departmentAccounts(tx, c.department_id)
          : await holders(c.tier as Tier, c.holder_code),
      };
    case 'evaluate':
      if (!input.evaluation)
        throw new AppError('VALIDATION_FAILED', { detail: '请选择评价', detailEn: 'evaluation is required' });
      return {
        ...base,
        set: { evaluation: input.evaluation, evaluation_comment: note },
        tell: await holders(c.tier as Tier, c.holder_code),
      };
    case 'reopen': {
      const next = await enterTier(c.tier as Tier);
      return {
        ...base,
        set: { ...base.set, ...next, closed_at: null, reopen_count: c.reopen_count + 1, evaluation: null },
        tell: await holders(c.tier as Tier, c.holder_code),
      };
    }
    case 'merge': {
      if (!input.duplicateOf || input.duplicateOf === c.id)
        throw new AppError('VALIDATION_FAILED', {
          detail: '请指定重复的案件',
          detailEn: 'duplicateOf is required',
        });
      const target = await tx
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
    case 'request_delay': {
      if (!input.delay)
        throw new AppError('VALIDATION_FAILED', { detail: '请填写延期时长', detailEn: 'delay is required' });
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
        tell: await holders(c.tier as Tier, c.holder_code),
      };
    }
    case 'decide_delay': {
      if (input.approve === undefined)
        throw new AppError('VALIDATION_FAILED', {
          detail: '请选择批准或驳回',
          detailEn: 'approve is required',
        });
      const asked = c.pending_delay as { amount: number; unit: Duration['unit']; by: number };
      const set: Record<string, unknown> = { pending_delay: null };
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
    case 'resume': {
      const next = await enterTier(c.tier as Tier);
      return { ...base, set: { ...base.set, ...next, department_id: null } };
    }
    case 'supervise':
      return {
        ...base,
        set: { supervised: true },
        tell: [
          ...(await holders(c.tier as Tier, c.holder_code)),
          ...(await repo.departmentAccounts(tx, c.department_id)),
        ],
      };
    case 'expedite': {
      // 加急: the urgent deadline counted from when the tier got the case, if that is sooner
      const urgent = deadlineAt(calendar, await category(), c.tier as Tier, 'urgent', c.tier_entered_at);
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
          ...(await holders(c.tier as Tier, c.holder_code)),
          ...(await repo.departmentAccounts(tx, c.department_id)),
        ],
      };
    }
    case 'cancel':
      return { ...base, set: { ...base.set, closed_at: now } };
    case 'reject':
      return { ...base, set: { ...base.set, closed_at: now } };
  }
}
