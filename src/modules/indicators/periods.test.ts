import { describe, expect, it } from 'vitest';
import { percentileOf } from './metrics.js';
import { previousOf, seriesOf, splitWindow, wholeMonths, windowOf, yearBeforeOf } from './periods.js';

describe('periods', () => {
  it('turns each period into local days [from, to)', () => {
    expect(windowOf('day', '2026-03-01', '2026-12-06')).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(windowOf('week', '2026-12-06', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-07' });
    expect(windowOf('month', '2024-02', '2026-12-06')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(windowOf('quarter', '2026-Q4', '2026-12-06')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(windowOf('year', undefined, '2026-12-06')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(windowOf('custom', undefined, '2026-12-06', { from: '2026-01-30', to: '2026-02-02' })).toEqual({
      from: '2026-01-30',
      to: '2026-02-03',
    });
  });

  it('refuses what is not a date of its period', () => {
    for (const [p, at] of [
      ['day', '2026-02-30'],
      ['month', '2026-13'],
      ['quarter', '2026-Q5'],
      ['year', '26'],
      ['week', '2026-11'],
    ] as const)
      expect(() => windowOf(p, at, '2026-12-06'), `${p} ${at}`).toThrow();
    expect(() =>
      windowOf('custom', undefined, '2026-12-06', { from: '2026-02-02', to: '2026-02-01' }),
    ).toThrow();
  });

  it('knows the period before (环比) and the same period a year before (同比)', () => {
    const march = windowOf('month', '2025-03', '2026-12-06');
    expect(previousOf('month', march)).toEqual({ from: '2025-02-01', to: '2025-03-01' });
    expect(yearBeforeOf(march)).toEqual({ from: '2024-03-01', to: '2024-04-01' });
    const week = windowOf('week', '2026-01-01', '2026-12-06');
    expect(previousOf('week', week)).toEqual({ from: '2025-12-22', to: '2025-12-29' });
    expect(seriesOf('quarter', windowOf('quarter', '2026-Q1', '2026-12-06'), 3).map((w) => w.from)).toEqual([
      '2025-07-01',
      '2025-10-01',
      '2026-01-01',
    ]);
  });
});

describe('percentile from the hour histogram', () => {
  it('interpolates inside the bucket holding the 90th percentile', () => {
    // 9 steps under an hour, 1 in [24, 48): the 90th percentile is the top of [0, 1)
    expect(
      percentileOf(
        new Map([
          ['closed:1', 9],
          ['closed:7', 1],
        ]),
        'closed',
      ),
    ).toBe(1);
    // 10 in [120, 168): 90 % of the way through it
    expect(percentileOf(new Map([['closed:10', 10]]), 'closed')).toBe(163.2);
    expect(percentileOf(new Map(), 'closed')).toBeNull();
  });

  it('cuts a window into whole months and the days at its edges', () => {
    expect(splitWindow({ from: '2026-11-01', to: '2026-12-01' })).toEqual({
      months: { from: '2026-11-01', to: '2026-12-01' },
      days: [],
    });
    // starts mid-month, ends mid-month, across a year's end
    expect(splitWindow({ from: '2025-11-15', to: '2026-02-10' })).toEqual({
      months: { from: '2025-12-01', to: '2026-02-01' },
      days: [
        { from: '2025-11-15', to: '2025-12-01' },
        { from: '2026-02-01', to: '2026-02-10' },
      ],
    });
    // the 31st: the next month starts on the 1st, not two months on
    expect(splitWindow({ from: '2026-01-31', to: '2026-03-02' })).toEqual({
      months: { from: '2026-02-01', to: '2026-03-01' },
      days: [
        { from: '2026-01-31', to: '2026-02-01' },
        { from: '2026-03-01', to: '2026-03-02' },
      ],
    });
    // no whole month inside: all days (a week, a day, the month so far)
    for (const w of [
      { from: '2026-11-30', to: '2026-12-07' },
      { from: '2026-12-06', to: '2026-12-07' },
      { from: '2026-12-01', to: '2026-12-07' },
      { from: '2026-02-02', to: '2026-03-01' },
    ])
      expect(splitWindow(w)).toEqual({ months: null, days: [w] });
    expect(splitWindow({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ months: null, days: [] });
    expect(wholeMonths({ from: '2026-01-01', to: '2027-01-01' })).toBe(true);
    expect(wholeMonths({ from: '2026-01-01', to: '2026-01-31' })).toBe(false);
  });
});
