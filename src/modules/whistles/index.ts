/** The public entry of the whistles module (基层吹哨、部门必应): other modules import only this file (ADR 0005). */
export { WHISTLE_ABILITIES } from './abilities.js';
export { WHISTLE_ERRORS } from './errors.js';
export { sweepWhistles } from './sweep.js';
export { seedWhistleConfig, seedWhistleDemo } from './seed.js';
