/** Reporting periods of the three rhythms, in Beijing dates: a day (village), a week from Monday (township), a month (county). */
export type Period = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The first and the day after the last date of the period containing `date` (YYYY-MM-DD). */
export function periodOf(period: Period, date: string): { start: string; end: string } {
  const d = toDate(date);
  if (period === 'day') return { start: date, end: iso(new Date(d.getTime() + DAY_MS)) };
  if (period === 'week') {
    const back = (d.getUTCDay() + 6) % 7; // Monday = 0
    const start = new Date(d.getTime() - back * DAY_MS);
    return { start: iso(start), end: iso(new Date(start.getTime() + 7 * DAY_MS)) };
  }
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return { start: iso(start), end: iso(end) };
}

/** The instant a Beijing date begins. */
export const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The period a tier reports on: village daily, township weekly, county monthly. */
export const PERIOD_OF_LEVEL: Record<string, Period> = { village: 'day', township: 'week', county: 'month' };
