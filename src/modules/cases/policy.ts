import { type Actor, inScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import type { ErrorCode } from '../../platform/errors.js';
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
  /** who fixed it on the spot (awaiting or past the village's verification) */
  on_spot_by_account_id: number | null;
  /** when the grid worker last verified it on site (cleared when it is handled again) */
  verified_at: Date | null;
};

/** The caller, as the policy needs it: the actor plus the department they work in. */
export type CaseActor = Actor & { departmentId: number | null };

/** Filing steps (the report passes through another hand first) and verification steps. */
const FILING: readonly CaseAction[] = ['file', 'reject', 'merge', 'escalate'];
const VERIFYING: readonly CaseAction[] = ['close', 'rework', 'verify'];

/**
 * Why the actor may not take `action` on this case (403), or null: role, place
 * and relation only — never the state, which `stateConflict` answers (409) —
 * so a caller who may never act here hears 403 whatever state the case is in.
 * Separation of duties: a reporter never files, verifies or closes their own
 * report; a fix on the spot is verified by the village, never by its maker.
 */
export function refusal(actor: CaseActor, c: CaseForPolicy, action: CaseAction): ErrorCode | null {
  if (!(TRANSITIONS[action].roles as readonly string[]).includes(actor.role)) return 'FORBIDDEN';
  if (!placed(actor, c, action)) return 'FORBIDDEN';
  const reporter = c.reporter_account_id !== null && c.reporter_account_id === actor.accountId;
  if (reporter && (FILING.includes(action) || VERIFYING.includes(action))) return 'CASE_OWN_REPORT';
  if (VERIFYING.includes(action) && c.on_spot_by_account_id !== null) {
    if (c.on_spot_by_account_id === actor.accountId || actor.role !== 'village_staff') return 'CASE_OWN_FIX';
  }
  return null;
}

/** Whether the actor stands where the action is taken: the tier holding the case, its department, its reporter. */
function placed(actor: CaseActor, c: CaseForPolicy, action: CaseAction): boolean {
  const tier = c.tier as Tier;
  // a grid worker holds the village-tier cases of their grid; centres and village staff those of their node
  const place = actor.role === 'grid_worker' ? c.grid_code : c.holder_code;
  const holds = inScope(actor, pathOf(place)) && roleTier(actor.role) === tier;
  const ownDepartment = actor.departmentId !== null && c.department_id === actor.departmentId;
  switch (action) {
    case 'cancel':
    case 'evaluate':
    case 'reopen':
      return c.reporter_account_id === actor.accountId;
    case 'accept':
    case 'return':
    case 'handle':
      return ownDepartment;
    case 'request_delay':
      return actor.role === 'department_staff' ? ownDepartment : holds;
    case 'verify':
      // the grid's own worker, at whatever tier the case is held (the township asks them to look)
      return inScope(actor, pathOf(c.grid_code));
    case 'supervise':
    case 'expedite': {
      // a higher tier urges a lower one, inside its own scope
      const mine = roleTier(actor.role);
      return mine !== null && TIER_ORDER[mine] > TIER_ORDER[tier] && inScope(actor, pathOf(c.grid_code));
    }
    default:
      return holds;
  }
}

/** Why the case's state does not allow the action now (409), or null. */
export function stateConflict(
  c: CaseForPolicy,
  action: CaseAction,
): { code: ErrorCode; detail?: string } | null {
  if (!allowedFrom(action, c.state as CaseState))
    return { code: 'CASE_ILLEGAL_TRANSITION', detail: `${c.state} → ${action}` };
  switch (action) {
    case 'evaluate':
      return c.evaluation === null ? null : { code: 'CASE_ALREADY_EVALUATED' };
    case 'reopen':
      if (c.reopen_count > 0) return { code: 'CASE_REOPEN_LIMIT' };
      return c.evaluation === 'dissatisfied'
        ? null
        : { code: 'CASE_ILLEGAL_TRANSITION', detail: 'reopen follows a dissatisfied evaluation' };
    case 'escalate':
      return c.tier === 'county' ? { code: 'NO_HIGHER_TIER' } : null;
    case 'verify':
      return c.verified_at ? { code: 'CASE_ALREADY_VERIFIED' } : null;
    case 'request_delay':
      return c.pending_delay ? { code: 'CASE_DELAY_PENDING' } : null;
    case 'decide_delay':
      return c.pending_delay ? null : { code: 'CASE_NO_DELAY_PENDING' };
    default:
      return null;
  }
}

/** Whether the actor may take `action` on this case now: permitted here and legal in this state. */
export function canAct(actor: CaseActor, c: CaseForPolicy, action: CaseAction): boolean {
  return refusal(actor, c, action) === null && stateConflict(c, action) === null;
}

/** Every action the actor may take on the case now (sent with each case so the UI offers only these). */
export function actionsFor(actor: CaseActor, c: CaseForPolicy): CaseAction[] {
  return ACTIONS.filter((a) => canAct(actor, c, a));
}
