import type { DbOrTx } from '../../platform/db/database.js';
import type { Catalogue } from './catalogue.js';
import type { CaseFigures } from './sources.js';

/** What one indicator request works with: the database, the catalogue, where case figures come from, now. */
export type Ctx = { db: DbOrTx; catalogue: Catalogue; figures: CaseFigures; now: Date };
