import type { Db } from '../platform/db/database.js';
import type { Pii } from '../platform/crypto.js';
import type { Logger } from '../platform/logging.js';
import type { GridLocator } from '../modules/grids/locator.js';

/** What route plugins receive: the platform services, built once per process. */
export type AppContext = {
  db: Db;
  pii: Pii;
  grids: GridLocator;
  log: Logger;
};
