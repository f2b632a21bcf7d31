/**
 * Working-time calendar for case deadlines (Asia/Shanghai, UTC+8, no DST).
 *
 * All arithmetic uses a fixed +08:00 offset on epoch milliseconds, so results do
 * not depend on the machine's TZ. Internally a calendar day is its "day number"
 * (days since 1970-01-01 in Shanghai) and a time of day is milliseconds since
 * Shanghai midnight.
 *
 * Conventions (see the method docs for details):
 * - Overrides: a 'workday' entry makes a weekend day working (调休补班); a
 *   'holiday' entry makes a weekday non-working. Later entries win, so admin
 *   edits can simply be appended after the defaults.
 * - Working hours: only time inside office periods on working days counts; a
 *   result that exactly uses up a period ends at that period's end (e.g. 12:00),
 *   not at the next opening.
 * - Working days: "N个工作日" starts on the first working day AFTER the receipt's
 *   calendar day (开始的当日不计入, Civil Code art. 201) and ends at close of
 *   business of the Nth one, whatever the time of receipt.
 */
export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** 'YYYY-MM-DD' (Shanghai calendar date) */
  date: string;
  kind: DayKind;
  name?: string;
}

export interface OfficePeriod {
  /** 'HH:MM', 00:00–24:00 */
  start: string;
  end: string;
}

export interface WorkCalendarConfig {
  days: Iterable<CalendarDay>;
  /** Office periods of a working day, sorted and non-overlapping. Default: DEFAULT_OFFICE_HOURS. */
  hours?: readonly OfficePeriod[];
}

export type DurationUnit = 'workhour' | 'workday' | 'hour' | 'day' | 'sameday';

export interface Duration {
  /** Ignored for 'sameday'. */
  amount: number;
  unit: DurationUnit;
}

export interface WarningTimes {
  yellowAt: Date;
  redAt: Date;
}

/** 08:30–12:00 and 13:30–17:30: 7.5 working hours a day. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = Object.freeze([
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
]);

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * MS_PER_HOUR;

/** Day number (days since 1970-01-01, Shanghai) of an instant. */
function dayOf(t: number): number {
  return Math.floor((t + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since Shanghai midnight of `day`. */
function timeOfDay(t: number, day: number): number {
  return t + SHANGHAI_OFFSET_MS - day * MS_PER_DAY;
}

function instant(day: number, tod: number): Date {
  return new Date(day * MS_PER_DAY + tod - SHANGHAI_OFFSET_MS);
}

function parseDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / MS_PER_DAY;
  }
  throw new RangeError(`invalid date (expected YYYY-MM-DD): ${date}`);
}

function parseTime(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h * 60 + min > 24 * 60)
    throw new RangeError(`invalid time (expected HH:MM): ${hhmm}`);
  return (h * 60 + min) * MS_PER_MINUTE;
}

function timeOf(d: Date, what = 'date'): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`invalid ${what}`);
  return t;
}

function checkAmount(n: number, what: string, integer = false): void {
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new RangeError(`${what} must be a finite ${integer ? 'integer' : 'number'} >= 0, got ${n}`);
  }
}

