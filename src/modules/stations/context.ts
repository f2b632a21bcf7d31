import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What the station routes need (passed in by server/app.ts); `readDb` for an export's rows. */
export type StationDeps = { db: Db; now: () => Date; readDb: ReadDb };
