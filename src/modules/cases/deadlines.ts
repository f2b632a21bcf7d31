import type { Duration, WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Tier } from './states.js';

export type Deadlines = Partial<Record<Tier, Duration>>;

/** Fallbacks when a category names no deadline for a tier. */
const DEFAULTS: Record<Tier, Duration> = {
  village: { amount: 1, unit: 'sameday' },
  township: { amount: 3, unit: 'workday' },
  county: { amount: 5, unit: 'workday' },
};

/**
 * The deadline of a case entering `tier` at `from`, with its yellow (75%) and red
 * (90%) warnings in working time. Urgent cases get half the working time;
 * emergencies four calendar hours whatever the catalogue says.
 */
export function deadlineAt(
  calendar: WorkCalendar,
  deadlines: Deadlines,
  tier: Tier,
  urgency: string,
  from: Date,
) {
  let due = calendar.addDuration(from, deadlines[tier] ?? DEFAULTS[tier]);
  if (urgency === 'emergency') {
    due = new Date(from.getTime() + 4 * 3600_000);
  } else if (urgency === 'urgent') {
    const hours = calendar.workingHoursBetween(from, due);
    due = hours > 0 ? calendar.addWorkingHours(from, hours / 2) : due;
  }
  const warn =
    urgency === 'emergency'
      ? {
          yellowAt: new Date(from.getTime() + 3 * 3600_000),
          redAt: new Date(from.getTime() + 3.6 * 3600_000),
        }
      : calendar.warningTimes(from, due);
  return { deadlineAt: due, yellowAt: warn.yellowAt, redAt: warn.redAt };
}

/**
 * The working time a tier has for a case in plain terms ("1 working day"), as the reporter is told;
 * null for urgent cases and emergencies, whose time is cut (deadlineAt says when).
 */
export function deadlineRule(deadlines: Deadlines, tier: Tier, urgency: string): Duration | null {
  return urgency === 'normal' ? (deadlines[tier] ?? DEFAULTS[tier]) : null;
}

/** The region node that holds a case at each tier. */
export function holderFor(gridCode: string, tier: Tier): string {
  return tier === 'village'
    ? gridCode.slice(0, 12)
    : tier === 'township'
      ? gridCode.slice(0, 9)
      : gridCode.slice(0, 6);
}
