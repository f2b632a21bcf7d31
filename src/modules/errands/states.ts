import { inScope, type Actor } from '../accounts/index.js';

export const ERRAND_STATUSES = [
  'requested',
  'accepted',
  // 全程代办 relay (J13): at the township convenience platform, at the county approval centre,
  // back at the village proxy point with the result
  'at_township',
  'at_county',
  'returned',
  'done',
  'confirmed',
  'declined',
  'cancelled',
] as const;
export type ErrandStatus = (typeof ERRAND_STATUSES)[number];

export const ERRAND_ACTIONS = [
  'accept',
  'decline',
  'forward',
  'return',
  'done',
  'confirm',
  'cancel',
] as const;
export type ErrandAction = (typeof ERRAND_ACTIONS)[number];

export type Tier = 'village' | 'township' | 'county';
const TIER_RANK: Record<Tier, number> = { village: 0, township: 1, county: 2 };

/** The states each action may leave (the relay's further conditions are in `nextStatus`). */
export const ERRAND_FROM: Record<ErrandAction, readonly ErrandStatus[]> = {
  accept: ['requested'],
  decline: ['requested'],
  cancel: ['requested'],
  forward: ['accepted', 'at_township'],
  return: ['at_township', 'at_county'],
  done: ['accepted', 'returned'],
  confirm: ['done'],
};

/** The states in which a relay item is at a tier with a time limit. */
export const RELAY_OPEN: readonly ErrandStatus[] = ['accepted', 'at_township', 'at_county', 'returned'];

/** Where a relay item is: the tier holding it in each open state. */
export const TIER_OF: Partial<Record<ErrandStatus, Tier>> = {
  accepted: 'village',
  at_township: 'township',
  at_county: 'county',
  returned: 'village',
};

type ErrandFacts = {
  status: string;
  grid_path: string;
  requester_account_id: number;
  assignee_account_id: number | null;
  /** where the service item is finally handled (village: no relay) */
  handled_at: string;
};

/**
 * The state an action reaches from the errand's state, or null when the action may not leave it
 * now (409). The relay goes one tier at a time: village → township (→ county) to the item's
 * handling tier, which returns the result to the village; the village marks it done (handed over).
 * An item handled at the village is done straight after it was accepted.
 */
export function nextStatus(
  e: Pick<ErrandFacts, 'status' | 'handled_at'>,
  action: ErrandAction,
): ErrandStatus | null {
  if (!(ERRAND_FROM[action] as readonly string[]).includes(e.status)) return null;
  const handling = TIER_RANK[e.handled_at as Tier] ?? 0;
  switch (action) {
    case 'accept':
      return 'accepted';
    case 'decline':
      return 'declined';
    case 'cancel':
      return 'cancelled';
    case 'confirm':
      return 'confirmed';
    case 'forward':
      if (e.status === 'accepted') return handling >= 1 ? 'at_township' : null;
      return handling >= 2 ? 'at_county' : null;
    case 'return': {
      const here = TIER_RANK[TIER_OF[e.status as ErrandStatus]!];
      return here === handling ? 'returned' : null;
    }
    case 'done':
      // a relay item is done only once its result is back at the village
      return e.status === 'returned' || handling === 0 ? 'done' : null;
  }
}

/** Staff who take errands: the grid's workers, the village's staff, the township's centre. */
const HANDLER_ROLES = ['grid_worker', 'village_staff', 'township_centre'] as const;
/** Who acts for each tier of the relay. */
const TIER_ROLES: Record<Tier, readonly string[]> = {
  village: ['grid_worker', 'village_staff'],
  township: ['township_centre'],
  county: ['county_centre'],
};

const isHandler = (actor: Actor, e: ErrandFacts) =>
  (HANDLER_ROLES as readonly string[]).includes(actor.role) && inScope(actor, e.grid_path);
const tierStaff = (actor: Actor, e: ErrandFacts) => {
  const tier = TIER_OF[e.status as ErrandStatus];
  return tier !== undefined && TIER_ROLES[tier].includes(actor.role) && inScope(actor, e.grid_path);
};

/**
 * Whether the actor may take `action` on the errand (role, place and relation;
 * the state is checked separately, after, so that a wrong state answers 409).
 * Only the requester confirms or cancels; only the assignee marks it done. An in-service party
 * member takes a micro-errand near home (the repository shows them only those) like a handler.
 */
export function mayAct(actor: Actor, e: ErrandFacts, action: ErrandAction): boolean {
  switch (action) {
    case 'cancel':
    case 'confirm':
      return e.requester_account_id === actor.accountId;
    case 'accept':
      return isHandler(actor, e) || (actor.role === 'in_service_member' && inScope(actor, e.grid_path));
    case 'decline':
      return isHandler(actor, e);
    case 'forward':
    case 'return':
      // the tier holding the item passes it on; at the village, also the one who took it in
      return tierStaff(actor, e) || (e.status === 'accepted' && e.assignee_account_id === actor.accountId);
    case 'done':
      // the assignee's step; before anyone took it, a handler here is refused for the state (409), not as a stranger
      if (e.assignee_account_id !== null)
        return (
          e.assignee_account_id === actor.accountId ||
          (e.status === 'returned' && actor.role === 'village_staff' && inScope(actor, e.grid_path))
        );
      return isHandler(actor, e);
  }
}

/** Whether the errand's status lets the action leave it now (409 when not). */
export function allowedNow(e: Pick<ErrandFacts, 'status' | 'handled_at'>, action: ErrandAction): boolean {
  return nextStatus(e, action) !== null;
}

/** What the caller may do now: sent with every errand so screens show only these. */
export function actionsFor(actor: Actor, e: ErrandFacts): ErrandAction[] {
  return ERRAND_ACTIONS.filter((a) => allowedNow(e, a) && mayAct(actor, e, a));
}

/** Only the assignee or the village's staff (in scope) may see the full contact phone. */
export function mayRevealPhone(actor: Actor, e: Omit<ErrandFacts, 'handled_at'>): boolean {
  if (e.assignee_account_id === actor.accountId) return true;
  return actor.role === 'village_staff' && inScope(actor, e.grid_path);
}
