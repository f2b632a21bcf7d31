import type { WorkCalendar } from '../platform/calendar/work-calendar.js';
import type { Db } from '../platform/db/database.js';
import type { Pii } from '../platform/crypto.js';
import type { EventHub } from '../platform/events.js';
import type { Logger } from '../platform/logging.js';
import type { ReadDb } from '../platform/replica/router.js';
import type { GridLocator } from '../modules/grids/locator.js';
import type { BlobStore } from '../modules/photos/index.js';
import type { ReadRouting } from './read-routing.js';

/** What route plugins receive: the platform services, built once per process. */
export type AppContext = {
  db: Db;
  /**
   * The database for a request's read-only work (dashboards, reports, exports, big lists): the replica
   * when DATABASE_REPLICA_URL is set, up, not lagging and past the caller's own last write; else `db`.
   * Never for writes (docs/replica.md).
   */
  readDb: ReadDb;
  /** the read router with its read-your-writes hook (server/app.ts installs it) */
  reads: ReadRouting;
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
