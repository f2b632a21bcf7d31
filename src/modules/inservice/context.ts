import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What the in-service members' routes need (passed in by server/app.ts). */
export type InServiceDeps = {
  db: Db;
  pii: Pii;
  now: () => Date;
  /** the read replica for an export's rows (docs/replica.md) */
  readDb: ReadDb;
};
