import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../platform/calendar/china-calendar.js';
import { beijingDate, calendarDaysAfter, limitEnd } from './limits.js';

/** The statutory limits count calendar days: the National Day holiday (2024-10-01…07) moves nothing. */
describe('petition limits (信访工作条例: 15 / 60 (+30) / 30 / 30 calendar days)', () => {
  const received = new Date('2024-09-28T10:00:00+08:00');
  const cal = defaultChinaCalendar();

  it('the holiday calendar would shift a working-day count — the statutory limit ignores it', () => {
    const byWorkdays = cal.addDuration(received, { amount: 15, unit: 'workday' });
    expect(beijingDate(byWorkdays) > '2024-10-13').toBe(true);
    expect(beijingDate(limitEnd('decide', received))).toBe('2024-10-13');
  });

  it('ends at the close of the last day in Beijing time', () => {
    expect(limitEnd('decide', received).toISOString()).toBe('2024-10-13T15:59:59.999Z');
    // a visitor at 23:30 Beijing on the 28th (15:30 UTC) still counts from the 28th
    expect(beijingDate(limitEnd('decide', new Date('2024-09-28T15:30:00Z')))).toBe('2024-10-13');
  });

  it('60 days to finish, extended once by up to 30', () => {
    const accepted = new Date('2024-10-02T09:00:00+08:00');
    expect(beijingDate(limitEnd('finish', accepted))).toBe('2024-12-01');
    expect(beijingDate(limitEnd('finish', accepted, 30))).toBe('2024-12-31');
    // the extension lengthens only the 60 days
    expect(beijingDate(limitEnd('review_request', accepted, 30))).toBe('2024-11-01');
  });

  it('review and re-review: 30 days to ask, 30 to decide; Spring Festival included', () => {
    const answered = new Date('2025-01-20T16:00:00+08:00');
    expect(beijingDate(limitEnd('review_request', answered))).toBe('2025-02-19');
    expect(beijingDate(limitEnd('review_decide', answered))).toBe('2025-02-19');
    expect(beijingDate(limitEnd('rereview_decide', answered))).toBe('2025-02-19');
    expect(beijingDate(calendarDaysAfter(answered, 0))).toBe('2025-01-20');
  });
});
