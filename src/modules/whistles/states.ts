import { inScope, type Actor } from '../accounts/index.js';
import { can } from './abilities.js';

export const WHISTLE_STATES = ['raised', 'answered', 'confirmed'] as const;
export type WhistleState = (typeof WHISTLE_STATES)[number];

/**
 * There is no "return": a department that is not the one to answer may only hand the request on,
 * with a reason, to the department that should answer (部门必应).
 */
export const WHISTLE_ACTIONS = ['hand_on', 'answer', 'confirm', 'reopen', 'direct'] as const;
export type WhistleAction = (typeof WHISTLE_ACTIONS)[number];

/**
 * Each action: the state it leaves, the state it reaches, and what becomes of the clock —
 * `keep`: the limit runs on (handing on buys no time); `restart`: a new limit from now.
 */
export const WHISTLE_TRANSITIONS: Record<
  WhistleAction,
  { from: WhistleState; to: WhistleState; clock: 'keep' | 'restart' | 'stop' }
> = {
  hand_on: { from: 'raised', to: 'raised', clock: 'keep' },
  answer: { from: 'raised', to: 'answered', clock: 'stop' },
  confirm: { from: 'answered', to: 'confirmed', clock: 'stop' },
  reopen: { from: 'answered', to: 'raised', clock: 'restart' },
  direct: { from: 'raised', to: 'raised', clock: 'restart' },
};

/** The caller with what the rules need besides the account: the department they work in. */
export type WhistleActor = Actor & { departmentId: number | null };

export type WhistleFacts = {
  state: string;
  region_path: string;
  raised_by: number;
  department_id: number;
  follow_account_id: number | null;
};

/** The raising side: the raiser, staff over the raising place, or the enterprise's helping cadre. */
export function onRaisingSide(actor: WhistleActor, w: WhistleFacts): boolean {
  if (actor.accountId === w.raised_by || actor.accountId === w.follow_account_id) return true;
  return can(actor, 'whistles.raise') && inScope(actor, w.region_path);
}

/** Whether the caller may take the action (role, place, department; the state is checked after: 409). */
export function mayAct(actor: WhistleActor, w: WhistleFacts, action: WhistleAction): boolean {
  switch (action) {
    case 'hand_on':
    case 'answer':
      return can(actor, 'whistles.answer') && actor.departmentId === w.department_id;
    case 'confirm':
    case 'reopen':
      return onRaisingSide(actor, w);
    case 'direct':
      return can(actor, 'whistles.direct') && inScope(actor, w.region_path);
  }
}

export const allowedNow = (w: Pick<WhistleFacts, 'state'>, action: WhistleAction): boolean =>
  WHISTLE_TRANSITIONS[action].from === w.state;

/** What the caller may do now: sent with every request so screens offer only these. */
export const actionsFor = (actor: WhistleActor, w: WhistleFacts): WhistleAction[] =>
  WHISTLE_ACTIONS.filter((a) => allowedNow(w, a) && mayAct(actor, w, a));
