import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { relayPlan, tierDeadline } from './relay.js';

describe('the relay plan shown in the errand drawer', () => {
  it('lists each tier with its working days, as the deadlines are computed', () => {
    expect(relayPlan({ handledAt: 'village', promiseDays: 0 })).toEqual([]);
    expect(relayPlan({ handledAt: 'township', promiseDays: 3 })).toEqual([
      { stage: 'village', days: 1 },
      { stage: 'township', days: 3 },
      { stage: 'returned', days: 1 },
    ]);
    expect(relayPlan({ handledAt: 'county', promiseDays: 0 })).toEqual([
      { stage: 'village', days: 1 },
      { stage: 'township', days: 2 },
      { stage: 'county', days: 1 },
      { stage: 'returned', days: 1 },
    ]);
  });

  it('agrees with tierDeadline at every leg', () => {
    const cal = new WorkCalendar({ days: [] });
    const from = new Date('2026-03-02T01:00:00Z'); // a Monday, 09:00 in Beijing
    const item = { handledAt: 'county', promiseDays: 5 };
    const status = {
      village: 'accepted',
      township: 'at_township',
      county: 'at_county',
      returned: 'returned',
    } as const;
    for (const leg of relayPlan(item)) {
      const got = tierDeadline(cal, from, status[leg.stage], item);
      expect(got?.dueAt).toEqual(cal.addDuration(from, { amount: leg.days, unit: 'workday' }));
    }
  });
});
