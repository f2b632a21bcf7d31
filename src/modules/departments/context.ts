import type { Db } from '../../platform/db/database.js';

/** What this module's routes need from the server (passed in by server/app.ts). */
export type DepartmentDeps = { db: Db };
