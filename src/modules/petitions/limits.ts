/**
 * The statutory time limits of the Petition Work Regulations (信访工作条例, 2022), in CALENDAR days
 * (日, not 工作日): a holiday or a weekend never moves them. Each limit runs to the end of its last
 * day in Beijing time (UTC+8), the day counted from the day after the event.
 */
export const LIMIT_DAYS = {
  /** §32: decide whether to accept within 15 days of receipt */
  decide: 15,
  /** §35: finish within 60 days of acceptance (extendable once, see EXTENSION_MAX_DAYS) */
  finish: 60,
  /** §35: the petitioner may ask for a review (复查) within 30 days of the answer */
  review_request: 30,
  /** §35: the review is decided within 30 days of the request */
  review_decide: 30,
  /** §35: a re-review (复核) may be asked within 30 days of the review */
  rereview_request: 30,
  /** §35: the re-review is decided within 30 days of the request */
  rereview_decide: 30,
} as const;
export type LimitKind = keyof typeof LIMIT_DAYS;

/** An extension of the 60 days: once, by at most 30 days, with a reason. */
export const EXTENSION_MAX_DAYS = 30;

/** Limits the petition office must meet (the others are the petitioner's: the office is not warned). */
export const OFFICE_LIMITS: readonly LimitKind[] = ['decide', 'finish', 'review_decide', 'rereview_decide'];

/** Warn this many days before an office limit. */
export const WARN_DAYS = 3;

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;

/** The Beijing calendar date of an instant, YYYY-MM-DD. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING).toISOString().slice(0, 10);
}

/** The end (23:59:59.999 Beijing) of the date `days` calendar days after `from`'s Beijing date. */
export function calendarDaysAfter(from: Date, days: number): Date {
  const startOfDay = Date.parse(`${beijingDate(from)}T00:00:00+08:00`);
  return new Date(startOfDay + (days + 1) * DAY - 1);
}

/** When a limit of `kind` that starts at `from` ends; `extraDays` lengthens the 60 days once. */
export function limitEnd(kind: LimitKind, from: Date, extraDays = 0): Date {
  return calendarDaysAfter(from, LIMIT_DAYS[kind] + (kind === 'finish' ? extraDays : 0));
}
