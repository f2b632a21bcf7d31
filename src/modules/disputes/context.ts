import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { BlobStore } from '../photos/index.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type DisputeDeps = {
  db: Db;
  pii: Pii;
  /** a county's working calendar (deadlines at each tier) */
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
  media: BlobStore;
};
