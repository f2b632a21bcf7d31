import type { BlobStore } from '../photos/index.js';
import type { Db } from '../../platform/db/database.js';
import type { GridLocator } from '../grids/index.js';
import type { Pii } from '../../platform/crypto.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type Open311Deps = {
  db: Db;
  pii: Pii;
  grids: GridLocator;
  /** the working calendar of a county */
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
  media: BlobStore;
};
