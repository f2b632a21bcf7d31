import type { Db } from '../../platform/db/database.js';
import type { BlobStore } from '../photos/index.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type OrgLifeDeps = {
  db: Db;
  now: () => Date;
  /** where lesson media live: the photos module's blob store */
  media: BlobStore;
};
