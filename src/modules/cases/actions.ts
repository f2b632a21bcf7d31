import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { wordsBody } from '../notify/index.js';
import { awardPoints } from '../points/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import type { CaseDeps } from './context.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { followersOf } from './followers.js';
import { insertHistory } from './history.js';
import { attachPhotos } from './photos.js';
import { refusal, stateConflict, type CaseActor } from './policy.js';
import * as repo from './repository.js';
import type { CaseActionInput } from './schemas.js';
import { PUBLIC_NOTE_ACTIONS, TRANSITIONS, type CaseAction } from './states.js';
import { caseStep, type CaseRow, type CaseStep } from './steps.js';

export type CaseStepResult = { id: number; number: string; state: string; tier: string; version: number };
type LogExtra = { tier: string; departmentId: number | null; photoIds: string[] };

/** The case workflow as the runner drives it (the order of checks is the runner's, the same for all). */
const caseWorkflow = (
  deps: CaseDeps,
  actor: CaseActor,
): Workflow<CaseRow, CaseAction, CaseActionInput, CaseStepResult, LogExtra> => ({
  subject: 'case',
  versionConflict: 'CASE_VERSION_CONFLICT',
  lock: (tx, _actor, id) => repo.lockVisibleCase(tx, actor, actor.departmentId, id),
  stateOf: (c) => c.state,
  forbidden: ({ row, action }) => {
    const code = refusal(actor, row, action);
    return code ? new AppError(code) : null;
  },
  illegal: ({ row, action }) => {
    const c = stateConflict(row, action);
    return c ? new AppError(c.code, { detail: c.detail, detailEn: c.detail }) : null;
  },
  async apply({ tx, row: c, input, now }) {
    const note = input.note || null;
    const step = await caseStep(deps, tx, actor, c, input, note, now);
    const photoIds = await attachPhotos(
      tx,
      c.county_code,
      c.id,
      input.photoIds ?? [],
      step.photoPhase,
      actor.accountId,
    );
    const t = TRANSITIONS[input.action];
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
    // the reporter reads what a resident may see of a step: its public reply, never an internal
    // note (a dispatch order between offices, an escalation's reason); staff read the note
    const reporter = c.reporter_account_id;
    // the staff the step concerns, and whoever follows the case (an enterprise's cadre)
    const followers = await followersOf(tx, c.county_code, c.id);
    const staff = [...new Set([...step.tell, ...followers])].filter((a) => a !== reporter);
    const stepNote = note ?? undefined;
    const about = {
      caseId: c.id,
      kind: `case.${input.action}`,
      title: `${updated.number}：${ACTION_NAMES[input.action]}`,
    };
    const event = { number: updated.number, state: updated.state };
    return {
      toState: updated.state,
      stepName: step.historyAction,
      note: step.note ?? note,
      extra: { tier: updated.tier, departmentId: updated.department_id, photoIds },
      auditAfter: { tier: updated.tier, departmentId: updated.department_id, photos: photoIds.length },
      notice: [
        { ...about, accountIds: staff, ...wordsBody('note', stepNote), event },
        ...(reporter === null
          ? []
          : [
              {
                ...about,
                accountIds: [reporter],
                ...wordsBody(
                  'note',
                  PUBLIC_NOTE_ACTIONS.has(input.action) ? stepNote && maskPiiText(stepNote) : null,
                ),
                event,
              },
            ]),
      ],
      result: {
        id: c.id,
        number: updated.number,
        state: updated.state,
        tier: updated.tier,
        version: updated.version,
      },
    };
  },
  log: (tx, s) =>
    insertHistory(tx, {
      countyCode: s.row.county_code,
      caseId: s.row.id,
      at: s.at,
      action: s.action,
      fromState: s.fromState,
      toState: s.toState,
      tier: s.extra.tier,
      actor: s.actor,
      departmentId: s.extra.departmentId,
      note: s.note,
      photoIds: s.extra.photoIds,
      deadlineAt: s.row.deadline_at,
    }),
});

/**
 * Takes one workflow action on a case through the workflow runner: lock the
 * row (404 unless visible), role, place and separation of duties (403), version
 * and state (409), the change, history + audit, notifications — one transaction.
 */
export async function performAction(
  deps: CaseDeps,
  actor: CaseActor,
  caseId: number,
  input: CaseActionInput,
  requestId?: string,
) {
  return runStep(deps.db, caseWorkflow(deps, actor), actor, caseId, input.action, input, {
    now: deps.now(),
    requestId,
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
  verify: '已现场核查',
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
 * spot straight from 'reported'); the worker who fixed it on the spot only when
 * the village verifies that fix by closing the case (separation of duties).
 * Paid full-time workers and residents get nothing (awardPoints decides), and a
 * case never earns the same award twice (a unique index on the ledger).
 */
async function awardCaseWork(
  tx: Tx,
  actor: CaseActor,
  c: CaseRow,
  action: CaseAction,
  step: CaseStep,
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
  if (action === 'close' && c.on_spot_by_account_id !== null && actor.role === 'village_staff')
    await awardPoints(tx, { ...at, workerAccountId: c.on_spot_by_account_id, rule: 'case_on_spot' });
}
