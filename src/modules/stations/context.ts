import type { Db } from '../../platform/db/database.js';

/** What the station routes need (passed in by server/app.ts). */
export type StationDeps = { db: Db; now: () => Date };
