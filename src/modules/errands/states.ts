import { inScope, type Actor } from '../accounts/index.js';

export const ERRAND_STATUSES = [
  'requested',
  'accepted',
  'done',
  'confirmed',
  'declined',
  'cancelled',
] as const;
export type ErrandStatus = (typeof ERRAND_STATUSES)[number];

export const ERRAND_ACTIONS = ['accept', 'decline', 'done', 'confirm', 'cancel'] as const;
export type ErrandAction = (typeof ERRAND_ACTIONS)[number];

/** Each action: the one state it leaves and the state it reaches. */
export const ERRAND_TRANSITIONS: Record<ErrandAction, { from: ErrandStatus; to: ErrandStatus }> = {
  accept: { from: 'requested', to: 'accepted' },
  decline: { from: 'requested', to: 'declined' },
  cancel: { from: 'requested', to: 'cancelled' },
  done: { from: 'accepted', to: 'done' },
  confirm: { from: 'done', to: 'confirmed' },
};

/** Staff who take errands: the grid's workers, the village's staff, the township's centre. */
const HANDLER_ROLES = ['grid_worker', 'village_staff', 'township_centre'] as const;

type ErrandFacts = {
  status: string;
  grid_path: string;
  requester_account_id: number;
  assignee_account_id: number | null;
};

/**
 * Whether the actor may take `action` on the errand (role, place and relation;
 * the state is checked separately, after, so that a wrong state answers 409).
 * Only the requester confirms or cancels; only the assignee marks it done.
 */
export function mayAct(actor: Actor, e: ErrandFacts, action: ErrandAction): boolean {
  switch (action) {
    case 'cancel':
    case 'confirm':
      return e.requester_account_id === actor.accountId;
    case 'accept':
    case 'decline':
      return (HANDLER_ROLES as readonly string[]).includes(actor.role) && inScope(actor, e.grid_path);
    case 'done':
      // the assignee's step; before anyone took it, a handler here is refused for the state (409), not as a stranger
      if (e.assignee_account_id !== null) return e.assignee_account_id === actor.accountId;
      return (HANDLER_ROLES as readonly string[]).includes(actor.role) && inScope(actor, e.grid_path);
  }
}

/** Whether the errand's status lets the action leave it now (409 when not). */
export function allowedNow(e: Pick<ErrandFacts, 'status'>, action: ErrandAction): boolean {
  return ERRAND_TRANSITIONS[action].from === e.status;
}

/** What the caller may do now: sent with every errand so screens show only these. */
export function actionsFor(actor: Actor, e: ErrandFacts): ErrandAction[] {
  return ERRAND_ACTIONS.filter((a) => allowedNow(e, a) && mayAct(actor, e, a));
}

/** Only the assignee or the village's staff (in scope) may see the full contact phone. */
export function mayRevealPhone(actor: Actor, e: ErrandFacts): boolean {
  if (e.assignee_account_id === actor.accountId) return true;
  return actor.role === 'village_staff' && inScope(actor, e.grid_path);
}
