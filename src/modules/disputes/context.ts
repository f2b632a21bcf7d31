import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { BlobStore } from '../photos/index.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type DisputeDeps = {
  db: Db;
  pii: Pii;
  /** a county's working calendar (deadlines at each tier) */
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
  media: BlobStore;
  /** the replica or the primary for a request's read-only work (the export's rows, docs/replica.md) */
  readDb: ReadDb;
};
