import type { Actor } from '../accounts/index.js';
import type { listWishes, WishRow } from './repository.js';
import { photoLinks, photosOf } from '../photos/index.js';
import { wishClaims, wishHistory } from './repository.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { actionsFor } from './states.js';

type ListRow = Awaited<ReturnType<typeof listWishes>>['items'][number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A wish hangs on the village's wall: its texts are read by everyone there, so phone and ID
 * numbers typed into them are masked for all but the one who made the wish.
 */
const wishText = (r: { requester_account_id: number | null }, actor: Actor) =>
  r.requester_account_id === actor.accountId ? (v: string) => v : maskPiiText;
const maybe = (text: (v: string) => string, v: string | null) => (v === null ? null : text(v));

/** The list item; the same shape heads the detail. Who it is for appears only as the public name ("王奶奶"). */
export function toWishItem(
  r: Omit<ListRow, 'active_claims' | 'claimer_names'>,
  activeClaims: number,
  claimerNames: string[],
  actor: Actor,
) {
  const text = wishText(r, actor);
  return {
    id: r.id,
    number: r.number,
    gridCode: r.grid_code,
    gridName: r.grid_name,
    beneficiary: r.beneficiary,
    beneficiaryKind: r.beneficiary_kind as never,
    title: text(r.title),
    source: r.source as never,
    status: r.status as never,
    maxClaimers: r.max_claimers,
    activeClaims,
    claimerNames,
    mine: r.requester_account_id === actor.accountId,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function toWishDetail(db: DbOrTx, actor: Actor, w: WishRow) {
  const [claims, history, photos] = await Promise.all([
    wishClaims(db, w.county_code, w.id),
    wishHistory(db, w.county_code, w.id),
    photosOf(db, w.county_code, 'wish_id', w.id),
  ]);
  const active = claims.filter((c) => c.status === 'active');
  const text = wishText(w, actor);
  return {
    ...toWishItem(
      w,
      active.length,
      active.map((c) => c.claimer_name),
      actor,
    ),
    detail: text(w.detail),
    householdId: actor.role === 'resident' ? null : w.household_id,
    rejectReason: maybe(text, w.reject_reason),
    fulfilNote: maybe(text, w.fulfil_note),
    thanksNote: maybe(text, w.thanks_note),
    publishedAt: iso(w.published_at),
    claimedAt: iso(w.claimed_at),
    fulfilledAt: iso(w.fulfilled_at),
    closedAt: iso(w.closed_at),
    claims: claims.map((c) => ({
      id: c.id,
      claimerName: c.claimer_name,
      claimerKind: c.claimer_kind as never,
      note: c.claimer_account_id === actor.accountId ? c.note : maybe(maskPiiText, c.note),
      status: c.status as never,
      mine: c.claimer_account_id === actor.accountId,
      createdAt: c.created_at.toISOString(),
    })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      actorName: h.actor_name,
      note: maybe(text, h.note),
    })),
    photos: photos.map((p) => ({
      ...photoLinks(p.id),
      width: p.width,
      height: p.height,
    })),
    actions: actionsFor(actor, {
      status: w.status,
      requester_account_id: w.requester_account_id,
      activeClaims: active.length,
      claimedByMe: active.some((c) => c.claimer_account_id === actor.accountId),
    }),
  };
}
