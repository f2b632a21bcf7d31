import type { Db } from '../../platform/db/database.js';
import type { IceConfig } from './ice.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type CallDeps = {
  db: Db;
  now: () => Date;
  /** STUN/TURN servers of this deployment (env, see ice.ts); none on one LAN */
  ice?: IceConfig;
};
