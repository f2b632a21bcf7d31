/** The public entry of the cadres module: other modules import only this file (ADR 0005). */
export { CADRE_ABILITIES } from './abilities.js';
export { CADRE_ERRORS } from './errors.js';
export { seedCadreConfig, seedCadreDemo } from './seed.js';
export { findCadre as findVisibleCadre, type Scope as CadreScope } from './repository.js';
