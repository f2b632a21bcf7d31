/** The public entry of the emergency module: other modules import only this file (ADR 0005). */
export { EMERGENCY_ABILITIES } from './abilities.js';
export { EMERGENCY_ERRORS } from './errors.js';
export { seedEmergencyConfig, seedEmergencyDemo } from './seed.js';
export { emergencyLiveFeed } from './live.js';
