import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { Wish } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import type { Actor } from '../accounts/index.js';
import { recordServiceHours } from '../inservice/index.js';
import { awardPoints } from '../points/index.js';
import { insertWishStep } from './history.js';
import { findWish, type WishRow } from './repository.js';
import type { WishActionBodies, WishActionInput } from './schemas.js';
import { claimPhotos } from '../photos/index.js';
import { type WishAction, type WishStatus, refusal, stateConflict } from './states.js';
import { runStep, type Workflow } from '../workflow/index.js';

type ActiveClaim = { id: number; claimer_account_id: number; claimer_name: string };
/** The locked wish with its active claims (the lock on the wish makes the count exact). */
type LockedWish = WishRow & { active: ActiveClaim[] };
type Ctx<A extends WishAction = WishAction> = {
  tx: Tx;
  actor: Actor;
  w: WishRow;
  active: ActiveClaim[];
  body: WishActionBodies[A];
  now: Date;
};
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

const STEPS: { [A in WishAction]: (c: Ctx<A>) => Promise<Outcome> } = {
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
    const claimerName = body.claimerName ?? actor.displayName;
    // an in-service party member always claims as one (their hours are counted as such)
    const claimerKind = actor.role === 'in_service_member' ? 'in_service_member' : body.claimerKind;
    await tx
      .insertInto('wish_claim')
      .values({
        county_code: w.county_code,
        wish_id: w.id,
        claimer_account_id: actor.accountId,
        claimer_name: claimerName,
        claimer_kind: claimerKind,
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
    // an in-service party member's hours are recorded with the fulfilment (same transaction)
    if (actor.role === 'in_service_member') {
      if (body.hours === undefined) throw new AppError('SERVICE_HOURS_REQUIRED');
      await recordServiceHours(tx, {
        countyCode: w.county_code,
        accountId: actor.accountId,
        wishId: w.id,
        hours: body.hours,
        at: c.now,
      });
    }
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

const forPolicy = (actor: Actor, w: LockedWish) => ({
  status: w.status,
  requester_account_id: w.requester_account_id,
  activeClaims: w.active.length,
  claimedByMe: w.active.some((a) => a.claimer_account_id === actor.accountId),
});

type WishResult = { id: number; number: string; status: WishStatus; version: number };

/** The wish workflow as the runner drives it. */
const wishWorkflow: Workflow<LockedWish, WishAction, WishActionInput, WishResult, null> = {
  subject: 'wish',
  versionConflict: 'WISH_VERSION_CONFLICT',
  async lock(tx, actor, id) {
    const w = await findWish(tx, actor, id, true);
    if (!w) return undefined;
    const active = await tx
      .selectFrom('wish_claim')
      .select(['id', 'claimer_account_id', 'claimer_name'])
      .where('county_code', '=', w.county_code)
      .where('wish_id', '=', w.id)
      .where('status', '=', 'active')
      .execute();
    return { ...w, active };
  },
  stateOf: (w) => w.status,
  forbidden: ({ actor, row, action }) => {
    const code = refusal(actor, forPolicy(actor, row), action);
    return code ? new AppError(code) : null;
  },
  illegal: ({ actor, row, action }) => stateConflict(forPolicy(actor, row), action),
  async apply({ tx, actor, row: w, input, now }) {
    const step = STEPS[input.action] as (c: Ctx) => Promise<Outcome>;
    const out = await step({ tx, actor, w, active: w.active, body: input, now });
    const row = await tx
      .updateTable('wish')
      .set({ ...out.set, status: out.to, updated_at: now, version: w.version + 1 })
      .where('county_code', '=', w.county_code)
      .where('id', '=', w.id)
      .returning(['id', 'number', 'status', 'version'])
      .executeTakeFirstOrThrow();
    return {
      toState: out.to,
      note: out.note ?? null,
      actorName: out.actorName,
      extra: null,
      notice: {
        accountIds: out.tell,
        kind: `wish.${input.action}`,
        about: { type: 'wish', id: w.id },
        title: out.title,
        event: { number: w.number, state: out.to },
      },
      result: { ...row, status: row.status as WishStatus },
    };
  },
  log: (tx, s) =>
    insertWishStep(tx, {
      countyCode: s.row.county_code,
      wishId: s.row.id,
      at: s.at,
      action: s.action,
      fromStatus: s.fromState,
      toStatus: s.toState,
      actor: s.actor,
      actorName: s.actorName,
      note: s.note,
    }),
};

/** One step of a wish's life through the workflow runner: lock, 404, 403, 409, change, timeline, audit, notices. */
export async function performWishAction(
  db: Db,
  now: Date,
  actor: Actor,
  id: number,
  input: WishActionInput,
  requestId?: string,
) {
  return runStep(db, wishWorkflow, actor, id, input.action, input, { now, requestId });
}
