import type { Db } from '../../platform/db/database.js';
import type { Actor } from './roles.js';

/** What the account routes need. `abilitiesOf` covers every module's abilities (composed in server/). */
export type AccountDeps = {
  db: Db;
  now: () => Date;
  abilitiesOf: (actor: Actor) => string[];
};
