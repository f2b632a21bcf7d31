import { describe, expect, it } from 'vitest';
import { beijingDate, nextPeriod, periodStart, rhythmStatus } from './rules.js';

describe('periods', () => {
  it('months, quarters, half years and years start where the calendar says', () => {
    expect(periodStart('2026-05-31', 'month')).toBe('2026-05-01');
    expect(periodStart('2026-05-31', 'quarter')).toBe('2026-04-01');
    expect(periodStart('2026-12-31', 'quarter')).toBe('2026-10-01');
    expect(periodStart('2026-07-01', 'half_year')).toBe('2026-07-01');
    expect(periodStart('2026-06-30', 'year')).toBe('2026-01-01');
    expect(nextPeriod('2026-10-01', 'quarter')).toBe('2027-01-01');
    expect(nextPeriod('2026-12-01', 'month')).toBe('2027-01-01');
  });
  it('the day is Beijing’s: 16:30 UTC on 31 March is already 1 April (a new quarter)', () => {
    expect(beijingDate(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(beijingDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
  });
});

describe('the rhythm board', () => {
  const since = '2026-01-01';
  it('held this month: ok', () => {
    expect(rhythmStatus({ period: 'month', lastHeld: '2026-12-02', since, today: '2026-12-07' })).toEqual({
      state: 'ok',
      behindSince: null,
      missed: 0,
      lastHeld: '2026-12-02',
    });
  });
  it('held last month, not yet this month: due, not behind (the month still has time)', () => {
    expect(rhythmStatus({ period: 'month', lastHeld: '2026-11-28', since, today: '2026-12-07' }).state).toBe(
      'due',
    );
  });
  it('last committee in September: behind since October, two months missed', () => {
    expect(rhythmStatus({ period: 'month', lastHeld: '2026-09-15', since, today: '2026-12-07' })).toEqual({
      state: 'behind',
      behindSince: '2026-10-01',
      missed: 2,
      lastHeld: '2026-09-15',
    });
  });
  it('a quarterly assembly held in Q2 only: behind since Q3 on 7 December (one quarter missed)', () => {
    const s = rhythmStatus({ period: 'quarter', lastHeld: '2026-05-20', since, today: '2026-12-07' });
    expect(s).toMatchObject({ state: 'behind', behindSince: '2026-07-01', missed: 1 });
  });
  it('on the first day of a quarter the quarter just ended counts: Q4 held nothing → behind on 1 January', () => {
    const s = rhythmStatus({ period: 'quarter', lastHeld: '2026-09-30', since, today: '2027-01-01' });
    expect(s).toMatchObject({ state: 'behind', behindSince: '2026-10-01', missed: 1 });
    expect(
      rhythmStatus({ period: 'quarter', lastHeld: '2026-09-30', since, today: '2026-12-31' }).state,
    ).toBe('due');
  });
  it('never held: behind since the county’s starting day', () => {
    expect(
      rhythmStatus({ period: 'month', lastHeld: null, since: '2026-10-15', today: '2026-12-07' }),
    ).toEqual({ state: 'behind', behindSince: '2026-10-01', missed: 2, lastHeld: null });
    expect(
      rhythmStatus({ period: 'quarter', lastHeld: null, since: '2026-10-15', today: '2026-12-07' }).state,
    ).toBe('due');
  });
  it('a meeting before the starting day does not push the start back', () => {
    const s = rhythmStatus({
      period: 'month',
      lastHeld: '2025-06-01',
      since: '2026-11-01',
      today: '2026-12-07',
    });
    expect(s).toMatchObject({ state: 'behind', behindSince: '2026-11-01', missed: 1 });
  });
});
