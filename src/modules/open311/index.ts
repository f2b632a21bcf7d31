/** The public entry of the open311 module: other modules import only this file (ADR 0005). */
export { createDemoOpen311Key, type DemoOpen311Key } from './keys.js';
/** Cases whose content is never published (petitions, social-governance categories). */
export { RESTRICTED_KINDS, RESTRICTED_SOURCES } from './status.js';
