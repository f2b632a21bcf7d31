import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { Wish } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { notify } from '../notify/index.js';
import { awardPoints } from '../points/index.js';
import { recordWishStep } from './history.js';
import { findWish, type WishRow } from './repository.js';
import type { ActionBody } from './schemas.js';
import { claimPhotos } from '../photos/index.js';
import { checkAction, type WishAction, type WishStatus } from './states.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type ActiveClaim = { id: number; claimer_account_id: number; claimer_name: string };
type Ctx = { tx: Tx; actor: Actor; w: WishRow; active: ActiveClaim[]; body: ActionBody; now: Date };
/** What one action changes: the new status, more columns, the timeline note, whom to tell and what. */
type Outcome = {
  to: WishStatus;
  set?: Updateable<Wish>;
  note?: string | null;
  actorName?: string;
  tell: number[];
  title: string;
};

const requester = (w: WishRow) => (w.requester_account_id === null ? [] : [w.requester_account_id]);
const claimers = (c: Ctx) => c.active.map((a) => a.claimer_account_id);
/** On the timeline a claimer appears as the unit they claimed for ("县委组织部机关党支部"), not the account. */
const myClaimName = (c: Ctx) =>
  c.active.find((a) => a.claimer_account_id === c.actor.accountId)?.claimer_name;

const STEPS: Record<WishAction, (c: Ctx) => Promise<Outcome>> = {
  async publish({ tx, w, body, now }) {
    // a wish collected on a visit is recognised work of the grid worker who collected it (J4)
    if (w.source === 'visit' && w.requester_account_id !== null) {
      await awardPoints(tx, {
        countyCode: w.county_code,
        workerAccountId: w.requester_account_id,
        rule: 'wish_collected',
        refType: 'wish',
        refId: w.id,
        at: now,
      });
    }
    return {
      to: 'published',
      set: { published_at: now, max_claimers: body.maxClaimers ?? w.max_claimers },
      tell: requester(w),
      title: `您的微心愿已发布，等待爱心认领：${w.title}`,
    };
  },
  async reject({ w, body }) {
    if (!body.reason || body.reason.length < 2) throw new AppError('REASON_REQUIRED');
    return {
      to: 'rejected',
      set: { reject_reason: body.reason },
      note: body.reason,
      tell: requester(w),
      title: `您的微心愿未通过审核：${body.reason}`,
    };
  },
  async withdraw({ w }) {
    return { to: 'withdrawn', tell: [], title: `微心愿已撤回：${w.title}` };
  },
  async claim(c) {
    const { tx, w, body, actor, now, active } = c;
    if (!body.claimerKind)
      throw new AppError('VALIDATION_FAILED', {
        detail: '请选择认领方类型',
        detailEn: 'claimerKind is required',
      });
    const claimerName = body.claimerName ?? actor.displayName;
    await tx
      .insertInto('wish_claim')
      .values({
        county_code: w.county_code,
        wish_id: w.id,
        claimer_account_id: actor.accountId,
        claimer_name: claimerName,
        claimer_kind: body.claimerKind,
        note: body.note ?? null,
        created_at: now,
      })
      .execute();
    // the row lock on the wish makes this count exact: the last free place turns it into "claimed"
    const full = active.length + 1 >= w.max_claimers;
    return {
      to: full ? 'claimed' : 'published',
      set: full ? { claimed_at: now } : {},
      note: body.note ?? null,
      actorName: claimerName,
      tell: requester(w),
      title: `${claimerName}认领了您的微心愿：${w.title}`,
    };
  },
  async unclaim(c) {
    const { tx, w, actor } = c;
    await tx
      .updateTable('wish_claim')
      .set({ status: 'withdrawn' })
      .where('county_code', '=', w.county_code)
      .where('wish_id', '=', w.id)
      .where('claimer_account_id', '=', actor.accountId)
      .where('status', '=', 'active')
      .execute();
    return {
      to: 'published',
      set: { claimed_at: null },
      actorName: myClaimName(c),
      tell: requester(w),
      title: `认领方退出了微心愿，等待新的认领：${w.title}`,
    };
  },
  async fulfil(c) {
    const { tx, w, body, actor } = c;
    if (!body.note || body.note.length < 2)
      throw new AppError('VALIDATION_FAILED', {
        detail: '请说明心愿如何实现',
        detailEn: 'a note on how the wish was fulfilled is required',
      });
    // only photos this account uploaded and nothing else uses yet
    await claimPhotos(
      tx,
      w.county_code,
      { column: 'wish_id', id: w.id },
      body.photoIds ?? [],
      actor.accountId,
      'after',
    );
    const others = claimers(c).filter((id) => id !== actor.accountId);
    return {
      to: 'fulfilled',
      set: { fulfilled_at: c.now, fulfil_note: body.note },
      note: body.note,
      actorName: myClaimName(c),
      tell: [...requester(w), ...others],
      title: `微心愿已实现：${w.title}`,
    };
  },
  async close(c) {
    const { w, body, actor, now } = c;
    const thanks = body.thanksNote || null;
    const tell = [...claimers(c), ...requester(w)].filter((id) => id !== actor.accountId);
    return {
      to: 'closed',
      set: { closed_at: now, thanks_note: thanks },
      note: thanks,
      tell,
      title: thanks ? `${w.beneficiary}说：${thanks}` : `微心愿已圆满完成：${w.title}`,
    };
  },
};

/** One step of a wish's life, in one transaction: lock, check, change, timeline, audit, notices. */
export async function performWishAction(
  db: Db,
  now: Date,
  actor: Actor,
  id: number,
  action: WishAction,
  body: ActionBody,
  requestId?: string,
) {
  return db.transaction().execute(async (tx) => {
    const w = await findWish(tx, actor, id, true);
    if (!w) throw new AppError('NOT_FOUND');
    if (body.version !== undefined && body.version !== w.version) throw new AppError('WISH_VERSION_CONFLICT');
    const active = await tx
      .selectFrom('wish_claim')
      .select(['id', 'claimer_account_id', 'claimer_name'])
      .where('county_code', '=', w.county_code)
      .where('wish_id', '=', w.id)
      .where('status', '=', 'active')
      .execute();
    checkAction(
      actor,
      {
        status: w.status,
        requester_account_id: w.requester_account_id,
        activeClaims: active.length,
        claimedByMe: active.some((a) => a.claimer_account_id === actor.accountId),
      },
      action,
    );
    const out = await STEPS[action]({ tx, actor, w, active, body, now });
    const row = await tx
      .updateTable('wish')
      .set({ ...out.set, status: out.to, updated_at: now, version: w.version + 1 })
      .where('county_code', '=', w.county_code)
      .where('id', '=', w.id)
      .returning(['id', 'number', 'status', 'version'])
      .executeTakeFirstOrThrow();
    await recordWishStep(
      tx,
      {
        countyCode: w.county_code,
        wishId: w.id,
        at: now,
        action,
        fromStatus: w.status,
        toStatus: out.to,
        actor,
        actorName: out.actorName,
        note: out.note,
      },
      requestId,
    );
    await notify(tx, {
      countyCode: w.county_code,
      accountIds: out.tell.filter((a) => a !== actor.accountId),
      kind: `wish.${action}`,
      about: { type: 'wish', id: w.id },
      title: out.title,
      event: { number: w.number, state: out.to },
    });
    return { ...row, status: row.status as WishStatus };
  });
}
