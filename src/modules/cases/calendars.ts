import { WorkCalendar, type CalendarDay } from '../../platform/calendar/work-calendar.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { allCalendarDays, type DayRow } from './settings-repository.js';

const toDay = (r: DayRow): CalendarDay => ({
  date: r.day,
  kind: r.kind as CalendarDay['kind'],
  name: r.name ?? undefined,
});

/**
 * The working calendars of every county: the national holidays and make-up days,
 * then the county's own overrides (later entries win in WorkCalendar, so the county's
 * entry for a date replaces the national one). Built lazily per county, kept in memory.
 */
export class CountyCalendars {
  private built = new Map<string, WorkCalendar>();

  private constructor(
    private readonly national: CalendarDay[],
    private readonly overrides: Map<string, CalendarDay[]>,
  ) {}

  static async load(db: DbOrTx): Promise<CountyCalendars> {
    const { national, county } = await allCalendarDays(db);
    const overrides = new Map<string, CalendarDay[]>();
    for (const r of county) {
      const list = overrides.get(r.county_code) ?? [];
      list.push(toDay(r));
      overrides.set(r.county_code, list);
    }
    return new CountyCalendars(national.map(toDay), overrides);
  }

  /** The working calendar of a county (the national one when it has no overrides). */
  forCounty(countyCode: string): WorkCalendar {
    let cal = this.built.get(countyCode);
    if (!cal) {
      cal = new WorkCalendar({ days: [...this.national, ...(this.overrides.get(countyCode) ?? [])] });
      this.built.set(countyCode, cal);
    }
    return cal;
  }
}
