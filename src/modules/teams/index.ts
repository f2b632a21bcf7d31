/** The public entry of the teams module (5+5+N, J7): other modules import only this file (ADR 0005). */
export { TEAM_ABILITIES } from './abilities.js';
export { TEAM_ERRORS } from './errors.js';
export { FIVE_COUNCILS, FIVE_ROLES, MEDIATING_CODES } from './kinds.js';
export { seedTeamConfig, seedTeamDemo } from './seed.js';
/** Choose mediators or meeting participants from a village's teams (scoped to the caller's subtree). */
export { teamMembersFor } from './service.js';
