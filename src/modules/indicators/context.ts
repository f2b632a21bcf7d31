import type { Db } from '../../platform/db/database.js';
import type { IndicatorSource } from '../../platform/indicators.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type IndicatorsDeps = {
  db: Db;
  /** the replica or the primary for this request's reads (every indicator route only reads) */
  readDb: ReadDb;
  now: () => Date;
  /** the indicators other modules contribute (server/indicators.ts) */
  indicatorSources: readonly IndicatorSource[];
};
