/** The public entry of the reports module: other modules import only this file (ADR 0005). */
export { REPORT_ABILITIES } from './abilities.js';
export { REPORT_ERRORS } from './errors.js';
export { generateDueReports } from './schedule.js';
