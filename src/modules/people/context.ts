import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type PeopleDeps = {
  db: Db;
  pii: Pii;
  now: () => Date;
};
