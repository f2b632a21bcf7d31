/** The public entry of the disclosures module: other modules import only this file (ADR 0005). */
export { DISCLOSURE_ABILITIES } from './abilities.js';
export { DISCLOSURE_ERRORS } from './errors.js';
export { seedDisclosureConfig, seedDisclosureDemo } from './seed.js';
export { publishMajorMatter } from './publish-major.js';
