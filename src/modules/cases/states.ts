import type { Role } from '../accounts/index.js';

/**
 * The case workflow (GB/T 30428's loop: 立案 → 派遣 → 处置 → 核查 → 结案 → 评价,
 * with the three-tier linkage of the seeds). Every transition is a named action
 * with the states it leaves from, the state it enters, and the roles that may take it.
 * Scope (which cases a role may touch) is checked separately in policy.ts.
 */
export const STATES = [
  'reported', // 已上报, awaiting filing
  'filed', // 已立案, held by a tier, awaiting dispatch or handling
  'dispatched', // 已派遣 to a department, awaiting acceptance
  'accepted', // 已签收, the department is handling it
  'handled', // 已处置, awaiting verification
  'closed', // 已结案
  'suspended', // 挂账
  'not_filed', // 不予立案
  'cancelled', // 已撤销
  'merged', // 已合并 (duplicate)
] as const;
export type CaseState = (typeof STATES)[number];

export const OPEN_STATES: readonly CaseState[] = [
  'reported',
  'filed',
  'dispatched',
  'accepted',
  'handled',
  'suspended',
];
export const TIERS = ['village', 'township', 'county'] as const;
export type Tier = (typeof TIERS)[number];

const STAFF_AT_TIER: Role[] = ['grid_worker', 'village_staff', 'township_centre', 'county_centre'];
const CENTRES: Role[] = ['township_centre', 'county_centre'];

type Transition = {
  from: readonly CaseState[];
  /** null: the state does not change (flags, deadlines, evaluation) */
  to: CaseState | null;
  roles: readonly Role[];
  reasonRequired?: boolean;
  afterPhotoRequired?: boolean;
};

export const TRANSITIONS = {
  file: { from: ['reported'], to: 'filed', roles: STAFF_AT_TIER },
  reject: { from: ['reported'], to: 'not_filed', roles: STAFF_AT_TIER, reasonRequired: true },
  cancel: { from: ['reported'], to: 'cancelled', roles: ['resident'] },
  merge: { from: ['reported', 'filed'], to: 'merged', roles: STAFF_AT_TIER },
  handle_on_spot: {
    from: ['reported', 'filed'],
    to: 'handled',
    roles: ['grid_worker', 'village_staff'],
    afterPhotoRequired: true,
  },
  escalate: {
    from: ['reported', 'filed'],
    to: 'filed',
    roles: ['grid_worker', 'village_staff', 'township_centre'],
    reasonRequired: true,
  },
  dispatch: { from: ['filed'], to: 'dispatched', roles: CENTRES },
  accept: { from: ['dispatched'], to: 'accepted', roles: ['department_staff'] },
  return: {
    from: ['dispatched', 'accepted'],
    to: 'filed',
    roles: ['department_staff'],
    reasonRequired: true,
  },
  handle: { from: ['accepted'], to: 'handled', roles: ['department_staff'], afterPhotoRequired: true },
  close: { from: ['handled'], to: 'closed', roles: STAFF_AT_TIER },
  /** 核查: the grid worker of the case's grid checks on site whether a handled case is fixed */
  verify: { from: ['handled'], to: null, roles: ['grid_worker'] },
  rework: { from: ['handled'], to: 'accepted', roles: STAFF_AT_TIER, reasonRequired: true },
  evaluate: { from: ['closed'], to: null, roles: ['resident'] },
  reopen: { from: ['closed'], to: 'filed', roles: ['resident'], reasonRequired: true },
  request_delay: {
    from: ['dispatched', 'accepted', 'filed'],
    to: null,
    roles: ['department_staff', 'village_staff', 'grid_worker'],
    reasonRequired: true,
  },
  decide_delay: { from: ['dispatched', 'accepted', 'filed'], to: null, roles: CENTRES },
  suspend: {
    from: ['filed', 'dispatched', 'accepted'],
    to: 'suspended',
    roles: CENTRES,
    reasonRequired: true,
  },
  resume: { from: ['suspended'], to: 'filed', roles: CENTRES },
  supervise: {
    from: ['reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended'],
    to: null,
    roles: CENTRES,
  },
  expedite: { from: ['reported', 'filed', 'dispatched', 'accepted'], to: null, roles: CENTRES },
} as const satisfies Record<string, Transition>;

export type CaseAction = keyof typeof TRANSITIONS;
export const ACTIONS = Object.keys(TRANSITIONS) as CaseAction[];

export function transitionFor(action: CaseAction): Transition {
  return TRANSITIONS[action];
}

/** Whether `action` may leave `state` at all (independent of who asks). */
export function allowedFrom(action: CaseAction, state: CaseState): boolean {
  return (TRANSITIONS[action].from as readonly CaseState[]).includes(state);
}

export const TIER_ORDER: Record<Tier, number> = { village: 0, township: 1, county: 2 };

/** The tier a role works at (for "a higher tier" checks); null for roles outside the chain. */
export function roleTier(role: Role): Tier | null {
  switch (role) {
    case 'grid_worker':
    case 'village_staff':
      return 'village';
    case 'township_centre':
      return 'township';
    case 'county_centre':
      return 'county';
    default:
      return null;
  }
}

/**
 * Steps whose note is a reply to the reporter (the handling result, the closing words, why it
 * was not filed or was cancelled or merged) or the reporter's own words. Every other note —
 * escalation and dispatch orders between offices, returns, rework, supervision, delays — is
 * internal and never reaches a resident.
 */
export const PUBLIC_NOTE_ACTIONS: ReadonlySet<string> = new Set([
  'report',
  'comment',
  'handle',
  'handle_on_spot',
  'close',
  'reject',
  'cancel',
  'merge',
  'evaluate',
  'reopen',
]);
