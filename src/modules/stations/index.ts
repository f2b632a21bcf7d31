/** The public entry of the stations module (issue 14, J9/J12): other modules import only this file (ADR 0005). */
export { STATION_ABILITIES } from './abilities.js';
export { STATION_ERRORS } from './errors.js';
export { STATION_INDICATORS } from './indicators.js';
export { seedStationConfig, seedStationDemo } from './seed.js';
export { remindOverdueLoans } from './sweep.js';
