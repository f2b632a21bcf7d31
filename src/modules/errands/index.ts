/** The public entry of the errands module: other modules import only this file (ADR 0005). */
export { ERRAND_ABILITIES } from './abilities.js';
export { ERRAND_ERRORS } from './errors.js';
export { seedErrandConfig, seedErrandDemo } from './seed.js';
export { seedRelayDemo } from './seed-relay.js';
export { sweepErrandRelay } from './sweep.js';
