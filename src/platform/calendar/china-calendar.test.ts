import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar, loadChinaHolidays } from './china-calendar.js';

const data = loadChinaHolidays();
const cn = defaultChinaCalendar();

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' calendar date */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

describe('cn-holidays.json', () => {
  it('records its source and covers 2022–2026', () => {
    expect(data.source).toMatch(/chinese-days@\d+\.\d+\.\d+ \(licence MIT/);
    expect(data.years).toEqual([2022, 2023, 2024, 2025, 2026]);
    for (const year of data.years) {
      expect(data.days.some((d) => d.date.startsWith(`${year}-`) && d.kind === 'holiday')).toBe(true);
    }
  });

  it('is sorted, has one entry per date and named make-up days on weekends only', () => {
    const dates = data.days.map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of data.days.filter((x) => x.kind === 'workday')) {
      expect([0, 6]).toContain(weekday(d.date));
      expect(d.name).toMatch(/补班$/);
    }
  });

  it('has the published make-up working days (调休补班)', () => {
    const workdays = data.days.filter((d) => d.kind === 'workday').map((d) => d.date);
    expect(workdays).toEqual([
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('knows specific facts of the notices', () => {
    // make-up days on weekends are working days
    expect(cn.isWorkingDay('2023-01-28')).toBe(true); // Saturday, Spring Festival 2023
    expect(cn.dayInfo('2023-01-28')?.name).toBe('春节补班');
    expect(cn.isWorkingDay('2023-10-07')).toBe(true); // Saturday, National Day 2023
    expect(cn.isWorkingDay('2024-02-04')).toBe(true); // Sunday, Spring Festival 2024
    expect(cn.isWorkingDay('2026-01-04')).toBe(true); // Sunday, New Year 2026
    // New Year 2023 was 31 Dec – 2 Jan: 3 January was a normal working day
    expect(['2022-12-31', '2023-01-01', '2023-01-02'].map((d) => cn.isWorkingDay(d))).toEqual([
      false,
      false,
      false,
    ]);
    expect(cn.isWorkingDay('2023-01-03')).toBe(true);
    // Mid-Autumn + National Day 2023: 29 Sep – 6 Oct off
    for (let d = 29; d <= 36; d++) {
      const date = d <= 30 ? `2023-09-${d}` : `2023-10-0${d - 30}`;
      expect(cn.isWorkingDay(date)).toBe(false);
    }
    // Spring Festival 2026: 15–23 Feb off (nine days), 14 and 28 Feb (Saturdays) worked
    expect(cn.isWorkingDay('2026-02-13')).toBe(true);
    for (let d = 15; d <= 23; d++) expect(cn.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(cn.isWorkingDay('2026-02-24')).toBe(true);
    expect(cn.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    // a year not covered is plain Monday–Friday
    expect(cn.isWorkingDay('2027-01-01')).toBe(true);
  });

  it('returns a shared default and a fresh calendar for custom hours', () => {
    expect(defaultChinaCalendar()).toBe(cn);
    const short = defaultChinaCalendar([{ start: '09:00', end: '17:00' }]);
    expect(short).not.toBe(cn);
    expect(short.workingHoursPerDay).toBe(8);
    expect(cn.workingHoursPerDay).toBe(7.5);
    expect(short.isWorkingDay('2023-10-07')).toBe(true);
  });
});
