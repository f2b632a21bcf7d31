import { describe, expect, it } from 'vitest';
import { rhythmAt, shanghaiMonth, totalsOf } from './rules.js';

describe('disclosure rules', () => {
  it('sums money in whole fen', () => {
    expect(
      totalsOf([
        { item: 'a', income: 0.1, expense: 0 },
        { item: 'b', income: 0.2, expense: 0.3 },
      ]),
    ).toEqual({ income: 0.3, expense: 0.3, balance: 0 });
    expect(totalsOf([])).toEqual({ income: 0, expense: 0, balance: 0 });
  });

  it('reads months and quarters on the Shanghai calendar', () => {
    expect(shanghaiMonth(new Date('2026-03-31T16:00:00Z'))).toEqual({ year: 2026, month: 4, quarter: 2 });
    expect(shanghaiMonth(new Date('2026-03-31T15:59:59Z'))).toEqual({ year: 2026, month: 3, quarter: 1 });
    const r = rhythmAt(new Date('2026-12-31T17:00:00Z'));
    expect(r).toMatchObject({ quarter: '2027-Q1', month: '2027-01' });
    expect(r.quarterStart.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
