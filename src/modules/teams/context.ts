import type { Db } from '../../platform/db/database.js';
import type { ReadDb } from '../../platform/replica/router.js';

/** What the team routes need (passed in by server/app.ts); `readDb` for an export's rows (docs/replica.md). */
export type TeamDeps = { db: Db; now: () => Date; readDb: ReadDb };
