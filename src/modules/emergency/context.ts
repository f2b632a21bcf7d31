import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';
import type { GridLocator } from '../grids/index.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type EmergencyDeps = {
  db: Db;
  /** a request for help becomes a case: the cases module's intake needs these */
  pii: Pii;
  grids: GridLocator;
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
  /** the read replica for an export's rows (docs/replica.md) */
  readDb: ReadDb;
};
