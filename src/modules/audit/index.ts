/** The public entry of the audit module: other modules import only this file (ADR 0005). */
export { AUDIT_ABILITIES } from './abilities.js';
export { recordAudit } from './service.js';
export { auditCte } from './service.js';
export {
  checkRevealSearch,
  revealSearch,
  REVEAL_SEARCH_LIMIT,
  type RevealFound,
  type RevealSearch,
} from './reveal-search.js';
