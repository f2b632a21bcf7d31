/** The public entry of the in-service party members module (在职党员报到): other modules import only this file (ADR 0005). */
export { IN_SERVICE_ABILITIES } from './abilities.js';
export { IN_SERVICE_ERRORS } from './errors.js';
export { recordServiceHours } from './service.js';
export { seedInServiceDemo } from './seed.js';
