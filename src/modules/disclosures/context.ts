import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type DisclosureDeps = {
  db: Db;
  now: () => Date;
  /** the replica or the primary for a request's read-only work (the export's rows, docs/replica.md) */
  readDb: ReadDb;
};
