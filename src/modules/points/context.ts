import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type PointsDeps = {
  db: Db;
  now: () => Date;
  /** the read replica for an export's rows (docs/replica.md) */
  readDb: ReadDb;
};
