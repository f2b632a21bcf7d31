import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { TIER_OF, type ErrandStatus, type Tier } from './states.js';

/**
 * The time each tier of the 全程代办 relay has, in working days of the county's calendar
 * (holidays and make-up days included): the village proxy point passes an item on by the end of
 * the next working day; the township convenience platform passes one on to the county within two;
 * the tier that handles the item (township or county) has the item's promised days (at least one);
 * back at the village, the result is handed to the villager by the end of the next working day.
 */
export const RELAY_PASS_DAYS = { village: 1, township: 2, returned: 1 } as const;

/** The tier an item is at in `status`, and the moment that tier's time runs out. */
export function tierDeadline(
  calendar: WorkCalendar,
  from: Date,
  status: ErrandStatus,
  item: { handledAt: string; promiseDays: number },
): { tier: Tier; dueAt: Date } | null {
  const tier = TIER_OF[status];
  if (!tier || item.handledAt === 'village') return null;
  const days =
    status === 'returned'
      ? RELAY_PASS_DAYS.returned
      : tier === item.handledAt
        ? Math.max(item.promiseDays, 1)
        : tier === 'village'
          ? RELAY_PASS_DAYS.village
          : RELAY_PASS_DAYS.township;
  return { tier, dueAt: calendar.addDuration(from, { amount: days, unit: 'workday' }) };
}

export type RelayStage = Tier | 'returned';

/**
 * The legs of the relay for an item handled above the village, in order, each with the working days
 * its tier has (the same rule as `tierDeadline`): the village passes it on, the township passes it on
 * (when the county handles it), the handling tier decides, the village hands the result over.
 * Empty for an item handled at the village (no relay).
 */
export function relayPlan(item: {
  handledAt: string;
  promiseDays: number;
}): { stage: RelayStage; days: number }[] {
  if (item.handledAt !== 'township' && item.handledAt !== 'county') return [];
  const legs: { stage: RelayStage; days: number }[] = [{ stage: 'village', days: RELAY_PASS_DAYS.village }];
  if (item.handledAt === 'county') legs.push({ stage: 'township', days: RELAY_PASS_DAYS.township });
  legs.push({ stage: item.handledAt, days: Math.max(item.promiseDays, 1) });
  legs.push({ stage: 'returned', days: RELAY_PASS_DAYS.returned });
  return legs;
}
