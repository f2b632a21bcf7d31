/** The public entry of the disputes module (disputes, screening rhythms, mediation): other modules import only this file (ADR 0005). */
export { DISPUTE_ABILITIES } from './abilities.js';
export { DISPUTE_ERRORS } from './errors.js';
export { seedDisputeConfig, seedDisputeDemo } from './seed.js';
export { sweepDisputes } from './sweep.js';
export { insertDispute as openDisputeInTx } from './create.js';
export { DISPUTE_TYPES, RISK_LEVELS } from './states.js';
export type { DisputeInput } from './schemas.js';
