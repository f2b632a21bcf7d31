import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { GridLocator } from '../grids/locator.js';

/** What the case use cases need. `now` is injectable so journeys run at the seeds' times. */
export type CaseDeps = {
  db: Db;
  pii: Pii;
  grids: GridLocator;
  /** the working calendar of a county */
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
};
