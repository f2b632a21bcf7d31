import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { actionsFor, refusal, stateConflict, type CaseActor, type CaseForPolicy } from './policy.js';
import { ACTIONS, STATES, TRANSITIONS, type CaseAction, type Tier } from './states.js';

/** Unit tier: the case policy alone — pure, no database. Every action × every role × every tier. */
const C = '211221';
const T = '211221100';
const V = '211221100001';
const G = '211221100001001';
const ELSEWHERE = { T: '211221101', V: '211221101001', G: '211221101001001' };
const DEPT = 7;

const ID: Record<Role, number> = {
  resident: 1,
  grid_worker: 2,
  village_staff: 3,
  township_centre: 4,
  county_centre: 5,
  city_centre: 9,
  department_staff: 6,
  party_organiser: 7,
  admin: 8,
  in_service_member: 9,
};
const SCOPE: Record<Role, string> = {
  resident: G,
  grid_worker: G,
  village_staff: V,
  township_centre: T,
  county_centre: C,
  city_centre: C.slice(0, 4),
  department_staff: T,
  party_organiser: C,
  admin: C,
  in_service_member: V,
};
const actor = (role: Role): CaseActor => ({
  accountId: ID[role],
  username: role,
  displayName: role,
  role,
  scopeCode: SCOPE[role],
  scopePath: pathOf(SCOPE[role]),
  countyCode: role === 'city_centre' ? C.slice(0, 4) : C,
  sessionId: 1,
  departmentId: role === 'department_staff' ? DEPT : null,
});
const HOLDER: Record<Tier, string> = { village: V, township: T, county: C };

/** A case at `tier` of grid G, reported by the resident, dispatched to DEPT, in a state the action leaves. */
function caseFor(action: CaseAction, tier: Tier, over: Partial<CaseForPolicy> = {}): CaseForPolicy {
  return {
    state: TRANSITIONS[action].from[0],
    tier,
    holder_code: HOLDER[tier],
    grid_code: G,
    department_id: DEPT,
    reporter_account_id: ID.resident,
    evaluation: action === 'reopen' ? 'dissatisfied' : null,
    reopen_count: 0,
    pending_delay: action === 'decide_delay' ? { amount: 1, unit: 'workday', by: ID.department_staff } : null,
    on_spot_by_account_id: null,
    verified_at: null,
    ...over,
  };
}

const HOLDERS = [
  'grid_worker@village',
  'village_staff@village',
  'township_centre@township',
  'county_centre@county',
];
const CENTRES = ['township_centre@township', 'county_centre@county'];
const EVERY_TIER = (role: Role) => [`${role}@village`, `${role}@township`, `${role}@county`];

/** Who may take each action, as role@tier of the case, when the case is in their place. */
const MAY: Record<CaseAction, string[]> = {
  file: HOLDERS,
  reject: HOLDERS,
  merge: HOLDERS,
  cancel: EVERY_TIER('resident'),
  handle_on_spot: ['grid_worker@village', 'village_staff@village'],
  escalate: ['grid_worker@village', 'village_staff@village', 'township_centre@township'],
  dispatch: CENTRES,
  accept: EVERY_TIER('department_staff'),
  return: EVERY_TIER('department_staff'),
  handle: EVERY_TIER('department_staff'),
  close: HOLDERS,
  rework: HOLDERS,
  // 核查 on site: the grid's own worker, whichever tier holds the case
  verify: EVERY_TIER('grid_worker'),
  evaluate: EVERY_TIER('resident'),
  reopen: EVERY_TIER('resident'),
  request_delay: ['grid_worker@village', 'village_staff@village', ...EVERY_TIER('department_staff')],
  decide_delay: CENTRES,
  suspend: CENTRES,
  resume: CENTRES,
  supervise: ['township_centre@village', 'county_centre@village', 'county_centre@township'],
  expedite: ['township_centre@village', 'county_centre@village', 'county_centre@township'],
};

const TIERS: Tier[] = ['village', 'township', 'county'];
const table = ACTIONS.flatMap((action) =>
  ROLES.flatMap((role) =>
    TIERS.map((tier) => ({ action, role, tier, may: MAY[action].includes(`${role}@${tier}`) })),
  ),
);

