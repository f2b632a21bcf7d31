import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What the whistle routes and use cases need. `now` is injectable so journeys run at fixed times. */
export type WhistleDeps = {
  db: Db;
  now: () => Date;
  /** the working calendar of a county: the departments' limits count working days */
  calendar: (countyCode: string) => WorkCalendar;
  /** the replica or the primary for a request's read-only work (the export's rows, docs/replica.md) */
  readDb: ReadDb;
};
