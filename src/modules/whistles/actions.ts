import type { Updateable } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Whistle } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { claimPhotos } from '../photos/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import type { WhistleDeps } from './context.js';
import * as repo from './repository.js';
import type { WhistleActionInput } from './schemas.js';
import { dueFrom, whistleActor } from './service.js';
import { allowedNow, mayAct, WHISTLE_TRANSITIONS, type WhistleAction, type WhistleState } from './states.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const WORDS: Record<WhistleAction, string> = {
  hand_on: '已转交应答部门',
  answer: '部门已答复，请确认',
  confirm: '已确认办结',
  reopen: '答复未解决，已重新提出',
  direct: '县综治中心已指定应答部门',
};

type Row = repo.WhistleRow;
type Extra = { departmentId: number; toDepartmentId: number | null; receivedAt: Date; dueAt: Date };
type Result = {
  id: number;
  number: string;
  state: WhistleState;
  version: number;
  departmentId: number;
  dueAt: string;
};

/** The department it goes to by hand-on or direction: another active county department. */
async function nextDepartment(tx: Tx, w: Row, departmentId: number) {
  if (departmentId === w.department_id) throw new AppError('WHISTLE_SAME_DEPARTMENT');
  const d = await repo.countyDepartment(tx, w.county_code, departmentId);
  if (!d) throw new AppError('WHISTLE_DEPARTMENT_NOT_FOUND');
  return d;
}

/** What each action changes, the note its step carries, and whom to tell. */
async function change(
  deps: WhistleDeps,
  tx: Tx,
  actor: Actor,
  w: Row,
  input: WhistleActionInput,
  now: Date,
): Promise<{ set: Updateable<Whistle>; note: string | null; tell: number[] }> {
  const raisers = [w.raised_by, ...(w.follow_account_id === null ? [] : [w.follow_account_id])];
  switch (input.action) {
    case 'hand_on': {
      // the limit runs on: handing on buys the departments no time (docs/whistles.md)
      const d = await nextDepartment(tx, w, input.departmentId);
      return {
        set: { department_id: d.id, received_at: now, hand_on_count: w.hand_on_count + 1 },
        note: input.reason,
        tell: [...(await repo.departmentStaff(tx, w.county_code, d.id)), ...raisers],
      };
    }
    case 'direct': {
      const d = await nextDepartment(tx, w, input.departmentId);
      return {
        set: {
          department_id: d.id,
          received_at: now,
          due_at: await dueFrom(deps, tx, w.county_code, d.id, now, w.urgent),
          escalated_at: null,
        },
        note: input.reason,
        tell: [...(await repo.departmentStaff(tx, w.county_code, d.id)), ...raisers],
      };
    }
    case 'answer': {
      await claimPhotos(
        tx,
        w.county_code,
        { column: 'whistle_id', id: w.id },
        input.photoIds ?? [],
        actor.accountId,
        'after',
      );
      return { set: { answer: input.answer, answered_at: now }, note: input.answer, tell: raisers };
    }
    case 'confirm':
      return {
        set: { confirmed_at: now },
        note: input.comment || null,
        tell: await repo.departmentStaff(tx, w.county_code, w.department_id),
      };
    case 'reopen':
      return {
        set: {
          answered_at: null,
          received_at: now,
          due_at: await dueFrom(deps, tx, w.county_code, w.department_id, now, w.urgent),
          escalated_at: null,
          reopen_count: w.reopen_count + 1,
        },
        note: input.reason,
        tell: await repo.departmentStaff(tx, w.county_code, w.department_id),
      };
  }
}

const whistleWorkflow = (
  deps: WhistleDeps,
  departmentId: number | null,
): Workflow<Row, WhistleAction, WhistleActionInput, Result, Extra> => ({
  subject: 'whistle',
  versionConflict: 'WHISTLE_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockVisibleWhistle(tx, { ...actor, departmentId }, id),
  stateOf: (w) => w.state,
  forbidden: ({ actor, row, action }) =>
    mayAct({ ...actor, departmentId }, row, action) ? null : new AppError('FORBIDDEN'),
  illegal: ({ row, action }) =>
    allowedNow(row, action)
      ? null
      : new AppError('WHISTLE_ILLEGAL_TRANSITION', {
          detail: `${row.state} → ${action}`,
          detailEn: `${row.state} → ${action}`,
        }),
  async apply({ tx, actor, row: w, input, now }) {
    const to = WHISTLE_TRANSITIONS[input.action].to;
    const { set, note, tell } = await change(deps, tx, actor, w, input, now);
    const updated = await tx
      .updateTable('whistle')
      .set({ ...set, state: to, version: w.version + 1, updated_at: now })
      .where('county_code', '=', w.county_code)
      .where('id', '=', w.id)
      .returning(['id', 'number', 'state', 'version', 'department_id', 'due_at'])
      .executeTakeFirstOrThrow();
    const moved = input.action === 'hand_on' || input.action === 'direct';
    return {
      toState: to,
      note,
      // the log keeps the clock of the department that held it when the step was taken
      extra: {
        departmentId: w.department_id,
        toDepartmentId: moved ? updated.department_id : null,
        receivedAt: w.received_at,
        dueAt: w.due_at,
      },
      auditAfter: moved ? { departmentId: updated.department_id, fromDepartmentId: w.department_id } : {},
      auditReason: moved || input.action === 'reopen' ? note : null,
      notice: {
        accountIds: tell,
        kind: `whistle.${input.action}`,
        about: { type: 'whistle', id: w.id },
        title: `基层吹哨 ${w.number}：${WORDS[input.action]}（${maskPiiText(w.subject)}）`,
        event: { number: w.number, state: to },
      },
      result: {
        id: updated.id,
        number: updated.number,
        state: updated.state as WhistleState,
        version: updated.version,
        departmentId: updated.department_id,
        dueAt: updated.due_at.toISOString(),
      },
    };
  },
  log: (tx, s) =>
    repo.recordWhistleStep(tx, {
      countyCode: s.row.county_code,
      whistleId: s.row.id,
      at: s.at,
      action: s.action,
      from: s.fromState,
      to: s.toState,
      departmentId: s.extra.departmentId,
      toDepartmentId: s.extra.toDepartmentId,
      receivedAt: s.extra.receivedAt,
      dueAt: s.extra.dueAt,
      actor: s.actor,
      note: s.note,
    }),
});

/**
 * One step of a whistle through the workflow runner: 404 unless visible, 403 unless this caller may
 * take it (the holding department answers or hands on; the raising side confirms or reopens; the
 * county centre directs), 409 on a stale version or a state the action cannot leave; then the change,
 * the step log, the audit row and the notices — one transaction.
 */
export async function actOnWhistle(
  deps: WhistleDeps,
  actor: Actor,
  id: number,
  input: WhistleActionInput,
  requestId: string,
) {
  const { departmentId } = await whistleActor(deps.db, actor);
  return runStep(deps.db, whistleWorkflow(deps, departmentId), actor, id, input.action, input, {
    now: deps.now(),
    requestId,
  });
}
