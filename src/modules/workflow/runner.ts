import type { Db, Tx } from '../../platform/db/database.js';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify, type Notice } from '../notify/index.js';

/** The things that move through a workflow. */
export type Subject =
  | 'case'
  | 'wish'
  | 'errand'
  | 'disclosure'
  | 'petition'
  | 'dispute'
  | 'correction'
  | 'campaign'
  | 'campaign_target'
  | 'city_campaign'
  | 'emergency_event'
  | 'emergency_check'
  | 'whistle'
  | 'call'
  | 'major_matter'
  | 'station_loan'
  | 'lesson_order';

/** What every workflow row has: its county (the distribution key), id, state and optimistic version. */
export type SubjectRow = { county_code: string; id: number; version: number };

/** The caller of a step, as the step log and audit need them. */
export type StepActor = Pick<Actor, 'accountId' | 'role' | 'displayName'>;

/** One step as the step log records it; `extra` carries what a subject's own log adds. */
export type StepEntry<Row, Extra> = {
  row: Row;
  action: string;
  fromState: string;
  toState: string;
  actor: StepActor;
  actorName?: string;
  note: string | null;
  at: Date;
  extra: Extra;
};

/** The part of a step the subject decides: the new state, the log, the audit details, the notice. */
export type Applied<Result, Extra> = {
  toState: string;
  /** the step's name on the log and in the audit when it differs from the action (approve_delay …) */
  stepName?: string;
  note?: string | null;
  /** the name shown on the timeline (a claimer's unit rather than the account) */
  actorName?: string;
  extra: Extra;
  /** more audit details besides the state: ids and field names only, never personal data */
  auditAfter?: Record<string, unknown>;
  auditReason?: string | null;
  /** whom to tell (several notices when audiences must read different texts); never the actor */
  notice: Omit<Notice, 'countyCode'> | Omit<Notice, 'countyCode'>[] | null;
  result: Result;
};

export type StepContext<Row, Action, Input> = {
  tx: Tx;
  actor: Actor;
  row: Row;
  action: Action;
  input: Input;
  now: Date;
};

/**
 * A workflow, generic over its subject. The runner calls these in a fixed order;
 * each answers one question only, so that every workflow refuses the same way.
 */
export type Workflow<Row extends SubjectRow, Action extends string, Input, Result, Extra> = {
  subject: Subject;
  versionConflict: ErrorCode;
  /** SELECT … FOR UPDATE of the row, filtered in SQL to what the caller sees: undefined → 404 */
  lock(tx: Tx, actor: Actor, id: number): Promise<Row | undefined>;
  stateOf(row: Row): string;
  /** role, place and relation only — never the state: an error (403) or null */
  forbidden(ctx: StepContext<Row, Action, Input>): AppError | null | Promise<AppError | null>;
  /** the current state (the version is checked by the runner): an error (409) or null */
  illegal(ctx: StepContext<Row, Action, Input>): AppError | null | Promise<AppError | null>;
  /** the action's own change (UPDATE of the row included) */
  apply(ctx: StepContext<Row, Action, Input>): Promise<Applied<Result, Extra>>;
  /** writes the subject's step-log row */
  log(tx: Tx, step: StepEntry<Row, Extra>): Promise<void>;
};

export type StepOptions = { now: Date; requestId?: string };

/**
 * Runs one workflow step in one transaction, in this order for every subject:
 * lock the row (404 unless visible) → permitted for this caller (403) →
 * version and state (409) → apply → step log + audit + notifications.
 * Every step is audited, whoever takes it; an error anywhere rolls all of it back.
 */
export async function runStep<
  Row extends SubjectRow,
  Action extends string,
  Input extends { version?: number },
  Result,
  Extra,
>(
  db: Db,
  wf: Workflow<Row, Action, Input, Result, Extra>,
  actor: Actor,
  id: number,
  action: Action,
  input: Input,
  opts: StepOptions,
): Promise<Result> {
  return db.transaction().execute(async (tx) => {
    const row = await wf.lock(tx, actor, id);
    if (!row) throw new AppError('NOT_FOUND');
    const ctx: StepContext<Row, Action, Input> = { tx, actor, row, action, input, now: opts.now };
    const denied = await wf.forbidden(ctx);
    if (denied) throw denied;
    if (input.version !== undefined && input.version !== row.version) throw new AppError(wf.versionConflict);
    const conflict = await wf.illegal(ctx);
    if (conflict) throw conflict;

    const from = wf.stateOf(row);
    const out = await wf.apply(ctx);
    const name = out.stepName ?? action;
    const note = out.note ?? null;
    await wf.log(tx, {
      row,
      action: name,
      fromState: from,
      toState: out.toState,
      actor,
      actorName: out.actorName,
      note,
      at: opts.now,
      extra: out.extra,
    });
    await recordAudit(tx, {
      actor,
      countyCode: row.county_code,
      action: `${wf.subject}.${name}`,
      entityType: wf.subject,
      entityId: row.id,
      before: { state: from },
      after: { state: out.toState, ...out.auditAfter },
      reason: out.auditReason ?? null,
      requestId: opts.requestId,
    });
    const notices = out.notice === null ? [] : Array.isArray(out.notice) ? out.notice : [out.notice];
    for (const n of notices)
      await notify(tx, {
        ...n,
        countyCode: row.county_code,
        accountIds: n.accountIds.filter((a) => a !== actor.accountId),
      });
    return out.result;
  });
}
