import { inScope, type Actor } from '../accounts/index.js';
import { can } from './abilities.js';
import type { LimitKind } from './limits.js';

export const PETITION_STATES = [
  'registered',
  'accepted',
  'answered',
  'review_requested',
  'reviewed',
  'rereview_requested',
  'rereviewed',
  'not_accepted',
  'on_spot',
  'to_case',
  'to_dispute',
  'referred',
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

export const PETITION_ACTIONS = [
  'answer_on_spot',
  'accept',
  'not_accept',
  'to_case',
  'to_dispute',
  'refer',
  'extend',
  'answer',
  'request_review',
  'decide_review',
  'request_rereview',
  'decide_rereview',
] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/** Each action: the state it leaves, the state it reaches, and the limit that runs from then on. */
export const TRANSITIONS: Record<
  PetitionAction,
  { from: PetitionState; to: PetitionState; next: LimitKind | null | 'keep' }
> = {
  answer_on_spot: { from: 'registered', to: 'on_spot', next: null },
  accept: { from: 'registered', to: 'accepted', next: 'finish' },
  not_accept: { from: 'registered', to: 'not_accepted', next: null },
  to_case: { from: 'registered', to: 'to_case', next: null },
  to_dispute: { from: 'registered', to: 'to_dispute', next: null },
  refer: { from: 'registered', to: 'referred', next: null },
  extend: { from: 'accepted', to: 'accepted', next: 'keep' },
  answer: { from: 'accepted', to: 'answered', next: 'review_request' },
  request_review: { from: 'answered', to: 'review_requested', next: 'review_decide' },
  decide_review: { from: 'review_requested', to: 'reviewed', next: 'rereview_request' },
  request_rereview: { from: 'reviewed', to: 'rereview_requested', next: 'rereview_decide' },
  decide_rereview: { from: 'rereview_requested', to: 'rereviewed', next: null },
};

/** States in which the matter counts as solved: answered on the spot or answered by the office. */
export const SOLVED_STATES: readonly PetitionState[] = ['on_spot', 'answered', 'reviewed', 'rereviewed'];

/** The petitioner's requests, which the village staff may record for a villager they represent. */
const PETITIONER_ACTIONS: readonly PetitionAction[] = ['request_review', 'request_rereview'];

type PetitionFacts = { state: string; region_path: string; channel: string };

/**
 * Whether the caller may take the action (role and place; the state is checked after, 409).
 * The petition office (township or county centre) takes every step; the village's staff, who
 * registered a villager's matter as their agent, also pass on the villager's requests for review.
 */
export function mayAct(actor: Actor, p: PetitionFacts, action: PetitionAction): boolean {
  if (!inScope(actor, p.region_path)) return false;
  if (can(actor, 'petitions.handle')) return true;
  return can(actor, 'petitions.agency') && p.channel === 'agency' && PETITIONER_ACTIONS.includes(action);
}

export function allowedNow(p: Pick<PetitionFacts, 'state'>, action: PetitionAction): boolean {
  return TRANSITIONS[action].from === p.state;
}

/** What the caller may do now: sent with every petition so screens offer only these. */
export function actionsFor(
  actor: Actor,
  p: PetitionFacts & { extended_days: number | null },
): PetitionAction[] {
  return PETITION_ACTIONS.filter(
    (a) => allowedNow(p, a) && mayAct(actor, p, a) && !(a === 'extend' && p.extended_days !== null),
  );
}
