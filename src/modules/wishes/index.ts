/** The public entry of the wishes module: other modules import only this file (ADR 0005). */
export { WISH_ABILITIES } from './abilities.js';
export { WISH_ERRORS } from './errors.js';
export { seedWishConfig, seedWishDemo } from './seed.js';
