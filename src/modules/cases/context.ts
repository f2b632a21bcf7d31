import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';
import type { GridLocator } from '../grids/index.js';
import type { BlobStore } from '../photos/index.js';

/** What the case use cases need. `now` is injectable so journeys run at the seeds' times. */
export type CaseDeps = {
  db: Db;
  pii: Pii;
  grids: GridLocator;
  /** the working calendar of a county */
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
};

/** What the case routes need besides the use cases' deps: the photo store, the calendar reload. */
export type CaseRouteDeps = CaseDeps & {
  media: BlobStore;
  reloadCalendar: () => Promise<void>;
  /** the replica or the primary for a request's read-only work (the list, the export's rows) */
  readDb: ReadDb;
};

/** Only the case use cases' deps out of a wider set (so a use case never sees the rest). */
export const caseDeps = (ctx: CaseDeps): CaseDeps => ({
  db: ctx.db,
  pii: ctx.pii,
  grids: ctx.grids,
  calendar: ctx.calendar,
  now: ctx.now,
});
