import type { Db } from '../../platform/db/database.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type PartyDeps = {
  db: Db;
  now: () => Date;
};
