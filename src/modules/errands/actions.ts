import type { Updateable } from 'kysely';
import type { Errand } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { awardPoints } from '../points/index.js';
import { claimPhotos } from '../photos/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import * as repo from './repository.js';
import type { ErrandActionInput } from './schemas.js';
import { recordErrandStep, type ErrandDeps } from './service.js';
import { tierDeadline } from './relay.js';
import { allowedNow, mayAct, nextStatus, TIER_OF, type ErrandAction, type ErrandStatus } from './states.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const STEP_WORDS: Record<ErrandAction, string> = {
  accept: '已有人接单',
  decline: '未能受理',
  done: '已办好，请确认',
  confirm: '已确认',
  cancel: '已撤销',
  forward: '已转交上一级办理',
  return: '已办结，结果已送回村代办点',
};

type ErrandRow = NonNullable<Awaited<ReturnType<typeof repo.lockVisibleErrand>>>;
type ErrandResult = { id: number; number: string; status: ErrandStatus; version: number };

/** What each action changes on the errand, and the note its step carries. */
async function change(
  tx: Parameters<typeof claimPhotos>[0],
  actor: Actor,
  e: ErrandRow,
  input: ErrandActionInput,
  now: Date,
): Promise<{ set: Updateable<Errand>; note: string | null }> {
  switch (input.action) {
    case 'accept':
      return { set: { assignee_account_id: actor.accountId, accepted_at: now }, note: null };
    case 'decline':
      return { set: { decline_reason: input.reason, closed_at: now }, note: input.reason };
    case 'cancel':
      return { set: { closed_at: now }, note: null };
    case 'forward':
      return { set: {}, note: input.note || null };
    case 'return':
      return { set: { result_note: input.note }, note: input.note };
    case 'done': {
      await claimPhotos(
        tx,
        e.county_code,
        { column: 'errand_id', id: e.id },
        input.photoIds ?? [],
        actor.accountId,
        'after',
      );
      return { set: { result_note: input.note, done_at: now }, note: input.note };
    }
    case 'confirm': {
      const comment = input.comment || null;
      return {
        set: { rating: input.rating, rating_comment: comment, confirmed_at: now },
        note: comment,
      };
    }
  }
}

/** The relay columns after a step: the tier now holding the item and until when (null when none). */
function relaySet(deps: ErrandDeps, e: ErrandRow, to: ErrandStatus, now: Date): Updateable<Errand> {
  const d = tierDeadline(deps.calendar(e.county_code), now, to, {
    handledAt: e.handled_at,
    promiseDays: e.promise_days,
  });
  if (!d)
    return e.tier === null ? {} : { tier: null, tier_since: null, tier_due_at: null, tier_overdue: false };
  return { tier: d.tier, tier_since: now, tier_due_at: d.dueAt, tier_overdue: false };
}

/** The errand workflow as the runner drives it. */
const errandWorkflow = (
  deps: ErrandDeps,
): Workflow<ErrandRow, ErrandAction, ErrandActionInput, ErrandResult, null> => ({
  subject: 'errand',
  versionConflict: 'ERRAND_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockVisibleErrand(tx, actor, id),
  stateOf: (e) => e.status,
  forbidden: ({ actor, row, action }) => (mayAct(actor, row, action) ? null : new AppError('FORBIDDEN')),
  illegal: ({ row, action }) =>
    allowedNow(row, action)
      ? null
      : new AppError('ERRAND_ILLEGAL_TRANSITION', {
          detail: `${row.status} → ${action}`,
          detailEn: `${row.status} → ${action}`,
        }),
  async apply({ tx, actor, row: e, input, now }) {
    const to = nextStatus(e, input.action)!;
    const { set, note } = await change(tx, actor, e, input, now);
    const updated = await tx
      .updateTable('errand')
      .set({ ...set, ...relaySet(deps, e, to, now), status: to, version: e.version + 1, updated_at: now })
      .where('county_code', '=', e.county_code)
      .where('id', '=', e.id)
      .returning(['id', 'number', 'status', 'version'])
      .executeTakeFirstOrThrow();
    // a part-time grid worker's finished errand is recognised work (J4); awardPoints decides who earns
    if (input.action === 'done')
      await awardPoints(tx, {
        countyCode: e.county_code,
        workerAccountId: actor.accountId,
        rule: 'errand_done',
        refType: 'errand',
        refId: e.id,
        at: now,
      });
    // the requester hears of every step; the assignee hears the requester's rating
    const tell =
      input.action === 'confirm' && e.assignee_account_id
        ? [e.assignee_account_id]
        : [e.requester_account_id];
    // 全程代办: the tier the item reaches hears of it (the township centre, the county centre, the village)
    const tier = TIER_OF[to];
    if (e.handled_at !== 'village' && tier && (input.action === 'forward' || input.action === 'return'))
      tell.push(...(await repo.tierAccounts(tx, e.grid_code, tier)));
    return {
      toState: to,
      note,
      extra: null,
      notice: {
        accountIds: [...new Set(tell)].filter((id) => id !== actor.accountId),
        kind: `errand.${input.action}`,
        about: { type: 'errand', id: e.id },
        title: `代办 ${e.number}：${STEP_WORDS[input.action]}`,
        event: { number: e.number, state: to },
      },
      result: { ...updated, status: updated.status as ErrandStatus },
    };
  },
  log: (tx, s) =>
    recordErrandStep(tx, {
      countyCode: s.row.county_code,
      errandId: s.row.id,
      at: s.at,
      action: s.action,
      from: s.fromState,
      to: s.toState,
      actor: s.actor,
      note: s.note,
    }),
});

/**
 * One step of an errand through the workflow runner: lock the row (404 unless
 * visible), 403 unless this caller may act, 409 on a stale version or a state
 * the action cannot leave, then the change, its history row, the audit row,
 * notifications and — for a part-time grid worker's finished errand — points.
 * One transaction, so of two accepts at once exactly one wins (the second: 409).
 */
export async function actOnErrand(
  deps: ErrandDeps,
  actor: Actor,
  id: number,
  input: ErrandActionInput,
  requestId: string,
) {
  return runStep(deps.db, errandWorkflow(deps), actor, id, input.action, input, {
    now: deps.now(),
    requestId,
  });
}
