/** The public entry of the points module: other modules import only this file (ADR 0005). */
export { POINTS_ABILITIES } from './abilities.js';
export { awardPoints, earnsPoints } from './award.js';
export { POINTS_ERRORS } from './errors.js';
export { seedPointsConfig, seedPointsDemo } from './seed.js';
export { linkAccount, lockWorker, unlinkAccount, workerOfAccount } from './roster-links.js';
