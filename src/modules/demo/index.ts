/** The public entry of the demo module: other modules import only this file (ADR 0005). */
export { J1 } from './accounts.js';
export { isValidIdNumber } from './population.js';
