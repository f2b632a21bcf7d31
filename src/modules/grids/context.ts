import type { Db } from '../../platform/db/database.js';
import type { GridLocator } from './locator.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type GridDeps = {
  db: Db;
  grids: GridLocator;
};
