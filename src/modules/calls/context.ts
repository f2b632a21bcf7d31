import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import type { ReadDb } from '../../platform/replica/router.js';
import type { IceConfig } from './ice.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type CallDeps = {
  db: Db;
  now: () => Date;
  /** the blind index of a phone searched in the log */
  pii: Pii;
  /** the read replica for the log's pages and an export's rows (docs/replica.md) */
  readDb: ReadDb;
  /** STUN/TURN servers of this deployment (env, see ice.ts); none on one LAN */
  ice?: IceConfig;
};
