import { type Actor, inScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import {
  ACTIONS,
  allowedFrom,
  roleTier,
  TIER_ORDER,
  TRANSITIONS,
  type CaseAction,
  type CaseState,
  type Tier,
} from './states.js';

export type CaseForPolicy = {
  state: string;
  tier: string;
  holder_code: string;
  grid_code: string;
  department_id: number | null;
  reporter_account_id: number | null;
  evaluation: string | null;
  reopen_count: number;
  pending_delay: unknown;
};

/** The caller, as the policy needs it: the actor plus the department they work in. */
export type CaseActor = Actor & { departmentId: number | null };

/**
 * Whether the actor is the one who may take `action` on this case now:
 * the right role, the case in the state the action leaves from, and the actor
 * standing where the case is held (its tier, its department, its reporter).
 */
export function canAct(actor: CaseActor, c: CaseForPolicy, action: CaseAction): boolean {
  const t = TRANSITIONS[action];
  if (!(t.roles as readonly string[]).includes(actor.role)) return false;
  if (!allowedFrom(action, c.state as CaseState)) return false;
  const tier = c.tier as Tier;
  // a grid worker holds the village-tier cases of their grid; centres and village staff those of their node
  const place = actor.role === 'grid_worker' ? c.grid_code : c.holder_code;
  const holds = inScope(actor, pathOf(place)) && roleTier(actor.role) === tier;
  switch (action) {
    case 'cancel':
    case 'evaluate':
      return c.reporter_account_id === actor.accountId && (action !== 'evaluate' || c.evaluation === null);
    case 'reopen':
      return (
        c.reporter_account_id === actor.accountId && c.evaluation === 'dissatisfied' && c.reopen_count === 0
      );
    case 'accept':
    case 'return':
    case 'handle':
      return actor.departmentId !== null && c.department_id === actor.departmentId;
    case 'request_delay':
      if (actor.role === 'department_staff')
        return actor.departmentId !== null && c.department_id === actor.departmentId && !c.pending_delay;
      return holds && !c.pending_delay;
    case 'decide_delay':
      return holds && !!c.pending_delay;
    case 'supervise':
    case 'expedite': {
      // a higher tier urges a lower one, inside its own scope
      const mine = roleTier(actor.role);
      return mine !== null && TIER_ORDER[mine] > TIER_ORDER[tier] && inScope(actor, pathOf(c.grid_code));
    }
    case 'escalate':
      return holds && tier !== 'county';
    case 'close':
    case 'rework':
      // verification: the tier that holds the case (its grid worker or centre), never the handler itself
      return holds;
    default:
      return holds;
  }
}

/** Every action the actor may take on the case now (sent with each case so the UI offers only these). */
export function actionsFor(actor: CaseActor, c: CaseForPolicy): CaseAction[] {
  return ACTIONS.filter((a) => canAct(actor, c, a));
}
