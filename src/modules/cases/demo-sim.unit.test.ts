import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { CaseSim, type Actor, type Plan, type SimContext } from './demo-sim.js';
import { TRANSITIONS } from './states.js';

const GRID = '211221101200001';
const calendar = new WorkCalendar({ days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }] });
const person = (role: string): Actor => ({ id: null, role, name: role });

function ctx(now: string, rand: () => number = () => 0.5): SimContext {
  return {
    calendar,
    deadlines: { village: { amount: 1, unit: 'sameday' }, township: { amount: 2, unit: 'workday' } },
    gridCode: GRID,
    now: new Date(now),
    rand,
    departments: { township: 11, county: 22 },
    actors: {
      gridWorker: person('grid_worker'),
      village: person('village_staff'),
      township: person('township_centre'),
      county: person('county_centre'),
      resident: person('resident'),
      system: person('system'),
      department: (id) => ({ id, role: 'department_staff', name: `dept ${id}` }),
    },
  };
}

const plan = (p: Partial<Plan>): Plan => ({
  path: 'township',
  source: 'resident_app',
  late: false,
  lateClose: false,
  returned: false,
  rework: false,
  delay: false,
  verify: false,
  evaluation: null,
  reopen: false,
  supervise: false,
  ...p,
});

/** Every step leaves the state the workflow allows it to leave, and enters the state the last one left. */
function expectLegal(sim: CaseSim) {
  let state: string | null = null;
  for (const s of sim.steps) {
    expect(s.from).toBe(state);
    const t = TRANSITIONS[s.action as keyof typeof TRANSITIONS] as { from: readonly string[] } | undefined;
    if (t) expect(t.from).toContain(s.from);
    state = s.to;
  }
  expect(sim.state).toBe(state);
}

describe('the demo case history (CaseSim)', () => {
  it('a township case: escalated, dispatched, accepted, handled and closed on time', () => {
    const sim = new CaseSim(ctx('2026-12-01T00:00:00Z'), new Date('2026-11-02T01:00:00Z')).run(
      plan({ evaluation: 'satisfied' }),
    );
    expect(sim.steps.map((s) => s.action)).toEqual([
      'report',
      'escalate',
      'dispatch',
      'accept',
      'handle',
      'close',
      'evaluate',
    ]);
    expectLegal(sim);
    expect(sim.state).toBe('closed');
    expect(sim.tier).toBe('township');
    expect(sim.holder).toBe('211221101');
    expect(sim.departmentId).toBe(11);
    expect(sim.steps.find((s) => s.action === 'close')?.onTime).toBe(true);
    expect(sim.evaluation).toBe('satisfied');
    for (let i = 1; i < sim.steps.length; i++) expect(sim.steps[i]!.at >= sim.steps[i - 1]!.at).toBe(true);
  });

  it('a late handling is met by the sweep at the deadline: auto-escalated to the county, counted overdue', () => {
    const sim = new CaseSim(ctx('2026-12-01T00:00:00Z'), new Date('2026-11-02T01:00:00Z')).run(
      plan({ late: true }),
    );
    const auto = sim.steps.find((s) => s.action === 'auto_escalate');
    expect(auto).toBeDefined();
    expect(auto!.onTime).toBe(false);
    expect(auto!.tier).toBe('county');
    expect(auto!.actor.role).toBe('system');
    expect(auto!.at.getTime()).toBe(auto!.deadlineAt!.getTime() + 5 * 60_000);
    expect(sim.overdueCount).toBe(1);
    expect(sim.tier).toBe('county');
    expect(sim.departmentId).toBe(22);
    expectLegal(sim);
  });

  it('a delay granted moves the deadline by three working days over the holiday', () => {
    const sim = new CaseSim(ctx('2026-12-01T00:00:00Z'), new Date('2026-09-29T01:00:00Z')).run(
      plan({ delay: true }),
    );
    const ask = sim.steps.find((s) => s.action === 'request_delay')!;
    const granted = sim.steps.find((s) => s.action === 'approve_delay')!;
    expect(granted).toBeDefined();
    const extended = calendar.addDuration(ask.deadlineAt!, { amount: 3, unit: 'workday' });
    // the holiday (1 October) is not a working day
    expect(extended.getTime() - ask.deadlineAt!.getTime()).toBeGreaterThan(3 * 86_400_000);
    expect(sim.steps.find((s) => s.action === 'handle')!.deadlineAt!.getTime()).toBe(extended.getTime());
    expectLegal(sim);
  });

  it('rework after a failed verification, then reopened by the resident and closed again', () => {
    const sim = new CaseSim(ctx('2026-12-01T00:00:00Z'), new Date('2026-11-02T01:00:00Z')).run(
      plan({ rework: true, evaluation: 'dissatisfied', reopen: true }),
    );
    const actions = sim.steps.map((s) => s.action);
    expect(actions).toContain('rework');
    expect(actions).toContain('reopen');
    expect(sim.reworkCount).toBe(1);
    expect(sim.reopenCount).toBe(1);
    expect(sim.state).toBe('closed');
    expect(actions.filter((a) => a === 'close')).toHaveLength(2);
    expectLegal(sim);
  });

  it('nothing happens after now: a case reported an hour ago is still open where it stands', () => {
    const sim = new CaseSim(ctx('2026-11-02T02:00:00Z'), new Date('2026-11-02T01:00:00Z')).run(plan({}));
    expect(sim.closedAt).toBeNull();
    expect(sim.steps.every((s) => s.at <= new Date('2026-11-02T02:00:00Z'))).toBe(true);
    expect(['reported', 'filed', 'dispatched']).toContain(sim.state);
    expectLegal(sim);
  });

  it('a duplicate is merged at the village', () => {
    const sim = new CaseSim(ctx('2026-12-01T00:00:00Z'), new Date('2026-11-02T01:00:00Z')).run(
      plan({ path: 'merge' }),
    );
    expect(sim.steps.map((s) => [s.action, s.to])).toEqual([
      ['report', 'reported'],
      ['merge', 'merged'],
    ]);
    expect(sim.closedAt).not.toBeNull();
  });
});
