import type { Db } from '../../platform/db/database.js';
import type { IndicatorSource } from '../../platform/indicators.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type IndicatorsDeps = {
  db: Db;
  now: () => Date;
  /** the indicators other modules contribute (server/indicators.ts) */
  indicatorSources: readonly IndicatorSource[];
};
