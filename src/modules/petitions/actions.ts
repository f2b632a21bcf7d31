import type { Updateable } from 'kysely';
import type { Petition } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { caseDeps, reportCase } from '../cases/index.js';
import { openDisputeInTx } from '../disputes/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import type { PetitionDeps } from './context.js';
import { limitEnd, type LimitKind } from './limits.js';
import * as repo from './repository.js';
import type { PetitionActionInput } from './schemas.js';
import { allowedNow, mayAct, TRANSITIONS, type PetitionAction, type PetitionState } from './states.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const WORDS: Record<PetitionAction, string> = {
  answer_on_spot: '已当场答复',
  accept: '已受理（60日内办结）',
  not_accept: '不予受理',
  to_case: '已转为事件办理',
  to_dispute: '已转为矛盾纠纷调处',
  refer: '已引导至法定途径',
  extend: '办理期限已延长',
  answer: '已出具处理意见',
  request_review: '已请求复查',
  decide_review: '复查意见已出具',
  request_rereview: '已请求复核',
  decide_rereview: '复核意见已出具',
};

type PetitionRow = NonNullable<Awaited<ReturnType<typeof repo.lockVisiblePetition>>>;
type Result = {
  id: number;
  number: string;
  state: PetitionState;
  version: number;
  dueAt: string | null;
  caseId: number | null;
  disputeId: number | null;
};

/** The next statutory limit after the step: its end and kind (calendar days, see limits.ts). */
function nextLimit(
  p: PetitionRow,
  input: PetitionActionInput,
  now: Date,
): Pick<Updateable<Petition>, 'due_at' | 'due_kind'> {
  const next = TRANSITIONS[input.action].next;
  if (next === null) return { due_at: null, due_kind: null };
  if (next === 'keep') {
    const days = input.action === 'extend' ? input.days : 0;
    return { due_at: limitEnd('finish', p.accepted_at ?? now, days), due_kind: 'finish' };
  }
  return { due_at: limitEnd(next as LimitKind, now), due_kind: next };
}

/** What each action changes besides the state, and the note its step carries. */
async function change(
  deps: PetitionDeps,
  tx: Parameters<Workflow<PetitionRow, PetitionAction, PetitionActionInput, Result, null>['apply']>[0]['tx'],
  actor: Actor,
  p: PetitionRow,
  input: PetitionActionInput,
  now: Date,
  requestId: string | undefined,
): Promise<{ set: Updateable<Petition>; note: string | null }> {
  switch (input.action) {
    case 'answer_on_spot':
      return { set: { answer: input.answer, answered_at: now, decided_at: now }, note: input.answer };
    case 'accept':
      return { set: { accepted_at: now, decided_at: now }, note: input.note ?? null };
    case 'not_accept':
      return { set: { decided_at: now, answer: input.reason }, note: input.reason };
    case 'refer':
      return { set: { decided_at: now, referral: input.channel, answer: input.note }, note: input.note };
    case 'to_dispute': {
      // through the disputes module's own intake, inside this step's transaction: the visitor is the
      // applicant, the grid lies in the petition's region, and the petition risk is marked
      const phone = p.phone_enc === null ? null : deps.pii.decrypt(p.phone_enc);
      const made = await openDisputeInTx(
        tx,
        deps,
        actor,
        {
          type: input.type,
          summary: (input.note ? `${p.matter}\n${input.note}` : p.matter).slice(0, 1000),
          riskLevel: input.riskLevel,
          riskSigns: ['petition_risk'],
          parties: [
            {
              side: 'applicant',
              name: deps.pii.decrypt(p.visitor_name_enc).slice(0, 40),
              ...(phone !== null && /^1\d{10}$/.test(phone) ? { phone } : {}),
            },
          ],
          gridCode: input.gridCode,
        },
        now,
        { village: p.region_code, requestId },
      );
      return { set: { decided_at: now, dispute_id: made.id }, note: `矛盾纠纷 ${made.number}` };
    }
    case 'to_case': {
      // through the cases module's own intake (source 'petition'), inside this step's transaction
      const made = await reportCase(
        { ...caseDeps(deps), db: tx },
        { ...actor, departmentId: null },
        p.county_code,
        {
          source: 'petition',
          categoryCode: input.categoryCode,
          gridCode: input.gridCode,
          description: input.note ? `${p.matter}\n${input.note}` : p.matter,
        },
        requestId,
      );
      return { set: { decided_at: now, case_id: made.id }, note: `事件 ${made.number}` };
    }
    case 'extend':
      return { set: { extended_days: input.days, extension_reason: input.reason }, note: input.reason };
    case 'answer':
      return { set: { answer: input.answer, answered_at: now }, note: input.answer };
    case 'request_review':
      return { set: { review_requested_at: now }, note: input.note ?? null };
    case 'decide_review':
      return { set: { answer: input.answer, reviewed_at: now }, note: input.answer };
    case 'request_rereview':
      return { set: { rereview_requested_at: now }, note: input.note ?? null };
    case 'decide_rereview':
      return { set: { answer: input.answer, rereviewed_at: now }, note: input.answer };
  }
}

