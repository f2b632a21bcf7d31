import type { Db } from '../../platform/db/database.js';
import type { IndicatorSource } from '../../platform/indicators.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What this module's routes and workers need from the server (passed in by server/app.ts / workers.ts). */
export type ReportsDeps = {
  db: Db;
  now: () => Date;
  /** the indicators other modules contribute (server/indicators.ts): a report shows the same figures */
  indicatorSources: readonly IndicatorSource[];
};

/** What the routes need besides: the replica or the primary for a request's reads (list, detail, Excel). */
export type ReportRouteDeps = ReportsDeps & { readDb: ReadDb };