/** The Shanghai calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(d: Date): string {
  return new Date(dayOf(timeOf(d)) * MS_PER_DAY).toISOString().slice(0, 10);
}

export class WorkCalendar {
  /** Working hours in one full working day (7.5 with the default office hours). */
  readonly workingHoursPerDay: number;
  private readonly overrides = new Map<number, CalendarDay>();
  /** [start, end) of each office period, ms since midnight, ascending. */
  private readonly periods: ReadonlyArray<readonly [number, number]>;
  private readonly dayMs: number;
  private readonly open: number;
  private readonly close: number;

  constructor(config: WorkCalendarConfig) {
    for (const day of config.days) {
      if (day.kind !== 'holiday' && day.kind !== 'workday') {
        throw new RangeError(`invalid kind for ${day.date}: ${String(day.kind)}`);
      }
      this.overrides.set(parseDay(day.date), { ...day });
    }
    const hours = config.hours ?? DEFAULT_OFFICE_HOURS;
    if (hours.length === 0) throw new RangeError('at least one office period is required');
    const periods = hours.map((p) => [parseTime(p.start), parseTime(p.end)] as const);
    let previousEnd = 0;
    for (const [i, [start, end]] of periods.entries()) {
      if (start >= end || start < previousEnd) {
        throw new RangeError(
          `office periods must be non-empty, sorted and non-overlapping (period ${i + 1})`,
        );
      }
      previousEnd = end;
    }
    this.periods = periods;
    this.dayMs = periods.reduce((sum, [start, end]) => sum + end - start, 0);
    this.workingHoursPerDay = this.dayMs / MS_PER_HOUR;
    this.open = periods[0]![0];
    this.close = previousEnd;
  }

  /** A 'workday' override wins over the weekend; a 'holiday' override wins over a weekday. */
  isWorkingDay(date: string | Date): boolean {
    return this.working(typeof date === 'string' ? parseDay(date) : dayOf(timeOf(date)));
  }

  /** The configured entry (holiday or make-up day) for a date, if any. */
  dayInfo(date: string | Date): CalendarDay | undefined {
    const entry = this.overrides.get(typeof date === 'string' ? parseDay(date) : dayOf(timeOf(date)));
    return entry && { ...entry };
  }

  /**
   * `from` plus `hours` of working time. Time outside office hours or on
   * non-working days does not count; a start outside office hours begins at the
   * next opening. 0 hours returns `from` unchanged.
   */
  addWorkingHours(from: Date, hours: number): Date {
    checkAmount(hours, 'hours');
    return new Date(this.addWorkingMs(timeOf(from), Math.round(hours * MS_PER_HOUR)));
  }

  /**
   * Close of business of the Nth working day after `from`'s Shanghai calendar
   * day. Day 1 is the first working day strictly after that day, whether `from`
   * is before, during or after office hours, or on a non-working day
   * (开始的当日不计入). 0 days means endOfWorkingDay(from).
   */
  addWorkingDays(from: Date, days: number): Date {
    checkAmount(days, 'days', true);
    if (days === 0) return this.endOfWorkingDay(from);
    let day = dayOf(timeOf(from));
    for (let left = days; left > 0;) {
      day += 1;
      if (this.working(day)) left -= 1;
    }
    return instant(day, this.close);
  }

  /**
   * Close of business of `from`'s day if that is a working day and `from` is
   * strictly before close; otherwise close of business of the next working day.
   */
  endOfWorkingDay(from: Date): Date {
    const t = timeOf(from);
    let day = dayOf(t);
    if (this.working(day) && timeOfDay(t, day) < this.close) return instant(day, this.close);
    do day += 1;
    while (!this.working(day));
    return instant(day, this.close);
  }

  /** 'workhour'/'workday'/'sameday' use working time; 'hour'/'day' are plain calendar time. */
  addDuration(from: Date, d: Duration): Date {
    switch (d.unit) {
      case 'workhour':
        return this.addWorkingHours(from, d.amount);
      case 'workday':
        return this.addWorkingDays(from, d.amount);
      case 'sameday':
        return this.endOfWorkingDay(from);
      case 'hour':
        checkAmount(d.amount, 'amount');
        return new Date(timeOf(from) + Math.round(d.amount * MS_PER_HOUR));
      case 'day':
        checkAmount(d.amount, 'amount');
        return new Date(timeOf(from) + Math.round(d.amount * MS_PER_DAY));
      default: {
        const unit: never = d.unit;
        throw new RangeError(`unknown duration unit: ${String(unit)}`);
      }
    }
  }

  /** Working hours in [a, b]; negative when b < a. */
  workingHoursBetween(a: Date, b: Date): number {
    const ta = timeOf(a, 'start');
    const tb = timeOf(b, 'end');
    return tb < ta
      ? -this.workingMsBetween(tb, ta) / MS_PER_HOUR
      : this.workingMsBetween(ta, tb) / MS_PER_HOUR;
  }

  /**
   * When `yellowFraction` / `redFraction` of the working time between `from` and
   * `due` has elapsed. If there is no working time in between (e.g. a calendar-
   * time emergency deadline at night) the fractions apply to calendar time. A
   * `due` at or before `from` yields `due` for both.
   */
  warningTimes(from: Date, due: Date, yellowFraction = 0.75, redFraction = 0.9): WarningTimes {
    if (!(yellowFraction >= 0 && yellowFraction <= redFraction && redFraction <= 1)) {
      throw new RangeError('fractions must satisfy 0 <= yellow <= red <= 1');
    }
    const tf = timeOf(from, 'start');
    const td = timeOf(due, 'due date');
    if (td <= tf) return { yellowAt: new Date(td), redAt: new Date(td) };
    const total = this.workingMsBetween(tf, td);
    const at = (f: number): Date =>
      new Date(
        total === 0
          ? tf + Math.round((td - tf) * f)
          : Math.min(td, this.addWorkingMs(tf, Math.round(total * f))),
      );
    return { yellowAt: at(yellowFraction), redAt: at(redFraction) };
  }

  private working(day: number): boolean {
    const entry = this.overrides.get(day);
    if (entry) return entry.kind === 'workday';
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  /** Steps per office period, skipping whole working days in one step. */
  private addWorkingMs(t: number, ms: number): number {
    if (ms === 0) return t;
    let remaining = ms;
    let day = dayOf(t);
    let tod = timeOfDay(t, day);
    for (;;) {
      if (this.working(day)) {
        if (tod <= this.open && remaining > this.dayMs) {
          remaining -= this.dayMs;
        } else {
          for (const [start, end] of this.periods) {
            if (tod >= end) continue;
            const begin = Math.max(tod, start);
            if (remaining <= end - begin) return instant(day, begin + remaining).getTime();
            remaining -= end - begin;
          }
        }
      }
      day += 1;
      tod = 0;
    }
  }

  /** Working ms in [ta, tb], ta <= tb; one step per calendar day in between. */
  private workingMsBetween(ta: number, tb: number): number {
    const da = dayOf(ta);
    const db = dayOf(tb);
    if (da === db) return this.workedIn(da, timeOfDay(ta, da), timeOfDay(tb, db));
    let ms = this.workedIn(da, timeOfDay(ta, da), MS_PER_DAY) + this.workedIn(db, 0, timeOfDay(tb, db));
    for (let day = da + 1; day < db; day++) if (this.working(day)) ms += this.dayMs;
    return ms;
  }

  private workedIn(day: number, from: number, to: number): number {
    if (!this.working(day)) return 0;
    let ms = 0;
    for (const [start, end] of this.periods) {
      const lo = Math.max(start, from);
      const hi = Math.min(end, to);
      if (hi > lo) ms += hi - lo;
    }
    return ms;
  }
}
