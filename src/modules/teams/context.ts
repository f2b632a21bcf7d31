import type { Db } from '../../platform/db/database.js';

/** What the team routes need (passed in by server/app.ts). */
export type TeamDeps = { db: Db; now: () => Date };
