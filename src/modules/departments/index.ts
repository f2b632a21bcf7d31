/** The public entry of the departments module: other modules import only this file (ADR 0005). */
export { DEPARTMENT_ABILITIES } from './abilities.js';
export { DEPARTMENT_ERRORS } from './errors.js';
export { departmentAt } from './service.js';
