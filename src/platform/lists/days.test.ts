import { describe, expect, it } from 'vitest';
import { beijingDayEnd, beijingDayStart } from './days.js';

describe('Beijing day range', () => {
  it('starts at Beijing midnight (16:00 UTC the day before) and ends at the next one', () => {
    expect(beijingDayStart('2026-12-07').toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(beijingDayEnd('2026-12-07').toISOString()).toBe('2026-12-07T16:00:00.000Z');
  });
  it('crosses a month and a year end', () => {
    expect(beijingDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingDayStart('2027-01-01').getTime()).toBe(beijingDayEnd('2026-12-31').getTime());
  });
});
