import './errors.js'; // registers this module's codes (ADR 0005)
import { AppError, type ErrorCode } from '../../platform/errors.js';
import type { Actor, Role } from '../accounts/index.js';
import type { Tier } from '../cases/index.js';

/**
 * The dispute workflow (矛盾纠纷, J2): a dispute is held at a tier (village → township → county).
 * The village settles it the same day or passes it up; the township centre assigns a lead office
 * with assisting offices; the county centre assigns a county department. Settled disputes get a
 * follow-up visit (回访): held → closed, broken → open again at the same tier.
 */
export const DISPUTE_STATES = ['open', 'assigned', 'settled', 'failed', 'closed'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];
export const OPEN_DISPUTE_STATES: readonly DisputeState[] = ['open', 'assigned'];

export const DISPUTE_ACTIONS = ['escalate', 'assign', 'settle', 'fail', 'follow_up'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];

export const DISPUTE_TYPES = [
  'neighbour',
  'family',
  'marriage',
  'land_homestead',
  'labour',
  'property',
  'compensation',
  'contract',
  'other',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RISK_SIGNS = [
  'threats',
  'crowd_gathering',
  'petition_risk',
  'violence',
  'self_harm',
  'repeated',
] as const;
export const TIERS = ['village', 'township', 'county'] as const;

/** The roles that hold a dispute at each tier. */
export const TIER_ROLES: Record<Tier, readonly Role[]> = {
  village: ['village_staff', 'grid_worker'],
  township: ['township_centre'],
  county: ['county_centre'],
};

/** What the rules need to know about a dispute and the caller's relation to it. */
export type DisputeForPolicy = {
  state: string;
  tier: Tier;
  /** the caller's department leads it (township lead office or the county department) */
  leadIsMine: boolean;
};

const FROM: Record<DisputeAction, readonly DisputeState[]> = {
  escalate: ['open', 'assigned'],
  assign: ['open', 'assigned'],
  settle: ['open', 'assigned'],
  fail: ['open', 'assigned'],
  follow_up: ['settled'],
};

const holds = (actor: Actor, d: DisputeForPolicy) => TIER_ROLES[d.tier].includes(actor.role);

/** Why the caller may never take the action here (403), or null: who and where, never the state. */
export function refusal(actor: Actor, d: DisputeForPolicy, action: DisputeAction): ErrorCode | null {
  switch (action) {
    case 'escalate':
      return holds(actor, d) ? null : 'DISPUTE_NOT_YOUR_TIER';
    case 'assign':
      // only a centre assigns; a village never assigns offices
      if (actor.role !== 'township_centre' && actor.role !== 'county_centre') return 'FORBIDDEN';
      return holds(actor, d) ? null : 'DISPUTE_NOT_YOUR_TIER';
    case 'settle':
    case 'fail':
      return holds(actor, d) || d.leadIsMine ? null : 'DISPUTE_NOT_YOUR_TIER';
    case 'follow_up':
      // the village visits the parties; the tier that settled it may too
      return TIER_ROLES.village.includes(actor.role) || holds(actor, d) || d.leadIsMine
        ? null
        : 'DISPUTE_NOT_YOUR_TIER';
  }
}

/** Why the dispute's state does not allow the action now (409), or null. */
export function stateConflict(d: DisputeForPolicy, action: DisputeAction): AppError | null {
  if (!(FROM[action] as readonly string[]).includes(d.state))
    return new AppError('DISPUTE_ILLEGAL_TRANSITION', {
      detail: `当前状态：${d.state}`,
      detailEn: `current state: ${d.state}`,
    });
  if (action === 'escalate' && d.tier === 'county') return new AppError('DISPUTE_TOP_TIER');
  if (action === 'assign' && d.tier === 'village')
    return new AppError('DISPUTE_ILLEGAL_TRANSITION', {
      detail: '村级纠纷不指派部门',
      detailEn: 'a village-tier dispute is not assigned',
    });
  return null;
}

/** The actions the caller may take now (sent with the dispute, so screens offer only these). */
export function actionsFor(actor: Actor, d: DisputeForPolicy): DisputeAction[] {
  if (actor.role === 'admin') return [];
  return DISPUTE_ACTIONS.filter((a) => refusal(actor, d, a) === null && stateConflict(d, a) === null);
}

export const NEXT_TIER: Record<Tier, Tier | null> = { village: 'township', township: 'county', county: null };
export const TIER_NAMES: Record<Tier, string> = { village: '村级', township: '乡镇级', county: '县级' };
/** Days after an agreement when the follow-up visit (回访) is due. */
export const FOLLOW_UP_DAYS = 15;
