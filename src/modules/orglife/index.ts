/** The public entry of the organisational-life module (三会一课, 主题党日, party lessons): other modules import only this file (ADR 0005). */
export { ORGLIFE_ABILITIES } from './abilities.js';
export { ORGLIFE_ERRORS } from './errors.js';
export { seedOrgLifeConfig, seedOrgLifeDemo } from './seed.js';