describe('case policy: every action × every role × every tier', () => {
  it.each(table)('$action by $role at $tier tier: $may', ({ action, role, tier, may }) => {
    const c = caseFor(action, tier);
    expect(refusal(actor(role), c, action)).toBe(may ? null : 'FORBIDDEN');
    expect(actionsFor(actor(role), c).includes(action)).toBe(may);
  });

  it.each(table.filter((r) => r.may))(
    '$action by $role at $tier: not for a case of another township',
    (r) => {
      const c = caseFor(r.action, r.tier, {
        grid_code: ELSEWHERE.G,
        holder_code: { village: ELSEWHERE.V, township: ELSEWHERE.T, county: C }[r.tier],
        reporter_account_id: 99,
        department_id: 99,
      });
      // only the county centre stands over the other township too
      const stillMine = r.role === 'county_centre';
      expect(refusal(actor(r.role), c, r.action)).toBe(stillMine ? null : 'FORBIDDEN');
    },
  );

  it('refusal (403) never depends on the state, so 403 comes before 409 for every action', () => {
    for (const action of ACTIONS)
      for (const role of ROLES)
        for (const tier of TIERS) {
          const answers = new Set(
            STATES.map((state) => refusal(actor(role), caseFor(action, tier, { state }), action)),
          );
          expect(answers.size, `${action} by ${role} at ${tier}`).toBe(1);
        }
  });
});

describe('case policy: the state (409)', () => {
  it.each(ACTIONS)('%s leaves exactly its own states', (action) => {
    for (const state of STATES) {
      const legal = (TRANSITIONS[action].from as readonly string[]).includes(state);
      const got = stateConflict(caseFor(action, 'village', { state }), action);
      expect(got === null, `${action} from ${state}`).toBe(legal);
      if (!legal) expect(got?.code).toBe('CASE_ILLEGAL_TRANSITION');
    }
  });

  it('evaluates once, reopens once after dissatisfaction, one delay at a time, nothing above the county', () => {
    expect(stateConflict(caseFor('evaluate', 'village', { evaluation: 'satisfied' }), 'evaluate')?.code).toBe(
      'CASE_ALREADY_EVALUATED',
    );
    expect(stateConflict(caseFor('reopen', 'village', { reopen_count: 1 }), 'reopen')?.code).toBe(
      'CASE_REOPEN_LIMIT',
    );
    expect(stateConflict(caseFor('reopen', 'village', { evaluation: 'satisfied' }), 'reopen')).not.toBeNull();
    expect(
      stateConflict(caseFor('request_delay', 'village', { pending_delay: {} }), 'request_delay')?.code,
    ).toBe('CASE_DELAY_PENDING');
    expect(
      stateConflict(caseFor('decide_delay', 'township', { pending_delay: null }), 'decide_delay')?.code,
    ).toBe('CASE_NO_DELAY_PENDING');
    expect(stateConflict(caseFor('escalate', 'county'), 'escalate')?.code).toBe('NO_HIGHER_TIER');
    expect(stateConflict(caseFor('verify', 'township', { verified_at: new Date() }), 'verify')?.code).toBe(
      'CASE_ALREADY_VERIFIED',
    );
  });
});

describe('case policy: separation of duties', () => {
  const own = (action: CaseAction, role: Role, over: Partial<CaseForPolicy> = {}) =>
    refusal(actor(role), caseFor(action, 'village', { reporter_account_id: ID[role], ...over }), action);

  it.each(['file', 'reject', 'merge', 'escalate', 'close', 'rework'] as const)(
    'a reporter never takes %s on their own report',
    (action) => {
      for (const role of ['grid_worker', 'village_staff'] as const)
        expect(own(action, role)).toBe('CASE_OWN_REPORT');
    },
  );

  it('a grid worker never verifies on site what they reported or fixed themselves', () => {
    expect(own('verify', 'grid_worker')).toBe('CASE_OWN_REPORT');
    const fixed = caseFor('verify', 'village', { on_spot_by_account_id: ID.grid_worker });
    expect(refusal(actor('grid_worker'), fixed, 'verify')).toBe('CASE_OWN_FIX');
  });

  it('a reporter may still fix their own report on the spot: the village verifies it', () => {
    expect(own('handle_on_spot', 'grid_worker')).toBeNull();
  });

  it('a fix on the spot is verified by the village staff, never by the one who made it', () => {
    for (const action of ['close', 'rework'] as const) {
      const fixedBy = (fixer: Role) => caseFor(action, 'village', { on_spot_by_account_id: ID[fixer] });
      expect(refusal(actor('village_staff'), fixedBy('grid_worker'), action)).toBeNull();
      expect(refusal(actor('grid_worker'), fixedBy('grid_worker'), action)).toBe('CASE_OWN_FIX');
      expect(
        refusal(actor('grid_worker'), { ...fixedBy('grid_worker'), on_spot_by_account_id: 42 }, action),
      ).toBe('CASE_OWN_FIX');
      expect(refusal(actor('village_staff'), fixedBy('village_staff'), action)).toBe('CASE_OWN_FIX');
    }
  });
});
