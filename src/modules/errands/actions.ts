import type { Updateable } from 'kysely';
import type { Errand } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { awardPoints } from '../points/index.js';
import * as repo from './repository.js';
import { recordErrandStep, type ErrandDeps } from './service.js';
import { claimPhotos } from '../photos/index.js';
import { ERRAND_TRANSITIONS, mayAct, type ErrandAction } from './states.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type ErrandActionInput = {
  version?: number;
  reason?: string;
  note?: string;
  photoIds?: string[];
  rating?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  comment?: string;
};

const STEP_WORDS: Record<ErrandAction, string> = {
  accept: '已有人接单',
  decline: '未能受理',
  done: '已办好，请确认',
  confirm: '已确认',
  cancel: '已撤销',
};

/** What each action needs in its body: checked before anything is touched (400, nothing changed). */
function checkInput(action: ErrandAction, input: ErrandActionInput): void {
  const missing = (field: string, zh: string) =>
    new AppError('VALIDATION_FAILED', {
      detail: zh,
      detailEn: `${field} is required`,
      details: [{ path: field }],
    });
  if (action === 'decline' && !input.reason) throw missing('reason', '请填写不能受理的原因');
  if (action === 'done' && !input.note) throw missing('note', '请填写办理结果');
  if (action === 'confirm' && !input.rating) throw missing('rating', '请选择满意程度');
}

/**
 * One step of an errand: lock the row, 404 unless visible, 409 on a stale
 * version or a state the action cannot leave, 403 unless this caller may act,
 * then the change, its history row, the audit row (staff), notifications and —
 * for a part-time grid worker's finished errand — points. One transaction, so
 * of two accepts at once exactly one wins (the second sees 'accepted': 409).
 */
export async function actOnErrand(
  deps: ErrandDeps,
  actor: Actor,
  id: number,
  action: ErrandAction,
  input: ErrandActionInput,
  requestId: string,
) {
  checkInput(action, input);
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const visible = await repo.findErrand(tx, actor, id, now);
    if (!visible) throw new AppError('NOT_FOUND');
    const e = await repo.lockErrand(tx, visible.county_code, id);
    if (!e) throw new AppError('NOT_FOUND');
    if (input.version !== undefined && input.version !== e.version)
      throw new AppError('ERRAND_VERSION_CONFLICT');
    const t = ERRAND_TRANSITIONS[action];
    if (e.status !== t.from)
      throw new AppError('ERRAND_ILLEGAL_TRANSITION', {
        detail: `${e.status} → ${action}`,
        detailEn: `${e.status} → ${action}`,
      });
    if (!mayAct(actor, e, action)) throw new AppError('FORBIDDEN');

    const set: Updateable<Errand> = { status: t.to, version: e.version + 1, updated_at: now };
    let note: string | null = null;
    if (action === 'accept') Object.assign(set, { assignee_account_id: actor.accountId, accepted_at: now });
    if (action === 'decline')
      Object.assign(set, { decline_reason: (note = input.reason ?? null), closed_at: now });
    if (action === 'cancel') Object.assign(set, { closed_at: now });
    if (action === 'done') {
      await claimPhotos(
        tx,
        e.county_code,
        { column: 'errand_id', id: e.id },
        input.photoIds ?? [],
        actor.accountId,
        'after',
      );
      Object.assign(set, { result_note: (note = input.note ?? null), done_at: now });
    }
    if (action === 'confirm') {
      note = input.comment || null;
      Object.assign(set, { rating: input.rating, rating_comment: note, confirmed_at: now });
    }
    const updated = await tx
      .updateTable('errand')
      .set(set)
      .where('county_code', '=', e.county_code)
      .where('id', '=', e.id)
      .returning(['id', 'number', 'status', 'version'])
      .executeTakeFirstOrThrow();
    await recordErrandStep(tx, {
      countyCode: e.county_code,
      errandId: e.id,
      at: now,
      action,
      from: e.status,
      to: t.to,
      actor,
      note,
    });
    if (actor.role !== 'resident') {
      await recordAudit(tx, {
        actor,
        countyCode: e.county_code,
        action: `errand.${action}`,
        entityType: 'errand',
        entityId: e.id,
        before: { status: e.status },
        after: { status: t.to },
        requestId,
      });
    }
    if (action === 'done') {
      await awardPoints(tx, {
        countyCode: e.county_code,
        workerAccountId: actor.accountId,
        rule: 'errand_done',
        refType: 'errand',
        refId: e.id,
        at: now,
      });
    }
    // the requester hears of every step; the assignee hears the requester's rating
    const tell =
      action === 'confirm' && e.assignee_account_id ? [e.assignee_account_id] : [e.requester_account_id];
    await notify(tx, {
      countyCode: e.county_code,
      accountIds: tell.filter((a) => a !== actor.accountId),
      kind: `errand.${action}`,
      about: { type: 'errand', id: e.id },
      title: `代办 ${e.number}：${STEP_WORDS[action]}`,
      event: { number: e.number, state: t.to },
    });
    return updated as { id: number; number: string; status: typeof t.to; version: number };
  });
}
