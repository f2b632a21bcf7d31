import './errors.js'; // registers this module's codes (ADR 0005)
import { AppError, type ErrorCode } from '../../platform/errors.js';
import { can } from './abilities.js';
import type { Actor } from '../accounts/index.js';

/**
 * The wish workflow (微心愿, J10): collected → reviewed → claimed → fulfilled →
 * thanked. Every step is a named action; `refusal` says whether the caller
 * may take it at all (403, who) and `stateConflict` whether now (409, when). Scope — whether the caller sees
 * the wish at all — is settled before, by the repository (404).
 */
export const WISH_STATUSES = [
  'submitted',
  'published',
  'claimed',
  'fulfilled',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_ACTIONS = ['publish', 'reject', 'withdraw', 'claim', 'unclaim', 'fulfil', 'close'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

export const BENEFICIARY_KINDS = [
  'elderly_alone',
  'left_behind_child',
  'sick',
  'disabled',
  'poverty',
  'other',
] as const;
export const CLAIMER_KINDS = ['party_org', 'paired_unit', 'deputy', 'in_service_member', 'cadre'] as const;

/** What the rules need to know about a wish and the caller's relation to it. */
export type WishForPolicy = {
  status: string;
  requester_account_id: number | null;
  activeClaims: number;
  /** the caller holds an active claim on it */
  claimedByMe: boolean;
};

const FROM: Record<WishAction, readonly WishStatus[]> = {
  publish: ['submitted'],
  reject: ['submitted'],
  withdraw: ['submitted', 'published'],
  claim: ['published'],
  unclaim: ['published', 'claimed'],
  fulfil: ['claimed'],
  close: ['fulfilled'],
};

function mayTake(actor: Actor, w: WishForPolicy, action: WishAction): boolean {
  const mine = w.requester_account_id === actor.accountId;
  switch (action) {
    case 'publish':
    case 'reject':
      return can(actor, 'wishes.review');
    case 'withdraw':
      return mine;
    case 'claim':
      return can(actor, 'wishes.claim');
    case 'unclaim':
    case 'fulfil':
      return w.claimedByMe;
    case 'close':
      return mine || can(actor, 'wishes.review');
  }
}

/** Why the caller may never take the action here (403), or null: who they are, never the status. */
export function refusal(actor: Actor, w: WishForPolicy, action: WishAction): ErrorCode | null {
  if (mayTake(actor, w, action)) return null;
  return action === 'unclaim' || action === 'fulfil' ? 'WISH_NOT_YOUR_CLAIM' : 'FORBIDDEN';
}

/** Why the wish's status does not allow the action now (409), or null. */
export function stateConflict(w: WishForPolicy, action: WishAction): AppError | null {
  if (!(FROM[action] as readonly string[]).includes(w.status))
    return new AppError('WISH_ILLEGAL_TRANSITION', {
      detail: `当前状态：${w.status}`,
      detailEn: `current status: ${w.status}`,
    });
  if (action === 'withdraw' && w.activeClaims > 0) return new AppError('WISH_HAS_CLAIMS');
  if (action === 'claim' && w.claimedByMe) return new AppError('WISH_ALREADY_CLAIMED_BY_YOU');
  return null;
}

/** The actions the caller may take now (sent with the wish, so screens offer only these). */
export function actionsFor(actor: Actor, w: WishForPolicy): WishAction[] {
  return WISH_ACTIONS.filter((a) => refusal(actor, w, a) === null && stateConflict(w, a) === null);
}