/** Why the petition's state (or its limits) refuses the action now: 409, or null. */
function conflict(p: PetitionRow, input: PetitionActionInput, now: Date): AppError | null {
  if (!allowedNow(p, input.action))
    return new AppError('PETITION_ILLEGAL_TRANSITION', {
      detail: `${p.state} → ${input.action}`,
      detailEn: `${p.state} → ${input.action}`,
    });
  if (input.action === 'extend' && p.extended_days !== null) return new AppError('PETITION_ALREADY_EXTENDED');
  const late = p.due_at !== null && now.getTime() > p.due_at.getTime();
  if ((input.action === 'request_review' || input.action === 'request_rereview') && late)
    return new AppError('PETITION_REQUEST_TOO_LATE');
  return null;
}

const petitionWorkflow = (
  deps: PetitionDeps,
  requestId: string,
): Workflow<PetitionRow, PetitionAction, PetitionActionInput, Result, null> => ({
  subject: 'petition',
  versionConflict: 'PETITION_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockVisiblePetition(tx, actor, id),
  stateOf: (p) => p.state,
  forbidden: ({ actor, row, action }) => (mayAct(actor, row, action) ? null : new AppError('FORBIDDEN')),
  illegal: ({ row, input, now }) => conflict(row, input, now),
  async apply({ tx, actor, row: p, input, now }) {
    const to = TRANSITIONS[input.action].to;
    const { set, note } = await change(deps, tx, actor, p, input, now, requestId);
    const updated = await tx
      .updateTable('petition')
      .set({
        ...set,
        ...nextLimit(p, input, now),
        warned_kind: null,
        state: to,
        version: p.version + 1,
        updated_at: now,
      })
      .where('county_code', '=', p.county_code)
      .where('id', '=', p.id)
      .returning(['id', 'number', 'state', 'version', 'due_at', 'case_id', 'dispute_id'])
      .executeTakeFirstOrThrow();
    return {
      toState: to,
      note,
      extra: null,
      auditAfter: {
        ...(updated.case_id !== null && input.action === 'to_case'
          ? { caseId: Number(updated.case_id) }
          : {}),
        ...(updated.dispute_id !== null && input.action === 'to_dispute'
          ? { disputeId: Number(updated.dispute_id) }
          : {}),
        ...(input.action === 'extend' ? { extendedDays: input.days } : {}),
        ...(input.action === 'refer' ? { referral: input.channel } : {}),
      },
      auditReason: input.action === 'extend' ? input.reason : null,
      notice: {
        accountIds: [Number(p.receiver_account_id)],
        kind: `petition.${input.action}`,
        about: { type: 'petition', id: p.id },
        title: `信访 ${p.number}：${WORDS[input.action]}`,
        event: { number: p.number, state: to },
      },
      result: {
        id: updated.id,
        number: updated.number,
        state: updated.state as PetitionState,
        version: updated.version,
        dueAt: updated.due_at?.toISOString() ?? null,
        caseId: updated.case_id === null ? null : Number(updated.case_id),
        disputeId: updated.dispute_id === null ? null : Number(updated.dispute_id),
      },
    };
  },
  log: (tx, s) =>
    repo.recordStep(tx, {
      countyCode: s.row.county_code,
      petitionId: s.row.id,
      at: s.at,
      action: s.action,
      from: s.fromState,
      to: s.toState,
      actor: s.actor,
      note: s.note,
    }),
});

/**
 * One statutory step of a petition through the workflow runner: 404 unless visible, 403 unless the
 * caller may take it, 409 on a stale version, a state the action cannot leave, a second extension or
 * a request for review after its 30 days; then the change, the next limit, the history row, the audit
 * row and the notice to whoever registered it — one transaction (a case it becomes included).
 */
export function actOnPetition(
  deps: PetitionDeps,
  actor: Actor,
  id: number,
  input: PetitionActionInput,
  requestId: string,
) {
  return runStep(deps.db, petitionWorkflow(deps, requestId), actor, id, input.action, input, {
    now: deps.now(),
    requestId,
  });
}
