/** The public entry of the petitions module (信访超市, J5): other modules import only this file (ADR 0005). */
export { PETITION_ABILITIES } from './abilities.js';
export { PETITION_ERRORS } from './errors.js';
export { seedPetitionConfig, seedPetitionDemo } from './seed.js';
export { warnPetitionLimits } from './sweep.js';
