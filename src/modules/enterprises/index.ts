/** The public entry of the enterprises module: other modules import only this file (ADR 0005). */
export { ENTERPRISE_ABILITIES } from './abilities.js';
export { ENTERPRISE_ERRORS } from './errors.js';
export { isCreditCode } from './credit-code.js';
export { seedEnterpriseConfig, seedEnterpriseDemo } from './seed.js';
export { importEnterpriseRecords, type EnterpriseImporter, type EnterpriseRowError } from './bulk.js';
