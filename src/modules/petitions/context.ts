import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { GridLocator } from '../grids/index.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What the petition routes and use cases need (passed in by server/app.ts). A matter turned into a
 * case goes through the cases module's intake, which needs the grid locator and the calendar. */
export type PetitionDeps = {
  db: Db;
  pii: Pii;
  grids: GridLocator;
  calendar: (countyCode: string) => WorkCalendar;
  now: () => Date;
  /** the replica or the primary for a request's read-only work (the export's rows, docs/replica.md) */
  readDb: ReadDb;
};
