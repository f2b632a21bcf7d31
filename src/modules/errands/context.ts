import type { BlobStore } from '../photos/index.js';
import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What the errand routes need: the use cases' deps and the photo store. */
export type ErrandRouteDeps = {
  db: Db;
  pii: Pii;
  now: () => Date;
  /** the working calendar of a county */
  calendar: (countyCode: string) => WorkCalendar;
  media: BlobStore;
  /** the replica or the primary for a request's read-only work (the export's rows, docs/replica.md) */
  readDb: ReadDb;
};
