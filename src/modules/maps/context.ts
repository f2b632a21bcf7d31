import type { Db } from '../../platform/db/database.js';

/** What the map routes need (passed in by server/app.ts). */
export type MapDeps = { db: Db; now: () => Date };
