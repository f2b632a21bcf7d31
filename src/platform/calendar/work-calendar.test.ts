import { afterEach, describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from './china-calendar.js';
import { WorkCalendar, shanghaiDate } from './work-calendar.js';

const HOUR = 3_600_000;

/** '2024-06-03 09:00' (Shanghai wall time) → Date */
function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

/** Date → '2024-06-03 09:00' (Shanghai wall time, seconds kept when non-zero) */
function fmt(d: Date): string {
  const s = new Date(d.getTime() + 8 * HOUR).toISOString();
  return s.slice(0, 10) + ' ' + (s.slice(17, 19) === '00' ? s.slice(11, 16) : s.slice(11, 19));
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// June 2024 without the real holidays: Mon 3 .. Sun 9; 10 a weekday holiday, 15 a make-up Saturday.
const plain = new WorkCalendar({
  days: [
    { date: '2024-06-10', kind: 'holiday', name: 'test holiday' },
    { date: '2024-06-15', kind: 'workday', name: 'test make-up day' },
  ],
});
const cn = defaultChinaCalendar();

describe('isWorkingDay', () => {
  it('treats weekends as off and weekdays as working', () => {
    expect(plain.isWorkingDay('2024-06-01')).toBe(false); // Saturday
    expect(plain.isWorkingDay('2024-06-02')).toBe(false); // Sunday
    expect(plain.isWorkingDay('2024-06-03')).toBe(true); // Monday
    expect(plain.isWorkingDay('2024-06-07')).toBe(true); // Friday
  });

  it('lets a holiday override a weekday and a make-up day override a Saturday', () => {
    expect(plain.isWorkingDay('2024-06-10')).toBe(false);
    expect(plain.isWorkingDay('2024-06-15')).toBe(true);
    expect(plain.dayInfo('2024-06-15')).toEqual({
      date: '2024-06-15',
      kind: 'workday',
      name: 'test make-up day',
    });
    expect(plain.dayInfo('2024-06-11')).toBeUndefined();
  });

  it('uses the Shanghai date of a Date', () => {
    const mondayEarly = at('2024-06-03 00:30'); // still Sunday in UTC
    expect(mondayEarly.getUTCDay()).toBe(0);
    expect(plain.isWorkingDay(mondayEarly)).toBe(true);
    expect(shanghaiDate(mondayEarly)).toBe('2024-06-03');
    expect(plain.isWorkingDay(at('2024-06-08 23:59'))).toBe(false);
  });

  it('lets a later entry win, rejects bad input', () => {
    const edited = new WorkCalendar({
      days: [
        { date: '2024-06-10', kind: 'holiday' },
        { date: '2024-06-10', kind: 'workday' },
      ],
    });
    expect(edited.isWorkingDay('2024-06-10')).toBe(true);
    expect(() => plain.isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => new WorkCalendar({ days: [{ date: '2024/06/10', kind: 'holiday' }] })).toThrow(RangeError);
    expect(() => new WorkCalendar({ days: [], hours: [] })).toThrow(RangeError);
    const overlapping = [
      { start: '08:00', end: '12:00' },
      { start: '11:00', end: '13:00' },
    ];
    expect(() => new WorkCalendar({ days: [], hours: overlapping })).toThrow(RangeError);
    expect(() => new WorkCalendar({ days: [], hours: [{ start: '09:00', end: '25:00' }] })).toThrow(
      RangeError,
    );
  });
});

describe('addWorkingHours', () => {
  const add = (from: string, h: number) => fmt(plain.addWorkingHours(at(from), h));

  it('counts inside a period, across lunch and up to the end of a period', () => {
    expect(add('2024-06-03 09:00', 2)).toBe('2024-06-03 11:00');
    expect(add('2024-06-03 11:00', 2)).toBe('2024-06-03 14:30');
    expect(add('2024-06-03 10:00', 2)).toBe('2024-06-03 12:00');
    expect(add('2024-06-03 12:30', 1)).toBe('2024-06-03 14:30');
    expect(add('2024-06-03 08:30', 7.5)).toBe('2024-06-03 17:30');
    expect(add('2024-06-03 09:00', 0.25)).toBe('2024-06-03 09:15');
  });

  it('crosses the night, the weekend and a weekday holiday', () => {
    expect(add('2024-06-03 17:00', 1)).toBe('2024-06-04 09:00');
    expect(add('2024-06-03 07:00', 1)).toBe('2024-06-03 09:30');
    expect(add('2024-06-03 20:00', 1)).toBe('2024-06-04 09:30');
    expect(add('2024-06-07 16:30', 2)).toBe('2024-06-11 09:30'); // Fri → (weekend, Mon holiday) → Tue
    expect(add('2024-06-08 10:00', 1)).toBe('2024-06-11 09:30');
    expect(add('2024-06-03 08:30', 15)).toBe('2024-06-04 17:30');
    expect(add('2024-06-14 17:00', 1)).toBe('2024-06-15 09:00'); // make-up Saturday
  });

  it('returns the start for 0 hours and rejects negative or non-finite hours', () => {
    expect(add('2024-06-08 22:00', 0)).toBe('2024-06-08 22:00');
    expect(() => plain.addWorkingHours(at('2024-06-03 09:00'), -1)).toThrow(RangeError);
    expect(() => plain.addWorkingHours(at('2024-06-03 09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => plain.addWorkingHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('skips a long holiday (National Day 2023) and continues on the make-up Saturday', () => {
    expect(fmt(cn.addWorkingHours(at('2023-09-28 16:00'), 2))).toBe('2023-10-07 09:00');
  });
});

describe('addWorkingDays and endOfWorkingDay', () => {
  it('ends at close of business of the Nth working day after the day of receipt', () => {
    expect(fmt(plain.addWorkingDays(at('2024-06-03 09:00'), 1))).toBe('2024-06-04 17:30');
    expect(fmt(plain.addWorkingDays(at('2024-06-03 23:00'), 1))).toBe('2024-06-04 17:30');
    expect(fmt(plain.addWorkingDays(at('2024-06-01 10:00'), 1))).toBe('2024-06-03 17:30'); // received Saturday
    expect(fmt(plain.addWorkingDays(at('2024-06-07 20:00'), 1))).toBe('2024-06-11 17:30'); // Mon 10 is off
    expect(fmt(plain.addWorkingDays(at('2024-06-03 09:00'), 5))).toBe('2024-06-11 17:30');
    expect(fmt(plain.addWorkingDays(at('2024-06-03 09:00'), 0))).toBe('2024-06-03 17:30');
    expect(() => plain.addWorkingDays(at('2024-06-03 09:00'), 1.5)).toThrow(RangeError);
  });

  it('seed journey: a report on Wed 2022-12-28 09:41 due in 1 working day', () => {
    const received = at('2022-12-28 09:41');
    expect(received.toISOString()).toBe('2022-12-28T01:41:00.000Z');
    const due = cn.addDuration(received, { amount: 1, unit: 'workday' });
    expect(fmt(due)).toBe('2022-12-29 17:30');
    // 6 h 19 min left on the 28th + 7.5 h on the 29th
    expect(cn.workingHoursBetween(received, due)).toBeCloseTo(13.8167, 3);
    // 3 working days: 29th, 30th, then New Year (31 Dec – 2 Jan) is off, so 3 Jan
    expect(fmt(cn.addWorkingDays(received, 3))).toBe('2023-01-03 17:30');
  });

  it('lands after a long holiday', () => {
    expect(fmt(cn.addWorkingDays(at('2023-09-28 10:00'), 1))).toBe('2023-10-07 17:30'); // National Day 2023
    expect(fmt(cn.addWorkingDays(at('2023-01-19 10:00'), 2))).toBe('2023-01-28 17:30'); // Spring Festival 2023
    expect(fmt(cn.addWorkingDays(at('2026-02-13 10:00'), 2))).toBe('2026-02-24 17:30'); // Spring Festival 2026
  });

  it('endOfWorkingDay: same day before close, else the next working day', () => {
    const eod = (from: string) => fmt(cn.endOfWorkingDay(at(from)));
    expect(eod('2024-06-03 07:00')).toBe('2024-06-03 17:30');
    expect(eod('2024-06-03 17:29')).toBe('2024-06-03 17:30');
    expect(eod('2024-06-03 17:30')).toBe('2024-06-04 17:30');
    expect(eod('2024-06-07 18:00')).toBe('2024-06-11 17:30'); // Dragon Boat Festival 2024 on Mon 10 June
    expect(eod('2023-10-01 10:00')).toBe('2023-10-07 17:30');
    expect(fmt(cn.addDuration(at('2023-10-01 10:00'), { amount: 0, unit: 'sameday' }))).toBe(
      '2023-10-07 17:30',
    );
  });
});

describe('addDuration', () => {
  it('uses calendar time for hour and day', () => {
    const sat = at('2024-06-01 22:00');
    expect(fmt(plain.addDuration(sat, { amount: 2, unit: 'hour' }))).toBe('2024-06-02 00:00');
    expect(fmt(plain.addDuration(sat, { amount: 1, unit: 'day' }))).toBe('2024-06-02 22:00');
    expect(fmt(plain.addDuration(sat, { amount: 2, unit: 'workhour' }))).toBe('2024-06-03 10:30');
    expect(fmt(plain.addDuration(sat, { amount: 1, unit: 'workday' }))).toBe('2024-06-03 17:30');
    expect(() => plain.addDuration(sat, { amount: -1, unit: 'hour' })).toThrow(RangeError);
  });
});

describe('workingHoursBetween', () => {
  const between = (a: string, b: string, cal = plain) => cal.workingHoursBetween(at(a), at(b));

  it('counts office time only and is negative when reversed', () => {
    expect(between('2024-06-03 09:00', '2024-06-03 14:30')).toBe(4);
    expect(between('2024-06-07 16:30', '2024-06-11 09:30')).toBe(2);
    expect(between('2024-06-11 09:30', '2024-06-07 16:30')).toBe(-2);
    expect(between('2024-06-08 09:00', '2024-06-08 12:00')).toBe(0);
    expect(between('2024-06-03 12:00', '2024-06-03 13:30')).toBe(0);
    expect(between('2023-09-28 08:30', '2023-10-09 08:30', cn)).toBe(22.5); // 28 Sep, 7 and 8 Oct
  });

  it('inverts addWorkingHours (seeded property test)', () => {
    const random = rng(20221228);
    const start = at('2022-01-01 00:00').getTime();
    const span = at('2026-12-31 00:00').getTime() - start;
    for (let i = 0; i < 3000; i++) {
      const from = new Date(start + Math.floor(random() * span));
      const hours = i % 5 === 0 ? Math.floor(random() * 40) * 0.5 : random() * 80;
      const due = cn.addWorkingHours(from, hours);
      expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect(cn.workingHoursBetween(from, due)).toBeCloseTo(hours, 6);
      if (hours > 0) expect(cn.isWorkingDay(due)).toBe(true);
      // and the other way round: the earliest instant with as much working time as b
      const b = new Date(from.getTime() + Math.floor(random() * 20 * 86_400_000));
      const earliest = cn.addWorkingHours(from, cn.workingHoursBetween(from, b));
      expect(earliest.getTime()).toBeLessThanOrEqual(b.getTime());
      expect(cn.workingHoursBetween(earliest, b)).toBe(0);
    }
  });

  it('matches a minute-by-minute reference count', () => {
    const random = rng(7);
    const periods = [
      [510, 720],
      [810, 1050],
    ] as const; // minutes of day
    const start = at('2023-01-01 00:00').getTime() / 60_000;
    for (let i = 0; i < 150; i++) {
      const a = start + Math.floor(random() * 3 * 365 * 1440);
      const b = a + Math.floor(random() * 6 * 1440);
      let minutes = 0;
      for (let m = a; m < b; m++) {
        const tod = (m + 480) % 1440;
        if (periods.some(([s, e]) => tod >= s && tod < e) && cn.isWorkingDay(new Date(m * 60_000))) minutes++;
      }
      expect(cn.workingHoursBetween(new Date(a * 60_000), new Date(b * 60_000))).toBeCloseTo(minutes / 60, 9);
    }
  });
});

describe('warningTimes', () => {
  it('places yellow and red at 75% and 90% of the working time', () => {
    const from = at('2024-06-03 09:00');
    const due = plain.addWorkingDays(from, 1); // Tue 17:30: 7 + 7.5 = 14.5 working hours
    const { yellowAt, redAt } = plain.warningTimes(from, due);
    expect(fmt(yellowAt)).toBe('2024-06-04 13:52:30'); // 10.875 h
    expect(fmt(redAt)).toBe('2024-06-04 16:03'); // 13.05 h
    expect(plain.workingHoursBetween(from, yellowAt)).toBeCloseTo(0.75 * 14.5, 9);
    const custom = plain.warningTimes(from, due, 0.5, 1);
    expect(fmt(custom.yellowAt)).toBe('2024-06-04 08:45');
    expect(custom.redAt.getTime()).toBe(due.getTime());
  });

  it('orders from <= yellow <= red <= due (seeded)', () => {
    const random = rng(42);
    const start = at('2022-06-01 00:00').getTime();
    for (let i = 0; i < 2000; i++) {
      const from = new Date(start + Math.floor(random() * 4 * 365 * 86_400_000));
      const units = ['workhour', 'workday', 'sameday', 'hour', 'day'] as const;
      const unit = units[i % units.length]!;
      const due = cn.addDuration(from, { amount: 1 + Math.floor(random() * 10), unit });
      const { yellowAt, redAt } = cn.warningTimes(from, due);
      expect(from.getTime()).toBeLessThanOrEqual(yellowAt.getTime());
      expect(yellowAt.getTime()).toBeLessThanOrEqual(redAt.getTime());
      expect(redAt.getTime()).toBeLessThanOrEqual(due.getTime());
    }
  });

  it('falls back to calendar time without working time, and handles overdue input', () => {
    const w = plain.warningTimes(at('2024-06-01 20:00'), at('2024-06-01 22:00'));
    expect([fmt(w.yellowAt), fmt(w.redAt)]).toEqual(['2024-06-01 21:30', '2024-06-01 21:48']);
    const past = plain.warningTimes(at('2024-06-03 10:00'), at('2024-06-03 09:00'));
    expect([fmt(past.yellowAt), fmt(past.redAt)]).toEqual(['2024-06-03 09:00', '2024-06-03 09:00']);
    expect(() => plain.warningTimes(at('2024-06-03 10:00'), at('2024-06-04 10:00'), 0.9, 0.75)).toThrow(
      RangeError,
    );
  });
});

describe('time zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same results whatever the process TZ', () => {
    const run = () => {
      const from = at('2023-09-28 16:00');
      const due = cn.addWorkingDays(from, 1);
      return [
        fmt(cn.addWorkingHours(from, 2)),
        fmt(due),
        fmt(cn.endOfWorkingDay(at('2024-03-10 01:30'))),
        cn.isWorkingDay(at('2023-10-07 00:10')),
        cn.workingHoursBetween(from, due),
        fmt(cn.warningTimes(from, due).yellowAt),
      ];
    };
    const results = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'].map((tz) => {
      process.env.TZ = tz;
      return run();
    });
    process.env.TZ = 'America/New_York';
    expect(new Date('2024-01-01T00:00:00Z').getTimezoneOffset()).toBe(300); // the switch took effect
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toEqual([
      '2023-10-07 09:00',
      '2023-10-07 17:30',
      '2024-03-11 17:30',
      true,
      9,
      '2023-10-07 15:15',
    ]);
  });
});

describe('performance', () => {
  it('sweeps 100k cases quickly', () => {
    const random = rng(1);
    const start = at('2022-01-01 00:00').getTime();
    const began = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const from = new Date(start + Math.floor(random() * 5 * 365 * 86_400_000));
      const due = cn.addWorkingDays(from, 1 + (i % 10));
      cn.warningTimes(from, due);
      cn.workingHoursBetween(from, new Date(from.getTime() + 3 * 86_400_000));
    }
    expect(performance.now() - began).toBeLessThan(10_000);
  });
});
