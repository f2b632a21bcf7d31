/** The public entry of the meetings module (议事厅): other modules import only this file (ADR 0005). */
export { MEETING_ABILITIES } from './abilities.js';
export { MEETING_ERRORS } from './errors.js';
export { seedMeetingConfig, seedMeetingDemo } from './seed.js';
