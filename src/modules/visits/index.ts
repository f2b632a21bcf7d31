/** The public entry of the visits module: other modules import only this file (ADR 0005). */
export { VISIT_ABILITIES } from './abilities.js';
export { VISIT_ERRORS } from './errors.js';
export { seedVisitConfig, seedVisitDemo } from './seed.js';
export { getIntervals } from './intervals.js';
