import type { WorkCalendar } from '../platform/calendar/work-calendar.js';
import type { Db } from '../platform/db/database.js';
import type { Pii } from '../platform/crypto.js';
import type { EventHub } from '../platform/events.js';
import type { Logger } from '../platform/logging.js';
import type { GridLocator } from '../modules/grids/locator.js';
import type { BlobStore } from '../modules/photos/index.js';

/** What route plugins receive: the platform services, built once per process. */
export type AppContext = {
  db: Db;
  pii: Pii;
  grids: GridLocator;
  log: Logger;
  /** a county's working calendar: national holidays + the county's overrides (reloaded on change) */
  calendar: (countyCode: string) => WorkCalendar;
  /** re-read the calendar from the database after an administrator changed it */
  reloadCalendar: () => Promise<void>;
  /** the clock; tests replay the seeds' journeys at their own times */
  now: () => Date;
  media: BlobStore;
  events: EventHub;
};
