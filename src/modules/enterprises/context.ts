import type { ReadDb } from '../../platform/replica/router.js';
import type { CaseDeps } from '../cases/index.js';

/**
 * What this module's routes and use cases need (the case use cases' deps: a need becomes a case),
 * and the replica or the primary for the export's rows (docs/replica.md).
 */
export type EnterpriseDeps = CaseDeps & { readDb: ReadDb };
