import type { CaseDeps } from '../cases/index.js';

/** What this module's routes and use cases need (the case use cases' deps: a ticket becomes a case). */
export type ExchangeDeps = CaseDeps;
